package openapi

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/sessiongen/sessiongen/generator"
	"github.com/sessiongen/sessiongen/schema"
)

// roundTripSchemas are the schemas import(export(s)) must restore: the
// bundled definitions and the conformance schema (which imports another).
var roundTripSchemas = []string{
	"../schema/apis/twilio-proxy.yaml",
	"../schema/apis/twilio-common.yaml",
	"../schema/apis/syllable.yaml",
	"../schema/apis/msgraph-callrecords.yaml",
	"../testdata/conformance/schema.yaml",
}

// TestRoundTrip checks, for each schema s, the three comparisons of
// testdata/export/LOSSES.md ("The round trip"): s2 = import(export(s)),
// written beside a copy of s's folder (so that its imports resolve to the
// same files), loads without errors and without warnings s lacks; export(s2)
// is export(s) byte for byte; and the generated code is the same file for
// file but for the header line naming the schema file. Expected
// differences are listed with their reasons in testdata/roundtrip/EXPECTED.md.
func TestRoundTrip(t *testing.T) {
	expected := expectedDifferences(t)
	for _, path := range roundTripSchemas {
		t.Run(filepath.Base(path), func(t *testing.T) {
			roundTrip(t, path, filepath.Base(path), expected)
		})
	}
}

// TestRoundTripGeneratorCases: the generator's golden cases (one feature
// of the format each, hostile names included) round-trip too.
func TestRoundTripGeneratorCases(t *testing.T) {
	expected := expectedDifferences(t)
	schemas, err := filepath.Glob("../testdata/cases/*/schema.yaml")
	require.NoError(t, err)
	require.NotEmpty(t, schemas)
	for _, path := range schemas {
		name := filepath.Base(filepath.Dir(path))
		t.Run(name, func(t *testing.T) {
			roundTrip(t, path, name, expected)
		})
	}
}

// roundTrip runs the three comparisons on the schema at path; expected
// holds the generated files allowed to differ, as "<label> <file>".
func roundTrip(t *testing.T, path, label string, expected map[string]bool) {
	files, err := schema.LoadFiles(path)
	require.NoError(t, err)
	s := files[0]
	doc, err := Export(s)
	require.NoError(t, err)

	res, err := Import(doc, Options{Source: filepath.Base(path)})
	require.NoError(t, err)
	assert.Empty(t, res.Notes, "a document sessiongen export wrote restores without notes")
	fromJSON, err := Import(asJSON(t, doc), Options{Source: filepath.Base(path)})
	require.NoError(t, err)
	assert.Equal(t, string(res.YAML), string(fromJSON.YAML), "the document as JSON restores the same schema")

	dir := copySchemaFolder(t, filepath.Dir(path))
	s2Path := filepath.Join(dir, "roundtrip-"+filepath.Base(path))
	require.NoError(t, os.WriteFile(s2Path, res.YAML, 0o644))
	files2, err := schema.LoadFiles(s2Path)
	require.NoError(t, err, "s2 loads:\n%s", res.YAML)
	s2 := files2[0]
	assert.Subset(t, warningTexts(s), warningTexts(s2), "s2 has no warning s lacks")

	fixpointAndCode(t, s, s2, doc, func(file string) bool { return expected[label+" "+file] })
}

// fixpointAndCode checks comparisons 2 and 3: export(s2) is doc, the
// export of s, and s2 generates the code s does, the header lines naming
// the schema file aside; allowed says which generated files may differ.
func fixpointAndCode(t *testing.T, s, s2 *schema.File, doc []byte, allowed func(file string) bool) {
	doc2, err := Export(s2)
	require.NoError(t, err)
	require.Equal(t, string(doc), string(doc2), "the fixpoint: export(import(export(s))) == export(s)")

	opts := generator.Options{ImportRoot: "example.com/roundtrip"}
	gen1, err := generator.GenerateWith([]*schema.File{s}, opts)
	require.NoError(t, err)
	gen2, err := generator.GenerateWith([]*schema.File{s2}, opts)
	require.NoError(t, err)
	require.Equal(t, paths(gen1), paths(gen2), "the same files")
	for i := range gen1 {
		a, b := withoutSchemaHeader(gen1[i].Content, s.ModuleRelPath), withoutSchemaHeader(gen2[i].Content, s2.ModuleRelPath)
		if a == b || allowed(gen1[i].Path) {
			continue
		}
		t.Errorf("generated %s differs (not listed in testdata/roundtrip/EXPECTED.md):\n%s", gen1[i].Path, firstDifference(a, b))
	}
}

