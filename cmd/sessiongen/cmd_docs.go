package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/sessiongen/sessiongen/generator/output"
	"github.com/sessiongen/sessiongen/refdocs"
	"github.com/sessiongen/sessiongen/schema"
)

// docsSchemas are the schemas whose pages docs/reference holds: the bundled
// APIs (the conformance fixture is a test, not an API).
const docsSchemas = "schema/apis/*.yaml"

const docsUsage = "usage: sessiongen docs [-o dir] [-check [-l]] [-prune] [schema.yaml ...]"

// runDocs is sessiongen docs: Markdown reference pages, written or checked
// with the same all-or-nothing machinery as the Go packages.
func runDocs(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("sessiongen docs", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg := &config{}
	fs.StringVar(&cfg.out, "o", filepath.Join("docs", "reference"), "output root: each schema's pages go in <dir>/<package.path>/")
	fs.BoolVar(&cfg.check, "check", false, "write nothing; print a diff of every stale page, list missing and extra ones, exit 1 if any")
	fs.BoolVar(&cfg.list, "l", false, "with -check (implied): print only the paths of the pages that are not current")
	fs.BoolVar(&cfg.prune, "prune", false, "the schemas are the full set: also remove (or, with -check, report) sessiongen pages\nunder the output root that they do not generate")
	usage := func(w io.Writer) {
		fmt.Fprintln(w, docsUsage)
		fmt.Fprintf(w, `
Writes one Markdown page per resource and per type of each schema, and an
index per schema: <dir>/<package.path>/index.md, resources/<name>.md and
types/<name>.md. Pages start with a generated-file marker and link to each
other with relative links. With no schema arguments: the bundled APIs
(%s, from the module root) into docs/reference, with -prune.

`, docsSchemas)
		fs.SetOutput(w)
		fs.PrintDefaults()
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
	if cfg.list {
		cfg.check = true
	}
	cfg.schemas = fs.Args()
	if len(cfg.schemas) == 0 {
		matches, err := filepath.Glob(docsSchemas)
		if err != nil || len(matches) == 0 {
			fmt.Fprintf(stderr, "sessiongen docs: no schema arguments and no %s here: run from the sessiongen module root or name the schemas\n", docsSchemas)
			return exitUsage
		}
		cfg.schemas = matches
		cfg.prune = true
	}
	cfg.schemas = cleanSchemaArgs(cfg.schemas)
	// The hint -check prints: this invocation without -check and -l.
	cfg.command = slices.Insert(updateCommand(os.Args[0], workModule(), buildVersion(), args), 1, "docs")

	files, err := schema.LoadFiles(cfg.schemas...)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFail
	}
	printWarnings(stderr, files)
	pages, err := refdocs.Render(files)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFail
	}
	if err := cfg.writeOrCheck(stdout, pages, output.Options{Prune: cfg.prune, Syntax: output.Markdown}); err != nil {
		if !errors.Is(err, errStale) {
			fmt.Fprintln(stderr, err)
		}
		return exitFail
	}
	return exitOK
}
