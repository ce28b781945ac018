package openapi

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestValidatorsFail: the validators the export tests trust do reject
// broken documents, each for its own reason.
func TestValidatorsFail(t *testing.T) {
	const valid = `openapi: 3.1.0
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    A: {type: object, properties: {b: {$ref: '#/components/schemas/B'}}}
    B: {type: string}
`
	assert.Empty(t, validationErrors(t, []byte(valid)))
	for name, c := range map[string]struct{ doc, want string }{
		"missing ref":         {strings.Replace(valid, "schemas/B'", "schemas/C'", 1), "libopenapi"},
		"schema keyword":      {strings.Replace(valid, "B: {type: string}", "B: {type: string, minLength: -1}", 1), "schema-base"},
		"type name":           {strings.Replace(valid, "B: {type: string}", "B: {type: text}", 1), "schema-base"},
		"no info version":     {strings.Replace(valid, `, version: "1"`, "", 1), "libopenapi-validator"},
		"unknown key":         {strings.Replace(valid, "paths: {}", "paths: {}\nsecurityDefinitions: {}", 1), "libopenapi-validator"},
		"bad component key":   {strings.Replace(valid, "    B: {type: string}", "    B: {type: string}\n    'a b': {type: string}", 1), "libopenapi-validator"},
		"discriminator shape": {strings.Replace(valid, "B: {type: string}", "B: {type: object, discriminator: {mapping: {}}}", 1), "schema-base"},
	} {
		t.Run(name, func(t *testing.T) {
			problems := validationErrors(t, []byte(c.doc))
			found := false
			for _, p := range problems {
				found = found || strings.HasPrefix(p, c.want)
			}
			assert.True(t, found, "want a problem from %s, got %q", c.want, problems)
		})
	}
}
