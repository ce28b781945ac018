package generator_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestPagingEndToEnd generates testdata/paging/meetings.yaml (an API unlike
// the bundled ones: metadata of every scalar kind nested at several depths,
// expanded collections continued through "<name>_next") into a new module
// and runs a test there, as a user would: page metadata read with their Go
// types, an expanded array continued over two pages and re-encoded with its
// link, and a foreign link refused.
func TestPagingEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test on a generated module")
	}
	_, _, files := hstGenerateFile(t, "testdata/paging/meetings.yaml")
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/golden\n\ngo 1.24\n"), 0o644))
	for _, f := range files {
		full := filepath.Join(dir, filepath.FromSlash(f.Path))
		require.NoError(t, os.MkdirAll(filepath.Dir(full), 0o755))
		require.NoError(t, os.WriteFile(full, f.Content, 0o644))
	}
	test, err := os.ReadFile("testdata/paging/meetings_test.go.txt")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "acme", "meetings", "meetings_test.go"), test, 0o644))
	for _, args := range [][]string{{"vet", "./..."}, {"test", "-count=1", "./..."}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "go %v:\n%s", args, out)
	}
}
