package openapi

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/sessiongen/sessiongen/schema"
)

var updateDiffs = flag.Bool("update", false, "rewrite testdata/import/*.diff.txt with the current differences (new ones under a REASON NEEDED heading, which fails)")

// acceptance is an imported spec and the hand-written definition its
// generated Go API is compared with.
type acceptance struct {
	api, spec, handWritten string
	opts                   Options
}

var acceptances = []acceptance{
	{api: "twilio-proxy", spec: "twilio_proxy_v1.json", handWritten: "twilio-proxy.yaml"},
	{api: "syllable", spec: "syllable-openapi.json", handWritten: "syllable.yaml",
		opts: Options{PathPrefixes: []string{"/api/v1/sessions"}}},
	{api: "msgraph-callrecords", spec: "graph-callrecords-openapi.yml", handWritten: "msgraph-callrecords.yaml"},
}

// TestImportMatchesHandWritten generates the package of each imported spec
// and of the hand-written definition and compares their exported Go API.
// Every difference must be listed, with its reason, in
// testdata/import/<api>.diff.txt; a listed difference that no longer
// occurs fails too.
func TestImportMatchesHandWritten(t *testing.T) {
	for _, a := range acceptances {
		t.Run(a.api, func(t *testing.T) {
			res := importFile(t, a.spec, a.opts)
			imported, err := schema.Parse(a.api+".yaml", res.YAML)
			require.NoError(t, err)
			hand, err := schema.LoadFiles(filepath.Join("..", "schema", "apis", a.handWritten))
			require.NoError(t, err)
			got := goAPI(t, imported)
			want := goAPI(t, hand[0])
			var diff []string
			for _, l := range want {
				if _, found := slices.BinarySearch(got, l); !found {
					diff = append(diff, "- "+l)
				}
			}
			for _, l := range got {
				if _, found := slices.BinarySearch(want, l); !found {
					diff = append(diff, "+ "+l)
				}
			}
			path := filepath.Join("testdata", "import", a.api+".diff.txt")
			listed, reasons := readDiffFile(t, path)
			if *updateDiffs {
				writeDiffFile(t, path, diff, listed, reasons)
				listed, _ = readDiffFile(t, path)
			}
			var unlisted, stale, unexplained []string
			for _, l := range diff {
				r, ok := listed[l]
				switch {
				case !ok:
					unlisted = append(unlisted, l)
				case r == "" || strings.HasPrefix(r, "REASON NEEDED"):
					unexplained = append(unexplained, l)
				}
			}
			for l := range listed {
				if !slices.Contains(diff, l) {
					stale = append(stale, l)
				}
			}
			slices.Sort(stale)
			require.Empty(t, unlisted, "differences from the hand-written API not listed in %s", path)
			require.Empty(t, stale, "listed in %s but no longer differing", path)
			require.Empty(t, unexplained, "listed in %s without a reason", path)
			require.NotEmpty(t, got, "the imported package has an API")
		})
	}
}

// readDiffFile reads a differences file: "# reason" lines give the reason
// of the "- line" (only in the hand-written API) and "+ line" (only in the
// imported one) entries below them.
func readDiffFile(t testing.TB, path string) (map[string]string, []string) {
	t.Helper()
	listed := map[string]string{}
	var order []string
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return listed, nil
	}
	require.NoError(t, err)
	reason := ""
	for _, line := range strings.Split(string(b), "\n") {
		switch {
		case strings.HasPrefix(line, "# "):
			reason = strings.TrimPrefix(line, "# ")
			if !slices.Contains(order, reason) {
				order = append(order, reason)
			}
		case strings.HasPrefix(line, "- "), strings.HasPrefix(line, "+ "):
			listed[line] = reason
		}
	}
	return listed, order
}

func writeDiffFile(t testing.TB, path string, diff []string, listed map[string]string, order []string) {
	t.Helper()
	byReason := map[string][]string{}
	for _, l := range diff {
		r, ok := listed[l]
		if !ok || r == "" {
			r = "REASON NEEDED"
		}
		byReason[r] = append(byReason[r], l)
	}
	if !slices.Contains(order, "REASON NEEDED") {
		order = append(order, "REASON NEEDED")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Differences between the Go API generated from the imported spec and from the hand-written definition.\n")
	fmt.Fprintf(&b, "\"- \" lines are only in the hand-written package, \"+ \" lines only in the imported one; each is explained by the \"# \" line above it.\n")
	for _, r := range order {
		if len(byReason[r]) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n# %s\n", r)
		for _, l := range byReason[r] {
			b.WriteString(l + "\n")
		}
	}
	require.NoError(t, os.WriteFile(path, []byte(b.String()), 0o644))
}
