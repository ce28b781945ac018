package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"testing"

	"github.com/sessiongen/sessiongen/generator"
	"github.com/sessiongen/sessiongen/schema"
)

// bundledAPIs returns the module's schema/apis/*.yaml, relative to this
// package, sorted.
func bundledAPIs(t *testing.T) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "..", bundledSchemas[0]))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) < 2 {
		t.Fatalf("want at least two bundled schemas, found %v", paths)
	}
	sort.Strings(paths)
	for i, p := range paths {
		paths[i] = filepath.ToSlash(p)
	}
	return paths
}

// generateAll loads and generates paths in memory and returns the files by
// path. Generate's slice follows the input order; what is written (and
// compared) is the set of files, which output.Write sorts.
func generateAll(t *testing.T, paths []string) map[string][]byte {
	t.Helper()
	files, err := schema.LoadFiles(paths...)
	if err != nil {
		t.Fatalf("loading %v: %v", paths, err)
	}
	gen, err := generator.GenerateWith(files, generator.Options{ImportRoot: "example.com/out"})
	if err != nil {
		t.Fatalf("generating %v: %v", paths, err)
	}
	out := map[string][]byte{}
	for _, f := range gen {
		if _, dup := out[f.Path]; dup {
			t.Fatalf("%s generated twice", f.Path)
		}
		out[f.Path] = f.Content
	}
	if len(out) == 0 {
		t.Fatal("nothing generated")
	}
	return out
}

// sameOutput reports every difference between two generations.
func sameOutput(t *testing.T, what string, want, got map[string][]byte) {
	t.Helper()
	for _, p := range sortedKeys(want) {
		g, ok := got[p]
		switch {
		case !ok:
			t.Errorf("%s: %s is not generated", what, p)
		case !bytes.Equal(g, want[p]):
			t.Errorf("%s: %s differs", what, p)
		}
	}
	for _, p := range sortedKeys(got) {
		if _, ok := want[p]; !ok {
			t.Errorf("%s: %s is generated only this time", what, p)
		}
	}
}

func TestDeterministicInputOrder(t *testing.T) {
	paths := bundledAPIs(t)
	want := generateAll(t, paths)
	// Reversed, so that at least one order differs from the sorted one, and
	// one shuffle (each generation takes a fraction of a second: keep few).
	reversed := append([]string(nil), paths...)
	for i, j := 0, len(reversed)-1; i < j; i, j = i+1, j-1 {
		reversed[i], reversed[j] = reversed[j], reversed[i]
	}
	sameOutput(t, "reversed", want, generateAll(t, reversed))
	shuffled := append([]string(nil), paths...)
	rand.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	sameOutput(t, fmt.Sprintf("shuffled %q", shuffled), want, generateAll(t, shuffled))
}

func TestDeterministicGOMAXPROCS(t *testing.T) {
	paths := bundledAPIs(t)
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	one := generateAll(t, paths)
	runtime.GOMAXPROCS(4)
	sameOutput(t, "GOMAXPROCS 4 vs 1", one, generateAll(t, paths))
}

func TestDeterministicCRLF(t *testing.T) {
	// The header names the schema path, so both generations must load the
	// same relative path: each copy is laid out as schema/apis/<name> in its
	// own directory, and the test runs from that directory.
	paths := bundledAPIs(t)
	lfDir, crlfDir := t.TempDir(), t.TempDir()
	var rel []string
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		lf := bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		crlf := bytes.ReplaceAll(lf, []byte("\n"), []byte("\r\n"))
		if bytes.Equal(lf, crlf) {
			t.Fatalf("%s has no lines", p)
		}
		r := "schema/apis/" + filepath.Base(p)
		rel = append(rel, r)
		for dir, content := range map[string][]byte{lfDir: lf, crlfDir: crlf} {
			full := filepath.Join(dir, filepath.FromSlash(r))
			if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(full, content, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	generateIn := func(dir string) map[string][]byte {
		t.Chdir(dir)
		return generateAll(t, rel)
	}
	want := generateIn(lfDir)
	got := generateIn(crlfDir)
	sameOutput(t, "CRLF vs LF", want, got)
	for p, content := range got {
		if bytes.Contains(content, []byte("\r")) {
			t.Errorf("%s contains a carriage return", p)
		}
	}
}
