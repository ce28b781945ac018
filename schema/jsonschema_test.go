package schema_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"

	"github.com/sessiongen/sessiongen/schema"
)

// languageServerLine is the first line of every bundled schema: it points
// yaml-language-server (VS Code's YAML extension and others) at the JSON
// Schema, for completion, hover help and checking while editing.
const languageServerLine = "# yaml-language-server: $schema=../sessiongen.schema.json"

// compileJSONSchema compiles sessiongen.schema.json, which also checks it
// against the draft 2020-12 meta-schema.
func compileJSONSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	src, err := os.ReadFile("sessiongen.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(src))
	if err != nil {
		t.Fatalf("sessiongen.schema.json: %v", err)
	}
	const url = "https://sessiongen.invalid/sessiongen.schema.json"
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatalf("sessiongen.schema.json does not compile: %v", err)
	}
	return sch
}

// jsonValue decodes YAML into a value the validator accepts: a round trip
// through encoding/json turns YAML's Go types into JSON's.
func jsonValue(src []byte) (any, error) {
	var v any
	if err := yaml.Unmarshal(src, &v); err != nil {
		return nil, err
	}
	return toJSON(v)
}

func toJSON(v any) (any, error) {
	v, err := stringKeys(v)
	if err != nil {
		return nil, err
	}
	j, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return jsonschema.UnmarshalJSON(bytes.NewReader(j))
}

// stringKeys converts the map[any]any that yaml.v3 produces for mappings with
// non-string keys. The loader rejects such keys; the JSON Schema cannot see
// them, so they are made strings here.
func stringKeys(v any) (any, error) {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			x, err := stringKeys(x)
			if err != nil {
				return nil, err
			}
			out[k] = x
		}
		return out, nil
	case map[any]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			x, err := stringKeys(x)
			if err != nil {
				return nil, err
			}
			out[fmt.Sprint(k)] = x
		}
		return out, nil
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			x, err := stringKeys(x)
			if err != nil {
				return nil, err
			}
			out[i] = x
		}
		return out, nil
	}
	return v, nil
}

func readmeExample(t *testing.T) []byte {
	t.Helper()
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(readme), "```yaml\n")
	if !ok {
		t.Fatal("README.md has no ```yaml block")
	}
	example, _, ok := strings.Cut(rest, "```")
	if !ok {
		t.Fatal("README.md yaml block is not closed")
	}
	return []byte(example)
}

// TestJSONSchemaBundled validates every bundled definition against the JSON
// Schema: editors must not flag a file that sessiongen accepts.
func TestJSONSchemaBundled(t *testing.T) {
	sch := compileJSONSchema(t)
	paths, err := filepath.Glob("apis/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatal("no bundled schemas under apis/")
	}
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			src, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			v, err := jsonValue(src)
			if err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			if err := sch.Validate(v); err != nil {
				t.Errorf("%s does not match sessiongen.schema.json:\n%v", p, err)
			}
		})
	}
}

// TestJSONSchemaReadmeExample validates the annotated example of README.md.
func TestJSONSchemaReadmeExample(t *testing.T) {
	sch := compileJSONSchema(t)
	v, err := jsonValue(readmeExample(t))
	if err != nil {
		t.Fatalf("README example: %v", err)
	}
	if err := sch.Validate(v); err != nil {
		t.Errorf("README example does not match sessiongen.schema.json:\n%v", err)
	}
}

// at walks doc through mapping keys, creating missing mappings.
func at(doc map[string]any, keys ...string) map[string]any {
	m := doc
	for _, k := range keys {
		next, ok := m[k].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[k] = next
		}
		m = next
	}
	return m
}

// singleErrorShape writes api.errors in its one-shape form (the README
// example writes a list) and returns it for editing.
func singleErrorShape(doc map[string]any) map[string]any {
	e := map[string]any{"type": "ErrorBody", "code": []any{"code"}, "message": []any{"message"}}
	at(doc, "api")["errors"] = e
	return e
}

