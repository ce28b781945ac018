package breaking

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/sessiongen/sessiongen/generator"
	"github.com/sessiongen/sessiongen/schema"
)

// TestGoRulesAgreeWithAPIDiff is the oracle of the Go-API category: for
// every pair of the corpus, golang.org/x/exp/apidiff, run on the two
// generated packages, reports an incompatible change exactly when the
// check reports a Go-API break. All pairs are generated into one temporary
// module and loaded by one go/packages call (testdata/apidiff, a module of
// its own: every served x/exp needs go 1.26, this module stays on 1.25).
//
// GO_PACKAGE_CHANGED is left out: apidiff compares two packages' contents,
// not the import path they are published under.
func TestGoRulesAgreeWithAPIDiff(t *testing.T) {
	if testing.Short() {
		t.Skip("builds every generated package of the corpus")
	}
	began := time.Now()
	cases := loadCorpus(t)
	mod := t.TempDir()
	if keep := os.Getenv("BREAKING_ORACLE_DIR"); keep != "" {
		mod = keep // to look at the generated module after a failure
	}
	for _, name := range []string{"go.mod", "go.sum", "main.go"} {
		data, err := os.ReadFile(filepath.Join("testdata", "apidiff", name))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(mod, name), data, 0o644))
	}
	var list strings.Builder
	generated := map[string]string{}
	goBreaks := map[string][]string{}
	for _, c := range cases {
		_, findings := c.report(t)
		for _, f := range findings {
			if f.Rule.Category == GoAPI && f.Rule.ID != "GO_PACKAGE_CHANGED" {
				goBreaks[c.name] = append(goBreaks[c.name], f.String())
			}
		}
		v, err := Load([]string{c.newPath}, c.oldPath)
		require.NoError(t, err)
		p := v.Pairs[0]
		if p.Old == nil {
			continue // a new schema: nothing for apidiff to compare
		}
		oldPath := generateInto(t, mod, generated, p.Old)
		newPath := generateInto(t, mod, generated, p.New)
		fmt.Fprintf(&list, "%s %s %s\n", c.name, oldPath, newPath)
	}
	require.NoError(t, os.WriteFile(filepath.Join(mod, "pairs.txt"), []byte(list.String()), 0o644))

	goEnv := func(key string) string {
		out, err := exec.Command("go", "env", key).Output()
		require.NoError(t, err)
		return strings.TrimSpace(string(out))
	}
	cmd := exec.Command("go", "run", ".", "pairs.txt")
	cmd.Dir = mod
	// The module cache first, so that a machine that has the modules runs
	// offline (as .ci/run does for staticcheck). -trimpath keeps the
	// temporary folder out of the build cache's keys: a second run reuses
	// the compiled packages (about 5 s instead of 90 s here).
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod -trimpath",
		"GOPROXY=file://"+goEnv("GOMODCACHE")+"/cache/download,"+goEnv("GOPROXY"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	out, err := cmd.Output()
	require.NoError(t, err, "apidiff oracle: %s", stderr.String())
	t.Logf("generating took %v, loading and apidiff %v", start.Sub(began).Round(time.Millisecond), time.Since(start).Round(time.Millisecond))

	incompatible := map[string][]string{}
	answered := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		name, msg, ok := strings.Cut(line, "\t")
		require.True(t, ok, "oracle line %q", line)
		answered[name] = true
		if msg != "-" {
			incompatible[name] = append(incompatible[name], msg)
		}
	}
	disagree, withBreaks := 0, 0
	for _, c := range cases {
		if !strings.Contains(list.String(), c.name+" ") {
			continue
		}
		require.True(t, answered[c.name], "the oracle did not compare %s", c.name)
		apidiffSays, checkSays := len(incompatible[c.name]) > 0, len(goBreaks[c.name]) > 0
		if apidiffSays {
			withBreaks++
		}
		if apidiffSays != checkSays {
			disagree++
			t.Errorf("%s: apidiff incompatible=%t, check Go break=%t\napidiff:\n  %s\ncheck:\n  %s", c.name, apidiffSays, checkSays,
				strings.Join(incompatible[c.name], "\n  "), strings.Join(goBreaks[c.name], "\n  "))
		}
	}
	t.Logf("%d pairs (%d distinct packages), %d with an incompatible Go change, %d disagreements", len(cases), len(generated), withBreaks, disagree)
}

// generateInto generates f (and the schemas it imports) into mod, once per
// distinct schema text (most pairs share their old version), and returns
// the import path of f's package. done maps a schema's key to that path.
func generateInto(t *testing.T, mod string, done map[string]string, f *schema.File) string {
	t.Helper()
	files := append([]*schema.File{f}, schema.ImportedFiles([]*schema.File{f})...)
	h := sha256.New()
	for _, g := range files {
		src, err := os.ReadFile(g.Path)
		require.NoError(t, err)
		fmt.Fprintf(h, "%s\x00%d\x00%s", filepath.Base(g.Path), len(src), src)
	}
	key := hex.EncodeToString(h.Sum(nil))[:16]
	if p, ok := done[key]; ok {
		return p
	}
	dir := "pkgs/" + key
	root := "oracle/" + dir
	gen, err := generator.GenerateWith(files, generator.Options{ImportRoot: root})
	require.NoError(t, err)
	for _, g := range gen {
		dst := filepath.Join(mod, filepath.FromSlash(dir), filepath.FromSlash(g.Path))
		require.NoError(t, os.MkdirAll(filepath.Dir(dst), 0o755))
		require.NoError(t, os.WriteFile(dst, g.Content, 0o644))
	}
	done[key] = path.Join(root, path.Clean(f.Package.Path))
	return done[key]
}
