package schema_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sessiongen/sessiongen/schema"
)

const defaultsSchema = `sessiongen: 1
package: {name: demo, path: acme/demo}
api:
  baseURL: https://api.example.com
  auth: {scheme: bearer}
  discriminator: kind
types:
  Base:
    abstract: true
    defaults: {nullable: true}
    properties:
      label: {type: string}
  Sub:
    base: Base
    discriminatorValue: sub
    defaults: {readOnly: true}
    rules: [{mutuallyExclusive: [label, name]}]
    properties:
      size: {type: int32}
      name: {type: string, readOnly: false, nullable: true}
resources:
  subs:
    type: Sub
    path: /subs
    defaults: {nullable: true, required: true}
    methods:
      create:
        http: POST
        path: /subs
        body:
          defaults: {required: false}
          rules: [{atLeastOneOf: [Title, Note]}]
          fields:
            Title: {type: string}
            Note: {type: string, nullable: false}
`

// TestDefaultsResolved: the loader gives each property the nearest default
// of each key it does not write, records where it came from, and never
// reaches a subtype or a base.
func TestDefaultsResolved(t *testing.T) {
	f, err := schema.Parse("s.yaml", []byte(defaultsSchema))
	require.NoError(t, err)
	base, sub := f.Types[0], f.Types[1]
	label := base.Properties[0]
	assert.True(t, label.Nullable)
	assert.False(t, label.ReadOnly, "the subtype's readOnly default does not reach its base's property")
	assert.Equal(t, 10, label.FromDefaults["nullable"].Line)

	size, name := sub.Properties[0], sub.Properties[1]
	assert.True(t, size.ReadOnly)
	assert.False(t, size.Nullable, "the base's nullable default does not reach the subtype")
	assert.Equal(t, map[string]schema.Pos{"readOnly": {File: "s.yaml", Line: 16, Col: 16}}, size.FromDefaults)
	assert.False(t, name.ReadOnly, "an explicit false wins")
	assert.Nil(t, name.FromDefaults)
	require.Len(t, sub.Rules, 1)
	assert.Equal(t, schema.RuleMutuallyExclusive, sub.Rules[0].Kind)
	assert.Equal(t, []string{"label", "name"}, sub.Rules[0].Names, "a rule may name an inherited property")

	body := f.Resources[0].Methods[0].Body
	title, note := body.Fields[0], body.Fields[1]
	assert.False(t, title.Required, "the body's default wins over the resource's")
	assert.True(t, title.Nullable, "the resource's default fills what the body leaves")
	assert.False(t, note.Nullable)
	assert.Equal(t, 25, title.FromDefaults["nullable"].Line)
	assert.Equal(t, 31, title.FromDefaults["required"].Line)
	require.Len(t, body.Rules, 1)
	assert.Equal(t, schema.RuleAtLeastOneOf, body.Rules[0].Kind)
}
