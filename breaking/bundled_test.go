package breaking

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sessiongen/sessiongen/schema"
)

// realSchemas are the bundled APIs, the conformance fixture and the golden
// cases: every part of the format, in real combinations.
func realSchemas(t *testing.T) []*schema.File {
	t.Helper()
	var paths []string
	for _, pattern := range []string{"../schema/apis/*.yaml", "../testdata/conformance/*.yaml", "../testdata/cases/*/schema.yaml"} {
		m, err := filepath.Glob(pattern)
		require.NoError(t, err)
		paths = append(paths, m...)
	}
	var files []*schema.File
	for _, p := range paths {
		fs, err := schema.LoadFiles(p)
		if err != nil {
			continue // a golden case may need the generator's goType check; not ours to judge
		}
		files = append(files, fs...)
	}
	require.Greater(t, len(files), 20)
	return files
}

// TestSelfComparisonIsEmpty: a schema compared with itself has no change.
func TestSelfComparisonIsEmpty(t *testing.T) {
	for _, f := range realSchemas(t) {
		findings, err := Compare(f, f, nil, Options{})
		if assert.NoError(t, err, f.Path) {
			assert.Empty(t, findings, f.Path)
		}
	}
}

// TestUnrelatedSchemasCompare: any two schemas compare without a panic or
// an error, and a schema swapped for an unrelated one breaks Go callers,
// and wire peers too when the old one had methods (a type no method sends
// or returns has no wire of its own).
func TestUnrelatedSchemasCompare(t *testing.T) {
	files := realSchemas(t)
	for i, old := range files {
		new := files[(i+1)%len(files)]
		findings, err := Compare(old, new, nil, Options{})
		require.NoError(t, err, "%s -> %s", old.Path, new.Path)
		var wire, goAPI bool
		for _, f := range findings {
			wire = wire || f.Rule.Category == Wire
			goAPI = goAPI || f.Rule.Category == GoAPI
		}
		assert.True(t, goAPI && (wire || len(old.Resources) == 0), "%s -> %s: %d findings, wire %t, go %t", old.Path, new.Path, len(findings), wire, goAPI)
	}
}
