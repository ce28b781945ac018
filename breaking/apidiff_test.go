package breaking

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"testing"

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
	cases := loadCorpus(t)
	mod := t.TempDir()
	for _, name := range []string{"go.mod", "go.sum", "main.go"} {
		data, err := os.ReadFile(filepath.Join("testdata", "apidiff", name))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(mod, name), data, 0o644))
	}
	var list strings.Builder
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
		oldPath := generateInto(t, mod, "pairs/"+c.name+"/old", p.Old)
		newPath := generateInto(t, mod, "pairs/"+c.name+"/new", p.New)
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
	// offline (as .ci/run does for staticcheck).
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod",
		"GOPROXY=file://"+goEnv("GOMODCACHE")+"/cache/download,"+goEnv("GOPROXY"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	require.NoError(t, err, "apidiff oracle: %s", stderr.String())

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
	t.Logf("%d pairs, %d with an incompatible Go change, %d disagreements", len(cases), withBreaks, disagree)
}

// generateInto generates f (and the schemas it imports) under mod/dir and
// returns the import path of f's package.
func generateInto(t *testing.T, mod, dir string, f *schema.File) string {
	t.Helper()
	root := "oracle/" + dir
	files := append([]*schema.File{f}, schema.ImportedFiles([]*schema.File{f})...)
	gen, err := generator.GenerateWith(files, generator.Options{ImportRoot: root})
	require.NoError(t, err)
	for _, g := range gen {
		dst := filepath.Join(mod, filepath.FromSlash(dir), filepath.FromSlash(g.Path))
		require.NoError(t, os.MkdirAll(filepath.Dir(dst), 0o755))
		require.NoError(t, os.WriteFile(dst, g.Content, 0o644))
	}
	return path.Join(root, path.Clean(f.Package.Path))
}