// TestJSONSchemaAgreesWithLoader edits the README example one way at a time
// and checks that the JSON Schema and the loader agree on each result: every
// invalid document is rejected by both, every valid one accepted by both.
func TestJSONSchemaAgreesWithLoader(t *testing.T) {
	sch := compileJSONSchema(t)
	example := readmeExample(t)
	type m = map[string]any
	type l = []any
	cases := []struct {
		name  string
		valid bool
		edit  func(doc m)
	}{
		// Valid variations: the JSON Schema must not be stricter than the loader.
		{"unchanged", true, func(doc m) {}},
		{"bearer auth", true, func(doc m) { at(doc, "api")["auth"] = m{"scheme": "bearer"} }},
		{"basic auth", true, func(doc m) {
			at(doc, "api")["auth"] = m{"scheme": "basic", "username": "accountSid", "password": "authToken"}
		}},
		{"pageNumber pagination", true, func(doc m) {
			at(doc, "api")["pagination"] = m{"style": "pageNumber", "pageParam": "page", "sizeParam": "limit",
				"firstPage": 1, "totalPages": l{"meta", "pages"}, "totalCount": l{"meta", "count"}}
		}},
		{"no optional api keys", true, func(doc m) {
			doc["api"] = m{"baseURL": "https://api.acme.example", "auth": m{"scheme": "bearer"}}
			get := at(doc, "resources", "meetings", "methods", "list", "response")
			delete(get, "paged")
			delete(get, "items")
			get = at(doc, "resources", "participants", "methods", "list", "response")
			delete(get, "paged")
			delete(get, "items")
		}},
		{"form body type", true, func(doc m) {
			at(doc, "resources", "meetings", "methods", "create")["body"] = m{"type": "Meeting", "encoding": "form"}
		}},
		{"binary response", true, func(doc m) {
			at(doc, "resources", "meetings", "methods", "get")["response"] = m{"type": "binary"}
		}},
		{"query array not exploded", true, func(doc m) {
			at(doc, "resources", "meetings", "methods", "list", "query")["$select"] = m{
				"type": "array", "items": m{"type": "string"}, "explode": false, "description": "Fields to return."}
		}},
		{"enum long form and sentinel", true, func(doc m) {
			at(doc, "types", "MeetingState")["enum"] = l{"scheduled", m{"value": "unknownFutureValue", "deprecated": "Evolvable enum."}}
			at(doc, "types", "MeetingState")["sentinel"] = "unknownFutureValue"
		}},
		{"number constraints", true, func(doc m) {
			at(doc, "types", "Meeting", "properties")["score"] = m{"type": "float32", "nonFinite": true,
				"minimum": -1.5, "maximum": 1e3, "nullable": true, "examples": l{0.5, nil}}
		}},
		{"map of arrays", true, func(doc m) {
			at(doc, "types", "Meeting", "properties")["groups"] = m{"type": "map",
				"values": m{"type": "array", "items": m{"type": "Participant"}, "maxItems": 3}}
		}},
		{"package path empty: the output root itself", true, func(doc m) { at(doc, "package")["path"] = "" }},
		{"object type keys", true, func(doc m) {
			at(doc, "types", "Participant")["deprecated"] = "Use Meeting."
			at(doc, "types", "Participant")["open"] = true
		}},

		{"one error shape", true, func(doc m) { singleErrorShape(doc) }},
		{"error codes", true, func(doc m) { singleErrorShape(doc)["codes"] = m{"404": 20404, "429": 20429} }},

		{"HTTP declarations", true, func(doc m) {
			at(doc, "package")["initialisms"] = l{"MT"}
			at(doc, "api")["requestIdHeaders"] = l{"request-id", "client-request-id"}
			at(doc, "api", "headers")["Prefer"] = m{"type": "array", "items": m{"type": "string"}}
			at(doc, "api", "pagination")["metadata"] = m{"count": m{"path": l{"@odata.count"}, "type": "int64"}}
			at(doc, "api", "pagination")["expandedNextLink"] = "{property}@odata.nextLink"
			at(doc, "types", "Meeting", "properties", "topic")["requiredOnCreate"] = true
			create := at(doc, "resources", "meetings", "methods", "create")
			create["status"] = l{201}
			create["response"] = m{"type": "Meeting", "headers": m{"Location": m{"type": "uri"}}}
			at(doc, "resources", "meetings", "methods")["update"] = m{"http": "PATCH", "path": "/meetings/{meetingId}",
				"headers": m{"If-Match": m{"type": "string", "required": true}}, "body": m{"type": "Meeting", "shape": "update"}}
			at(doc, "resources", "meetings", "methods")["count"] = m{"http": "GET", "path": "/meetings/$count",
				"response": m{"type": "int64", "contentType": "text/plain"}}
			at(doc, "resources", "meetings", "methods", "delete")["status"] = l{204}
			at(doc, "resources", "meetings", "methods")["accept"] = m{"http": "POST", "path": "/meetings/{meetingId}/end",
				"status": l{202}, "response": m{"headers": m{"Location": m{"type": "uri", "required": true}}}}
		}},
		{"error shapes by status", true, func(doc m) {
			at(doc, "api")["errors"] = l{
				m{"status": l{422}, "type": "ErrorBody", "message": l{"message"}},
				m{"type": "ErrorBody", "code": l{"code"}, "message": l{"message"}, "codes": m{"404": 40400}},
			}
		}},

		{"defaults and rules", true, func(doc m) {
			at(doc, "types", "ErrorBody")["defaults"] = m{"readOnly": true, "nullable": false}
			at(doc, "types", "Meeting", "properties")["subject"] = m{"type": "string"}
			at(doc, "types", "Meeting")["rules"] = l{m{"atLeastOneOf": l{"topic", "subject"}}, m{"exactlyOneOf": l{"topic", "pstnNumber"}}}
			at(doc, "resources", "meetings")["defaults"] = m{"nullable": true}
			body := at(doc, "resources", "meetings", "methods", "create", "body")
			body["defaults"] = m{"required": false}
			body["rules"] = l{m{"atLeastOneOf": l{"topic", "title"}}}
			at(doc, "resources", "meetings", "methods", "create", "body", "fields")["title"] = m{"type": "string"}
		}},

		// Invalid documents: the JSON Schema must flag them as the loader does.
		{"empty defaults", false, func(doc m) { at(doc, "types", "ErrorBody")["defaults"] = m{} }},
		{"defaults unknown key", false, func(doc m) { at(doc, "types", "ErrorBody")["defaults"] = m{"pii": true} }},
		{"readOnly body defaults", false, func(doc m) {
			at(doc, "resources", "meetings", "methods", "create", "body")["defaults"] = m{"readOnly": false}
		}},
		{"defaults beside a body type", false, func(doc m) {
			at(doc, "resources", "meetings", "methods", "create")["body"] = m{"type": "Meeting", "defaults": m{"nullable": true}}
		}},
		{"rule with one name", false, func(doc m) { at(doc, "types", "Meeting")["rules"] = l{m{"atLeastOneOf": l{"topic"}}} }},
		{"rule kinds in one item", false, func(doc m) {
			at(doc, "types", "Meeting")["rules"] = l{m{"atLeastOneOf": l{"topic", "tags"}, "mutuallyExclusive": l{"topic", "tags"}}}
		}},
		{"unknown rule kind", false, func(doc m) { at(doc, "types", "Meeting")["rules"] = l{m{"anyOf": l{"topic", "tags"}}} }},
		{"empty rules", false, func(doc m) { at(doc, "types", "Meeting")["rules"] = l{} }},
		{"unions and nullable items", true, func(doc m) {
			props := at(doc, "types", "Meeting", "properties")
			props["loc"] = m{"type": "array", "items": m{"type": "union", "of": l{"string", "int64"}}}
			props["value"] = m{"type": "union", "of": l{"date-time", "number", "boolean"}, "nullable": true, "default": 1.5}
			props["labels"] = m{"type": "map", "values": m{"type": "string", "nullable": true}}
			props["tags"] = m{"type": "array", "items": m{"type": "string", "nullable": true, "maxLength": 3}}
		}},

		{"named union", true, func(doc m) {
			at(doc, "types")["Instant"] = m{"type": "union", "of": l{"date-time", "int64"}, "description": "A moment."}
			props := at(doc, "types", "Meeting", "properties")
			props["at"] = m{"type": "Instant"}
			props["seen"] = m{"type": "array", "items": m{"type": "Instant", "nullable": true}}
			props["stateOrCode"] = m{"type": "union", "of": l{"MeetingState", "int64"}}
		}},

		// Invalid documents: the JSON Schema must flag them as the loader does.
		{"named union without type", false, func(doc m) {
			at(doc, "types")["Instant"] = m{"of": l{"date-time", "int64"}}
		}},
		{"named alias of a string", false, func(doc m) { at(doc, "types")["Name"] = m{"type": "string"} }},
		{"named union with properties", false, func(doc m) {
			at(doc, "types")["Instant"] = m{"type": "union", "of": l{"date-time", "int64"}, "properties": m{}}
		}},
		{"union without of", false, func(doc m) {
			at(doc, "types", "Meeting", "properties")["loc"] = m{"type": "union"}
		}},
		{"union of one", false, func(doc m) {
			at(doc, "types", "Meeting", "properties")["loc"] = m{"type": "union", "of": l{"string"}}
		}},
		{"union of a type expression", false, func(doc m) {
			at(doc, "types", "Meeting", "properties")["loc"] = m{"type": "union", "of": l{"string", m{"type": "int64"}}}
		}},
		{"of on a string", false, func(doc m) {
			at(doc, "types", "Meeting", "properties")["loc"] = m{"type": "string", "of": l{"string", "int64"}}
		}},
		{"union query parameter", false, func(doc m) {
			at(doc, "resources", "meetings", "methods", "list", "query")["at"] = m{"type": "union", "of": l{"string", "int64"}}
		}},
		{"nullable query items", false, func(doc m) {
			at(doc, "resources", "meetings", "methods", "list", "query")["at"] = m{"type": "array",
				"items": m{"type": "string", "nullable": true}}
		}},
		{"nullable items not boolean", false, func(doc m) {
			at(doc, "types", "Meeting", "properties")["tags"] = m{"type": "array", "items": m{"type": "string", "nullable": "yes"}}
		}},
		{"inline enums and per-value goName", true, func(doc m) {
			at(doc, "types", "Meeting", "properties")["mode"] = m{"enum": l{"a", m{"value": "+1", "goName": "Plus"}},
				"open": true, "sentinel": "a", "goName": "MeetingMode", "default": "a"}
			at(doc, "types", "Meeting", "properties")["modes"] = m{"type": "array", "items": m{"enum": l{"x", "y"}}}
			at(doc, "resources", "meetings", "methods", "list", "query")["mode"] = m{"enum": l{"a", "b"}}
		}},
		{"goType on a property, items and map values", true, func(doc m) {
			id := m{"import": "example.com/acme/ids", "name": "MeetingID"}
			at(doc, "types", "Meeting", "properties")["ref"] = m{"goType": id, "nullable": true}
			at(doc, "types", "Meeting", "properties")["refs"] = m{"type": "array", "items": m{"goType": id}}
			at(doc, "types", "Meeting", "properties")["byName"] = m{"type": "map", "values": m{"goType": id}}
		}},
		{"goType declared under types", true, func(doc m) {
			at(doc, "types")["MeetingID"] = m{"description": "Ours.", "goType": m{"import": "example.com/acme/ids", "name": "MeetingID"}}
			at(doc, "types", "Meeting", "properties")["ref"] = m{"type": "MeetingID"}
		}},
		// Invalid documents: the JSON Schema must flag them as the loader does.
		{"goType with a type", false, func(doc m) {
			at(doc, "types", "Meeting", "properties")["ref"] = m{"type": "string", "goType": m{"import": "example.com/ids", "name": "ID"}}
		}},
		{"goType without a name", false, func(doc m) {
			at(doc, "types", "Meeting", "properties")["ref"] = m{"goType": m{"import": "example.com/ids"}}
		}},
		{"goType name not exported", false, func(doc m) {
			at(doc, "types", "Meeting", "properties")["ref"] = m{"goType": m{"import": "example.com/ids", "name": "id"}}
		}},
		{"goType with a constraint", false, func(doc m) {
			at(doc, "types", "Meeting", "properties")["ref"] = m{"goType": m{"import": "example.com/ids", "name": "ID"}, "maxLength": 3}
		}},
		{"goType declared with properties", false, func(doc m) {
			at(doc, "types")["MeetingID"] = m{"goType": m{"import": "example.com/ids", "name": "ID"}, "properties": m{}}
		}},
		{"goType query parameter", false, func(doc m) {
			at(doc, "resources", "meetings", "methods", "list", "query")["ref"] = m{"goType": m{"import": "example.com/ids", "name": "ID"}}
		}},
		{"inline enum with a type", false, func(doc m) {
			at(doc, "types", "Meeting", "properties")["mode"] = m{"type": "string", "enum": l{"a"}}
		}},
		{"open without an inline enum", false, func(doc m) {
			at(doc, "types", "Meeting", "properties")["mode"] = m{"type": "string", "open": true}
		}},
		{"inline enum goName not exported", false, func(doc m) {
			at(doc, "types", "Meeting", "properties")["mode"] = m{"enum": l{"a"}, "goName": "mode"}
		}},
		{"enum value goName not exported", false, func(doc m) {
			at(doc, "types", "MeetingState")["enum"] = l{m{"value": "+1", "goName": "plus"}}
		}},
		{"initialism in lower case", false, func(doc m) { at(doc, "package")["initialisms"] = l{"Mt"} }},
		{"empty requestIdHeaders", false, func(doc m) { at(doc, "api")["requestIdHeaders"] = l{} }},
		{"requestIdHeaders not a token", false, func(doc m) { at(doc, "api")["requestIdHeaders"] = l{"request id"} }},
		{"header name not a token", false, func(doc m) { at(doc, "api", "headers")["X Y"] = m{"type": "string"} }},
		{"header of an object type", false, func(doc m) { at(doc, "api", "headers")["X-Y"] = m{"type": "map", "values": m{"type": "string"}} }},
		{"explode on a header", false, func(doc m) {
			at(doc, "api", "headers")["X-Y"] = m{"type": "array", "items": m{"type": "string"}, "explode": false}
		}},
		{"default on a response header", false, func(doc m) {
			at(doc, "resources", "meetings", "methods", "get", "response")["headers"] = m{"ETag": m{"type": "string", "default": "x"}}
		}},
		{"status not a success", false, func(doc m) { at(doc, "resources", "meetings", "methods", "get")["status"] = l{404} }},
		{"status not a list", false, func(doc m) { at(doc, "resources", "meetings", "methods", "get")["status"] = 200 }},
		{"204 with a body", false, func(doc m) { at(doc, "resources", "meetings", "methods", "get")["status"] = l{204} }},
		{"unknown body shape", false, func(doc m) { at(doc, "resources", "meetings", "methods", "create", "body")["shape"] = "patch" }},
		{"requiredOnCreate and readOnly", false, func(doc m) {
			at(doc, "types", "Meeting", "properties", "id")["requiredOnCreate"] = true
		}},
		{"requiredOnCreate with default", false, func(doc m) {
			at(doc, "types", "Meeting", "properties", "durationSec")["requiredOnCreate"] = true
		}},
		{"requiredOnCreate on a body field", false, func(doc m) {
			at(doc, "resources", "meetings", "methods", "create", "body", "fields", "topic")["requiredOnCreate"] = true
		}},
		{"empty response", false, func(doc m) { at(doc, "resources", "meetings", "methods", "get")["response"] = m{} }},
		{"paged without type", false, func(doc m) {
			delete(at(doc, "resources", "meetings", "methods", "list", "response"), "type")
			at(doc, "resources", "meetings", "methods", "list", "response")["headers"] = m{"ETag": m{"type": "string"}}
		}},
		{"text/plain object", false, func(doc m) {
			at(doc, "resources", "meetings", "methods", "get", "response")["contentType"] = "text/plain"
		}},
		{"unknown content type", false, func(doc m) {
			at(doc, "resources", "meetings", "methods", "get", "response")["contentType"] = "text/csv"
		}},
		{"metadata of an object type", false, func(doc m) {
			at(doc, "api", "pagination")["metadata"] = m{"context": m{"path": l{"ctx"}, "type": "Meeting"}}
		}},
		{"metadata without path", false, func(doc m) {
			at(doc, "api", "pagination")["metadata"] = m{"count": m{"type": "int64"}}
		}},
		{"expandedNextLink without {property}", false, func(doc m) { at(doc, "api", "pagination")["expandedNextLink"] = "@odata.nextLink" }},
		{"expandedNextLink twice {property}", false, func(doc m) {
			at(doc, "api", "pagination")["expandedNextLink"] = "{property}{property}"
		}},
		{"empty error list", false, func(doc m) { at(doc, "api")["errors"] = l{} }},
		{"error shape of a success status", false, func(doc m) {
			at(doc, "api")["errors"] = l{m{"status": l{200}, "type": "ErrorBody", "message": l{"message"}}}
		}},
		{"status on the single error shape", false, func(doc m) { singleErrorShape(doc)["status"] = l{422} }},

		{"error code of a success status", false, func(doc m) { singleErrorShape(doc)["codes"] = m{"200": 20200} }},
		{"empty error code", false, func(doc m) { singleErrorShape(doc)["codes"] = m{"404": ""} }},
		{"unknown top-level key", false, func(doc m) { doc["servers"] = l{"https://x.example"} }},
		{"missing types", false, func(doc m) { delete(doc, "types") }},
		{"format version 2", false, func(doc m) { doc["sessiongen"] = 2 }},
		{"package name upper case", false, func(doc m) { at(doc, "package")["name"] = "Meetings" }},
		{"package name keyword", false, func(doc m) { at(doc, "package")["name"] = "type" }},
		{"package path absolute", false, func(doc m) { at(doc, "package")["path"] = "/acme/meetings" }},
		{"package path dot", false, func(doc m) { at(doc, "package")["path"] = "." }},
		{"package path trailing slash", false, func(doc m) { at(doc, "package")["path"] = "acme/" }},
		{"http baseURL", false, func(doc m) { at(doc, "api")["baseURL"] = "http://api.acme.example" }},
		{"baseURL trailing slash", false, func(doc m) { at(doc, "api")["baseURL"] = "https://api.acme.example/" }},
		{"missing auth", false, func(doc m) { delete(at(doc, "api"), "auth") }},
		{"unknown auth scheme", false, func(doc m) { at(doc, "api", "auth")["scheme"] = "oauth2" }},
		{"apiKey without header", false, func(doc m) { delete(at(doc, "api", "auth"), "header") }},
		{"header name with a space", false, func(doc m) { at(doc, "api", "auth")["header"] = "X Acme Key" }},
		{"header name token characters", true, func(doc m) { at(doc, "api", "auth")["header"] = "X-50%`'*|~" }},
		{"idempotency header with a newline", false, func(doc m) { at(doc, "api")["idempotencyHeader"] = "Idem\nX: 1" }},
		{"idempotency header", true, func(doc m) { at(doc, "api")["idempotencyHeader"] = "Idempotency-Key" }},
		{"bearer with header", false, func(doc m) { at(doc, "api", "auth")["scheme"] = "bearer" }},
		{"basic without password", false, func(doc m) {
			at(doc, "api")["auth"] = m{"scheme": "basic", "username": "accountSid"}
		}},
		{"unknown encoding", false, func(doc m) { at(doc, "api")["encoding"] = "xml" }},
		{"unknown pagination style", false, func(doc m) { at(doc, "api", "pagination")["style"] = "cursor" }},
		{"nextLink without next", false, func(doc m) { delete(at(doc, "api", "pagination"), "next") }},
		{"nextLink with pageParam", false, func(doc m) { at(doc, "api", "pagination")["pageParam"] = "page" }},
		{"pageNumber with next", false, func(doc m) {
			at(doc, "api")["pagination"] = m{"style": "pageNumber", "pageParam": "page", "sizeParam": "limit", "next": l{"next"}}
		}},
		{"firstPage 2", false, func(doc m) {
			at(doc, "api")["pagination"] = m{"style": "pageNumber", "pageParam": "page", "sizeParam": "limit", "firstPage": 2}
		}},
		{"empty JSON path", false, func(doc m) { at(doc, "api", "pagination")["next"] = l{} }},
		{"errors without message", false, func(doc m) { delete(singleErrorShape(doc), "message") }},
		{"retry of a success status", false, func(doc m) { at(doc, "api", "retry")["notProcessed"] = l{200} }},
		{"unknown api key", false, func(doc m) { at(doc, "api")["timeout"] = 30 }},
		{"enum type with properties", false, func(doc m) { at(doc, "types", "MeetingState")["properties"] = m{} }},
		{"object type with sentinel", false, func(doc m) { at(doc, "types", "Meeting")["sentinel"] = "x" }},
		{"empty enum", false, func(doc m) { at(doc, "types", "MeetingState")["enum"] = l{} }},
		{"enum value without value", false, func(doc m) {
			at(doc, "types", "MeetingState")["enum"] = l{"scheduled", m{"description": "Gone."}}
		}},
		{"enum value unknown key", false, func(doc m) {
			at(doc, "types", "MeetingState")["enum"] = l{m{"value": "ended", "label": "Ended"}}
		}},
		{"enum value not a string", false, func(doc m) { at(doc, "types", "MeetingState")["enum"] = l{"scheduled", 3} }},
		{"idPrefix with dash", false, func(doc m) { at(doc, "types", "Meeting")["idPrefix"] = "MT-" }},
		{"property without type", false, func(doc m) { delete(at(doc, "types", "Meeting", "properties", "topic"), "type") }},
		{"unknown property key", false, func(doc m) { at(doc, "types", "Meeting", "properties", "topic")["minlength"] = 1 }},
		{"explode on a property", false, func(doc m) { at(doc, "types", "Meeting", "properties", "tags")["explode"] = false }},
		{"required not a boolean", false, func(doc m) { at(doc, "types", "Meeting", "properties", "topic")["required"] = "yes" }},
		{"array without items", false, func(doc m) { delete(at(doc, "types", "Meeting", "properties", "tags"), "items") }},
		{"map without values", false, func(doc m) { delete(at(doc, "types", "Meeting", "properties", "links"), "values") }},
		{"items on a string", false, func(doc m) {
			at(doc, "types", "Meeting", "properties")["topic"] = m{"type": "string", "items": m{"type": "string"}}
		}},
		{"minLength on int32", false, func(doc m) { at(doc, "types", "Meeting", "properties", "durationSec")["minLength"] = 1 }},
		{"minimum on string", false, func(doc m) { at(doc, "types", "Meeting", "properties", "topic")["minimum"] = 1 }},
		{"nonFinite on int32", false, func(doc m) { at(doc, "types", "Meeting", "properties", "durationSec")["nonFinite"] = true }},
		{"int32 maximum out of range", false, func(doc m) {
			at(doc, "types", "Meeting", "properties", "durationSec")["maximum"] = 1e10
		}},
		{"negative maxLength", false, func(doc m) { at(doc, "types", "Participant", "properties", "name")["maxLength"] = -1 }},
		{"presence key on items", false, func(doc m) {
			at(doc, "types", "Meeting", "properties", "tags", "items")["description"] = "A tag."
		}},
		{"readOnly and createOnly", false, func(doc m) {
			at(doc, "types", "Meeting", "properties", "topic")["readOnly"] = true
			at(doc, "types", "Meeting", "properties", "topic")["createOnly"] = true
		}},
		{"required relationship", false, func(doc m) {
			at(doc, "types", "Meeting", "properties", "participants")["required"] = true
		}},
		{"required with default", false, func(doc m) {
			at(doc, "types", "Meeting", "properties", "durationSec")["required"] = true
		}},
		{"unknown resource key", false, func(doc m) { at(doc, "resources", "meetings")["kind"] = "collection" }},
		{"resource without path", false, func(doc m) { delete(at(doc, "resources", "meetings"), "path") }},
		{"path without slash", false, func(doc m) { at(doc, "resources", "meetings")["path"] = "meetings" }},
		{"path with query", false, func(doc m) {
			at(doc, "resources", "meetings", "methods", "list")["path"] = "/meetings?active=true"
		}},
		{"path with unbalanced brace", false, func(doc m) {
			at(doc, "resources", "meetings", "methods", "get")["path"] = "/meetings/{meetingId"
		}},
		{"required path parameter key", false, func(doc m) { at(doc, "resources", "meetings", "params", "meetingId")["required"] = true }},
		{"array path parameter", false, func(doc m) {
			at(doc, "resources", "meetings", "params")["meetingId"] = m{"type": "array", "items": m{"type": "string"}}
		}},
		{"nullable query parameter", false, func(doc m) {
			at(doc, "resources", "meetings", "methods", "list", "query", "pageSize")["nullable"] = true
		}},
		{"explode on a scalar query parameter", false, func(doc m) {
			at(doc, "resources", "meetings", "methods", "list", "query", "pageSize")["explode"] = false
		}},
		{"map query parameter", false, func(doc m) {
			at(doc, "resources", "meetings", "methods", "list", "query")["filter"] = m{"type": "map", "values": m{"type": "string"}}
		}},
		{"unknown HTTP method", false, func(doc m) { at(doc, "resources", "meetings", "methods", "list")["http"] = "HEAD" }},
		{"method without http", false, func(doc m) { delete(at(doc, "resources", "meetings", "methods", "list"), "http") }},
		{"unknown method key", false, func(doc m) { at(doc, "resources", "meetings", "methods", "get")["idempotent"] = true }},
		{"body with type and fields", false, func(doc m) {
			at(doc, "resources", "meetings", "methods", "create", "body")["type"] = "Meeting"
		}},
		{"body with neither type nor fields", false, func(doc m) {
			at(doc, "resources", "meetings", "methods", "create")["body"] = m{"encoding": "form"}
		}},
		{"body on GET", false, func(doc m) {
			at(doc, "resources", "meetings", "methods", "get")["body"] = m{"type": "Meeting"}
		}},
		{"read-only body field", false, func(doc m) {
			at(doc, "resources", "meetings", "methods", "create", "body", "fields", "topic")["readOnly"] = true
		}},
		{"unknown body encoding", false, func(doc m) {
			at(doc, "resources", "meetings", "methods", "create", "body")["encoding"] = "multipart"
		}},
		{"paged response without items", false, func(doc m) {
			delete(at(doc, "resources", "meetings", "methods", "list", "response"), "items")
		}},
		{"items on an unpaged response", false, func(doc m) {
			at(doc, "resources", "meetings", "methods", "get", "response")["items"] = "meetings"
		}},
		{"paged binary response", false, func(doc m) {
			at(doc, "resources", "meetings", "methods", "list")["response"] = m{"type": "binary", "paged": true, "items": "x"}
		}},
		{"unknown response key", false, func(doc m) {
			at(doc, "resources", "meetings", "methods", "get", "response")["status"] = 200
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var doc map[string]any
			if err := yaml.Unmarshal(example, &doc); err != nil {
				t.Fatal(err)
			}
			c.edit(doc)
			v, err := toJSON(doc)
			if err != nil {
				t.Fatal(err)
			}
			jsErr := sch.Validate(v)
			src, err := yaml.Marshal(doc)
			if err != nil {
				t.Fatal(err)
			}
			_, loadErr := schema.Parse("edited.yaml", src)
			if c.valid {
				if loadErr != nil {
					t.Fatalf("test case is not valid for the loader:\n%v", loadErr)
				}
				if jsErr != nil {
					t.Errorf("JSON Schema rejects a document the loader accepts:\n%v", jsErr)
				}
				return
			}
			if loadErr == nil {
				t.Fatal("test case is not invalid for the loader")
			}
			if jsErr == nil {
				t.Errorf("JSON Schema accepts a document the loader rejects with:\n%v", loadErr)
			}
		})
	}
}

