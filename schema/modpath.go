package schema

import (
	"os"
	"path/filepath"
)

// moduleRelPath returns p relative to the root of the Go module holding it
// (the nearest folder at or above p's folder that has a go.mod), with
// slashes, or p's base name when no folder above it has a go.mod. The result
// is the same whatever the working directory and however p is spelled.
func moduleRelPath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.Base(p)
	}
	for dir := filepath.Dir(abs); ; dir = filepath.Dir(dir) {
		if info, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil && info.Mode().IsRegular() {
			if rel, err := filepath.Rel(dir, abs); err == nil {
				return filepath.ToSlash(rel)
			}
			break
		}
		if filepath.Dir(dir) == dir {
			break
		}
	}
	return filepath.Base(abs)
}
