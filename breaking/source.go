package breaking

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/sessiongen/sessiongen/schema"
)

// Pair is one schema in its two versions. Old is nil for a schema the old
// version does not have.
type Pair struct {
	Old, New *schema.File
	// Allow are the rule IDs the new schema allows, from its
	// "# sessiongen:allow-breaking RULE_ID ..." comments.
	Allow []string
}

// Versions are the pairs to compare and how to name old files in a report.
type Versions struct {
	Pairs []Pair
	// OldName maps the path an old file was loaded from to its name in a
	// report: "<ref>:<path>" for a file read from git.
	OldName map[string]string
	tmp     string
}

// Close removes the temporary copies of files read from git.
func (v *Versions) Close() error {
	if v.tmp == "" {
		return nil
	}
	return os.RemoveAll(v.tmp)
}

// Load loads the schemas at paths and their old versions from against: a
// schema file (with one schema), a folder (each schema's old version is at
// the same relative path under it, or else at its base name), or a git
// revision of the repository holding them (read with git show, with the
// files each old version imports).
func Load(paths []string, against string) (*Versions, error) {
	files, err := schema.LoadFiles(paths...)
	if err != nil {
		return nil, err
	}
	v := &Versions{OldName: map[string]string{}}
	var oldPath func(string) (string, error) // where the old version of a schema is, "" if nowhere
	if fi, statErr := os.Stat(against); statErr == nil {
		switch {
		case !fi.IsDir() && len(files) != 1:
			return nil, fmt.Errorf("-against %s is one file: name exactly one schema to compare with it", against)
		case !fi.IsDir():
			oldPath = func(string) (string, error) { return against, nil }
		default:
			oldPath = func(p string) (string, error) {
				cands := []string{filepath.Join(against, filepath.Base(p))}
				if !filepath.IsAbs(p) {
					cands = append([]string{filepath.Join(against, p)}, cands...)
				}
				for _, cand := range cands {
					if fi, err := os.Stat(cand); err == nil && !fi.IsDir() {
						return cand, nil
					}
				}
				return "", nil
			}
		}
	} else {
		g, err := newGitReader(against)
		if err != nil {
			return nil, err
		}
		if v.tmp, err = os.MkdirTemp("", "sessiongen-breaking-"); err != nil {
			return nil, err
		}
		g.tmp, g.names = v.tmp, v.OldName
		oldPath = g.materialize
	}
	for _, f := range files {
		pair := Pair{New: f}
		if pair.Allow, err = allowComments(f.Path); err != nil {
			v.Close()
			return nil, err
		}
		op, err := oldPath(f.Path)
		if err != nil {
			v.Close()
			return nil, err
		}
		if op != "" {
			old, err := schema.LoadFiles(op)
			if err != nil {
				v.Close()
				return nil, fmt.Errorf("the old version of %s does not load:\n%s", f.Path, v.rename(err.Error()))
			}
			pair.Old = old[0]
		}
		v.Pairs = append(v.Pairs, pair)
	}
	return v, nil
}

// rename replaces temporary paths in a message with their report names.
func (v *Versions) rename(msg string) string {
	for tmp, name := range v.OldName {
		msg = strings.ReplaceAll(msg, tmp, name)
	}
	return msg
}

var allowComment = regexp.MustCompile(`#\s*sessiongen:allow-breaking\b(.*)`)