// TestLanguageServerComment checks that every bundled schema starts with the
// comment that points editors at the JSON Schema.
func TestLanguageServerComment(t *testing.T) {
	paths, err := filepath.Glob("apis/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatal("no bundled schemas under apis/")
	}
	for _, p := range paths {
		fh, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		first := ""
		if sc.Scan() {
			first = strings.TrimSuffix(sc.Text(), "\r")
		}
		fh.Close()
		if first != languageServerLine {
			t.Errorf("%s: first line is %q; want %q", p, first, languageServerLine)
		}
	}
}

// TestJSONSchemaImports checks the imports key: the golden case's two
// schemas match, and a prefix that is not a lower-case identifier or an
// entry without schema does not.
func TestJSONSchemaImports(t *testing.T) {
	sch := compileJSONSchema(t)
	for _, p := range []string{"../testdata/cases/imports/schema.yaml", "../testdata/cases/imports/common/errors.yaml"} {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		v, err := jsonValue(src)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if err := sch.Validate(v); err != nil {
			t.Errorf("%s does not match sessiongen.schema.json:\n%v", p, err)
		}
	}
	base := "sessiongen: 1\npackage: {name: a, path: a}\napi: {baseURL: https://x.example, auth: {scheme: bearer}}\ntypes: {}\n"
	for _, bad := range []string{
		"imports: [{schema: common.yaml, as: Cmn}]\n",
		"imports: [{as: cmn}]\n",
		"imports: [{schema: /abs/common.yaml, as: cmn}]\n",
	} {
		v, err := jsonValue([]byte(base + bad))
		if err != nil {
			t.Fatal(err)
		}
		if sch.Validate(v) == nil {
			t.Errorf("%q: accepted, want rejected", bad)
		}
		if _, err := schema.Parse("schema.yaml", []byte(base+bad)); err == nil {
			t.Errorf("%q: the loader accepts it", bad)
		}
	}
}
