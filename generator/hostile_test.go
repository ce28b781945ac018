package generator_test

// Hostile names (reliability check 15). testdata/cases/hostile/schema.yaml
// holds every Go keyword and predeclared identifier as a property name,
// names that are not Go identifiers, names of the codecs' local variables,
// non-ASCII names and awkward enum values; TestGolden pins its output and
// type-checks it. The tests here add:
//
//   - TestHostileNoSilentDropOrRename: every property of the case keeps its
//     exact wire name in the decoder and the encoder, under an exported Go
//     field, and every enum value keeps its exact value under an exported
//     constant;
//   - TestHostileBuildsAndVets: the generated package builds and passes
//     go vet (skipped with -short: it runs the go command);
//   - TestHostileCollisions: names that collide with generated identifiers
//     fail generation with an error positioned at the schema text and naming
//     the Go name; names that collide with each other are pinned as
//     testdata/invalid/hostile-*.txtar (go test ./schema -run Invalid).

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/sessiongen/sessiongen/generator"
	"github.com/sessiongen/sessiongen/generator/ir"
	"github.com/sessiongen/sessiongen/schema"
)

const hostileSchema = "../testdata/cases/hostile/schema.yaml"

// hstLiterals returns the unquoted string literals inside the body of the
// method recv.name (recv "" for a function) of the parsed files.
func hstLiterals(files []*ast.File, recv, name string) ([]string, bool) {
	var out []string
	found := false
	for _, f := range files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Name.Name != name || fd.Body == nil {
				continue
			}
			r := ""
			if fd.Recv != nil && len(fd.Recv.List) == 1 {
				if star, ok := fd.Recv.List[0].Type.(*ast.StarExpr); ok {
					if id, ok := star.X.(*ast.Ident); ok {
						r = id.Name
					}
				}
			}
			if r != recv {
				continue
			}
			found = true
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
					if s, err := strconv.Unquote(lit.Value); err == nil {
						out = append(out, s)
					}
				}
				return true
			})
		}
	}
	return out, found
}

// hstStructFields returns the field names of the struct type name.
func hstStructFields(files []*ast.File, name string) (map[string]bool, bool) {
	for _, f := range files {
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok {
				continue
			}
			for _, sp := range gd.Specs {
				ts, ok := sp.(*ast.TypeSpec)
				if !ok || ts.Name.Name != name {
					continue
				}
				st, ok := ts.Type.(*ast.StructType)
				if !ok {
					return nil, false
				}
				out := map[string]bool{}
				for _, fl := range st.Fields.List {
					for _, n := range fl.Names {
						out[n.Name] = true
					}
				}
				return out, true
			}
		}
	}
	return nil, false
}

// hstConstants returns the string constants of the files by name.
func hstConstants(files []*ast.File) map[string]string {
	out := map[string]string{}
	for _, f := range files {
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, sp := range gd.Specs {
				vs := sp.(*ast.ValueSpec)
				for i, n := range vs.Names {
					if i < len(vs.Values) {
						if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
							out[n.Name], _ = strconv.Unquote(lit.Value)
						}
					}
				}
			}
		}
	}
	return out
}

func hstGenerate(t *testing.T) (*schema.File, *ir.Package, []generator.File) {
	return hstGenerateFile(t, hostileSchema)
}

// hstGenerateFile loads the case schema at path (relative to this package)
// under its name from the module root, and returns its IR and output.
func hstGenerateFile(t *testing.T, path string) (*schema.File, *ir.Package, []generator.File) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := schema.Parse(strings.TrimPrefix(path, "../"), src)
	if err != nil {
		t.Fatal(err)
	}
	p, err := ir.Build(f, ir.Options{})
	if err != nil {
		t.Fatal(err)
	}
	files, err := generator.GenerateWith([]*schema.File{f}, generator.Options{ImportRoot: goldenImportRoot})
	if err != nil {
		t.Fatal(err)
	}
	return f, p, files
}

