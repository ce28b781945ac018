// Command apidiff is the oracle of breaking's Go-API rules: it loads every
// package the test generated in one go/packages call and runs
// golang.org/x/exp/apidiff on each pair, printing one line per
// incompatible change: "<pair>\t<message>".
//
// It lives in a module of its own because every served version of
// golang.org/x/exp requires go 1.26, and the sessiongen module stays on go
// 1.25; breaking's test runs it with go run.
package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"

	"golang.org/x/exp/apidiff"
	"golang.org/x/tools/go/packages"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: apidiff pairs.txt (lines: name old-import-path new-import-path)")
		os.Exit(2)
	}
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	type pair struct{ name, old, new string }
	var pairs []pair
	var patterns []string
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) != 3 {
			continue
		}
		pairs = append(pairs, pair{f[0], f[1], f[2]})
		patterns = append(patterns, f[1], f[2])
	}
	// Export data: the generated packages are compiled (the build cache keeps them),
	// which is much faster than type-checking 100-odd packages from source.
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedTypes | packages.NeedImports}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	byPath := map[string]*packages.Package{}
	failed := false
	for _, p := range pkgs {
		for _, e := range p.Errors {
			fmt.Fprintf(os.Stderr, "%s: %v\n", p.PkgPath, e)
			failed = true
		}
		byPath[p.PkgPath] = p
	}
	if failed {
		os.Exit(1)
	}
	for _, pr := range pairs {
		o, n := byPath[pr.old], byPath[pr.new]
		if o == nil || n == nil {
			fmt.Fprintf(os.Stderr, "%s: package not loaded\n", pr.name)
			os.Exit(1)
		}
		fmt.Printf("%s\t-\n", pr.name) // every pair answers, even with nothing to report
		for _, c := range apidiff.Changes(o.Types, n.Types).Changes {
			if !c.Compatible {
				fmt.Printf("%s\t%s\n", pr.name, c.Message)
			}
		}
	}
}
