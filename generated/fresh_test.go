package generated_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
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
	// The command with no arguments also regenerates the conformance fixture.
	paths = append(paths, "../testdata/conformance/schema.yaml")
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

// TestStandardLibraryOnly checks the promise that generated packages import
// the standard library and nothing else (not even this module).
func TestStandardLibraryOnly(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	out, err := exec.Command("go", "list", "-deps", "-test=false",
		"-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	own, err := exec.Command("go", "list", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	allowed := map[string]bool{}
	for _, p := range strings.Fields(string(own)) {
		allowed[p] = true
	}
	deps := strings.Fields(string(out))
	if len(deps) == 0 {
		t.Fatal("go list printed nothing: the check cannot have run")
	}
	for _, p := range deps {
		if !allowed[p] {
			t.Errorf("a generated package depends on %s, which is not in the standard library", p)
		}
	}
}
