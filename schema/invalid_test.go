package schema_test

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/sessiongen/sessiongen/schema"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/invalid")

// invalidDir holds the golden cases, at the module root.
const invalidDir = "../testdata/invalid"

// TestInvalid loads every testdata/invalid/*.txtar case and compares the
// diagnostics with its want section. An archive holds a one-line comment
// saying what it checks, schema.yaml, optionally other.yaml (loaded together
// with schema.yaml through LoadFiles), optionally more .yaml files that
// schema.yaml imports (paths may hold folders), and want, the exact error
// text.
func TestInvalid(t *testing.T) {
	// Absolute, since multi-file cases change the working directory.
	dir, err := filepath.Abs(invalidDir)
	if err != nil {
		t.Fatal(err)
	}
	paths, err := filepath.Glob(filepath.Join(dir, "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatalf("no cases under %s", invalidDir)
	}
	for _, path := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			ar := parseTxtar(string(data))
			if strings.TrimSpace(ar.comment) == "" {
				t.Errorf("%s: no comment saying what the case checks", path)
			}
			got := runCase(t, path, ar)
			if got == "" {
				t.Fatalf("%s: loaded without errors; every case must produce at least one", path)
			}
			got += "\n"
			if *update {
				ar.set("want", got)
				if err := os.WriteFile(path, []byte(ar.format()), 0o666); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, ok := ar.get("want")
			if !ok || strings.TrimSpace(want) == "" {
				t.Fatalf("%s: empty want section (run go test -update)", path)
			}
			if want != got {
				t.Errorf("%s: diagnostics differ (-want +got):\n%s", path, lineDiff(want, got))
			}
		})
	}
}

// runCase loads the case's files and returns the error text, "" for none. A
// panic fails the test naming the case.
func runCase(t *testing.T, path string, ar *txtar) (text string) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("%s: panic: %v\n%s", path, r, debug.Stack())
		}
	}()
	src, ok := ar.get("schema.yaml")
	if !ok {
		t.Fatalf("%s: no schema.yaml section", path)
	}
	var err error
	if disk := ar.yamlFiles(); len(disk) > 1 {
		// Load from disk so that LoadFiles runs as the CLI runs it (and
		// finds imported files); the working directory makes the
		// positions read schema.yaml:L:C. Only schema.yaml and other.yaml
		// are named on the command line; other files are reached by
		// imports.
		dir := t.TempDir()
		for _, f := range disk {
			p := filepath.Join(dir, filepath.FromSlash(f.name))
			if err := os.MkdirAll(filepath.Dir(p), 0o777); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(f.data), 0o666); err != nil {
				t.Fatal(err)
			}
		}
		t.Chdir(dir)
		args := []string{"schema.yaml"}
		if _, ok := ar.get("other.yaml"); ok {
			args = append(args, "other.yaml")
		}
		_, err = schema.LoadFiles(args...)
	} else {
		_, err = schema.Parse("schema.yaml", []byte(src))
	}
	if err == nil {
		return ""
	}
	var ds schema.Diagnostics
	if !errors.As(err, &ds) {
		t.Errorf("%s: error is a %T, want schema.Diagnostics", path, err)
	}
	return err.Error()
}

// txtar is a minimal reader and writer of the txtar format
// (golang.org/x/tools/txtar): a free-form comment, then files, each introduced
// by a "-- name --" line.
type txtar struct {
	comment string
	files   []txtarFile
}

type txtarFile struct {
	name, data string
}

func parseTxtar(s string) *txtar {
	ar := &txtar{}
	cur := &ar.comment
	for len(s) > 0 {
		line, rest, _ := strings.Cut(s, "\n")
		s = rest
		if name, ok := strings.CutPrefix(line, "-- "); ok && strings.HasSuffix(name, " --") && len(name) > 3 {
			ar.files = append(ar.files, txtarFile{name: strings.TrimSpace(strings.TrimSuffix(name, " --"))})
			cur = &ar.files[len(ar.files)-1].data
			continue
		}
		*cur += line + "\n"
	}
	return ar
}

// yamlFiles returns the archive's schema files: every section but want.
func (ar *txtar) yamlFiles() []txtarFile {
	var out []txtarFile
	for _, f := range ar.files {
		if strings.HasSuffix(f.name, ".yaml") {
			out = append(out, f)
		}
	}
	return out
}

