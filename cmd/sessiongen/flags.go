package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"sort"
)

// config is one invocation.
type config struct {
	out     string
	check   bool
	list    bool
	prune   bool
	version bool
	schemas []string
	// command is the invocation as typed, for the hint -check prints.
	command []string
}

// bundledSchemas is the full set of schemas whose packages generated/ holds,
// relative to the module root: the bundled APIs and the conformance fixture.
// A run with no schema arguments generates exactly this set, and prunes.
var bundledSchemas = []string{"schema/apis/*.yaml", "testdata/conformance/schema.yaml", "testdata/conformance/shared.yaml"}

const usageLine = "usage: sessiongen [-o dir] [-check [-l]] [-prune] [schema.yaml ...]"

func parseFlags(args []string, stdout, stderr io.Writer) (*config, error) {
	fs := flag.NewFlagSet("sessiongen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg := &config{}
	fs.StringVar(&cfg.out, "o", "generated", "output root: each package goes in <dir>/<package.path>/")
	fs.BoolVar(&cfg.check, "check", false, "write nothing; print a diff of every stale file, list missing and extra ones, exit 1 if any")
	fs.BoolVar(&cfg.list, "l", false, "with -check (implied): print only the paths of the files that are not current")
	fs.BoolVar(&cfg.prune, "prune", false, "the schemas are the full set: also remove (or, with -check, report) sessiongen files\nunder the output root that they do not generate (never under vendor/, testdata/ or another module)")
	fs.BoolVar(&cfg.version, "version", false, "print the version and exit")
	usage := func(w io.Writer) {
		fs.SetOutput(w)
		fmt.Fprintln(w, usageLine)
		fmt.Fprintf(w, "\nWith no schema arguments: the bundled set (%s and %s, from the module root), with -prune.\n\n", bundledSchemas[0], bundledSchemas[1])
		fs.PrintDefaults()
	}
	// Parse prints its error; the usage follows, where it belongs.
	fs.Usage = func() {}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			// Asked for: the usage goes to stdout and the exit status is 0.
			usage(stdout)
			return nil, flag.ErrHelp
		}
		usage(stderr)
		return nil, errUsage
	}
	if cfg.list {
		cfg.check = true
	}
	cfg.schemas = fs.Args()
	if len(cfg.schemas) == 0 && !cfg.version {
		for _, pattern := range bundledSchemas {
			matches, err := filepath.Glob(pattern)
			if err != nil {
				return nil, err
			}
			if len(matches) == 0 {
				return nil, fmt.Errorf("no schema arguments and no %s here: run from the sessiongen module root or name the schemas", pattern)
			}
			cfg.schemas = append(cfg.schemas, matches...)
		}
		cfg.prune = true
	}
	cfg.schemas = cleanSchemaArgs(cfg.schemas)
	return cfg, nil
}

// cleanSchemaArgs puts schema arguments in one order whatever their order
// and spelling. Input order must not change the output. Clean before
// sorting and drop repeats (fix: "a.yaml ./a.yaml" loaded the file twice and
// reported its package.path as used by itself; sorting before cleaning also
// let the spelling of a path change the order).
func cleanSchemaArgs(schemas []string) []string {
	for i, s := range schemas {
		schemas[i] = filepath.ToSlash(filepath.Clean(s))
	}
	sort.Strings(schemas)
	return slices.Compact(schemas)
}
