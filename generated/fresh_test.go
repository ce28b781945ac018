package generated_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/sessiongen/sessiongen/generator"
	"github.com/sessiongen/sessiongen/generator/output"
	"github.com/sessiongen/sessiongen/schema"
)

// TestGeneratedIsCurrent regenerates every bundled package in memory and
// fails if the committed files differ.
func TestGeneratedIsCurrent(t *testing.T) {
	paths, err := filepath.Glob("../schema/apis/*.yaml")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no bundled schemas: %v", err)
	}
	var files []*schema.File
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		// Name the schema as the command does from the module root, since
		// the name appears in every file's header.
		f, err := schema.Parse(filepath.ToSlash(p[len("../"):]), src)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	gen, err := generator.Generate(files)
	if err != nil {
		t.Fatal(err)
	}
	changes, err := output.Compare(".", gen)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range changes {
		t.Errorf("%s is %s; run go generate ./generated (or go run ./cmd/sessiongen):\n%s", c.Path, c.Kind, output.Diff(c))
	}
}
