package breaking

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAllowComments(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string
		err       string
	}{
		{"none", "sessiongen: 1\n", nil, ""},
		{"commas and spaces", "# sessiongen:allow-breaking FIELD_REMOVED, GO_DECL_REMOVED\n#sessiongen:allow-breaking   ENUM_CLOSED\n", []string{"FIELD_REMOVED", "GO_DECL_REMOVED", "ENUM_CLOSED"}, ""},
		{"after a value", "package: {name: a} # sessiongen:allow-breaking PATH_CHANGED\n", []string{"PATH_CHANGED"}, ""},
		{"unknown rule", "\n  # sessiongen:allow-breaking FIELD_REMOVD\n", nil, `s.yaml:2:3: sessiongen:allow-breaking: unknown rule "FIELD_REMOVD"`},
		{"no rule", "# sessiongen:allow-breaking\n", nil, "s.yaml:1:1: sessiongen:allow-breaking names no rule"},
		{"compatible rule", "# sessiongen:allow-breaking FIELD_ADDED\n", []string{"FIELD_ADDED"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, "s.yaml")
			require.NoError(t, os.WriteFile(p, []byte(tc.src), 0o644))
			got, err := allowComments(p)
			if tc.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), filepath.Join(dir, tc.err))
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestImportsOf(t *testing.T) {
	assert.Equal(t, []string{"common.yaml", "../shared/x.yaml"}, importsOf([]byte("imports:\n  - {schema: common.yaml, as: a}\n  - {schema: ../shared/x.yaml, as: b}\n  - {schema: /abs.yaml, as: c}\n")))
	assert.Empty(t, importsOf([]byte("imports: [")), "malformed YAML: the loader reports it")
}

func TestLoadRefusesWhatIsNeitherPathNorRevision(t *testing.T) {
	_, err := Load([]string{"../schema/apis/syllable.yaml"}, "no-such-revision-or-file")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no-such-revision-or-file")
}
