package refdocs

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/aymanbagabas/go-udiff"
	"github.com/rogpeppe/go-internal/txtar"
	"github.com/stretchr/testify/require"

	"github.com/sessiongen/sessiongen/generator/output"
	"github.com/sessiongen/sessiongen/schema"
)

var update = flag.Bool("update", false, "rewrite the golden pages in testdata/golden")

// corpus is every schema the tests render: the bundled APIs and the
// generator's golden cases (hostile names and text, unions, polymorphism,
// recursion, imports, ...), each case on its own.
func corpus(t *testing.T) map[string][]*schema.File {
	t.Helper()
	out := map[string][]*schema.File{}
	apis, err := filepath.Glob(filepath.Join("..", "schema", "apis", "*.yaml"))
	require.NoError(t, err)
	files, err := schema.LoadFiles(apis...)
	require.NoError(t, err)
	out["bundled"] = files
	cases, err := filepath.Glob(filepath.Join("..", "testdata", "cases", "*", "schema.yaml"))
	require.NoError(t, err)
	require.NotEmpty(t, cases)
	for _, c := range cases {
		files, err := schema.LoadFiles(c)
		require.NoError(t, err, c)
		out[filepath.Base(filepath.Dir(c))] = files
	}
	return out
}

func render(t *testing.T, files []*schema.File) map[string]string {
	t.Helper()
	pages, err := Render(files)
	require.NoError(t, err)
	return pageMap(pages)
}

var (
	linkTarget = regexp.MustCompile(`\]\(([^)\s]*)\)`)
	headingRe  = regexp.MustCompile(`(?m)^#{1,6} (.*)$`)
)

// Every relative link of every page leads to a page of the run (or, for
// an imported schema rendered in another run, to where its page goes), and
// every #fragment to a heading of that page.
func TestLinksResolve(t *testing.T) {
	for name, files := range corpus(t) {
		pages := render(t, files)
		// Imported schemas' pages are rendered by their own run.
		for p, c := range render(t, schema.ImportedFiles(files)) {
			pages[p] = c
		}
		links := 0
		for from, content := range pages {
			for _, m := range linkTarget.FindAllStringSubmatch(content, -1) {
				target := m[1]
				if strings.Contains(target, "://") {
					continue
				}
				links++
				file, frag, _ := strings.Cut(target, "#")
				to := from
				if file != "" {
					to = path.Join(path.Dir(from), file)
				}
				dest, ok := pages[to]
				if !assertTrue(t, ok, "%s: %s links to %s: no such page", name, from, target) {
					continue
				}
				if frag != "" {
					n := 0
					for _, a := range anchors(dest) {
						if a == frag {
							n++
						}
					}
					// Twice, and GitHub would number the second: the link would
					// lead to the first.
					assertTrue(t, n == 1, "%s: %s links to %s: %d headings %q in %s, want 1", name, from, target, n, frag, to)
				}
			}
		}
		require.Positive(t, links, name)
	}
}

func assertTrue(t *testing.T, ok bool, format string, args ...any) bool {
	t.Helper()
	if !ok {
		t.Errorf(format, args...)
	}
	return ok
}

// anchors are the fragments of a page's headings, as GitHub makes them.
func anchors(page string) []string {
	var out []string
	for _, m := range headingRe.FindAllStringSubmatch(page, -1) {
		out = append(out, anchor(name(m[1])))
	}
	return out
}

// Pages start with the generated-file marker naming their schema, and the
// same schemas in any order give the same bytes.
func TestHeaderAndDeterminism(t *testing.T) {
	files := corpus(t)["bundled"]
	first := render(t, files)
	reversed := slices.Clone(files)
	slices.Reverse(reversed)
	require.Equal(t, first, render(t, reversed))
	for p, content := range first {
		line, _, _ := strings.Cut(content, "\n")
		require.True(t, output.Markdown.IsGenerated([]byte(content)), "%s: %q", p, line)
		name, ok := output.Markdown.SchemaOf([]byte(content))
		require.True(t, ok, p)
		require.True(t, strings.HasPrefix(name, "schema/apis/"), "%s names %s", p, name)
		require.NotContains(t, content[len(line):], "<!--", "%s: no other HTML comment", p)
	}
	// One index, one page per resource and per type, for each schema.
	want := 0
	for _, f := range files {
		want += 1 + len(f.Resources) + len(f.Types)
	}
	require.Len(t, first, want)
}

