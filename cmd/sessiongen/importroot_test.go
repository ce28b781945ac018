package main

import (
	"os"
	"path/filepath"
	"testing"
)

func TestImportRoot(t *testing.T) {
	dir := t.TempDir()
	gomod := "// a comment\nmodule \"example.com/app\" // the app\n\ngo 1.24\n"
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o666); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ out, want string }{
		{dir, "example.com/app"},
		{filepath.Join(dir, "internal", "gen"), "example.com/app/internal/gen"}, // not created yet
	} {
		if got := importRoot(c.out); got != c.want {
			t.Errorf("importRoot(%s) = %q, want %q", c.out, got, c.want)
		}
	}
	// A go.mod without a module directive gives no import root.
	bare := t.TempDir()
	if err := os.WriteFile(filepath.Join(bare, "go.mod"), []byte("go 1.24\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	if got := importRoot(bare); got != "" {
		t.Errorf("no module directive: got %q", got)
	}
}
