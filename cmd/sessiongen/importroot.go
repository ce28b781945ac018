package main

import (
	"bufio"
	"bytes"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
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
			mod := modulePathOf(data)
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

// modulePathOf returns the path of go.mod's module directive, "" without
// one.
func modulePathOf(gomod []byte) string {
	sc := bufio.NewScanner(bytes.NewReader(gomod))
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "//")
		rest, ok := strings.CutPrefix(strings.TrimSpace(line), "module")
		if !ok || rest == "" || (rest[0] != ' ' && rest[0] != '\t' && rest[0] != '"') {
			continue
		}
		rest = strings.TrimSpace(rest)
		if unq, err := strconv.Unquote(rest); err == nil {
			return unq
		}
		return rest
	}
	return ""
}
