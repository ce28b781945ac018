package schema_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sessiongen/sessiongen/schema"
)

const commonYAML = `sessiongen: 1
package: {name: common, path: acme/common}
api: {baseURL: https://api.example.com, auth: {scheme: bearer}}
types:
  ErrorBody:
    properties:
      code: {type: int32, required: true}
`

func importing(name, path, target string) string {
	return `sessiongen: 1
imports: [{schema: ` + target + `, as: cmn}]
package: {name: ` + name + `, path: ` + path + `}
api: {baseURL: https://api.example.com, auth: {scheme: bearer}}
types:
  Call:
    properties:
      failure: {type: cmn.ErrorBody}
`
}

// One imported file reached through a symlink and through "..", from two
// schemas of the run and as a schema of the run itself, is one *File: one
// package. References resolve to its types.
func TestImportsLoadOnce(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "shared", "sub"), 0o777))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "shared", "common.yaml"), []byte(commonYAML), 0o666))
	if err := os.Symlink(filepath.Join("shared", "common.yaml"), filepath.Join(dir, "link.yaml")); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.yaml"), []byte(importing("a", "acme/a", "link.yaml")), 0o666))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "b.yaml"), []byte(importing("b", "acme/b", "shared/sub/../common.yaml")), 0o666))

	files, err := schema.LoadFiles(filepath.Join(dir, "a.yaml"), filepath.Join(dir, "b.yaml"))
	require.NoError(t, err)
	require.Len(t, files, 2)
	a, b := files[0].Imports[0].File, files[1].Imports[0].File
	require.NotNil(t, a)
	assert.Same(t, a, b)
	target := files[0].Types[0].Properties[0].Type.Ref.Target
	assert.Same(t, a.Types[0], target)
	assert.Equal(t, []*schema.File{a}, schema.ImportedFiles(files))

	// Named in the run too: still one file, and not "imported" any more.
	files, err = schema.LoadFiles(filepath.Join(dir, "a.yaml"), filepath.Join(dir, "shared", "common.yaml"))
	require.NoError(t, err)
	require.Len(t, files, 2)
	assert.Same(t, files[1], files[0].Imports[0].File)
	assert.Empty(t, schema.ImportedFiles(files))
}

// Parse reads from memory: it cannot follow imports, and says so at each.
func TestParseReportsImports(t *testing.T) {
	_, err := schema.Parse("a.yaml", []byte(importing("a", "acme/a", "common.yaml")))
	require.Error(t, err)
	assert.Contains(t, err.Error(), `a.yaml:2:20: imports "common.yaml": a schema parsed from memory cannot import files`)
}
