package ir

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sessiongen/sessiongen/schema"
)

const shapesSchema = `sessiongen: 1
package: {name: shapes, path: shapes}
api:
  baseURL: https://api.example.com
  auth: {scheme: bearer}
  encoding: json
types:
  Thing:
    key: id
    open: true
    properties:
      id: {type: string, readOnly: true}
      kind: {type: string, createOnly: true}
      name: {type: string, required: true}
      size: {type: int32, default: 3}
      label: {type: string, requiredOnCreate: true}
      inner: {type: Inner, nullable: true}
  Inner:
    properties:
      made: {type: date-time, readOnly: true}
      note: {type: string, required: true}
%s
resources:
  things:
    type: Thing
    path: /things
    methods:
      create:
        http: POST
        path: /things
        body: {type: Thing, shape: create}
        response: {type: Thing}
      update:
        http: PATCH
        path: /things/{id}
        params: {id: {type: string}}
        body: {type: Thing, shape: update}
        response: {type: Thing}
`

// TestUpdateShapeDerivesPartialTypes: shape create lists the fields
// required on create (checked by ValidateCreate); shape update derives ThingUpdate with
// only optional, writable fields, no default, no kept members, and Inner as
// InnerUpdate; the derived name is claimed, so a schema type of that name is
// reported at the shape.
func TestUpdateShapeDerivesPartialTypes(t *testing.T) {
	f, err := schema.Parse("shapes.yaml", []byte(fmtSchema("")))
	require.NoError(t, err)
	p, err := Build(f, Options{})
	require.NoError(t, err)
	create := p.Resources[0].Methods[0].Body
	require.Equal(t, ShapeCreate, create.Shape)
	require.Len(t, create.Struct.CreateRequired, 1)
	assert.Equal(t, "label", create.Struct.CreateRequired[0].Wire)
	body := p.Resources[0].Methods[1].Body
	require.Equal(t, ShapeUpdate, body.Shape)
	require.Equal(t, "Thing", body.Model.Name)
	u := body.Struct
	assert.Equal(t, "ThingUpdate", u.Name)
	assert.Equal(t, RoleUpdate, u.Role)
	assert.False(t, u.Open)
	var names []string
	for _, fl := range u.Fields {
		names = append(names, fl.Wire)
		assert.True(t, fl.Optional, fl.Wire)
		assert.False(t, fl.Required, fl.Wire)
		assert.Empty(t, fl.Default, fl.Wire)
	}
	assert.Equal(t, []string{"name", "size", "label", "inner"}, names)
	inner := u.Fields[3].Type.Struct
	assert.Equal(t, "InnerUpdate", inner.Name)
	require.Len(t, inner.Fields, 1)
	assert.Equal(t, "note", inner.Fields[0].Wire)
	// The model itself is unchanged.
	assert.True(t, body.Model.Fields[2].Required)

	f, err = schema.Parse("shapes.yaml", []byte(fmtSchema("  ThingUpdate:\n    properties:\n      x: {type: string}\n")))
	require.NoError(t, err)
	_, err = Build(f, Options{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "ThingUpdate")
	assert.Contains(t, err.Error(), "shapes.yaml:")
}

func fmtSchema(extra string) string {
	return strings.Replace(shapesSchema, "%s\n", extra, 1)
}