// Every table row has its header's number of cells, whatever the schema's
// text holds (|, newlines, backticks, HTML), and every JSON representation
// is JSON.
func TestTablesAndJSONHoldTogether(t *testing.T) {
	for name, files := range corpus(t) {
		for p, content := range render(t, files) {
			lines := strings.Split(content, "\n")
			cols := 0
			for i, l := range lines {
				if !strings.HasPrefix(l, "|") {
					cols = 0
					continue
				}
				n := len(splitRow(l))
				if cols == 0 {
					cols = n
				}
				require.Equal(t, cols, n, "%s: %s line %d: %s", name, p, i+1, l)
			}
			for _, block := range jsonBlocks(content) {
				require.True(t, json.Valid([]byte(block)), "%s: %s: %s", name, p, block)
			}
			require.NotContains(t, content[strings.Index(content, "\n"):], "<!--", "%s: %s", name, p)
		}
	}
}

func jsonBlocks(page string) []string {
	var out []string
	for rest := page; ; {
		_, after, ok := strings.Cut(rest, "```json\n")
		if !ok {
			return out
		}
		block, tail, _ := strings.Cut(after, "\n```\n")
		out = append(out, block)
		rest = tail
	}
}

// The JSON representation takes the schema's examples and defaults, and
// fills the rest from the types alone.
func TestExampleValues(t *testing.T) {
	pages := render(t, corpus(t)["bundled"])
	example := func(p string) map[string]any {
		blocks := jsonBlocks(pages[p])
		require.Len(t, blocks, 1, p)
		var v map[string]any
		require.NoError(t, json.Unmarshal([]byte(blocks[0]), &v))
		return v
	}
	syllable := example("syllable/sessions/types/Session.md")
	require.Equal(t, "hedy", syllable["channel_manager_service"], "first example")
	require.Equal(t, "2023-11-07T05:31:56Z", syllable["timestamp"])
	twilio := example("twilio/proxy/types/Session.md")
	require.Equal(t, 3600.0, twilio["ttl"], "an example wins over the default")
	require.Equal(t, "open", twilio["status"], "an enum's first value")
	require.Equal(t, map[string]any{"key": "https://example.com/"}, twilio["links"])
	graph := example("msgraph/callrecords/types/session.md")
	require.Equal(t, "#microsoft.graph.callRecords.session", graph["@odata.type"], "the discriminator first")
	require.NotContains(t, graph, "segments", "relationships are left out")
	require.Equal(t, []any{"audio"}, graph["modalities"])
}

