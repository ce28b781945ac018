package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/sessiongen/sessiongen/generator"
	"github.com/sessiongen/sessiongen/generator/output"
	"github.com/sessiongen/sessiongen/schema"
)

// errStale reports that -check found differences (already printed).
var errStale = errors.New("generated files are not current")

func (cfg *config) execute(stdout, stderr io.Writer) error {
	files, err := schema.LoadFiles(cfg.schemas...)
	if err != nil {
		return err
	}
	for _, f := range files {
		for _, w := range f.Warnings {
			fmt.Fprintf(stderr, "%s:%d:%d: warning: %s\n", w.Pos.File, w.Pos.Line, w.Pos.Col, w.Msg)
		}
	}
	gen, err := generator.Generate(files)
	if err != nil {
		return err
	}
	if cfg.check {
		changes, err := output.Compare(cfg.out, gen)
		if err != nil {
			return err
		}
		for _, c := range changes {
			fmt.Fprint(stdout, output.Diff(c))
		}
		if len(changes) > 0 {
			fmt.Fprintf(stdout, "sessiongen: %d generated file(s) under %s are not current; run go run ./cmd/sessiongen\n", len(changes), cfg.out)
			return errStale
		}
		return nil
	}
	changes, err := output.Write(cfg.out, gen)
	if err != nil {
		return err
	}
	for _, c := range changes {
		fmt.Fprintf(stdout, "%s %s\n", c.Kind, c.Path)
	}
	return nil
}