func TestHostileNoSilentDropOrRename(t *testing.T) {
	f, p, files := hstGenerate(t)
	fset := token.NewFileSet()
	var asts []*ast.File
	for _, gf := range files {
		a, err := parser.ParseFile(fset, gf.Path, gf.Content, 0)
		if err != nil {
			t.Fatal(err)
		}
		asts = append(asts, a)
	}
	byWire := map[string]*ir.Struct{}
	for _, s := range p.Structs {
		byWire[s.Wire] = s
	}
	props, values := 0, 0
	for _, st := range f.Types {
		if st.IsEnum {
			continue
		}
		s := byWire[st.Name]
		if s == nil {
			t.Errorf("type %q has no struct in the IR", st.Name)
			continue
		}
		// Every property of the schema type, inherited ones included.
		var wires []string
		for c := st; c != nil; {
			var own []string
			for _, pr := range c.Properties {
				own = append(own, pr.Name)
			}
			wires = append(own, wires...)
			if c.Base == nil {
				break
			}
			c = c.Base.Target
		}
		// A type outside any hierarchy declares the discriminator first
		// (ir.Build), although the schema may not.
		if !s.Abstract && s.Base == nil && s.Interface == nil && p.API.Discriminator != "" {
			wires = append([]string{p.API.Discriminator}, wires...)
		}
		if len(wires) != len(s.Fields) {
			t.Errorf("type %q: %d properties in the schema, %d fields in the IR", st.Name, len(wires), len(s.Fields))
		}
		if s.Abstract {
			continue
		}
		fields, ok := hstStructFields(asts, s.Name)
		if !ok {
			t.Errorf("type %q: no struct %s", st.Name, s.Name)
			continue
		}
		dec, okDec := hstLiterals(asts, s.Name, "readJSON")
		enc, okEnc := hstLiterals(asts, s.Name, "AppendJSON")
		if !okDec || !okEnc {
			t.Errorf("%s: readJSON or AppendJSON missing", s.Name)
			continue
		}
		for i, w := range wires {
			props++
			fl := s.Fields[i]
			if fl.Wire != w {
				t.Errorf("%s: field %d is %q, schema property %q (reordered or renamed)", s.Name, i, fl.Wire, w)
			}
			if !token.IsIdentifier(fl.Name) || !token.IsExported(fl.Name) {
				t.Errorf("%s: property %q has Go name %q, not an exported identifier", s.Name, w, fl.Name)
			}
			if !fields[fl.Name] {
				t.Errorf("%s: no field %s for property %q", s.Name, fl.Name, w)
			}
			if !hstContains(dec, func(s string) bool { return s == w }) {
				t.Errorf("%s.DecodeJSON has no case %q", s.Name, w)
			}
			key, _ := json.Marshal(w)
			if !hstContains(enc, func(s string) bool { return strings.Contains(s, string(key)+":") }) {
				t.Errorf("%s.AppendJSON never writes %s:", s.Name, key)
			}
		}
	}
	consts := hstConstants(asts)
	for _, e := range p.Enums {
		for _, v := range e.Values {
			values++
			if !token.IsIdentifier(v.Name) || !token.IsExported(v.Name) {
				t.Errorf("enum %s: value %q has Go name %q, not an exported identifier", e.Name, v.Wire, v.Name)
			}
			if got, ok := consts[v.Name]; !ok || got != v.Wire {
				t.Errorf("enum %s: constant %s is %q, want %q", e.Name, v.Name, got, v.Wire)
			}
		}
	}
	if props < 110 || values < 10 {
		t.Fatalf("only %d properties and %d enum values checked", props, values)
	}
	t.Logf("%d properties and %d enum values keep their exact wire names under exported Go names", props, values)
}

func hstContains(list []string, f func(string) bool) bool {
	for _, s := range list {
		if f(s) {
			return true
		}
	}
	return false
}

// hstBuildAndVet writes files into a throwaway module and runs go build and
// go vet on it.
// hstBuildAndVet writes files into a new module, runs go build and go vet
// over it and returns the module's folder.
func hstBuildAndVet(t *testing.T, files []generator.File) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/golden\n\ngo 1.24\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		full := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, f.Content, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{{"build", "./..."}, {"vet", "./..."}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	return dir
}

func TestHostileBuildsAndVets(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go build and go vet")
	}
	_, _, files := hstGenerate(t)
	// The cases of TestHostileCollisions that must generate, in the same
	// module: one go build and one go vet for all.
	for i, tc := range hstCases {
		if tc.want != nil {
			continue
		}
		f, err := schema.Parse("schema.yaml", []byte(hstSchema(i, tc)))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		more, err := generator.GenerateWith([]*schema.File{f}, generator.Options{ImportRoot: goldenImportRoot})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		files = append(files, more...)
	}
	hstBuildAndVet(t, files)
}

