package generator

import (
	"github.com/dave/jennifer/jen"

	"github.com/sessiongen/sessiongen/generator/ir"
)

// structIdent is the Go name of a struct type: qualified by its package's
// alias when it is imported from another generated package.
func structIdent(s *ir.Struct) *jen.Statement { return structIdentIn(s, jen.Id) }

// structIdentIn is structIdent with the package's own names written by own
// (see goTypeIn).
func structIdentIn(s *ir.Struct, own func(string) *jen.Statement) *jen.Statement {
	if s.Import != nil {
		return jen.Qual(s.Import.Path, s.Name)
	}
	return own(s.Name)
}

// importAliases names each imported package as the schema's imports[].as
// says, whatever files import it in the run: the output is the same.
func importAliases(f *jen.File, p *ir.Package) {
	for _, imp := range p.Imports {
		f.ImportAlias(imp.Path, imp.Alias)
	}
}
