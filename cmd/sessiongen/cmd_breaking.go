package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/sessiongen/sessiongen/breaking"
)

const breakingUsage = "usage: sessiongen breaking -against <git revision | old schema file | old folder> [-v] [-allow RULE_ID,...] [schema.yaml ...]"

// runBreaking compares schemas with their old versions and exits 1 when a
// change breaks the wire or the generated Go API.
func runBreaking(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("sessiongen breaking", flag.ContinueOnError)
	fs.SetOutput(stderr)
	against := fs.String("against", "", "the old versions: a git revision (HEAD, main, HEAD~1), a schema file, or a folder holding them")
	verbose := fs.Bool("v", false, "also list compatible changes and allowed ones")
	var allow []string
	fs.Func("allow", "rule IDs to allow for every schema, comma-separated (repeatable)", func(s string) error {
		for _, id := range strings.Split(s, ",") {
			if id = strings.TrimSpace(id); id != "" {
				allow = append(allow, id)
			}
		}
		return nil
	})
	usage := func(w io.Writer) {
		fs.SetOutput(w)
		fmt.Fprintln(w, breakingUsage)
		fmt.Fprintf(w, "\nReports every change from the old version of each schema that breaks programs on the wire\nor Go code using the generated package, as file:line:col: RULE_ID: message, and exits 1 if any.\nWith no schema arguments: the bundled set (%s), from the module root.\nA schema allows rules with a comment: # sessiongen:allow-breaking RULE_ID[,RULE_ID...]\n\n", strings.Join(bundledSchemas, ", "))
		fs.PrintDefaults()
		fmt.Fprintln(w, "\nRules:")
		for _, r := range breaking.Rules {
			fmt.Fprintf(w, "  %-28s %-10s %s\n", r.ID, r.Category, r.Rationale)
		}
	}
	fs.Usage = func() {}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(stdout)
			return exitOK
		}
		usage(stderr)
		return exitUsage
	}
	if *against == "" {
		fmt.Fprintln(stderr, "sessiongen breaking: -against is required")
		fmt.Fprintln(stderr, breakingUsage)
		return exitUsage
	}
	for _, id := range allow {
		if !slices.ContainsFunc(breaking.Rules, func(r breaking.Rule) bool { return r.ID == id }) {
			fmt.Fprintf(stderr, "sessiongen breaking: -allow %s: unknown rule (sessiongen breaking -h lists them)\n", id)
			return exitUsage
		}
	}
	schemas := fs.Args()
	if len(schemas) == 0 {
		for _, pattern := range bundledSchemas {
			matches, err := filepath.Glob(pattern)
			if err != nil || len(matches) == 0 {
				fmt.Fprintf(stderr, "sessiongen breaking: no schema arguments and no %s here: run from the sessiongen module root or name the schemas\n", pattern)
				return exitUsage
			}
			schemas = append(schemas, matches...)
		}
	}
	for i, s := range schemas {
		schemas[i] = filepath.ToSlash(filepath.Clean(s))
	}
	sort.Strings(schemas)
	schemas = slices.Compact(schemas)

	versions, err := breaking.Load(schemas, *against)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFail
	}
	defer versions.Close()
	findings, err := versions.Check(allow)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFail
	}
	broken := 0
	for _, f := range findings {
		if f.Breaking() {
			broken++
		}
		if f.Breaking() || *verbose {
			fmt.Fprintln(stdout, f)
		}
	}
	if broken > 0 {
		fmt.Fprintf(stderr, "sessiongen breaking: %d breaking %s against %s\n", broken, plural(broken, "change"), *against)
		return exitFail
	}
	return exitOK
}
