package generator

import (
	"slices"
	"testing"

	"github.com/sessiongen/sessiongen/schema"
)

// TestRuntimeDirsReserved: the folders the shared runtime is written to are
// the ones the schema validation keeps package.path out of.
func TestRuntimeDirsReserved(t *testing.T) {
	if want := []string{RuntimeDir, FakeRuntimeDir}; !slices.Equal(schema.RuntimeDirs, want) {
		t.Errorf("schema.RuntimeDirs = %q, want %q", schema.RuntimeDirs, want)
	}
}
