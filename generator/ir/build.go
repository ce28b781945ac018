package ir

import (
	"cmp"
	"fmt"
	"path"
	"strings"

	"github.com/sessiongen/sessiongen/schema"
	"github.com/sessiongen/sessiongen/schema/goname"
)

// Options tunes Build.
type Options struct {
	// Reserved lists package-level Go identifiers that the generator emits on
	// its own (support code, client types), each with what uses it. A schema
	// name that maps onto one is reported, never renamed.
	Reserved map[string]string
	// ImportRoot is the Go import path of the output root, the folder
	// every package.path is relative to; needed only by schemas with
	// imports.
	ImportRoot string
	// Imported holds the packages of the files that the schema imports,
	// built before it.
	Imported map[*schema.File]*Package
}

// clientNames are the package-level names the client emitter declares.
func clientNames(scheme schema.AuthScheme) []string {
	names := []string{"Client", "NewClient", "Option", "DefaultBaseURL", "APIError", "WithBaseURL",
		"WithHTTPClient", "WithUserAgent", "WithRetryPolicy", "WithMaxResponseBytes", "WithLogger",
		"NewFakeServer", "requestIDHeaders"}
	switch scheme {
	case schema.AuthBearer:
		names = append(names, "WithTokenSource")
	case schema.AuthBasic:
		names = append(names, "WithBasicAuth")
	case schema.AuthAPIKey:
		names = append(names, "WithAPIKey")
	}
	return names
}

// Methods every generated struct has; a property may not take these names.
var structMethods = []string{"Validate", "MarshalJSON", "UnmarshalJSON", "AppendJSON", "ApplyRequestJSON", "String"}

// Build turns a validated schema file into the IR. Naming problems come back
// as schema.Diagnostics positioned at the schema text that caused them.
func Build(f *schema.File, opts Options) (*Package, error) {
	b := &builder{
		f:        f,
		names:    f.Namer(),
		opts:     opts,
		structs:  map[*schema.Type]*Struct{},
		enums:    map[*schema.Type]*Enum{},
		idents:   map[string]identOwner{},
		updates:  map[*Struct]*Struct{},
		patterns: map[string]*Pattern{},
		unions:   map[*schema.TypeExpr]*Union{},
		foreign:  map[*schema.Type]*Struct{},

		importsUsed: map[string]*Import{},
		aliased:     map[*Struct]bool{},
	}
	for name, what := range opts.Reserved {
		b.idents[name] = identOwner{what: what}
	}
	p := &Package{
		Name:       f.Package.Name,
		Dir:        path.Clean(f.Package.Path),
		SchemaPath: cmp.Or(f.ModuleRelPath, f.Path),
		Doc:        f.Package.Description,
	}
	if len(f.Resources) > 0 {
		if f.API.IdempotencyHeader != "" {
			b.idents["WithIdempotencyKey"] = identOwner{what: "the generated client"}
		}
		for _, name := range clientNames(f.API.Auth.Scheme) {
			b.idents[name] = identOwner{what: "the generated client"}
		}
	}
	b.imports(p)
	b.claimErrorAliases()
	b.declare(p)
	b.declareUnions()
	b.fill()
	p.API = b.api()
	for _, r := range f.Resources {
		p.Resources = append(p.Resources, b.resource(r))
	}
	b.linkParents(p)
	methodFacts(p, b.names)
	b.continuations(p)
	p.Structs = append(p.Structs, b.extra...)
	b.pointers(p)
	for _, s := range p.Structs {
		for _, fl := range s.Fields {
			nilAbsent(fl)
		}
	}
	for _, s := range p.Structs {
		s.KeyFormat = keyFormat(s)
	}
	for _, r := range p.Resources {
		for _, m := range r.Methods {
			m.Copies = requestCopies(m)
		}
	}
	p.Unions = b.unionList
	p.Routes = routes(p)
	p.Patterns = usedPatterns(p)
	p.Imports = b.usedImports()
	return p, b.diags.Err()
}

type identOwner struct {
	pos  schema.Pos
	what string
}

type builder struct {
	f         *schema.File
	names     goname.Namer // the file's Go namer, with the API's initialisms
	opts      Options
	structs   map[*schema.Type]*Struct
	enums     map[*schema.Type]*Enum
	idents    map[string]identOwner // package-level Go names taken so far
	patterns  map[string]*Pattern   // by expression
	resources map[*schema.Resource]*Resource
	extra     []*Struct                   // request and parameter structs, in method order
	updates   map[*Struct]*Struct         // the partial-update type of each model, see updateStruct
	unions    map[*schema.TypeExpr]*Union // by the expression that declares them (build_unions.go)
	unionList []*Union                    // in declaration order
	diags     schema.Diagnostics
	// foreign maps each type of an imported file to its struct in that
	// package, copied with its Import set.
	foreign     map[*schema.Type]*Struct
	importsUsed map[string]*Import // by Go import path
	aliased     map[*Struct]bool   // imported error bodies with an alias here
}

func (b *builder) errorf(pos schema.Pos, format string, args ...any) {
	b.diags = append(b.diags, schema.Diagnostic{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

// claim takes a package-level Go identifier, reporting a collision.
func (b *builder) claim(name string, pos schema.Pos, what string) {
	if prev, taken := b.idents[name]; taken {
		where := prev.what
		if prev.pos.Line > 0 {
			where = fmt.Sprintf("%s (line %d)", prev.what, prev.pos.Line)
		}
		b.errorf(pos, "%s needs Go name %s, which %s already uses", what, name, where)
		return
	}
	b.idents[name] = identOwner{pos: pos, what: what}
}

// DocLines splits a description into comment lines without trailing space.
func DocLines(doc string) []string {
	doc = strings.TrimSpace(doc)
	if doc == "" {
		return nil
	}
	lines := strings.Split(doc, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	return lines
}

// nilAbsent holds an optional, non-nullable array or map as a plain slice
// or map, nil when absent (Field.NilAbsent).
func nilAbsent(fl *Field) {
	if fl.Optional && !fl.Nullable && (fl.Type.Kind == Slice || fl.Type.Kind == Map) {
		fl.Optional, fl.NilAbsent = false, true
	}
}