// expectedDifferences reads testdata/roundtrip/EXPECTED.md: lines
// "- `<schema> <generated file>`: <reason>".
func expectedDifferences(t *testing.T) map[string]bool {
	f, err := os.Open("testdata/roundtrip/EXPECTED.md")
	require.NoError(t, err)
	defer f.Close()
	out := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		rest, ok := strings.CutPrefix(line, "- `")
		if !ok {
			continue
		}
		key, reason, ok := strings.Cut(rest, "`: ")
		require.True(t, ok && strings.TrimSpace(reason) != "", "an expected difference needs a reason: %q", line)
		out[key] = true
	}
	require.NoError(t, sc.Err())
	return out
}

// copySchemaFolder copies the schema files of dir (and of its folders,
// where imports may point) into a temporary folder.
func copySchemaFolder(t *testing.T, dir string) string {
	out := t.TempDir()
	err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(e.Name(), ".yaml") {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(out, rel)), 0o755); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(out, rel), b, 0o644)
	})
	require.NoError(t, err)
	return out
}

func warningTexts(f *schema.File) []string {
	var out []string
	for _, w := range f.Warnings {
		out = append(out, w.Msg)
	}
	return out
}

func paths(files []generator.File) []string {
	var out []string
	for _, f := range files {
		out = append(out, f.Path)
	}
	return out
}

// withoutSchemaHeader drops the lines naming the schema file (the
// generated header says which schema a file was generated from).
func withoutSchemaHeader(b []byte, schemaPath string) string {
	var keep [][]byte
	for _, line := range bytes.Split(b, []byte("\n")) {
		if schemaPath != "" && bytes.Contains(line, []byte(schemaPath)) && bytes.HasPrefix(bytes.TrimSpace(line), []byte("//")) {
			continue
		}
		keep = append(keep, line)
	}
	return string(bytes.Join(keep, []byte("\n")))
}

// TestRoundTripFeatures restores the small schemas of the export feature
// tables (one feature each) and the operations table's API.
func TestRoundTripFeatures(t *testing.T) {
	withAuth := func(src string) string {
		if !strings.HasPrefix(src, "  auth:") {
			src = "  auth: {scheme: bearer}\n" + src
		}
		return header + src
	}
	for _, c := range exportFeatureCases {
		t.Run(c.name, func(t *testing.T) { roundTripText(t, withAuth(c.src)) })
	}
	t.Run("operations", func(t *testing.T) { roundTripText(t, withAuth(api)) })
	t.Run("rarer keys", func(t *testing.T) { roundTripText(t, header+rarerKeys) })
}

