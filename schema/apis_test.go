package schema_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sessiongen/sessiongen/schema"
)

// TestBundledSchemas loads every bundled definition: they must have no errors.
func TestBundledSchemas(t *testing.T) {
	paths, err := filepath.Glob("apis/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatal("no bundled schemas under apis/")
	}
	all, err := schema.LoadFiles(paths...)
	if err != nil {
		t.Fatalf("load together:\n%v", err)
	}
	// A schema another one imports (twilio-common.yaml) may hold types only.
	imported := map[string]bool{}
	for _, f := range all {
		for _, im := range f.Imports {
			imported[filepath.Clean(im.File.Path)] = true
		}
	}
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			f, err := schema.Load(p)
			if err != nil {
				t.Fatalf("load %s:\n%v", p, err)
			}
			if imported[filepath.Clean(p)] {
				if len(f.Types) == 0 {
					t.Errorf("%s: imported, but declares no types", p)
				}
				return
			}
			if len(f.Types) == 0 || len(f.Resources) == 0 {
				t.Errorf("%s: %d types, %d resources; want some of each", p, len(f.Types), len(f.Resources))
			}
		})
	}
}

// TestReadmeExample keeps the annotated example in README.md loadable.
func TestReadmeExample(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(readme), "```yaml\n")
	if !ok {
		t.Fatal("README.md has no ```yaml block")
	}
	example, _, ok := strings.Cut(rest, "```")
	if !ok {
		t.Fatal("README.md yaml block is not closed")
	}
	f, err := schema.Parse("README.md", []byte(example))
	if err != nil {
		t.Fatalf("README example:\n%v", err)
	}
	if len(f.Types) != 5 || len(f.Resources) != 2 {
		t.Errorf("README example: %d types, %d resources; want 5 and 2", len(f.Types), len(f.Resources))
	}
}
