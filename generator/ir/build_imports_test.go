package ir

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sessiongen/sessiongen/schema"
)

const importedSchema = `sessiongen: 1
package: {name: common, path: shared/common}
api: {baseURL: https://api.example.com, auth: {scheme: bearer}}
types:
  ErrorBody:
    properties:
      code: {type: int32, required: true}
      message: {type: string}
  Money:
    properties:
      amount: {type: string, required: true}
`

// loadImporting writes common.yaml and main.yaml (importing it as cmn) and
// loads main.yaml; it returns main and the built common package.
func loadImporting(t *testing.T, main string) (*schema.File, map[*schema.File]*Package) {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "common.yaml"), []byte(importedSchema), 0o666))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.yaml"), []byte(main), 0o666))
	f, err := schema.Load(filepath.Join(dir, "main.yaml"))
	require.NoError(t, err)
	require.Len(t, f.Imports, 1)
	dep, err := Build(f.Imports[0].File, Options{})
	require.NoError(t, err)
	return f, map[*schema.File]*Package{f.Imports[0].File: dep}
}

const importingSchema = `sessiongen: 1
imports: [{schema: common.yaml, as: cmn}]
package: {name: calls, path: calls}
api:
  baseURL: https://api.example.com
  auth: {scheme: bearer}
  errors: {type: cmn.ErrorBody, code: [code], message: [message]}
types:
  Call:
    properties:
      price: {type: cmn.Money}
      refunds: {type: array, items: {type: cmn.Money}}
`

// The IR of an importing package: the Import facts on the types, the
// package's list of imports, the error body and its alias.
func TestBuildImportedTypes(t *testing.T) {
	f, deps := loadImporting(t, importingSchema)
	p, err := Build(f, Options{ImportRoot: "example.com/app/gen", Imported: deps})
	require.NoError(t, err)
	want := &Import{Path: "example.com/app/gen/shared/common", Name: "common", Alias: "cmn_", Prefix: "cmn"}
	require.Len(t, p.Imports, 1)
	assert.Equal(t, want, p.Imports[0])

	call := p.Structs[0]
	price := call.Fields[0].Type
	assert.Equal(t, StructRef, price.Kind)
	assert.Equal(t, want, price.Import)
	assert.Equal(t, "Money", price.Struct.Name)
	assert.Equal(t, want, call.Fields[1].Type.Elem.Import)
	for _, s := range p.Structs {
		assert.NotEqual(t, "Money", s.Name, "an imported type is not declared again")
	}

	require.NotNil(t, p.API.ErrorType)
	assert.Equal(t, want, p.API.ErrorType.Import)
	assert.True(t, p.API.ErrorShape.CodeIsNumber, "the code field is found in the imported body")
	require.Len(t, p.API.ErrorAliases, 1)
	assert.Equal(t, "ErrorBody", p.API.ErrorAliases[0].Name)
}

// Without the output root's import path, an import is reported at the
// import; a type of the package that wants the error body alias's name is
// reported, not renamed.
func TestBuildImportProblems(t *testing.T) {
	f, deps := loadImporting(t, importingSchema)
	_, err := Build(f, Options{Imported: deps})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "main.yaml:2:20: imports \"common.yaml\": the Go import path of the output root is unknown")

	f, deps = loadImporting(t, importingSchema+"  ErrorBody:\n    properties: {x: {type: string}}\n")
	_, err = Build(f, Options{ImportRoot: "example.com/app", Imported: deps})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "type \"ErrorBody\" needs Go name ErrorBody, which the alias of the imported error body cmn.ErrorBody")
}
