package refdocs

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/sessiongen/sessiongen/generator/output"
	"github.com/sessiongen/sessiongen/schema"
)

// FuzzRender renders every schema the loader accepts: no panic, every page
// starts with the Markdown header, and every JSON representation parses.
func FuzzRender(f *testing.F) {
	seeds, err := filepath.Glob(filepath.Join("..", "testdata", "cases", "*", "schema.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	apis, err := filepath.Glob(filepath.Join("..", "schema", "apis", "*.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range append(seeds, apis...) {
		src, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		file, err := schema.Parse("fuzz.yaml", src)
		if err != nil {
			return
		}
		pages, err := Render([]*schema.File{file})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range pages {
			if !output.Markdown.IsGenerated(p.Content) {
				t.Fatalf("%s: no header", p.Path)
			}
			for _, block := range jsonBlocks(string(p.Content)) {
				if !json.Valid([]byte(block)) {
					t.Fatalf("%s: invalid JSON representation:\n%s", p.Path, block)
				}
			}
			if bytes.Contains(p.Content[bytes.IndexByte(p.Content, '\n'):], []byte("<!--")) {
				t.Fatalf("%s: an HTML comment besides the header", p.Path)
			}
		}
	})
}
