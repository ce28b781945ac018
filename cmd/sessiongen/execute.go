package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/sessiongen/sessiongen/generator"
	"github.com/sessiongen/sessiongen/generator/output"
	"github.com/sessiongen/sessiongen/internal/gotypecheck"
	"github.com/sessiongen/sessiongen/schema"
)

// errStale reports that -check found differences (already printed).
var errStale = errors.New("generated files are not current")

func (cfg *config) execute(stdout, stderr io.Writer) error {
	if cfg.version {
		fmt.Fprintln(stdout, versionLine())
		return nil
	}
	files, err := schema.LoadFiles(cfg.schemas...)
	if err != nil {
		return err
	}
	printWarnings(stderr, files)
	gen, err := generator.GenerateWith(files, sharedRuntimeOptions(importRoot(cfg.out)))
	if err != nil {
		return err
	}
	// Before anything is written or compared: the caller's goType types
	// must exist, with their codec methods, in the module of the output.
	if err := gotypecheck.Check(existingDir(cfg.out), files); err != nil {
		return err
	}
	return cfg.writeOrCheck(stdout, gen, output.Options{Prune: cfg.prune})
}

// printWarnings prints the loader's doubts about files, one line each.
func printWarnings(stderr io.Writer, files []*schema.File) {
	for _, f := range files {
		for _, w := range f.Warnings {
			fmt.Fprintf(stderr, "%s:%d:%d: warning: %s\n", w.Pos.File, w.Pos.Line, w.Pos.Col, w.Msg)
		}
	}
}

// writeOrCheck brings the files under cfg.out in line with gen, printing a
// line per change and a summary, or with cfg.check compares and reports
// (errStale when anything is not current). Every verb that writes
// generated files goes through it.
func (cfg *config) writeOrCheck(stdout io.Writer, gen []generator.File, opts output.Options) error {
	if cfg.check {
		changes, err := output.Compare(cfg.out, gen, opts)
		if err != nil {
			return err
		}
		cfg.report(stdout, changes)
		if len(changes) > 0 {
			return errStale
		}
		return nil
	}
	res, err := output.Write(cfg.out, gen, opts)
	if err != nil {
		return err
	}
	counts := map[string]int{}
	for _, c := range res.Changes {
		fmt.Fprintf(stdout, "%s %s\n", output.Verb(c.Kind), c.Path)
		counts[output.Verb(c.Kind)]++
	}
	for _, d := range res.RemovedDirs {
		fmt.Fprintf(stdout, "removed %s/ (left empty)\n", d)
	}
	if len(res.Changes) > 0 {
		var parts []string
		for _, v := range []string{"created", "updated", "removed"} {
			if counts[v] > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", counts[v], v))
			}
		}
		fmt.Fprintf(stdout, "sessiongen: %s under %s\n", strings.Join(parts, ", "), cfg.out)
	}
	return nil
}

// report prints what -check found: a diff of each stale file, the path of
// each missing or extra one, a line per kind, and the command that fixes it.
// With -l, only the paths.
func (cfg *config) report(w io.Writer, changes []output.Change) {
	if cfg.list {
		for _, c := range changes {
			fmt.Fprintln(w, filepath.Join(cfg.out, filepath.FromSlash(c.Path)))
		}
		return
	}
	counts := map[string]int{}
	for _, c := range changes {
		counts[c.Kind]++
		switch c.Kind {
		case output.Stale:
			fmt.Fprint(w, output.Diff(c))
		case output.Missing:
			fmt.Fprintf(w, "missing %s\n", c.Path)
		case output.Extra:
			fmt.Fprintf(w, "extra %s\n", c.Path)
		}
	}
	for _, k := range []struct{ kind, what string }{
		{output.Stale, "content differs from what the schemas generate"},
		{output.Missing, "generated, not on disk"},
		{output.Extra, "on disk, no longer generated"},
	} {
		if n := counts[k.kind]; n > 0 {
			fmt.Fprintf(w, "sessiongen: %d %s %s under %s (%s)\n", n, k.kind, plural(n, "file"), cfg.out, k.what)
		}
	}
	if len(changes) > 0 {
		fmt.Fprintf(w, "sessiongen: to update them, run: %s\n", strings.Join(cfg.command, " "))
	}
}

func plural(n int, s string) string {
	if n == 1 {
		return s
	}
	return s + "s"
}

// modulePath is the module this command belongs to.
const modulePath = "github.com/sessiongen/sessiongen"

// versionLine names the sessiongen module version this binary was built
// from, whether it is the main module (go install, go run) or a dependency
// of the main module (go tool in a downstream module).
func versionLine() string {
	version := "(unknown)"
	goVersion := ""
	if info, ok := debug.ReadBuildInfo(); ok {
		goVersion = " " + info.GoVersion
		mods := append([]*debug.Module{&info.Main}, info.Deps...)
		for _, m := range mods {
			if m.Path != modulePath {
				continue
			}
			version = m.Version
			if m.Replace != nil {
				version += " => " + m.Replace.Path
				if v := m.Replace.Version; v != "" && v != "(devel)" {
					version += " " + v
				}
			}
			break
		}
	}
	return "sessiongen " + version + goVersion
}

// existingDir is dir or its nearest existing parent: the output root may
// not exist yet, and its module is that of the folder it will be made in.
func existingDir(dir string) string {
	for {
		if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return dir
		}
		dir = parent
	}
}