func (ar *txtar) get(name string) (string, bool) {
	for _, f := range ar.files {
		if f.name == name {
			return f.data, true
		}
	}
	return "", false
}

func (ar *txtar) set(name, data string) {
	for i := range ar.files {
		if ar.files[i].name == name {
			ar.files[i].data = data
			return
		}
	}
	ar.files = append(ar.files, txtarFile{name, data})
}

func (ar *txtar) format() string {
	var b strings.Builder
	b.WriteString(ar.comment)
	for _, f := range ar.files {
		fmt.Fprintf(&b, "-- %s --\n%s", f.name, f.data)
	}
	return b.String()
}

// lineDiff is a minimal line diff (longest common subsequence), good enough
// for a few lines of diagnostics: " " common, "-" want only, "+" got only.
func lineDiff(want, got string) string {
	a := strings.Split(strings.TrimSuffix(want, "\n"), "\n")
	b := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out strings.Builder
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			fmt.Fprintf(&out, "  %s\n", a[i])
			i, j = i+1, j+1
		case j < len(b) && (i == len(a) || lcs[i][j+1] >= lcs[i+1][j]):
			fmt.Fprintf(&out, "+ %s\n", b[j])
			j++
		default:
			fmt.Fprintf(&out, "- %s\n", a[i])
			i++
		}
	}
	return out.String()
}

// TestValidEdgeCases loads schemas that are valid but were once reported as
// invalid, or that sit next to a rule the invalid cases check.
func TestValidEdgeCases(t *testing.T) {
	const head = "sessiongen: 1\npackage: {name: demo, path: acme/demo}\n" +
		"api:\n  baseURL: https://api.example.com\n  auth: {scheme: bearer}\n  discriminator: kind\n"
	for name, body := range map[string]string{
		// The key is declared two bases up, by a type declared after.
		"key from a later grandparent": `types:
  Child: {base: Mid, key: id, discriminatorValue: child}
  Mid: {base: Root, abstract: true}
  Root:
    abstract: true
    properties:
      id: {type: string}
`,
		// A path parameter is declared by a grandparent declared after.
		"path parameter from a later grandparent": `types:
  Thing:
    properties:
      id: {type: string}
resources:
  child:
    type: Thing
    parent: mid
    path: /roots/{rootId}/mids/{midId}/children
    methods:
      list: {http: GET, path: "/roots/{rootId}/mids/{midId}/children"}
  mid: {type: Thing, parent: root, path: "/roots/{rootId}/mids", params: {midId: {type: string}}}
  root: {type: Thing, path: /roots, params: {rootId: {type: string}}}
`,
		// Text that YAML would read as something else, written as text.
		"quoted and !!str text": `types:
  Thing:
    properties:
      day: {type: string, pattern: "2001-12-14", description: !!str 012, examples: ["2001-12-14"]}
      note: {type: string, format: "~", default: "yes"}
`,
		// Exact integer bounds and defaults at the edges of their kinds.
		"integer edges": `types:
  Thing:
    properties:
      a: {type: int64, minimum: -9223372036854775808, maximum: 9223372036854775807, default: 9223372036854775807}
      b: {type: int32, minimum: -2147483648, maximum: 2147483647, default: -2147483648}
      c: {type: number, minimum: 0, maximum: 1.5, default: 1.5, nonFinite: true}
`,
		// Required loops broken by nullable or optional properties.
		"containment broken by nullable": `types:
  Node:
    properties:
      next: {type: Node, required: true, nullable: true}
      parent: {type: Node}
`,
		// CRLF line endings read as LF.
		"crlf": strings.ReplaceAll("types:\n  Thing:\n    properties:\n      id: {type: string}\n", "\n", "\r\n"),
	} {
		t.Run(name, func(t *testing.T) {
			src := head + body
			if name == "crlf" {
				src = strings.ReplaceAll(head, "\n", "\r\n") + body
			}
			if _, err := schema.Parse("schema.yaml", []byte(src)); err != nil {
				t.Errorf("want no errors, got:\n%v", err)
			}
		})
	}
}
