package openapi

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/pb33f/libopenapi"
	"github.com/pb33f/libopenapi-validator/schema_validation"
	"github.com/pb33f/libopenapi/datamodel"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// validationErrors checks doc with two real validators and returns what
// they find: libopenapi builds the model (every $ref must resolve) and
// libopenapi-validator checks the document against the OpenAPI 3.1 schema
// it embeds; then the official schema-base (the document schema plus the
// OAS dialect, which checks every Schema Object as JSON Schema 2020-12,
// testdata/export/oas31) checks it with santhosh-tekuri/jsonschema.
func validationErrors(t *testing.T, doc []byte) []string {
	t.Helper()
	var problems []string
	config := datamodel.NewDocumentConfiguration()
	config.Logger = slog.New(slog.DiscardHandler) // its problems come back as errors
	d, err := libopenapi.NewDocumentWithConfiguration(doc, config)
	if err != nil {
		return []string{"libopenapi: " + err.Error()}
	}
	if d.GetSpecInfo().VersionNumeric < 3.1 {
		problems = append(problems, "libopenapi: not read as OpenAPI 3.1: "+d.GetSpecInfo().Version)
	}
	if _, err := d.BuildV3Model(); err != nil {
		problems = append(problems, "libopenapi model: "+err.Error())
	}
	if ok, errs := schema_validation.ValidateOpenAPIDocument(d); !ok || len(errs) > 0 {
		for _, e := range errs {
			problems = append(problems, "libopenapi-validator: "+e.Error())
			for _, se := range e.SchemaValidationErrors {
				problems = append(problems, "  "+se.FieldPath+": "+se.Reason)
			}
		}
		if len(errs) == 0 {
			problems = append(problems, "libopenapi-validator: invalid, without errors")
		}
	}
	var value any
	if err := yaml.Unmarshal(doc, &value); err != nil {
		return append(problems, "yaml: "+err.Error())
	}
	text, err := json.Marshal(value)
	require.NoError(t, err)
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(text))
	require.NoError(t, err)
	if err := schemaBase(t).Validate(inst); err != nil {
		problems = append(problems, "schema-base: "+err.Error())
	}
	return problems
}

var (
	schemaBaseOnce sync.Once
	schemaBaseSch  *jsonschema.Schema
	schemaBaseErr  error
)

// schemaBase compiles the official OpenAPI 3.1 schema-base once.
func schemaBase(t *testing.T) *jsonschema.Schema {
	schemaBaseOnce.Do(func() {
		c := jsonschema.NewCompiler()
		c.AssertFormat()
		for _, f := range []struct{ file, id string }{
			{"schema.json", "https://spec.openapis.org/oas/3.1/schema/2022-10-07"},
			{"dialect-base.json", "https://spec.openapis.org/oas/3.1/dialect/base"},
			{"meta-base.json", "https://spec.openapis.org/oas/3.1/meta/base"},
			{"schema-base.json", "https://spec.openapis.org/oas/3.1/schema-base/2022-10-07"},
		} {
			text, err := os.ReadFile(filepath.Join("testdata", "export", "oas31", f.file))
			if err != nil {
				schemaBaseErr = err
				return
			}
			doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(text))
			if err != nil {
				schemaBaseErr = err
				return
			}
			if err := c.AddResource(f.id, doc); err != nil {
				schemaBaseErr = err
				return
			}
		}
		schemaBaseSch, schemaBaseErr = c.Compile("https://spec.openapis.org/oas/3.1/schema-base/2022-10-07")
	})
	require.NoError(t, schemaBaseErr)
	return schemaBaseSch
}

// requireValid fails t with every problem the validators find in doc.
func requireValid(t *testing.T, doc []byte) {
	t.Helper()
	for _, p := range validationErrors(t, doc) {
		t.Error(p)
	}
}
