package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
)

// config is one invocation.
type config struct {
	out     string
	check   bool
	schemas []string
}

// defaultSchemas is where the bundled definitions live, relative to the
// module root.
const defaultSchemas = "schema/apis/*.yaml"

// conformanceSchema describes the conformance fixture package that
// generated/conformance holds; a run with no arguments regenerates it too, so
// that it is never taken for stale output.
const conformanceSchema = "testdata/conformance/schema.yaml"

func parseFlags(args []string, stderr io.Writer) (*config, error) {
	fs := flag.NewFlagSet("sessiongen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg := &config{}
	fs.StringVar(&cfg.out, "o", "generated", "output root: each package goes in its package.path under it")
	fs.BoolVar(&cfg.check, "check", false, "write nothing; print a diff of stale, missing or extra files and exit 1 if there are any")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: sessiongen [-o dir] [-check] [schema.yaml ...]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return nil, errUsage
	}
	cfg.schemas = fs.Args()
	if len(cfg.schemas) == 0 {
		matches, err := filepath.Glob(defaultSchemas)
		if err != nil {
			return nil, err
		}
		if len(matches) == 0 {
			return nil, fmt.Errorf("no schema arguments and no %s here: run from the module root or name the schemas", defaultSchemas)
		}
		cfg.schemas = matches
		if _, err := os.Stat(conformanceSchema); err == nil {
			cfg.schemas = append(cfg.schemas, conformanceSchema)
		}
	}
	// Input order must not change the output. Clean before sorting and drop
	// repeats (fix: "a.yaml ./a.yaml" loaded the file twice and reported its
	// package.path as used by itself; sorting before cleaning also let the
	// spelling of a path change the order).
	for i, s := range cfg.schemas {
		cfg.schemas[i] = filepath.ToSlash(filepath.Clean(s))
	}
	sort.Strings(cfg.schemas)
	cfg.schemas = slices.Compact(cfg.schemas)
	return cfg, nil
}