// Golden pages of a few cases pin the shape of every page kind; -update
// rewrites them (read the diff).
func TestGolden(t *testing.T) {
	all := corpus(t)
	for _, name := range []string{"polymorphism", "open-hierarchy", "recursion", "unions", "hostile-text", "rules", "inline-enums", "client-http"} {
		t.Run(name, func(t *testing.T) {
			files, ok := all[name]
			require.True(t, ok)
			pages := render(t, files)
			var ar txtar.Archive
			ar.Comment = []byte("Pages of testdata/cases/" + name + "/schema.yaml (go test ./refdocs -run TestGolden -update).\n")
			for _, p := range slices.Sorted(mapsKeys(pages)) {
				ar.Files = append(ar.Files, txtar.File{Name: p, Data: []byte(pages[p])})
			}
			got := txtar.Format(&ar)
			golden := filepath.Join("testdata", "golden", name+".txtar")
			if *update {
				require.NoError(t, os.MkdirAll(filepath.Dir(golden), 0o755))
				require.NoError(t, os.WriteFile(golden, got, 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err)
			if d := udiff.Unified("want", "got", string(want), string(got)); d != "" {
				t.Errorf("pages differ from %s (-update rewrites it):\n%s", golden, d)
			}
		})
	}
}

func mapsKeys(m map[string]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func TestStemsUniqueIgnoringCase(t *testing.T) {
	s := stemSet{}
	require.Equal(t, "Session", s.unique("Session", "Session"))
	require.Equal(t, "session-2", s.unique("session", "Session"))
	require.Equal(t, "AtType", s.unique("@type", "AtType"), "an unsafe name takes its Go name")
	require.Equal(t, "page", s.unique("", ""))
	require.Equal(t, "page-2", s.unique("é", "É"))
}

func TestLink(t *testing.T) {
	require.Equal(t, "../types/a.md", link("p/q/resources/r.md", "p/q/types/a.md"))
	require.Equal(t, "b.md", link("p/types/a.md", "p/types/b.md"))
	require.Equal(t, "../common/types/E.md", link("twilio/proxy/index.md", "twilio/common/types/E.md"))
	require.Equal(t, "types/a.md", link("index.md", "types/a.md"))
	require.Equal(t, "../index.md", link("types/a.md", "index.md"))
}

func TestCode(t *testing.T) {
	require.Equal(t, "`a`", code("a"))
	require.Equal(t, "``a`b``", code("a`b"), "a backtick inside")
	require.Equal(t, "`` `a ``", code("`a"))
	require.Equal(t, "`a \\| b`", code("a | b"), "a pipe stays inside its cell")
	require.Equal(t, "`a b`", code("a\nb"))
}

// Pages grow linearly with the schema however its types nest: six types of
// twenty properties, each of the next type, would give 20^5 members if
// every nested object were spelt out.
func TestExampleStaysSmall(t *testing.T) {
	var b strings.Builder
	b.WriteString("sessiongen: 1\npackage: {name: deep, path: deep}\napi: {baseURL: \"https://api.example.com\", auth: {scheme: bearer}}\ntypes:\n")
	for i := range 6 {
		fmt.Fprintf(&b, "  T%d:\n    properties:\n", i)
		for j := range 20 {
			if i == 5 {
				fmt.Fprintf(&b, "      p%d: {type: string}\n", j)
			} else {
				fmt.Fprintf(&b, "      p%d: {type: T%d}\n", j, i+1)
			}
		}
	}
	file, err := schema.Parse("deep.yaml", []byte(b.String()))
	require.NoError(t, err)
	pages := render(t, []*schema.File{file})
	page := pages["deep/types/T0.md"]
	blocks := jsonBlocks(page)
	require.Len(t, blocks, 1)
	require.True(t, json.Valid([]byte(blocks[0])))
	members := strings.Count(blocks[0], `"p`)
	require.LessOrEqual(t, members, maxExampleMembers+(maxExampleDepth+1)*20, "members in the example: the budget, and the rest of the objects open when it ran out")
	require.Greater(t, members, 100, "nested objects are still spelt out up to the budget")
	require.Less(t, len(page), 64<<10)
}

// Type pages link back to every place that names the type.
func TestUsedBy(t *testing.T) {
	pages := render(t, corpus(t)["bundled"])
	usedBy := func(p string) []string {
		var out []string
		for _, l := range section(pages[p], "## Used by") {
			if item, ok := strings.CutPrefix(l, "- "); ok {
				out = append(out, item)
			}
		}
		return out
	}
	require.Contains(t, usedBy("msgraph/callrecords/types/identity.md"), "`application`, `device`, `user` of [identitySet](identitySet.md)")
	require.Equal(t, []string{
		"`status` of [Session](Session.md)",
		"`create`, `update` methods of the resource [sessions](../resources/sessions.md)",
	}, usedBy("twilio/proxy/types/SessionStatus.md"), "body fields count")
	require.Equal(t, []string{
		"the resource [sessions](../resources/sessions.md)",
		"`list`, `create`, `get`, `update` methods of the resource [sessions](../resources/sessions.md)",
	}, usedBy("twilio/proxy/types/Session.md"))
}
