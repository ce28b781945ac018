package generator

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path"
	"strings"

	"github.com/sessiongen/sessiongen/templates"
)

// supportSources loads the support files, split into declarations, and the
// top-level identifiers they declare, which schema names may not take
// (whether or not a package keeps the declaration, so that names do not
// depend on what a package happens to use).
func supportSources() ([]supportFile, map[string]string, error) {
	reserved := map[string]string{}
	var out []supportFile
	fset := token.NewFileSet()
	for _, sf := range templates.Support() {
		f, err := parser.ParseFile(fset, sf.Name, sf.Source, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil, nil, fmt.Errorf("templates/support/%s: %w", sf.Name, err)
		}
		if len(f.Decls) == 0 {
			continue // doc.go: nothing to copy
		}
		for _, d := range f.Decls {
			for _, name := range declNames(d) {
				reserved[name] = "the support code (templates/support/" + sf.Name + ")"
			}
		}
		imports, decls := split(fset, f, sf.Source)
		out = append(out, supportFile{
			file:    "support_" + strings.TrimSuffix(sf.Name, ".go") + "_gen.go",
			imports: imports,
			decls:   decls,
		})
	}
	return out, reserved, nil
}

// supportNames returns every name a support declaration declares or a
// support method has: the only names reachability needs to look for.
func supportNames(support []supportFile) map[string]bool {
	names := map[string]bool{}
	for _, f := range support {
		for _, d := range f.decls {
			for _, n := range d.names {
				names[n] = true
			}
			if d.method != "" {
				names[d.method] = true
			}
		}
	}
	return names
}

// supportFor returns the support files the package name in folder dir
// needs, given its generated files: only the declarations they reach, with
// the header of the schema at schemaPath.
func supportFor(schemaPath, name, dir string, generated []File, support []supportFile) []File {
	plain, selected := map[string]bool{}, map[string]bool{}
	names := supportNames(support)
	for _, g := range generated {
		usedNames(g.Content, names, plain, selected)
	}
	kept := keep(support, plain, selected)
	var out []File
	for i, s := range support {
		if src := s.renderPruned(Header(schemaPath), name, kept[i]); src != nil {
			out = append(out, File{Path: path.Join(dir, s.file), Content: src})
		}
	}
	return out
}

// declNames returns the package-level names a declaration introduces.
func declNames(d ast.Decl) []string {
	var names []string
	switch d := d.(type) {
	case *ast.FuncDecl:
		if d.Recv == nil {
			names = append(names, d.Name.Name)
		}
	case *ast.GenDecl:
		for _, s := range d.Specs {
			switch s := s.(type) {
			case *ast.TypeSpec:
				names = append(names, s.Name.Name)
			case *ast.ValueSpec:
				for _, n := range s.Names {
					names = append(names, n.Name)
				}
			}
		}
	}
	return names
}
