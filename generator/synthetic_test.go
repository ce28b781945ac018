package generator_test

// Synthetic schemas for the generator benchmarks (bench_test.go) and for
// measuring the build cost of generated code. Not a test of behaviour.

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/sessiongen/sessiongen/generator"
	"github.com/sessiongen/sessiongen/schema"
)

// syntheticChunk is the number of object types per schema file. A schema of
// 1,000 types in the format below is about 2.1 MB; schema.MaxFileSize (4 MiB)
// caps one file at roughly 1,990 such types, so larger APIs are parsed in
// chunks of this many types and merged (syntheticFile).
const syntheticChunk = 1000

// syntheticProps are the property templates an object type draws from, in
// rotation: scalars of every kind, enums, arrays, maps, references to other
// object types, optional, nullable and required presence, constraints,
// defaults, descriptions. {I} is the type's index, {E} an enum of the
// chunk, {T} another object type of the chunk.
var syntheticProps = []string{
	`id: {type: string, required: true, readOnly: true, pattern: "^T[0-9a-f]{8}$", description: Identifier of the thing.}`,
	`name: {type: string, maxLength: 191, pii: true, description: Display name of thing {I}.}`,
	`count: {type: int32, minimum: 0, maximum: 1000, default: 0}`,
	`total: {type: int64, nullable: true, description: Running total.}`,
	`ratio: {type: number, minimum: 0, maximum: 1}`,
	`weight: {type: float32, nullable: true}`,
	`active: {type: boolean, default: true}`,
	`created: {type: date-time, required: true, readOnly: true, description: When it was created.}`,
	`updated: {type: date-time, nullable: true}`,
	`day: {type: date}`,
	`elapsed: {type: duration, nullable: true}`,
	`link: {type: uri, readOnly: true}`,
	`uid: {type: uuid}`,
	`extra: {type: json, description: Free-form data kept verbatim.}`,
	`state: {type: {E}, required: true, description: Where the thing is in its life.}`,
	`kind: {type: {E}, nullable: true}`,
	`tags: {type: array, items: {type: string, minLength: 1, maxLength: 40}, maxItems: 10, uniqueItems: true}`,
	`labels: {type: map, values: {type: string, maxLength: 100}}`,
	`owner: {type: {T}, nullable: true, description: The owning thing.}`,
	`children: {type: array, items: {type: {T}}, maxItems: 100, relationship: true}`,
	`byName: {type: map, values: {type: {T}}}`,
	`codes: {type: array, items: {type: {E}}, minItems: 0}`,
	`note: {type: string, nullable: true, minLength: 1, maxLength: 500, deprecated: use name}`,
	`level: {type: int32, required: true, minimum: 1, maximum: 10}`,
	`email: {type: string, pattern: "^[^@]+@[^@]+$", pii: true, format: email address}`,
	`scores: {type: array, items: {type: number, nonFinite: true}, nullable: true}`,
}

// syntheticAcyclic makes references point only to types declared earlier,
// so that the types' codecs are not one big set of mutually recursive
// functions (which the compiler's escape analysis handles as one batch). Set
// by SESSIONGEN_SYNTHETIC_ACYCLIC=1 for TestWriteSynthetic.
var syntheticAcyclic = os.Getenv("SESSIONGEN_SYNTHETIC_ACYCLIC") == "1"

// syntheticPropCount is the number of properties of type i: 14 to 26, 20 on
// average.
func syntheticPropCount(i int) int { return 14 + (i*7)%13 }

// syntheticYAML returns one schema file with the object types T<from> to
// T<from+n-1>, n/5 enums E<from/5>..., one error type, and one resource per
// object type with three methods (list, get, create). Resources nest three
// deep: every 100th is a root, every 10th a child of its root, the others
// children of the 10th before them. References stay inside the file and,
// unless syntheticAcyclic, form cycles through the whole file (as navigation
// properties do in large APIs).
func syntheticYAML(from, n int) []byte {
	return syntheticPart(syntheticLayout{name: "synthetic", path: "synthetic"}, from, n)
}

// syntheticLayout places one synthetic schema: its Go package and,
// for an API split into several packages, the package it imports.
type syntheticLayout struct {
	name, path string
	// dep is the file name of the imported schema ("" for none), whose
	// object types are T<depFrom> to T<depFrom+depN-1>; one reference in
	// five then names one of them, as dep.T<i>.
	dep           string
	depFrom, depN int
}

