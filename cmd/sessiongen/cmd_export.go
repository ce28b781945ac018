package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/sessiongen/sessiongen/openapi"
	"github.com/sessiongen/sessiongen/schema"
)

const exportUsage = "usage: sessiongen export [-o openapi.yaml] schema.yaml"

// exportCommand is sessiongen export: the OpenAPI 3.1 document of a schema.
func exportCommand() subcommand {
	return subcommand{
		summary: "write the OpenAPI 3.1 document of a schema (sessiongen export -o openapi.yaml schema.yaml)",
		run:     runExport,
	}
}

func runExport(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("sessiongen export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "", "write the document to this file (replaced whole, never half-written) instead of standard output")
	usage := func(w io.Writer) {
		fs.SetOutput(w)
		fmt.Fprintln(w, exportUsage)
		fmt.Fprint(w, `
Writes the OpenAPI 3.1 document (YAML) of one schema: its types as components/schemas
(with the types of the schemas it imports, named as it refers to them), its resources
as tags, its methods as operations with their parameters, bodies, statuses, headers
and error responses, its auth as a security scheme. What OpenAPI has no word for
(paging, open enums' sentinels, createOnly, pii, cross-field rules, ...) is kept in
x-sessiongen-* extensions. Keys come in a fixed order: one schema, the same bytes.

`)
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
	if fs.NArg() != 1 {
		fmt.Fprintf(stderr, "sessiongen export: want one schema file, got %d arguments\n", fs.NArg())
		usage(stderr)
		return exitUsage
	}
	files, err := schema.LoadFiles(fs.Arg(0))
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFail
	}
	for _, w := range files[0].Warnings {
		fmt.Fprintf(stderr, "%s:%d:%d: warning: %s\n", w.Pos.File, w.Pos.Line, w.Pos.Col, w.Msg)
	}
	doc, err := openapi.Export(files[0])
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFail
	}
	if *out == "" {
		if _, err := stdout.Write(doc); err != nil {
			fmt.Fprintf(stderr, "sessiongen export: %v\n", err)
			return exitFail
		}
		return exitOK
	}
	if err := replaceFile(*out, doc); err != nil {
		fmt.Fprintf(stderr, "sessiongen export: %v\n", err)
		return exitFail
	}
	return exitOK
}

// replaceFile writes data to path through a temporary file in its folder
// and a rename, so path holds either its old content or all of data.
func replaceFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}
