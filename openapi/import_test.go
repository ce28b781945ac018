package openapi

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/sessiongen/sessiongen/schema"
)

// importFile imports a spec of testdata/import and checks that the schema
// loads with zero errors.
func importFile(t testing.TB, name string, opts Options) *Result {
	t.Helper()
	spec, err := os.ReadFile(filepath.Join("testdata", "import", name))
	require.NoError(t, err)
	opts.Source = name
	res, err := Import(spec, opts)
	require.NoError(t, err)
	_, err = schema.Parse(name+".yaml", res.YAML)
	require.NoError(t, err, "the imported schema must load:\n%s", res.YAML)
	return res
}

func TestImportLoads(t *testing.T) {
	for _, c := range []struct {
		spec string
		opts Options
	}{
		{"twilio_proxy_v1.json", Options{}},
		{"syllable-openapi.json", Options{Tags: []string{"sessions", "sessions.transcript", "sessions.full-summary", "sessions.latency", "sessions.timeline"}}},
		{"graph-callrecords-openapi.yml", Options{}},
	} {
		t.Run(c.spec, func(t *testing.T) {
			res := importFile(t, c.spec, c.opts)
			if os.Getenv("IMPORT_DUMP") != "" {
				os.WriteFile(filepath.Join(os.Getenv("IMPORT_DUMP"), c.spec+".yaml"), res.YAML, 0o644)
				for _, n := range res.Notes {
					t.Log(n)
				}
			}
		})
	}
}
