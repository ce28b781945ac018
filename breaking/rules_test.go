package breaking

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReadmeListsEveryRule keeps README's rule table and Rules in step: one
// row per rule, with its category and rationale, and no row for a rule
// that does not exist.
func TestReadmeListsEveryRule(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	rows := map[string]string{}
	for _, line := range strings.Split(string(readme), "\n") {
		if strings.HasPrefix(line, "| `") && strings.Count(line, "|") == 4 {
			id := strings.Trim(strings.Fields(line)[1], "`")
			if strings.ToUpper(id) == id && strings.Contains(id, "_") {
				rows[id] = line
			}
		}
	}
	seen := map[string]bool{}
	for _, r := range Rules {
		assert.False(t, seen[r.ID], "rule %s listed twice", r.ID)
		seen[r.ID] = true
		assert.Equal(t, fmt.Sprintf("| `%s` | %s | %s |", r.ID, r.Category, r.Rationale), rows[r.ID], "README row of %s", r.ID)
		assert.NotContains(t, r.Rationale, "|", "a rationale is one table cell")
	}
	for id := range rows {
		assert.True(t, seen[id], "README lists %s, which is not a rule", id)
	}
}

// TestEveryRuleIsExercised: each rule the check can report appears in the
// corpus's expected reports, so none is dead or untested.
func TestEveryRuleIsExercised(t *testing.T) {
	var wants strings.Builder
	for _, c := range loadCorpus(t) {
		wants.WriteString(c.want)
	}
	var missing []string
	for _, r := range Rules {
		if !strings.Contains(wants.String(), ": "+r.ID+": ") {
			missing = append(missing, r.ID)
		}
	}
	assert.Empty(t, missing, "rules no pair of testdata/breaking reports")
}
