package generator_test

import (
	"bytes"
	"go/ast"
	goformat "go/format"
	"go/parser"
	"go/token"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/sessiongen/sessiongen/generator"
	"github.com/sessiongen/sessiongen/schema"
)

// TestChunkedFormatIsGofmt: formatting a generated file in chunks of
// top-level declarations gives the bytes go/format gives for the whole
// file, for every file jennifer renders from the golden cases, the bundled
// APIs and a synthetic API, cut at every possible place (size 0), at a few
// kilobytes and at the generator's own chunk size.
func TestChunkedFormatIsGofmt(t *testing.T) {
	var sets [][]*schema.File
	cases, err := filepath.Glob(filepath.Join(casesDir, "*", "schema.yaml"))
	require.NoError(t, err)
	bundled, err := filepath.Glob("../schema/apis/*.yaml")
	require.NoError(t, err)
	require.NotEmpty(t, cases)
	require.NotEmpty(t, bundled)
	for _, name := range append(cases, append(bundled, "../testdata/conformance/schema.yaml")...) {
		files, err := schema.LoadFiles(name)
		require.NoError(t, err, name)
		sets = append(sets, append(files, schema.ImportedFiles(files)...))
	}
	synthetic, err := syntheticFile(syntheticSources(60))
	require.NoError(t, err)
	sets = append(sets, []*schema.File{synthetic})

	checked, cut := 0, 0
	for _, files := range sets {
		srcs, err := generator.UnformattedSources(files, generator.Options{ImportRoot: goldenImportRoot})
		require.NoError(t, err, files[0].Path)
		for _, src := range srcs {
			want, err := goformat.Source(src.Content)
			require.NoError(t, err, src.Path)
			for _, size := range []int{0, 4 << 10, 1 << 30} {
				got, err := generator.Gofmt(src.Content, size)
				require.NoError(t, err, src.Path)
				if !bytes.Equal(want, got) {
					t.Fatalf("%s (%s), chunks of %d bytes: differs from go/format\n%s", src.Path, files[0].Path, size, firstDiff(want, got))
				}
			}
			// Each chunk formats alone: the whole-file fallback,
			// which would hide a wrong cut, was not taken.
			cuts := generator.DeclBreaks(src.Content, 0)
			if _, ok := generator.GofmtChunks(src.Content, cuts); len(cuts) > 0 && !ok {
				t.Fatalf("%s (%s): a chunk does not format alone", src.Path, files[0].Path)
			}
			// A file of two declarations or more (besides imports)
			// is cut: the test formats chunks, not only whole files.
			if declCount(t, want) >= 2 {
				checked++
				if len(cuts) > 0 {
					cut++
				}
			}
		}
	}
	require.Equal(t, checked, cut, "files cut at least once, of the files of several declarations")
	require.Greater(t, checked, 100)
}

// declCount returns the number of top-level declarations of src other than
// imports.
func declCount(t *testing.T, src []byte) int {
	f, err := parser.ParseFile(token.NewFileSet(), "", src, parser.SkipObjectResolution)
	require.NoError(t, err)
	n := 0
	for _, d := range f.Decls {
		if g, ok := d.(*ast.GenDecl); !ok || g.Tok != token.IMPORT {
			n++
		}
	}
	return n
}

// firstDiff shows where two outputs first differ.
func firstDiff(want, got []byte) string {
	i := 0
	for i < len(want) && i < len(got) && want[i] == got[i] {
		i++
	}
	from := max(0, i-200)
	return "want: " + string(want[from:min(len(want), i+200)]) + "\n---\ngot: " + string(got[from:min(len(got), i+200)])
}
