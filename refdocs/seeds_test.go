package refdocs

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/sessiongen/sessiongen/generator"
	"github.com/sessiongen/sessiongen/schema"
)

// bundledPages renders the bundled schemas, as sessiongen docs does.
func bundledPages(t *testing.T) map[string]string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "schema", "apis", "*.yaml"))
	require.NoError(t, err)
	require.NotEmpty(t, paths)
	files, err := schema.LoadFiles(paths...)
	require.NoError(t, err)
	pages, err := Render(files)
	require.NoError(t, err)
	return pageMap(pages)
}

func pageMap(pages []generator.File) map[string]string {
	out := map[string]string{}
	for _, p := range pages {
		out[p.Path] = string(p.Content)
	}
	return out
}

func readSeed(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "seeds", name))
	require.NoError(t, err)
	return string(b)
}

// requireAll fails with the names of want that the page lacks.
func requireAll(t *testing.T, what string, want, have []string) {
	t.Helper()
	require.NotEmpty(t, want, "%s: the seed table read no rows", what)
	if m := missing(want, have); len(m) > 0 {
		t.Errorf("%s: the page lacks %d of the seed's %d rows: %s\npage has: %s", what, len(m), len(want), strings.Join(m, ", "), strings.Join(have, ", "))
	}
}

// The acceptance test of issue 16: the page of each bundled API's session
// resource has every row of the seed document's tables (properties,
// relationships, methods, enum values), compared as sets of names.
func TestSeedTables(t *testing.T) {
	pages := bundledPages(t)

	t.Run("graph", func(t *testing.T) {
		seed := readSeed(t, "graph-session.md")
		page := pages["msgraph/callrecords/resources/sessions.md"]
		require.NotEmpty(t, page)
		requireAll(t, "properties", firstColumn(seed, "## Properties"), firstColumn(page, "## Properties"))
		requireAll(t, "relationships", firstColumn(seed, "## Relationships"), firstColumn(page, "## Relationships"))
		var want []string
		for _, title := range firstColumn(seed, "## Methods") {
			method, ok := graphMethods(t)[title]
			require.True(t, ok, "graph-methods.txt does not map the seed method %q", title)
			want = append(want, method)
		}
		requireAll(t, "methods", want, firstColumn(page, "## Methods"))
	})

	t.Run("twilio", func(t *testing.T) {
		seed := readSeed(t, "twilio-session.md")
		page := pages["twilio/proxy/resources/sessions.md"]
		require.NotEmpty(t, page)
		requireAll(t, "properties", firstColumn(seed, "## Properties"), firstColumn(page, "## Properties"))
		var subs []string
		for _, l := range section(seed, "## Sub-resources") {
			if m := subResourceItem.FindStringSubmatch(l); m != nil {
				subs = append(subs, m[1])
			}
		}
		requireAll(t, "sub-resources", subs, firstColumn(page, "## Sub-resources"))
		// Enum values: the seed lists them in its descriptions ("Values:
		// `open`, ..."); the page in the table of the enum that the
		// property's type links to.
		types := propertyTypes(page)
		enums := enumValues(page)
		n := 0
		for _, cells := range tableRows(section(seed, "## Properties")) {
			m := seedValues.FindStringSubmatch(cells[len(cells)-1])
			if m == nil {
				continue
			}
			prop := name(cells[0])
			var want []string
			for _, v := range backticked.FindAllStringSubmatch(m[1], -1) {
				want = append(want, v[1])
			}
			requireAll(t, "enum values of "+prop, want, enums[types[prop]])
			n++
		}
		require.Equal(t, 2, n, "the seed lists values for mode and status")
	})

	t.Run("syllable", func(t *testing.T) {
		seed := readSeed(t, "syllable-session.md")
		page := pages["syllable/sessions/resources/sessions.md"]
		require.NotEmpty(t, page)
		requireAll(t, "fields", firstColumn(seed, "## Fields"), firstColumn(page, "## Properties"))
	})
}

var (
	subResourceItem = regexp.MustCompile("^- `([^`]+)` ")
	seedValues      = regexp.MustCompile(`Values: (.*)$`)
	backticked      = regexp.MustCompile("`([^`]+)`")
)

// graphMethods reads graph-methods.txt: seed title to page method.
func graphMethods(t *testing.T) map[string]string {
	out := map[string]string{}
	for line := range strings.Lines(readSeed(t, "graph-methods.txt")) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		title, method, ok := strings.Cut(line, " = ")
		require.True(t, ok, "graph-methods.txt: %q", line)
		out[title] = method
	}
	return out
}

// propertyTypes maps each property of a page to the name its type cell shows.
func propertyTypes(page string) map[string]string {
	out := map[string]string{}
	for _, cells := range tableRows(section(page, "## Properties")) {
		out[name(cells[0])] = name(cells[1])
	}
	return out
}

// enumValues maps each enum of a page's "Enum values" section to its values.
func enumValues(page string) map[string][]string {
	out := map[string][]string{}
	lines := section(page, "## Enum values")
	for i, l := range lines {
		if strings.HasPrefix(l, "### ") {
			enum := name(strings.TrimPrefix(l, "### "))
			for _, cells := range tableRows(lines[i+1:]) {
				out[enum] = append(out[enum], name(cells[0]))
			}
		}
	}
	return out
}

// The comparison can fail: a page without one of the seed's properties,
// methods or enum values is reported with exactly the missing names.
func TestSeedTablesCanFail(t *testing.T) {
	pages := bundledPages(t)
	page := pages["twilio/proxy/resources/sessions.md"]
	seed := readSeed(t, "twilio-session.md")
	cut := strings.Replace(page, "| `ttl` |", "| `ttl_gone` |", 1)
	require.Equal(t, []string{"ttl"}, missing(firstColumn(seed, "## Properties"), firstColumn(cut, "## Properties")))
	cut = strings.Replace(page, "| `voice-only` |", "| `voice_only` |", 1)
	require.Equal(t, []string{"voice-only"}, missing([]string{"message-only", "voice-only"}, enumValues(cut)["SessionMode"]))

	graph := pages["msgraph/callrecords/resources/sessions.md"]
	cut = strings.Replace(graph, "[segments.delete]", "[segments.remove]", 1)
	require.Equal(t, []string{"segments.delete"}, missing([]string{"get", "segments.delete"}, firstColumn(cut, "## Methods")))
}