// allowComments reads the rule IDs a schema allows from its comments.
func allowComments(file string) ([]string, error) {
	src, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var ids []string
	for i, line := range strings.Split(string(src), "\n") {
		m := allowComment.FindStringSubmatchIndex(line)
		if m == nil {
			continue
		}
		list := strings.FieldsFunc(line[m[2]:m[3]], func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\r' })
		if len(list) == 0 {
			return nil, fmt.Errorf("%s:%d:%d: sessiongen:allow-breaking names no rule: want a rule ID such as FIELD_REMOVED", file, i+1, m[0]+1)
		}
		for _, id := range list {
			if _, ok := ruleByID(id); !ok {
				return nil, fmt.Errorf("%s:%d:%d: sessiongen:allow-breaking: unknown rule %q (see sessiongen breaking -h)", file, i+1, m[0]+1, id)
			}
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// gitReader copies old versions of schema files out of a git revision.
type gitReader struct {
	ref, top string
	tmp      string
	names    map[string]string
	copied   map[string]bool
}

func newGitReader(ref string) (*gitReader, error) {
	top, err := git("", "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, fmt.Errorf("-against %s: not a file or folder, and not in a git repository: %v", ref, err)
	}
	if _, err := git("", "rev-parse", "--verify", "--quiet", ref+"^{commit}"); err != nil {
		return nil, fmt.Errorf("-against %s: not a file, a folder or a git revision of this repository", ref)
	}
	return &gitReader{ref: ref, top: strings.TrimSpace(top), copied: map[string]bool{}}, nil
}

func git(dir string, args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("git %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return string(out), nil
}

// materialize writes the old version of the schema at p, and of what it
// imports, under the temporary folder; "" when the revision lacks it.
func (g *gitReader) materialize(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	top := g.top
	if real, err := filepath.EvalSymlinks(top); err == nil {
		top = real
	}
	rel, err := filepath.Rel(top, abs)
	if err != nil || strings.HasPrefix(rel, "..") {
		return "", fmt.Errorf("%s is outside the git repository at %s", p, g.top)
	}
	rel = filepath.ToSlash(rel)
	ok, err := g.copy(rel, p)
	if err != nil || !ok {
		return "", err
	}
	return filepath.Join(g.tmp, filepath.FromSlash(rel)), nil
}

// copy writes ref:rel under the temporary folder, then the files it
// imports; ok is false when the revision does not have rel.
func (g *gitReader) copy(rel, display string) (ok bool, err error) {
	dst := filepath.Join(g.tmp, filepath.FromSlash(rel))
	if g.copied[rel] {
		return true, nil
	}
	if _, err := git(g.top, "cat-file", "-e", g.ref+":"+rel); err != nil {
		return false, nil // not in that revision: a new schema
	}
	src, err := git(g.top, "show", g.ref+":"+rel)
	if err != nil {
		return false, err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return false, err
	}
	if err := os.WriteFile(dst, []byte(src), 0o644); err != nil {
		return false, err
	}
	g.copied[rel] = true
	g.names[dst] = g.ref + ":" + filepath.ToSlash(display)
	for _, im := range importsOf([]byte(src)) {
		next := path.Clean(path.Join(path.Dir(rel), im))
		if strings.HasPrefix(next, "../") {
			continue // outside the repository: the loader reports it missing
		}
		if _, err := g.copy(next, path.Join(path.Dir(filepath.ToSlash(display)), im)); err != nil {
			return false, err
		}
	}
	return true, nil
}

// importsOf reads the schema paths of a schema's imports list, leniently:
// the loader reports anything malformed.
func importsOf(src []byte) []string {
	var doc struct {
		Imports []struct {
			Schema string `yaml:"schema"`
		} `yaml:"imports"`
	}
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil
	}
	var out []string
	for _, im := range doc.Imports {
		if im.Schema != "" && !filepath.IsAbs(im.Schema) {
			out = append(out, im.Schema)
		}
	}
	return out
}

// Check compares every pair and returns the findings, sorted.
func (v *Versions) Check(allow []string) ([]Finding, error) {
	var all []Finding
	var errs []error
	for _, p := range v.Pairs {
		fs, err := Compare(p.Old, p.New, p.Allow, Options{Allow: allow, OldName: v.OldName})
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %v", p.New.Path, v.rename(err.Error())))
			continue
		}
		all = append(all, fs...)
	}
	Sort(all)
	return all, errors.Join(errs...)
}
