package openapi

import (
	"os"
	"strings"
	"testing"

	"github.com/sessiongen/sessiongen/schema"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// yamlBlocks are the ```yaml blocks of text, in order.
func yamlBlocks(text string) []string {
	var blocks []string
	for {
		_, rest, ok := strings.Cut(text, "```yaml\n")
		if !ok {
			return blocks
		}
		block, after, _ := strings.Cut(rest, "```")
		blocks = append(blocks, block)
		text = after
	}
}

// TestExportReadme keeps README honest: its annotated example (the first
// yaml block) exports to a valid document, and the section on export shows
// exactly the paths and components its example exports to.
func TestExportReadme(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	all := yamlBlocks(string(readme))
	require.NotEmpty(t, all)
	f, err := schema.Parse("README.md", []byte(all[0]))
	require.NoError(t, err)
	doc, err := Export(f)
	require.NoError(t, err)
	requireValid(t, doc)

	_, section, ok := strings.Cut(string(readme), "## Exporting OpenAPI")
	require.True(t, ok, "README has no section on export")
	blocks := yamlBlocks(section)
	require.GreaterOrEqual(t, len(blocks), 2)
	f, err = schema.Parse("meetings.yaml", []byte(blocks[0]))
	require.NoError(t, err)
	doc, err = Export(f)
	require.NoError(t, err)
	requireValid(t, doc)
	var got, shown map[string]any
	require.NoError(t, yaml.Unmarshal(doc, &got))
	require.NoError(t, yaml.Unmarshal([]byte(blocks[1]), &shown))
	require.NotEmpty(t, shown)
	for key, v := range shown {
		assert.Equal(t, v, got[key], "README shows %s otherwise than export writes it", key)
	}
}
