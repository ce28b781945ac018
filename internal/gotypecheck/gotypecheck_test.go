package gotypecheck

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sessiongen/sessiongen/schema"
)

const idsSource = `package ids

// ID has the codec methods generated code calls.
type ID string

func (i ID) MarshalJSON() ([]byte, error) { return []byte("\"" + string(i) + "\""), nil }
func (i *ID) UnmarshalJSON(b []byte) error { *i = ID(b); return nil }

// Half has only MarshalJSON.
type Half string

func (h Half) MarshalJSON() ([]byte, error) { return nil, nil }

// Generic cannot be named without type arguments.
type Generic[T any] struct{ v T }

type unexported string
`

func schemaWith(t *testing.T, props string) *schema.File {
	t.Helper()
	src := "sessiongen: 1\npackage: {name: demo, path: gen/demo}\napi:\n  baseURL: https://api.example.com\n  auth: {scheme: bearer}\ntypes:\n  Job:\n    properties:\n" + props
	f, err := schema.Parse("s.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestCheckWithoutGoTypeLoadsNothing: a schema without goType never runs
// the go command, even from a folder that is no module.
func TestCheckWithoutGoTypeLoadsNothing(t *testing.T) {
	f := schemaWith(t, "      id: {type: string}\n")
	if err := Check(filepath.Join(t.TempDir(), "missing"), []*schema.File{f}); err != nil {
		t.Fatal(err)
	}
}

// TestCheck loads a package of a temporary module and reports each bad
// goType at its name, in schema order.
func TestCheck(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	dir := t.TempDir()
	for name, content := range map[string]string{
		"go.mod":     "module example.com/m\n\ngo 1.24\n",
		"ids/ids.go": idsSource,
	} {
		full := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ok := schemaWith(t, "      a: {goType: {import: example.com/m/ids, name: ID}}\n      b: {type: array, items: {goType: {import: example.com/m/ids, name: ID}}}\n")
	if err := Check(dir, []*schema.File{ok}); err != nil {
		t.Fatalf("ids.ID: %v", err)
	}
	bad := schemaWith(t, "      a: {goType: {import: example.com/m/ids, name: Half}}\n"+
		"      b: {goType: {import: example.com/m/ids, name: Generic}}\n"+
		"      c: {goType: {import: example.com/m/ids, name: Nope}}\n")
	err := Check(dir, []*schema.File{bad})
	want := strings.Join([]string{
		"s.yaml:9:53: goType example.com/m/ids.Half: lacks the method UnmarshalJSON([]byte) error that generated code calls",
		"s.yaml:10:53: goType example.com/m/ids.Generic: is a generic type; name an instantiated type of your own instead",
		"s.yaml:11:53: goType example.com/m/ids.Nope: package example.com/m/ids has no exported type Nope",
	}, "\n")
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}

	// A declared goType used by two properties: one error, at the declaration.
	src := "sessiongen: 1\npackage: {name: demo, path: gen/demo}\napi:\n  baseURL: https://api.example.com\n  auth: {scheme: bearer}\n" +
		"types:\n  Half:\n    goType: {import: example.com/m/ids, name: Half}\n  Job:\n    properties:\n      a: {type: Half}\n      b: {type: array, items: {type: Half}}\n"
	f, perr := schema.Parse("d.yaml", []byte(src))
	if perr != nil {
		t.Fatal(perr)
	}
	err = Check(dir, []*schema.File{f})
	want = "d.yaml:8:47: goType example.com/m/ids.Half: lacks the method UnmarshalJSON([]byte) error that generated code calls"
	if err == nil || err.Error() != want {
		t.Errorf("declared: got\n%v\nwant\n%s", err, want)
	}
}
