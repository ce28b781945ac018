package openapi

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzImport (seeds: the testdata specs but the 1 MB Syllable one, an
// exported document, and three small documents, one of them exported): any input either imports to a schema that loads with zero
// errors or fails with an *Error at a JSON pointer; never a panic. (Import
// checks its output with the loader itself; an output it would refuse is
// an error "does not load", which the fuzzer reports as a finding.)
func FuzzImport(f *testing.F) {
	for _, name := range []string{"chat-openapi.yaml", "twilio_proxy_v1.json", "graph-callrecords-openapi.yml"} {
		b, err := os.ReadFile(filepath.Join("testdata", "import", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	// Documents sessiongen export wrote: the restorer's path.
	b, err := os.ReadFile(filepath.Join("testdata", "export", "twilio-proxy.openapi.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte("openapi: 3.1.0\ninfo: {title: k, version: '1', x-sessiongen-package: {name: k, path: k}}\nservers: [{url: 'https://k.example'}]\npaths:\n  /a:\n    get:\n      tags: [a]\n      operationId: a.list\n      responses: {2XX: {description: ok, content: {application/json: {schema: {type: object, properties: {items: {type: array, items: {$ref: '#/components/schemas/T'}}}}}}}}\n      x-sessiongen-paging: {items: items}\ncomponents:\n  schemas:\n    T: {type: object, properties: {e: {$ref: '#/components/schemas/TE', x-sessiongen-inline: true}}, x-sessiongen-defaults: {nullable: true}}\n    TE: {anyOf: [{type: string, enum: [x]}, {type: string}], x-sessiongen-inlineOf: p, x-sessiongen-values: [{value: x, goName: X}]}\ntags: [{name: a, x-sessiongen-resource: {type: T, path: /a}}]\nx-sessiongen-version: 1\nx-sessiongen-paging: {style: nextLink, next: [next]}\n"))
	f.Add([]byte("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a/{id}:\n    get:\n      parameters: [{name: id, in: path, required: true, schema: {type: string}}]\n      responses: {'200': {description: ok, content: {application/json: {schema: {type: object, properties: {x: {type: [string, 'null']}}}}}}}\n"))
	f.Add([]byte(`{"openapi":"3.0.0","info":{"title":"t","version":"1"},"paths":{"/b":{"post":{"requestBody":{"content":{"application/x-www-form-urlencoded":{"schema":{"type":"object","properties":{"A":{"type":"integer"}}}}}},"responses":{"201":{"description":"ok"}}}}}}`))
	f.Fuzz(func(t *testing.T, spec []byte) {
		res, err := Import(spec, Options{})
		if err != nil {
			var ie *Error
			if !errors.As(err, &ie) || !strings.HasPrefix(ie.Pointer, "#") {
				t.Fatalf("an error without a JSON pointer: %v", err)
			}
			if strings.HasPrefix(ie.Msg, "internal error") {
				t.Fatalf("the importer failed: %v", err)
			}
			if strings.Contains(ie.Msg, "does not load") && os.Getenv("IMPORT_FUZZ_STRICT") != "" {
				t.Fatalf("the importer wrote a schema the loader refuses: %v", err)
			}
			return
		}
		// A restored schema that imports others loads only beside them
		// (TestRoundTrip loads those with LoadFiles): its imports' errors
		// alone pass.
		if err := loadsButImports(res.YAML); err != nil {
			t.Fatalf("the imported schema does not load: %v\n%s", err, res.YAML)
		}
	})
}