// syntheticPart is syntheticYAML for one package of a layout.
func syntheticPart(l syntheticLayout, from, n int) []byte {
	var b bytes.Buffer
	b.Grow(n * 1600)
	if l.dep != "" {
		fmt.Fprintf(&b, "imports:\n  - {schema: %s, as: dep}\n", l.dep)
	}
	fmt.Fprintf(&b, `sessiongen: 1
package:
  name: %s
  path: %s
  description: |
    Package %s is generated from a synthetic schema (types %d to %d) for benchmarks.
api:
  baseURL: https://api.synthetic.example/v1
  auth: {scheme: bearer}
  pagination: {style: nextLink, next: [next], sizeParam: limit}
  errors: {type: ApiError%d, code: [code], message: [message]}
types:
`, l.name, l.path, l.name, from, from+n-1, from)
	nEnums := max(1, n/5)
	enumName := func(j int) string { return fmt.Sprintf("E%d", from/5+j%nEnums) }
	for j := range nEnums {
		fmt.Fprintf(&b, "  E%d:\n    description: Enum %d.\n", from/5+j, j)
		if j%2 == 0 {
			b.WriteString("    open: true\n")
		}
		b.WriteString("    enum: [alpha, beta, gamma")
		for v := range 1 + j%5 {
			fmt.Fprintf(&b, ", value-%d-%d", j, v)
		}
		b.WriteString("]\n")
	}
	fmt.Fprintf(&b, "  ApiError%d:\n    properties:\n      code: {type: int32, required: true}\n      message: {type: string, required: true}\n", from)
	for k := range n {
		i := from + k
		fmt.Fprintf(&b, "  T%d:\n    description: Thing %d, a synthetic object type.\n    properties:\n", i, i)
		np := syntheticPropCount(i)
		for p := range np {
			tmpl := syntheticProps[(i+p)%len(syntheticProps)]
			ref := fmt.Sprintf("T%d", from+(k*31+p*7+1)%n)
			if syntheticAcyclic {
				ref = fmt.Sprintf("ApiError%d", from)
				if k > 0 {
					ref = fmt.Sprintf("T%d", from+(k*31+p*7+1)%k)
				}
			}
			if l.dep != "" && (k*31+p*7)%5 == 0 {
				ref = fmt.Sprintf("dep.T%d", l.depFrom+(k*13+p)%l.depN)
			}
			r := strings.NewReplacer("{I}", strconv.Itoa(i), "{E}", enumName(k+p), "{T}", ref)
			b.WriteString("      ")
			r.WriteString(&b, tmpl)
			b.WriteString("\n")
		}
	}
	b.WriteString("resources:\n")
	paths := make([]string, n) // collection path of each resource
	for k := range n {
		i := from + k
		parent := -1
		switch {
		case k%100 == 0:
		case k%10 == 0:
			parent = k - k%100
		default:
			parent = k - k%10
		}
		coll := fmt.Sprintf("/r%d", i)
		if parent >= 0 {
			coll = fmt.Sprintf("%s/{r%dId}/r%d", paths[parent], from+parent, i)
		}
		paths[k] = coll
		fmt.Fprintf(&b, "  r%d:\n    type: T%d\n    description: Collection of thing %d.\n", i, i, i)
		if parent >= 0 {
			fmt.Fprintf(&b, "    parent: r%d\n", from+parent)
		}
		fmt.Fprintf(&b, "    path: %s\n    params:\n      r%dId: {type: string, pattern: \"^T[0-9a-f]{8}$\"}\n    methods:\n", coll, i)
		fmt.Fprintf(&b, "      list:\n        http: GET\n        path: %s\n        query:\n          limit: {type: int32, minimum: 1, maximum: 100}\n        response: {type: T%d, paged: true, items: data}\n", coll, i)
		fmt.Fprintf(&b, "      get:\n        http: GET\n        path: %s/{r%dId}\n        response: {type: T%d}\n", coll, i, i)
		fmt.Fprintf(&b, "      create:\n        http: POST\n        path: %s\n        body: {type: T%d}\n        response: {type: T%d}\n", coll, i, i)
	}
	return b.Bytes()
}

// syntheticSources returns the schema files of an API with n object types,
// in chunks of syntheticChunk types.
func syntheticSources(n int) [][]byte {
	var out [][]byte
	for from := 0; from < n; from += syntheticChunk {
		out = append(out, syntheticYAML(from, min(syntheticChunk, n-from)))
	}
	return out
}

// syntheticFile parses the sources and returns them as one API. Each chunk
// is parsed and validated by schema.Parse on its own (its references are
// resolved within it); the chunks' types and resources are then
// concatenated under the first chunk's package and api. Names are unique
// across chunks, so this is the file a single Parse would return if the
// size cap allowed it.
func syntheticFile(srcs [][]byte) (*schema.File, error) {
	var merged *schema.File
	for i, src := range srcs {
		f, err := schema.Parse(fmt.Sprintf("synthetic/part%d.yaml", i), src)
		if err != nil {
			return nil, err
		}
		if merged == nil {
			merged = f
			continue
		}
		merged.Types = append(merged.Types, f.Types...)
		merged.Resources = append(merged.Resources, f.Resources...)
	}
	return merged, nil
}

// syntheticStats counts properties and types of a loaded schema.
func syntheticStats(f *schema.File) (objects, enums, props int) {
	for _, t := range f.Types {
		if t.IsEnum {
			enums++
			continue
		}
		objects++
		props += len(t.Properties)
	}
	return
}