// hstDoc is the head of every inline schema below; types start on line 7.
const hstDoc = `sessiongen: 1
package: {name: demo, path: demo}
api:
  baseURL: https://api.example.com
  auth: {scheme: bearer}
  discriminator: kind
types:
`

// TestHostileCollisions: a schema name whose Go name is already taken by
// generated code fails generation, with every diagnostic positioned at the
// schema text and naming the Go name. Names that do not collide generate
// code that builds and vets.
// hstCase is one inline schema of TestHostileCollisions.
type hstCase struct {
	name  string
	types string
	// want lists substrings of the error, the first being its position;
	// nil: generation must succeed, with exported names, and the output
	// must build and vet (TestHostileBuildsAndVets).
	want []string
}

var hstCases = []hstCase{
	{"property validate", "  thing:\n    properties:\n      validate: {type: string}\n",
		[]string{"schema.yaml:10:7:", `"validate"`, "Validate"}},
	{"property string", "  thing:\n    properties:\n      string: {type: string}\n",
		[]string{"schema.yaml:10:7:", `"string"`, "String"}},
	{"property marshalJSON", "  thing:\n    properties:\n      marshalJSON: {type: string}\n",
		[]string{"schema.yaml:10:7:", `"marshalJSON"`, "MarshalJSON"}},
	{"property appendJSON", "  thing:\n    properties:\n      appendJSON: {type: string}\n",
		[]string{"schema.yaml:10:7:", `"appendJSON"`, "AppendJSON"}},
	{"property append_json", "  thing:\n    properties:\n      append_json: {type: string}\n",
		[]string{"schema.yaml:10:7:", `"append_json"`, "AppendJSON"}},
	{"property decodeJSON", "  thing:\n    properties:\n      decodeJSON: {type: string}\n",
		nil}, // the streaming decoder method is unexported (readJSON): no collision
	{"property unmarshal_json", "  thing:\n    properties:\n      unmarshal_json: {type: string}\n",
		[]string{"schema.yaml:10:7:", `"unmarshal_json"`, "UnmarshalJSON"}},
	{"open additionalProperties", "  thing:\n    open: true\n    properties:\n      additionalProperties: {type: string}\n",
		[]string{"schema.yaml:11:7:", `"additionalProperties"`, "AdditionalProperties"}},
	{"closed additionalProperties", "  thing:\n    properties:\n      additional_properties: {type: string}\n", nil},
	{"type optional", "  optional:\n    properties:\n      a: {type: string}\n",
		[]string{"schema.yaml:8:3:", `"optional"`, "Optional"}},
	// The runtime's decoder is unexported: a schema type may be called Decoder.
	{"type decoder", "  decoder:\n    properties:\n      a: {type: string}\n", nil},
	// A type outside any hierarchy declares the discriminator ("kind") as
	// the field Kind, or KindDiscriminator when a property has that name.
	{"discriminator field renamed", "  thing:\n    properties:\n      Kind: {type: string}\n", nil},
	{"discriminator field taken twice", "  thing:\n    properties:\n      Kind: {type: string}\n      kindDiscriminator: {type: string}\n",
		[]string{"schema.yaml:8:3:", `"kind"`, "KindDiscriminator"}},
	{"type decode_error", "  decode_error:\n    properties:\n      a: {type: string}\n",
		[]string{"schema.yaml:8:3:", `"decode_error"`, "DecodeError"}},
	{"type validationError", "  validationError:\n    properties:\n      a: {type: string}\n",
		[]string{"schema.yaml:8:3:", `"validationError"`, "ValidationError"}},
	{"type date", "  date:\n    properties:\n      a: {type: string}\n",
		[]string{"schema.yaml:8:3:", `"date"`, "Date"}},
	{"type member", "  member:\n    properties:\n      a: {type: string}\n",
		[]string{"schema.yaml:8:3:", `"member"`, "Member"}},
	// Generated helpers of containers hold an underscore (decodeSlice_Things),
	// which no type's Go name does: a type may be called SliceOfThings.
	{"type sliceOf", "  sliceOfThings:\n    properties:\n      a: {type: string}\n      all: {type: array, items: {type: sliceOfThings}}\n", nil},
	{"enum constant and type", "  color:\n    enum: [red]\n  colorRed:\n    properties:\n      a: {type: string}\n",
		[]string{"schema.yaml:", "ColorRed"}},
	{"enum values list", "  color:\n    enum: [red]\n  color_values:\n    properties:\n      a: {type: string}\n",
		[]string{"schema.yaml:", "ColorValues"}},
	{"unknown holder", "  shape:\n    abstract: true\n  circle:\n    base: shape\n    discriminatorValue: c\n  unknownShape:\n    properties:\n      a: {type: string}\n",
		[]string{"schema.yaml:", "UnknownShape"}},
	{"base struct", "  shape:\n    discriminatorValue: s\n  circle:\n    base: shape\n    discriminatorValue: c\n  shape_base:\n    properties:\n      a: {type: string}\n",
		[]string{"schema.yaml:", "ShapeBase"}},
	{"keywords as types", "  func:\n    properties:\n      type: {type: func}\n  range:\n    enum: [chan, select]\n  go:\n    properties:\n      range: {type: map, values: {type: range}}\n      func: {type: array, items: {type: func}}\n", nil},
	// A name starting with a letter that has no upper case (CJK, ß): the
	// Go name must still be exported, or generation must fail with a
	// positioned error; an unexported field with a json tag fails go vet
	// and is unreachable from other packages.
	{"caseless initial", "  thing:\n    properties:\n      名前: {type: string}\n      ß: {type: string}\n", nil},
	{"caseless type name", "  名前:\n    properties:\n      a: {type: string}\n  ßig:\n    enum: [a]\n", nil},
}

