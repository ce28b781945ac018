// Package gotypecheck checks, at generation time, that the caller's own Go
// types a schema names (goType) exist and have the methods generated code
// calls. It loads them the way the go command does for the module the
// output is written into (its go.mod, replace directives, vendor folder),
// through golang.org/x/tools/go/packages, so that what it accepts is what
// `go build` of the generated package will find.
package gotypecheck

import (
	"errors"
	"fmt"
	"go/types"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/sessiongen/sessiongen/schema"
)

// Check loads the packages of every goType of files from dir (a folder of
// the caller's module, where the generated packages are written) and
// reports each missing package, type or method at the position of its
// goType in the schema. No goType, no loading.
func Check(dir string, files []*schema.File) error {
	var uses []*schema.GoType
	seen := map[*schema.GoType]bool{} // a declared goType, once for all its references
	for _, f := range files {
		for _, g := range f.GoTypes() {
			if !seen[g] {
				seen[g] = true
				uses = append(uses, g)
			}
		}
	}
	if len(uses) == 0 {
		return nil
	}
	paths := map[string]bool{}
	for _, g := range uses {
		paths[g.Import] = true
	}
	patterns := make([]string, 0, len(paths))
	for p := range paths {
		patterns = append(patterns, p)
	}
	sort.Strings(patterns)
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedTypes, Dir: dir}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return fmt.Errorf("loading the packages of goType types from %s: %w", dir, err)
	}
	byPath := map[string]*packages.Package{}
	for _, p := range pkgs {
		byPath[p.PkgPath] = p
	}
	var errs []error
	for _, g := range uses {
		if msg, pos := check(byPath[g.Import], g); msg != "" {
			errs = append(errs, fmt.Errorf("%s:%d:%d: goType %s.%s: %s", pos.File, pos.Line, pos.Col, g.Import, g.Name, msg))
		}
	}
	return errors.Join(errs...)
}

// check says what is wrong with one goType, or "", and where: at its
// import for a package that cannot be loaded, at its name otherwise.
func check(p *packages.Package, g *schema.GoType) (string, schema.Pos) {
	msg := checkPackage(p, g)
	if msg != "" {
		return msg, g.ImportPos
	}
	return checkType(p, g), g.NamePos
}

func checkPackage(p *packages.Package, g *schema.GoType) string {
	if p == nil || p.Types == nil || len(p.Errors) > 0 {
		var why []string
		if p != nil {
			for _, e := range p.Errors {
				why = append(why, e.Msg)
			}
		}
		if len(why) == 0 {
			why = append(why, "not found")
		}
		return "package cannot be loaded from the output's module: " + strings.Join(why, "; ")
	}
	return ""
}

func checkType(p *packages.Package, g *schema.GoType) string {
	obj := p.Types.Scope().Lookup(g.Name)
	tn, ok := obj.(*types.TypeName)
	if !ok || !tn.Exported() {
		return fmt.Sprintf("package %s has no exported type %s", g.Import, g.Name)
	}
	t := tn.Type()
	if named, ok := t.(*types.Named); ok && named.TypeParams().Len() > 0 {
		return "is a generic type; name an instantiated type of your own instead"
	}
	if _, ok := t.Underlying().(*types.Interface); ok {
		return "is an interface; the generated code needs a concrete type it can decode into"
	}
	var missing []string
	if !hasMethod(t, "MarshalJSON", marshalSig) {
		missing = append(missing, "MarshalJSON() ([]byte, error) on the value (not pointer) receiver")
	}
	if !hasMethod(types.NewPointer(t), "UnmarshalJSON", unmarshalSig) {
		missing = append(missing, "UnmarshalJSON([]byte) error")
	}
	if m := method(types.NewPointer(t), "Validate"); m != nil && !sameSig(m, validateSig) {
		missing = append(missing, "Validate() error (it has Validate"+strings.TrimPrefix(m.Type().String(), "func")+")")
	}
	if len(missing) > 0 {
		return "lacks the method " + strings.Join(missing, " and ") + " that generated code calls"
	}
	return ""
}

var (
	byteSlice    = types.NewSlice(types.Typ[types.Byte])
	errorType    = types.Universe.Lookup("error").Type()
	marshalSig   = sig(nil, []types.Type{byteSlice, errorType})
	unmarshalSig = sig([]types.Type{byteSlice}, []types.Type{errorType})
	validateSig  = sig(nil, []types.Type{errorType})
)

func sig(params, results []types.Type) *types.Signature {
	vars := func(ts []types.Type) *types.Tuple {
		vs := make([]*types.Var, len(ts))
		for i, t := range ts {
			vs[i] = types.NewParam(0, nil, "", t)
		}
		return types.NewTuple(vs...)
	}
	return types.NewSignatureType(nil, nil, nil, vars(params), vars(results), false)
}

// method returns the method name in t's method set, or nil.
func method(t types.Type, name string) *types.Func {
	sel := types.NewMethodSet(t).Lookup(nil, name)
	if sel == nil {
		return nil
	}
	f, _ := sel.Obj().(*types.Func)
	return f
}

func hasMethod(t types.Type, name string, want *types.Signature) bool {
	m := method(t, name)
	return m != nil && sameSig(m, want)
}

func sameSig(m *types.Func, want *types.Signature) bool {
	s := m.Type().(*types.Signature)
	return types.Identical(types.NewSignatureType(nil, nil, nil, s.Params(), s.Results(), s.Variadic()), want)
}