func TestSyntheticSchemaLoads(t *testing.T) {
	srcs := syntheticSources(1200) // two chunks
	f, err := syntheticFile(srcs)
	if err != nil {
		t.Fatal(err)
	}
	objects, enums, props := syntheticStats(f)
	if objects != 1200+2 || enums != 240 {
		t.Errorf("got %d object types and %d enums, want 1202 (two error types) and 240", objects, enums)
	}
	if avg := float64(props-4) / 1200; avg < 19 || avg > 21 {
		t.Errorf("%.1f properties per type on average, want about 20", avg)
	}
	if len(f.Resources) != 1200 {
		t.Errorf("got %d resources, want 1200", len(f.Resources))
	}
	if len(srcs[0]) > schema.MaxFileSize {
		t.Errorf("a chunk is %d bytes, over schema.MaxFileSize", len(srcs[0]))
	}
}

// TestWriteSynthetic writes the package generated from the synthetic schema
// into a fresh module, for measuring how long it takes to build (see
// testdata/bench/README.md). It runs only when SESSIONGEN_SYNTHETIC_OUT
// names the directory; SESSIONGEN_SYNTHETIC_TYPES sets the number of types
// (default 1000), SESSIONGEN_SYNTHETIC_ACYCLIC=1 makes references acyclic.
func TestWriteSynthetic(t *testing.T) {
	out := os.Getenv("SESSIONGEN_SYNTHETIC_OUT")
	if out == "" {
		t.Skip("set SESSIONGEN_SYNTHETIC_OUT to a directory to write the synthetic module")
	}
	n := envInt(t, "SESSIONGEN_SYNTHETIC_TYPES", 1000)
	f, err := syntheticFile(syntheticSources(n))
	if err != nil {
		t.Fatal(err)
	}
	files, err := generator.Generate([]*schema.File{f})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "go.mod"), []byte("module example.com/synthetic\n\ngo 1.24\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var lines, supportLines, bytesOut int
	for _, gf := range files {
		p := filepath.Join(out, filepath.FromSlash(gf.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, gf.Content, 0o644); err != nil {
			t.Fatal(err)
		}
		nl := bytes.Count(gf.Content, []byte("\n"))
		lines += nl
		bytesOut += len(gf.Content)
		if strings.HasPrefix(filepath.Base(gf.Path), "support_") {
			supportLines += nl
		}
	}
	objects, enums, props := syntheticStats(f)
	t.Logf("%d object types, %d enums, %d properties, %d resources", objects, enums, props, len(f.Resources))
	t.Logf("%d files, %d bytes, %d lines (%d support, %d schema-derived): %.1f schema-derived lines per property",
		len(files), bytesOut, lines, supportLines, lines-supportLines, float64(lines-supportLines)/float64(props))
}

// TestWriteSyntheticSchemas writes the synthetic API as schema files, for
// measuring the command end to end (testdata/bench/largeapi.sh): generation
// with the built binary and the build of what it writes. It runs only when
// SESSIONGEN_SYNTHETIC_SCHEMAS names the directory. SESSIONGEN_SYNTHETIC_TYPES
// sets the number of object types (default 1000) and SESSIONGEN_SYNTHETIC_SPLIT
// the number of packages they are split into (default 1): part0.yaml holds
// the first share, and every other part imports it and refers to its types
// (one reference in five), as README recommends for a large API.
func TestWriteSyntheticSchemas(t *testing.T) {
	dir := os.Getenv("SESSIONGEN_SYNTHETIC_SCHEMAS")
	if dir == "" {
		t.Skip("set SESSIONGEN_SYNTHETIC_SCHEMAS to a directory to write the synthetic schemas")
	}
	n := envInt(t, "SESSIONGEN_SYNTHETIC_TYPES", 1000)
	split := envInt(t, "SESSIONGEN_SYNTHETIC_SPLIT", 1)
	if n/split > 1900 {
		t.Fatalf("%d types in %d packages: at most 1,900 types fit one schema file (schema.MaxFileSize)", n, split)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var paths []string
	share := (n + split - 1) / split
	for part, from := 0, 0; from < n; part, from = part+1, from+share {
		l := syntheticLayout{name: "synthetic", path: "synthetic"}
		if split > 1 {
			l = syntheticLayout{name: fmt.Sprintf("part%d", part), path: fmt.Sprintf("synthetic/part%d", part)}
			if part > 0 {
				l.dep, l.depFrom, l.depN = "part0.yaml", 0, share
			}
		}
		p := filepath.Join(dir, l.name+".yaml")
		if err := os.WriteFile(p, syntheticPart(l, from, min(share, n-from)), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	files, err := schema.LoadFiles(paths...)
	if err != nil {
		t.Fatal(err)
	}
	objects, props := 0, 0
	for _, f := range files {
		o, _, p := syntheticStats(f)
		objects, props = objects+o, props+p
	}
	t.Logf("%d schema files, %d object types (error types included), %d properties", len(files), objects, props)
}

func envInt(t testing.TB, name string, def int) int {
	t.Helper()
	s := os.Getenv(name)
	if s == "" {
		return def
	}
	var n int
	if _, err := fmt.Sscan(s, &n); err != nil || n < 1 {
		t.Fatalf("%s=%q: want a positive integer", name, s)
	}
	return n
}
