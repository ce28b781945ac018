package generated_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	// Linked in so that a change to the generator or its output code
	// invalidates go test's cached result of TestGeneratedIsCurrent.
	_ "github.com/sessiongen/sessiongen/generator/output"
)

// TestGeneratedIsCurrent runs the command CI runs, go run ./cmd/sessiongen
// -check from the module root: the bundled set, pruned, compared with the
// committed files. Running the command itself, rather than a copy of its
// choices, keeps one definition of the bundled set.
func TestGeneratedIsCurrent(t *testing.T) {
	// go test caches a passing result until the files the test process
	// opened change; the child's reads are not seen. So read the inputs
	// here too: the schemas and the command's source (the generator and its
	// templates are linked into this test, see the import).
	var inputs []string
	for _, pattern := range []string{"../schema/apis/*.yaml", "../testdata/conformance/*.yaml", "../cmd/sessiongen/*.go"} {
		matches, err := filepath.Glob(pattern)
		if err != nil || len(matches) == 0 {
			t.Fatalf("nothing matches %s (%v)", pattern, err)
		}
		inputs = append(inputs, matches...)
	}
	for _, p := range inputs {
		if _, err := os.ReadFile(p); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command("go", "run", "./cmd/sessiongen", "-check")
	cmd.Dir = ".."
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go run ./cmd/sessiongen -check: %v; run go generate ./generated (or go run ./cmd/sessiongen):\n%s", err, out)
	}
	if len(out) != 0 {
		t.Errorf("-check printed, yet exited 0:\n%s", out)
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
