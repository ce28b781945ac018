package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWarningsPrinted: the loader's warnings go to stderr as
// file:line:col: warning: ..., and generation still succeeds.
func TestWarningsPrinted(t *testing.T) {
	dir := t.TempDir()
	schemaPath := filepath.Join(dir, "s.yaml")
	src := `sessiongen: 1
package: {name: demo, path: acme/demo}
api:
  baseURL: https://api.example.com
  auth: {scheme: bearer}
  pagination: {style: nextLink, next: [next]}
types:
  Thing:
    properties:
      id: {type: string}
resources:
  things:
    type: Thing
    path: /v1/Things
    methods:
      list:
        http: GET
        path: /v1/Things
        response: {type: Thing, paged: true, items: thngs}
`
	if err := os.WriteFile(schemaPath, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, "-o", filepath.Join(dir, "out"), schemaPath)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if want := schemaPath + `:19:19: warning: resource "things" method "list": items "thngs"`; !strings.HasPrefix(stderr, want) || strings.Count(stderr, "\n") != 1 {
		t.Errorf("stderr %q, want one line starting %q", stderr, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "out", "acme", "demo", "client_gen.go")); err != nil {
		t.Errorf("not generated: %v", err)
	}
}