// hstSchema is the schema of case i; each case has its own package path.
func hstSchema(i int, c hstCase) string {
	return strings.Replace(hstDoc, "path: demo}", "path: demo/case"+strconv.Itoa(i)+"}", 1) + c.types
}

func TestHostileCollisions(t *testing.T) {
	for i, tc := range hstCases {
		t.Run(tc.name, func(t *testing.T) {
			src := hstSchema(i, tc)
			f, err := schema.Parse("schema.yaml", []byte(src))
			var files []generator.File
			if err == nil {
				files, err = generator.GenerateWith([]*schema.File{f}, generator.Options{ImportRoot: goldenImportRoot})
			}
			if tc.want == nil {
				if err != nil {
					t.Fatalf("generation failed: %v", err)
				}
				hstCheckExported(t, files)
				return
			}
			if err == nil {
				t.Fatalf("generation succeeded; want an error naming %s", tc.want[1:])
			}
			text := err.Error()
			for _, line := range strings.Split(text, "\n") {
				if !strings.HasPrefix(line, "schema.yaml:") {
					t.Errorf("diagnostic without a position: %q", line)
				}
			}
			if !strings.HasPrefix(text, tc.want[0]) {
				t.Errorf("error %q does not start at %s", text, tc.want[0])
			}
			for _, w := range tc.want[1:] {
				if !strings.Contains(text, w) {
					t.Errorf("error %q does not name %s", text, w)
				}
			}
		})
	}
}

// hstCheckExported fails for every package-level type and every struct
// field of the generated types file that is not exported, apart from the
// unexported helpers the generator declares on purpose.
func hstCheckExported(t *testing.T, files []generator.File) {
	t.Helper()
	for _, gf := range files {
		if path.Base(gf.Path) != "types_gen.go" && path.Base(gf.Path) != "enums_gen.go" {
			continue
		}
		a, err := parser.ParseFile(token.NewFileSet(), gf.Path, gf.Content, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range a.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok {
				continue
			}
			for _, sp := range gd.Specs {
				switch sp := sp.(type) {
				case *ast.TypeSpec:
					if !sp.Name.IsExported() {
						t.Errorf("%s: type %s is not exported", gf.Path, sp.Name.Name)
					}
					if st, ok := sp.Type.(*ast.StructType); ok {
						for _, fl := range st.Fields.List {
							for _, n := range fl.Names {
								if !n.IsExported() {
									t.Errorf("%s: field %s.%s is not exported", gf.Path, sp.Name.Name, n.Name)
								}
							}
						}
					}
				case *ast.ValueSpec:
					for _, n := range sp.Names {
						if gd.Tok == token.CONST && !n.IsExported() {
							t.Errorf("%s: constant %s is not exported", gf.Path, n.Name)
						}
					}
				}
			}
		}
	}
}
