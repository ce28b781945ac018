package main

import (
	"os"
	"path"
	"path/filepath"

	"golang.org/x/mod/modfile"

	"github.com/sessiongen/sessiongen/generator"
)

// importRoot returns the Go import path of the output root dir: the module
// path of the nearest go.mod at or above it, joined with dir's folder in
// that module. dir need not exist yet. It returns "" when no go.mod is
// found or it names no module; only schemas with imports need the path,
// and the generator reports it there.
func importRoot(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for root := abs; ; root = filepath.Dir(root) {
		if data, err := os.ReadFile(filepath.Join(root, "go.mod")); err == nil {
			mod := modfile.ModulePath(data) // "" without a module directive
			if mod == "" {
				return ""
			}
			rel, err := filepath.Rel(root, abs)
			if err != nil {
				return ""
			}
			return path.Join(mod, filepath.ToSlash(rel))
		}
		if filepath.Dir(root) == root {
			return ""
		}
	}
}

// sharedRuntimeOptions are the generator's options for an output root whose
// import path is root: the packages share one runtime under the root when
// its import path is known (a go.mod above it); without one the support
// code is copied into each package.
func sharedRuntimeOptions(root string) generator.Options {
	return generator.Options{ImportRoot: root, SharedRuntime: root != ""}
}
