package generator_test

import (
	"go/ast"
	"go/format"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sessiongen/sessiongen/generator"
)

// supportCases are the schemas whose packages the pruning tests look at: every
// golden case and the bundled APIs, so that each runtime feature is both
// present in some package and absent from another.
func supportCases(t *testing.T) map[string][]generator.File {
	t.Helper()
	cases, err := filepath.Glob(filepath.Join(casesDir, "*", "schema.yaml"))
	require.NoError(t, err)
	apis, err := filepath.Glob("../schema/apis/*.yaml")
	require.NoError(t, err)
	out := map[string][]generator.File{}
	for _, s := range append(cases, apis...) {
		out[s] = generateCase(t, s, false)
	}
	return out
}

// TestSupportIsPrunedToWhatIsUsed type-checks every package and then asks
// the type checker which unexported package-level declarations of the copied
// support code nothing in the package uses: there must be none. Together with
// the type check (nothing needed is missing) it pins reachability from both
// sides.
func TestSupportIsPrunedToWhatIsUsed(t *testing.T) {
	for name, all := range supportCases(t) {
		byDir := map[string][]generator.File{}
		for _, f := range all {
			byDir[path.Dir(f.Path)] = append(byDir[path.Dir(f.Path)], f)
		}
		dirs := checkOrder(byDir)
		imp := &caseImporter{dir: filepath.Join(filepath.Dir(name), importsDir), fset: token.NewFileSet(),
			std: importer.Default(), pkgs: map[string]*types.Package{}}
		for _, dir := range dirs {
			checkPrunedPackage(t, name+": "+dir, byDir[dir], imp, path.Join(goldenImportRoot, dir))
		}
	}
}

// checkPrunedPackage type-checks one generated package (importing the
// case's packages checked before it) and reports unused support code.
func checkPrunedPackage(t *testing.T, name string, files []generator.File, imp *caseImporter, importPath string) {
	fset := imp.fset
	var asts []*ast.File
	for _, f := range files {
		a, err := parser.ParseFile(fset, f.Path, f.Content, parser.ParseComments)
		require.NoError(t, err, name)
		asts = append(asts, a)
	}
	info := &types.Info{Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{}}
	conf := types.Config{Importer: imp}
	pkg, err := conf.Check(importPath, fset, asts, info)
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return
	}
	imp.pkgs[importPath] = pkg
	used := map[types.Object]bool{}
	for _, obj := range info.Uses {
		used[obj] = true
	}
	// Pruning works on identifiers, without types, and keeps a
	// declaration group whole: a name that also names something else
	// in the package (a local, a field) or shares a group with a used
	// name is kept by design. Anything else unused is a leak.
	otherNames := map[string]bool{}
	for id, obj := range info.Defs {
		if obj != nil && obj.Parent() != obj.Pkg().Scope() {
			otherNames[id.Name] = true
		}
	}
	groupUsed := map[string]bool{}
	for _, a := range asts {
		for _, d := range a.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok {
				continue
			}
			var names []string
			anyUsed := false
			for _, sp := range g.Specs {
				if vs, ok := sp.(*ast.ValueSpec); ok {
					for _, n := range vs.Names {
						names = append(names, n.Name)
						anyUsed = anyUsed || used[info.Defs[n]]
					}
				}
			}
			for _, n := range names {
				groupUsed[n] = anyUsed
			}
		}
	}
	var unused []string
	for id, obj := range info.Defs {
		file := fset.Position(id.Pos()).Filename
		if obj == nil || !strings.HasPrefix(path.Base(file), "support_") || obj.Exported() || id.Name == "_" {
			continue
		}
		if obj.Parent() != obj.Pkg().Scope() || used[obj] || otherNames[id.Name] || groupUsed[id.Name] {
			continue // not package-level (fields, methods, locals), or used
		}
		unused = append(unused, path.Base(file)+": "+id.Name)
	}
	slices.Sort(unused)
	assert.Empty(t, unused, "%s: support declarations copied but never used", name)
}

// TestSupportFilesAreFormatted: pruned files are put together from pieces of
// gofmt'd source; the result must be gofmt'd too.
func TestSupportFilesAreFormatted(t *testing.T) {
	for name, files := range supportCases(t) {
		for _, f := range files {
			if !strings.HasPrefix(path.Base(f.Path), "support_") {
				continue
			}
			want, err := format.Source(f.Content)
			require.NoError(t, err, "%s: %s", name, f.Path)
			assert.Equal(t, string(want), string(f.Content), "%s: %s is not gofmt'd", name, f.Path)
		}
	}
}

// TestSupportFollowsFeatures: a package without resources carries no client,
// fake or paging runtime; one with a client carries all of the client's
// caller API (options it never calls itself included).
func TestSupportFollowsFeatures(t *testing.T) {
	all := supportCases(t)
	has := func(files []generator.File, name string) bool {
		return slices.ContainsFunc(files, func(f generator.File) bool { return path.Base(f.Path) == name })
	}
	noClient := all[filepath.Join(casesDir, "scalars", "schema.yaml")]
	require.NotEmpty(t, noClient)
	require.False(t, has(noClient, "client_gen.go"), "precondition: case scalars has no client")
	for _, f := range []string{"support_client_gen.go", "support_fake_gen.go", "support_paginate_gen.go", "support_page_gen.go", "support_mergepatch_gen.go"} {
		assert.False(t, has(noClient, f), "a package without a client carries %s", f)
	}
	withClient := all["../schema/apis/twilio-proxy.yaml"]
	require.True(t, has(withClient, "client_gen.go"), "precondition: Twilio has a client")
	var client string
	for _, f := range withClient {
		if path.Base(f.Path) == "support_client_gen.go" {
			client = string(f.Content)
		}
	}
	for _, api := range []string{"func NoRetry(", "func DefaultHTTPClient(", "type EmptyResponseError struct"} {
		assert.Contains(t, client, api, "the client's caller API must be copied whole")
	}
}
