package breaking

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the want section of each testdata/breaking pair from the check's report")

// corpusDir holds the schema pairs: one txtar each, with old.yaml, new.yaml
// (and any file they import) and want, the exact report with compatible
// and allowed changes listed (as -v prints it).
const corpusDir = "../testdata/breaking"

// corpusCase is one pair, written out to a folder.
type corpusCase struct {
	name     string
	file     string // the txtar
	archive  *txtar.Archive
	dir      string // where old.yaml and new.yaml are written
	oldPath  string
	newPath  string
	want     string
	wantFile int // index of want in archive.Files
}

func loadCorpus(t *testing.T) []*corpusCase {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(corpusDir, "*.txtar"))
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(paths), 40, "the corpus holds at least 40 pairs")
	var cases []*corpusCase
	for _, p := range paths {
		a, err := txtar.ParseFile(p)
		require.NoError(t, err)
		c := &corpusCase{name: strings.TrimSuffix(filepath.Base(p), ".txtar"), file: p, archive: a, wantFile: -1}
		c.dir = t.TempDir()
		for i, f := range a.Files {
			if f.Name == "want" {
				c.want, c.wantFile = string(f.Data), i
				continue
			}
			dst := filepath.Join(c.dir, filepath.FromSlash(f.Name))
			require.NoError(t, os.MkdirAll(filepath.Dir(dst), 0o755))
			require.NoError(t, os.WriteFile(dst, f.Data, 0o644))
		}
		c.oldPath, c.newPath = filepath.Join(c.dir, "old.yaml"), filepath.Join(c.dir, "new.yaml")
		if _, err := os.Stat(c.oldPath); err != nil {
			// No old version: compare against a folder that lacks it.
			c.oldPath = t.TempDir()
		}
		require.FileExists(t, c.newPath, p)
		require.NotEqual(t, -1, c.wantFile, "%s has no want section", p)
		cases = append(cases, c)
	}
	return cases
}

// report runs the check on the case and returns its -v report, with paths
// relative to the case's folder.
func (c *corpusCase) report(t *testing.T) (string, []Finding) {
	t.Helper()
	v, err := Load([]string{c.newPath}, c.oldPath)
	require.NoError(t, err)
	defer v.Close()
	findings, err := v.Check(nil)
	require.NoError(t, err)
	var b strings.Builder
	for _, f := range findings {
		b.WriteString(strings.ReplaceAll(f.String(), c.dir+string(filepath.Separator), "") + "\n")
	}
	return b.String(), findings
}

func TestCorpus(t *testing.T) {
	for _, c := range loadCorpus(t) {
		t.Run(c.name, func(t *testing.T) {
			got, _ := c.report(t)
			if *update {
				c.archive.Files[c.wantFile].Data = []byte(got)
				require.NoError(t, os.WriteFile(c.file, txtar.Format(c.archive), 0o644))
				return
			}
			require.Equal(t, c.want, got)
		})
	}
}
