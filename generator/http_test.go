package generator_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/sessiongen/sessiongen/generator"
	"github.com/sessiongen/sessiongen/schema"
)

// TestClientHTTPExchange runs testdata/clienthttp_behaviour_test.go.txt
// against the package generated from testdata/cases/client-http, in a
// temporary module: request headers (API-wide and per method, required,
// enum, integer, list) validated and sent, response headers read and typed
// (on a body and on a 202 without one), documented statuses, text/plain
// scalars, error shapes selected by status, and the fake's statuses.
func TestClientHTTPExchange(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test on generated code")
	}
	f, err := schema.Load(filepath.Join(casesDir, "client-http", "schema.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	files, err := generator.GenerateWith([]*schema.File{f}, generator.Options{ImportRoot: goldenImportRoot})
	if err != nil {
		t.Fatal(err)
	}
	dir := hstBuildAndVet(t, files)
	for test, name := range map[string]string{"clienthttp_behaviour_test.go.txt": "behaviour_test.go", "clienthttp_fake_test.go.txt": "fake_test.go"} {
		src, err := os.ReadFile(filepath.Join("testdata", test))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "clienthttp", name), src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command("go", "test", "-count=1", "./clienthttp")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("go test: %v\n%s", err, out)
	}
}
