package openapi

import (
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/sessiongen/sessiongen/schema"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// -update rewrites the golden documents of testdata/export. The flag is
// defined in init, after every package-level variable, and only when no
// other test file of the package (the importer's) has defined it already.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files of testdata")
	}
}

// updating reports whether the test run was given -update.
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// exported loads the schema file at path (with its imports) and exports it.
func exported(t *testing.T, path string) []byte {
	t.Helper()
	files, err := schema.LoadFiles(path)
	require.NoError(t, err)
	doc, err := Export(files[0])
	require.NoError(t, err)
	return doc
}

// bundled are the definitions every export test covers: the bundled APIs
// and the conformance schema (which imports shared.yaml).
var bundled = []struct {
	schema string
	golden string // "" when no golden document pins it
}{
	{"../schema/apis/msgraph-callrecords.yaml", "msgraph-callrecords.openapi.yaml"},
	{"../schema/apis/syllable.yaml", "syllable.openapi.yaml"},
	{"../schema/apis/twilio-proxy.yaml", "twilio-proxy.openapi.yaml"},
	{"../schema/apis/twilio-common.yaml", ""},
	{"../testdata/conformance/schema.yaml", ""},
	{"../testdata/conformance/shared.yaml", ""},
}

// TestExportValid: every bundled definition exports to a document the
// validators accept with no error, the same bytes twice.
func TestExportValid(t *testing.T) {
	for _, b := range bundled {
		t.Run(filepath.Base(b.schema), func(t *testing.T) {
			doc := exported(t, b.schema)
			requireValid(t, doc)
			assert.Equal(t, string(doc), string(exported(t, b.schema)), "export is not deterministic")
		})
	}
}

// TestExportGolden pins the documents of the three bundled APIs; run with
// -update to rewrite them, and read the diff.
func TestExportGolden(t *testing.T) {
	for _, b := range bundled {
		if b.golden == "" {
			continue
		}
		t.Run(b.golden, func(t *testing.T) {
			doc := exported(t, b.schema)
			golden := filepath.Join("testdata", "export", b.golden)
			if updating() {
				require.NoError(t, os.WriteFile(golden, doc, 0o644))
				return
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err, "run go test ./openapi -run TestExportGolden -update")
			if string(want) != string(doc) {
				t.Errorf("%s differs from the export (go test ./openapi -run TestExportGolden -update rewrites it):\n%s",
					golden, firstDifference(string(want), string(doc)))
			}
		})
	}
}

// firstDifference shows the first line where got leaves want.
func firstDifference(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) && i < len(g); i++ {
		if w[i] != g[i] {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + w[i] + "\n  got:  " + g[i]
		}
	}
	return "one is a prefix of the other (" + strconv.Itoa(len(w)) + " and " + strconv.Itoa(len(g)) + " lines)"
}

// TestExportGeneratorCases: the schemas of the generator's golden cases
// (testdata/cases, one feature each, hostile names included) export to
// valid documents too.
func TestExportGeneratorCases(t *testing.T) {
	schemas, err := filepath.Glob("../testdata/cases/*/schema.yaml")
	require.NoError(t, err)
	require.NotEmpty(t, schemas)
	for _, path := range schemas {
		t.Run(filepath.Base(filepath.Dir(path)), func(t *testing.T) {
			requireValid(t, exported(t, path))
		})
	}
}