// rarerKeys writes the keys no bundled schema, golden case or feature
// table row exports together: documentation and presence keys on every
// kind of parameter, defaults overridden per field, a discriminator value
// outside any hierarchy, json and goType values, response headers without
// a body.
const rarerKeys = `  auth: {scheme: apiKey, header: X-Key}
  idempotencyHeader: Idempotency-Key
  discriminator: type
  headers:
    X-Trace: {type: string, description: A trace id., deprecated: Not read any more., examples: ["t-1"], default: "t-0"}
types:
  Level:
    description: Levels.
    deprecated: Use Grade.
    enum:
      - {value: low, description: The lowest., deprecated: Rare.}
      - {value: high, goName: Top}
      - mid
  Plain:
    discriminatorValue: plain
    idPrefix: PL
    key: id
    properties:
      id: {type: string, required: true, format: plain-id, examples: ["PL1"]}
      raw: {type: json, nullable: true, description: Anything.}
      when: {type: date-time, format: iso, deprecated: Use at.}
      level: {type: Level, default: "low", format: level-name}
      levels: {type: array, items: {type: Level}, uniqueItems: true, minItems: 1, maxItems: 3}
      money: {goType: {import: example.com/money, name: Amount}, nullable: true}
      moneys: {type: array, items: {goType: {import: example.com/money, name: Amount}, nullable: true}}
      big: {type: int64, minimum: -9007199254740993, maximum: 9007199254740993, default: 7}
      ratio: {type: float32, minimum: 0.25, examples: [0.5]}
      either: {type: union, of: [Level, int32], nullable: true}
      secret: {type: string, pii: true, createOnly: true, requiredOnCreate: true}
resources:
  plains:
    type: Plain
    path: /plains
    defaults: {nullable: true}
    params:
      plainId: {type: string, description: The plain., pii: true, examples: ["PL1"], deprecated: Use id.}
    methods:
      create:
        http: POST
        path: /plains
        body:
          shape: full
          defaults: {required: true}
          fields:
            name: {type: string}
            note: {type: string, required: false, nullable: false}
            tags: {type: map, values: {type: string}}
        response: {headers: {Location: {type: uri, required: true, deprecated: Old., pii: true, examples: ["https://x.example/p"]}}}
        retrySafe: false
        status: [201]
      find:
        http: GET
        path: /plains/find
        deprecated: Use list.
        query:
          q: {type: string, default: "a", examples: ["b"], description: Query., deprecated: Old., pii: true}
          at: {type: array, items: {type: date}, explode: false}
        headers:
          If-Match: {type: string, description: Tag., default: "*"}
        response: {type: int32, contentType: text/plain, headers: {X-Count: {type: int64}}}
`

// roundTripText runs the three comparisons on a schema without imports,
// parsed from memory.
func roundTripText(t *testing.T, src string) {
	s, err := schema.Parse("acme.yaml", []byte(src))
	require.NoError(t, err)
	doc, err := Export(s)
	require.NoError(t, err)
	res, err := Import(doc, Options{})
	require.NoError(t, err)
	assert.Empty(t, res.Notes)
	s2, err := schema.Parse("acme.yaml", res.YAML)
	require.NoError(t, err, "s2 loads:\n%s", res.YAML)
	assert.Subset(t, warningTexts(s), warningTexts(s2), "s2 has no warning s lacks")
	fixpointAndCode(t, s, s2, doc, func(string) bool { return false })
}

// asJSON rewrites a YAML document as JSON, keys in their order.
func asJSON(t *testing.T, doc []byte) []byte {
	var root yaml.Node
	require.NoError(t, yaml.Unmarshal(doc, &root))
	var b bytes.Buffer
	var write func(n *yaml.Node)
	write = func(n *yaml.Node) {
		switch n.Kind {
		case yaml.DocumentNode:
			write(n.Content[0])
		case yaml.MappingNode:
			b.WriteByte('{')
			for i := 0; i+1 < len(n.Content); i += 2 {
				if i > 0 {
					b.WriteByte(',')
				}
				k, err := json.Marshal(n.Content[i].Value)
				require.NoError(t, err)
				b.Write(k)
				b.WriteByte(':')
				write(n.Content[i+1])
			}
			b.WriteByte('}')
		case yaml.SequenceNode:
			b.WriteByte('[')
			for i, c := range n.Content {
				if i > 0 {
					b.WriteByte(',')
				}
				write(c)
			}
			b.WriteByte(']')
		default:
			switch n.Tag {
			case "!!int", "!!float", "!!bool", "!!null":
				b.WriteString(n.Value)
			default:
				v, err := json.Marshal(n.Value)
				require.NoError(t, err)
				b.Write(v)
			}
		}
	}
	write(&root)
	return b.Bytes()
}
