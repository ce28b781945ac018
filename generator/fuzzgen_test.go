package generator_test

// FuzzGenerate builds a small random schema from the fuzz input (a few types
// and properties drawn from hostile name and kind pools, hierarchies, open
// types, enums, constraints and a resource), loads it, generates it, and
// type-checks the output in process as TestGolden does. A schema the loader
// or the IR rejects must be rejected with positioned diagnostics only
// (file:line:col); a schema they accept must generate gofmt-clean Go that
// type-checks. Nothing may panic.
//
//	go test -run=NONE -fuzz=FuzzGenerate -fuzztime=60s ./generator/

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/format"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"math/rand/v2"
	"path"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/sessiongen/sessiongen/generator"
	"github.com/sessiongen/sessiongen/schema"
)

// fgBytes hands out the fuzz input one choice at a time; an exhausted input
// yields zeros, so every input maps to a schema.
type fgBytes struct{ b []byte }

func (r *fgBytes) next() int {
	if len(r.b) == 0 {
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return int(c)
}

func (r *fgBytes) pick(n int) int { return r.next() % n }

func (r *fgBytes) chance(percent int) bool { return r.next()%100 < percent }

// Hostile but valid property names and enum values (Go keywords,
// predeclared identifiers, generated method names, separators, digits,
// non-ASCII, names equal after case folding).
var fgNames = []string{
	"id", "ID", "name", "type", "func", "map", "range", "len", "nil", "true", "error",
	"isSet", "get", "or", "ptr", "isKnown", "values",
	"@odata.type", "@odata.id", "$ref", "2fa", "_", "__", "x_1", "user_id", "userId2",
	"in-progress", "émoji", "名前", "naïve", "Ünïcode", "κ", "ß", "value", "state",
	"additionalProperties", "additional_properties", "raw", "Raw", "kind", "dst", "err", "v", "d",
	"start", "ok", "x", "seen", "unknown", "sawDiscriminator", "fp", "vs", "p", "e0", "i0", "k0",
}

// fgMethodNames are generated method names: a property may not take them
// (a positioned error), so they are drawn rarely.
var fgMethodNames = []string{"validate", "marshalJSON", "appendJSON", "decodeJSON", "unmarshalJSON", "string"}

var fgEnumValues = []string{"a", "b", "in-progress", "in_progress2", "1", "-1x", "func", "unknownFutureValue", "Ω", "x y", "A"}

var fgScalars = []string{"string", "int32", "int64", "number", "float32", "boolean", "date", "date-time", "duration", "uri", "uuid", "json"}

// fgSchema renders the schema chosen by the input.
func fgSchema(data []byte) string {
	r := &fgBytes{b: data}
	var b strings.Builder
	b.WriteString("sessiongen: 1\npackage: {name: fz, path: fz/out}\napi:\n  baseURL: https://api.example.com\n  auth: {scheme: bearer}\n")
	hierarchy := r.chance(40)
	if hierarchy {
		b.WriteString("  discriminator: \"@kind\"\n")
	}
	nTypes := 1 + r.pick(4)
	typeNames := make([]string, nTypes)
	isEnum := make([]bool, nTypes)
	for i := range typeNames {
		typeNames[i] = []string{"thing", "item", "node", "validation_error_x", "page", "entry"}[r.pick(6)] + strconv.Itoa(i)
		isEnum[i] = i > 0 && r.chance(25)
	}
	b.WriteString("types:\n")
	for i, tn := range typeNames {
		fmt.Fprintf(&b, "  %s:\n    description: %s.\n", tn, tn)
		if isEnum[i] {
			n := 1 + r.pick(4)
			var vals []string
			for range n {
				vals = append(vals, strconv.Quote(fgEnumValues[r.pick(len(fgEnumValues))]))
			}
			fmt.Fprintf(&b, "    enum: [%s]\n", strings.Join(vals, ", "))
			if r.chance(50) {
				b.WriteString("    open: true\n")
			}
			continue
		}
		if hierarchy && i > 0 && !isEnum[0] && (i == 1 || r.chance(60)) {
			fmt.Fprintf(&b, "    base: %s\n", typeNames[0])
		}
		if hierarchy {
			if i == 0 && nTypes > 1 && !isEnum[1] && r.chance(40) {
				b.WriteString("    abstract: true\n")
			} else {
				fmt.Fprintf(&b, "    discriminatorValue: %q\n", "#"+tn)
			}
		}
		if r.chance(25) {
			b.WriteString("    open: true\n")
		}
		nProps := r.pick(5)
		if nProps == 0 {
			continue
		}
		b.WriteString("    properties:\n")
		for range nProps {
			name := fgNames[r.pick(len(fgNames))]
			if r.chance(3) {
				name = fgMethodNames[r.pick(len(fgMethodNames))]
			}
			fmt.Fprintf(&b, "      %q: %s\n", name, fgTypeExpr(r, typeNames, isEnum, 0, true))
		}
	}
	if !isEnum[0] && r.chance(40) {
		fmt.Fprintf(&b, "resources:\n  things:\n    type: %s\n    path: /things\n    params:\n      thingId: %s\n    methods:\n", typeNames[0], fgParamType(r, typeNames, isEnum))
		b.WriteString("      get: {http: GET, path: \"/things/{thingId}\", response: {type: " + typeNames[0] + "}}\n")
		if r.chance(50) {
			b.WriteString("      create: {http: POST, path: /things, body: {type: " + typeNames[0] + "}, response: {type: " + typeNames[0] + "}}\n")
		}
		if r.chance(50) {
			b.WriteString("      delete: {http: DELETE, path: \"/things/{thingId}\"}\n")
		}
		// A child resource: its client holds thingId, its methods add
		// parameters of their own (or none).
		if r.chance(60) {
			part, slot := fgParamNames[r.pick(len(fgParamNames))], fgParamNames[r.pick(len(fgParamNames))]
			if slot == part {
				slot = "slot"
			}
			fmt.Fprintf(&b, "  parts:\n    type: %s\n    parent: things\n    path: /things/{thingId}/parts\n    methods:\n", typeNames[0])
			fmt.Fprintf(&b, "      get: {http: GET, path: \"/things/{thingId}/parts/{%s}\", params: {%q: %s}, response: {type: %s}}\n", part, part, fgParamType(r, typeNames, isEnum), typeNames[0])
			if r.chance(50) {
				fmt.Fprintf(&b, "      first: {http: GET, path: \"/things/{thingId}/parts/first\", response: {type: %s}}\n", typeNames[0])
			}
			if r.chance(50) {
				fmt.Fprintf(&b, "      move: {http: POST, path: \"/things/{thingId}/parts/{%s}/to/{%s}\", params: {%q: %s, %q: %s}}\n", part, slot, part, fgParamType(r, typeNames, isEnum), slot, fgParamType(r, typeNames, isEnum))
			}
			if r.chance(50) {
				fmt.Fprintf(&b, "      put: {http: PUT, path: \"/things/{thingId}/parts/{%s}\", params: {%q: %s}, body: {type: %s}, response: {type: %s}}\n", part, part, fgParamType(r, typeNames, isEnum), typeNames[0], typeNames[0])
			}
		}
	}
	return b.String()
}

// fgParamNames are path parameter names, most of them names generated
// client code uses (support functions, packages, locals, predeclared).
var fgParamNames = []string{"partId", "send", "url", "b", "string", "len", "fetchPage", "strconv", "root",
	"paginate", "ok", "receiveInto", "context", "readItemsPage", "zero", "d", "body", "errors", "slot"}

// fgParamType renders the type of a path parameter: a scalar with or
// without checks, or an enum type of the schema.
func fgParamType(r *fgBytes, typeNames []string, isEnum []bool) string {
	switch r.pick(9) {
	case 0:
		return "{type: string}"
	case 1:
		return "{type: string, maxLength: 5}"
	case 2:
		return `{type: string, pattern: "^[a-z]+$"}`
	case 3:
		return "{type: int32}"
	case 4:
		return "{type: int64, minimum: 0, maximum: 10}"
	case 5:
		return "{type: boolean}"
	case 6:
		return "{type: uuid}"
	case 7:
		return "{type: number}"
	}
	for i, e := range isEnum {
		if e {
			return "{type: " + typeNames[i] + "}"
		}
	}
	return "{type: int64}"
}

// fgTypeExpr renders a type expression, with presence keys for properties.
func fgTypeExpr(r *fgBytes, typeNames []string, isEnum []bool, depth int, property bool) string {
	var parts []string
	switch k := r.pick(16); {
	case k < 10 || depth > 1:
		s := fgScalars[r.pick(len(fgScalars))]
		parts = append(parts, "type: "+s)
		switch s {
		case "string":
			if r.chance(30) {
				parts = append(parts, "maxLength: 5")
			}
			if r.chance(20) {
				parts = append(parts, `pattern: "^[a-z]+$"`)
			}
		case "int32", "int64":
			if r.chance(30) {
				parts = append(parts, "minimum: 0", "maximum: 10")
			}
		case "number", "float32":
			if r.chance(30) {
				parts = append(parts, "nonFinite: true")
			}
		}
	case k < 12:
		parts = append(parts, "type: array", "items: "+fgTypeExpr(r, typeNames, isEnum, depth+1, false))
		if r.chance(30) {
			parts = append(parts, "maxItems: 3")
		}
	case k < 13:
		parts = append(parts, "type: map", "values: "+fgTypeExpr(r, typeNames, isEnum, depth+1, false))
	default:
		parts = append(parts, "type: "+typeNames[r.pick(len(typeNames))])
	}
	if property {
		if r.chance(25) {
			parts = append(parts, "required: true")
		}
		if r.chance(30) {
			parts = append(parts, "nullable: true")
		}
		if r.chance(10) {
			parts = append(parts, "readOnly: true")
		}
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

var (
	fgImporterOnce sync.Once
	fgImporter     types.Importer
)

// TestGenerateSampledSchemas runs FuzzGenerate's check over a fixed sample
// of inputs (pseudo-random, seeded), so that plain `go test` covers more of
// the schemas the fuzzer draws than its seed corpus does (about 70 of the 128
// load, a dozen with a child resource whose client holds a checked
// parameter; the check found a path variable declared and not used there).
func TestGenerateSampledSchemas(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 2026))
	for i := range 128 {
		data := make([]byte, 120)
		for j := range data {
			data[j] = byte(rng.IntN(256))
		}
		t.Run(strconv.Itoa(i), func(t *testing.T) { fgCheck(t, data) })
	}
}

func FuzzGenerate(f *testing.F) {
	for _, seed := range []string{
		"", "\x00", "\xff\xff\xff\xff", "abcdefghijklmnopqrstuvwxyz0123456789",
		"\x01\x03\x02\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15",
		strings.Repeat("\x10\x21\x32\x43\x54\x65\x76\x87\x98\xa9", 12),
		strings.Repeat("\x00\x05\x0d\x0f\x63", 30),
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(fgCheck)
}

// fgCheck is FuzzGenerate's check of one input.
func fgCheck(t *testing.T, data []byte) {
	src := fgSchema(data)
	file, err := schema.Parse("fuzz.yaml", []byte(src))
	if err != nil {
		fgPositioned(t, src, err)
		return
	}
	files, err := generator.Generate([]*schema.File{file})
	if err != nil {
		fgPositioned(t, src, err)
		return
	}
	fgTypeCheck(t, src, files)
}

// fgPositioned fails unless err is schema diagnostics, each positioned.
func fgPositioned(t *testing.T, src string, err error) {
	t.Helper()
	var ds schema.Diagnostics
	if !errors.As(err, &ds) || len(ds) == 0 {
		t.Fatalf("error is a %T, not schema diagnostics: %v\n%s", err, err, src)
	}
	for _, d := range ds {
		if d.Pos.Line < 1 || d.Pos.Col < 1 || !strings.HasPrefix(d.String(), "fuzz.yaml:") {
			t.Fatalf("diagnostic without a position: %q\n%s", d.String(), src)
		}
	}
}

// fgTypeCheck checks that every file is gofmt-clean and marked generated,
// and that the package type-checks, and its fake (<pkg>fake, a folder below
// it that imports it by its folder: no import root here) after it.
func fgTypeCheck(t *testing.T, src string, files []generator.File) {
	t.Helper()
	fgImporterOnce.Do(func() { fgImporter = importer.Default() })
	fset := token.NewFileSet()
	byDir := map[string][]*ast.File{}
	var dirs []string
	for _, f := range files {
		dir := path.Dir(f.Path)
		if _, seen := byDir[dir]; !seen {
			dirs = append(dirs, dir)
		}
		if formatted, err := format.Source(f.Content); err != nil || !bytes.Equal(formatted, f.Content) {
			t.Fatalf("%s is not gofmt-clean (%v)\n%s", f.Path, err, src)
		}
		a, err := parser.ParseFile(fset, f.Path, f.Content, parser.ParseComments)
		if err != nil {
			t.Fatalf("parse %s: %v\n%s", f.Path, err, src)
		}
		if !ast.IsGenerated(a) {
			t.Fatalf("%s is not marked generated", f.Path)
		}
		byDir[dir] = append(byDir[dir], a)
	}
	if len(dirs) > 2 || len(dirs) == 2 && path.Dir(dirs[1]) != dirs[0] {
		t.Fatalf("files in folders %v: want the package and at most its fake below it", dirs)
	}
	imp := fgPackages{std: fgImporter, pkgs: map[string]*types.Package{}}
	for _, dir := range dirs {
		conf := types.Config{Importer: imp}
		pkg, err := conf.Check(dir, fset, byDir[dir], nil)
		if err != nil {
			t.Fatalf("generated code in %s does not type-check: %v\nschema:\n%s", dir, err, src)
		}
		imp.pkgs[dir] = pkg
	}
}

// fgPackages imports the packages checked so far, and the standard library.
type fgPackages struct {
	std  types.Importer
	pkgs map[string]*types.Package
}

func (i fgPackages) Import(p string) (*types.Package, error) {
	if pkg, ok := i.pkgs[p]; ok {
		return pkg, nil
	}
	return i.std.Import(p)
}
