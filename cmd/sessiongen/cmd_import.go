package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/sessiongen/sessiongen/openapi"
)

const importUsage = "usage: sessiongen import [-o schema.yaml] [-path prefix] [-tag t] [-operation id] spec.(json|yaml)"

func importCommand() subcommand {
	return subcommand{summary: "write a schema from an OpenAPI 3.0 or 3.1 spec", run: runImport}
}

// runImport is sessiongen import: the work is package openapi's; this
// reads the spec, prints what could not be mapped and writes the schema.
func runImport(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("sessiongen import", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var opts openapi.Options
	out := fs.String("o", "", "write the schema to this file (default: standard output)")
	appendTo := func(list *[]string) func(string) error {
		return func(s string) error { *list = append(*list, s); return nil }
	}
	fs.Func("path", "import the operations whose path starts with `prefix` (repeatable)", appendTo(&opts.PathPrefixes))
	fs.Func("tag", "import the operations with tag `t` (repeatable)", appendTo(&opts.Tags))
	fs.Func("operation", "import the operation with operationId `id` (repeatable)", appendTo(&opts.OperationIDs))
	usage := func(w io.Writer) {
		fs.SetOutput(w)
		fmt.Fprintln(w, importUsage)
		fmt.Fprint(w, `
Reads an OpenAPI 3.0 or 3.1 document (JSON or YAML) and writes a sessiongen schema for the
selected operations (every operation without a selection flag; with several, any that matches)
and every type they reach. What cannot be mapped is a comment starting with "import:" in the
schema, at the place it applies, and a line on standard error with the spec's JSON pointer.
A document sessiongen export wrote is read back into the schema it came from.

`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(stdout)
			return exitOK
		}
		fmt.Fprintf(stderr, "sessiongen import: %v\n", err)
		usage(stderr)
		return exitUsage
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "sessiongen import: want exactly one spec file")
		usage(stderr)
		return exitUsage
	}
	specPath := fs.Arg(0)
	spec, err := readLimited(specPath, openapi.MaxSpecSize)
	if err != nil {
		fmt.Fprintf(stderr, "sessiongen import: %v\n", err)
		return exitFail
	}
	opts.Source = filepath.Base(specPath)
	res, err := openapi.Import(spec, opts)
	if err != nil {
		fmt.Fprintf(stderr, "sessiongen import: %s%v\n", specPath, err)
		return exitFail
	}
	for _, n := range res.Notes {
		fmt.Fprintf(stderr, "%s%s: not mapped: %s\n", specPath, n.Pointer, n.Message)
	}
	if *out == "" {
		if _, err := stdout.Write(res.YAML); err != nil {
			fmt.Fprintf(stderr, "sessiongen import: %v\n", err)
			return exitFail
		}
		return exitOK
	}
	if err := writeAtomically(*out, res.YAML); err != nil {
		fmt.Fprintf(stderr, "sessiongen import: %v\n", err)
		return exitFail
	}
	return exitOK
}

// readLimited reads at most limit bytes of path, refusing larger files.
func readLimited(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%s: larger than %d bytes", path, limit)
	}
	return b, nil
}

// writeAtomically writes b to path through a temporary file in the same
// folder, so that path holds the old content or the new, never half.
func writeAtomically(path string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".sessiongen-import-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
