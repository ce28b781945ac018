package generator

import (
	"encoding/json"
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/sessiongen/sessiongen/generator/ir"
)

// genJSON emits the reflection-free codec of every type: AppendJSON and
// MarshalJSON to encode, DecodeJSON and UnmarshalJSON to decode, and for each
// polymorphic type a decoder that dispatches on the discriminator.
func genJSON(f *jen.File, p *ir.Package) {
	j := &jsonGen{f: f, p: p, helpers: map[string]bool{}}
	for _, e := range p.Enums {
		j.enumDecoder(e)
	}
	for _, s := range p.Structs {
		if s.Interface != nil {
			j.interfaceCodec(s.Interface)
		}
		if !s.Abstract && s.Role != ir.RoleParams {
			j.structEncoder(s)
			if s.Role != ir.RoleUpdate {
				j.structDecoder(s)
			}
		}
	}
	for _, u := range p.Unions {
		j.unionCodec(u)
	}
	// Helpers may register more helpers while they are emitted.
	for i := 0; i < len(j.pending); i++ {
		j.pending[i]()
	}
}

type jsonGen struct {
	f       *jen.File
	p       *ir.Package
	helpers map[string]bool // array and map codecs registered, by name
	pending []func()        // their emitters, run at the end in first-use order
}

// wireKey is the JSON text of a member name followed by a colon.
func wireKey(name string) string {
	b, _ := json.Marshal(name)
	return string(b) + ":"
}

// encodeFunc returns a function value of type func([]byte, T) []byte that
// appends the JSON of a t, or with fallible set one of type
// func([]byte, T) ([]byte, error). Helpers are registered as needed.
func (j *jsonGen) encodeFunc(t *ir.Type) (fn jen.Code, fallible bool) {
	switch t.Kind {
	case ir.String, ir.URI, ir.UUID:
		return jen.Id("appendString"), false
	case ir.EnumRef:
		return jen.Id("appendEnum").Types(jen.Id(t.Enum.Name)), false
	case ir.Int32:
		return jen.Id("appendInt32"), false
	case ir.Int64:
		return jen.Id("appendInt"), false
	case ir.Float64, ir.Float32:
		name := "appendFloat64"
		if t.Kind == ir.Float32 {
			name = "appendFloat32"
		}
		if t.NonFinite {
			return jen.Id(name + "NonFinite"), false
		}
		return jen.Id(name), true
	case ir.Bool:
		return jen.Id("appendBool"), false
	case ir.DateTime:
		return jen.Id("appendQuotedDateTime"), true
	case ir.Date:
		return jen.Id("appendQuotedDate"), false
	case ir.Duration:
		return jen.Id("appendQuotedDuration"), false
	case ir.JSON:
		return jen.Id("appendRawValue"), true
	case ir.External:
		return jen.Id("appendMarshaler").Types(goType(t)), true
	case ir.StructRef:
		if t.Pointer {
			return jen.Id("appendObjectPointer").Types(jen.Id(t.Struct.Name)), true
		}
		name := "encode" + typeKey(t)
		j.helper(name, func() {
			j.f.Commentf("%s appends one %s (a map element, which is not addressable).", name, t.Struct.Name)
			j.f.Func().Id(name).Params(jen.Id("dst").Index().Byte(), jen.Id("v").Add(structIdent(t.Struct))).Params(jen.Index().Byte(), jen.Error()).Block(
				jen.Return(jen.Id("v").Dot("AppendJSON").Call(jen.Id("dst"))),
			)
			j.f.Line()
		})
		return jen.Id(name), true
	case ir.InterfaceRef:
		return jen.Id("appendPolymorphic").Types(jen.Id(t.Interface.Name)), true
	case ir.UnionRef:
		return jen.Id(t.Union.Encoder), true
	case ir.NullableElem:
		_, fallible = j.encodeFunc(t.Elem)
		name := "encode" + typeKey(t)
		j.helper(name, func() { j.nullableEncoder(name, t) })
		return jen.Id(name), fallible
	case ir.Slice:
		if t.Elem.Kind == ir.StructRef && !t.Elem.Pointer {
			return jen.Id("appendObjectArray").Types(structIdent(t.Elem.Struct)), true
		}
	}
	if t.Kind != ir.Slice && t.Kind != ir.Map {
		panic(fmt.Sprintf("generator: cannot encode kind %d", t.Kind))
	}
	_, fallible = j.encodeFunc(t.Elem)
	name := "encode" + typeKey(t)
	j.helper(name, func() { j.encodeHelper(name, t) })
	return jen.Id(name), fallible
}

// encodeHelper emits the encoder of an array or map type: a named function
// over the generic support loop, so that it can be passed as a value.
func (j *jsonGen) encodeHelper(name string, t *ir.Type) {
	elem, fallible := j.encodeFunc(t.Elem)
	loop, what := "appendArray", "a JSON array"
	if t.Kind == ir.Map {
		loop, what = "appendMap", "a JSON object with sorted keys"
	}
	results := jen.Index().Byte()
	if fallible {
		loop += "Err"
		results = jen.Parens(jen.List(jen.Index().Byte(), jen.Error()))
	}
	j.f.Commentf("%s appends x as %s.", name, what)
	j.f.Func().Id(name).Params(jen.Id("dst").Index().Byte(), jen.Id("x").Add(goType(t))).Add(results).Block(
		jen.Return(jen.Id(loop).Call(jen.Id("dst"), jen.Id("x"), elem)),
	)
	j.f.Line()
}

// requestBodyType reports whether schema type s is sent as a JSON request
// body, which needs an encoder that leaves read-only fields out.
func requestBodyType(s *ir.Struct) bool {
	return s.Role == ir.RoleModel && s.SentJSON
}

// structEncoder emits AppendJSON and MarshalJSON. A type sent as a request
// body gets them over appendJSON, whose request flag leaves read-only fields
// out (the client sends with appendJSON(dst, true)).
func (j *jsonGen) structEncoder(s *ir.Struct) {
	asRequest := requestBodyType(s)
	needErr := false
	onErr := func(assign jen.Code) jen.Code {
		needErr = true
		return jen.If(jen.List(jen.Id("dst"), jen.Err()).Op("=").Add(assign), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err()))
	}
	// Every member is appended with a leading comma; closeObject turns the
	// first into the '{'.
	// A nil pointer (a typed nil in an interface field) is written as null,
	// as encoding/json writes it, rather than a panic; Validate reports it.
	body := []jen.Code{
		jen.If(jen.Id("v").Op("==").Nil()).Block(jen.Return(jen.Id("appendNull").Call(jen.Id("dst")), jen.Nil())),
		jen.Id("start").Op(":=").Len(jen.Id("dst")),
	}
	if s.DiscriminatorValue != "" {
		b, _ := json.Marshal(s.DiscriminatorValue)
		body = append(body, jen.Id("dst").Op("=").Append(jen.Id("dst"), jen.Lit(","+wireKey(s.Discriminator)+string(b)).Op("...")))
	}
	var readOnly []jen.Code
	for _, fl := range s.Fields {
		key := jen.Lit("," + wireKey(fl.Wire))
		// Optional members are passed written as null; see appendOptional.
		nullMember := jen.Lit("," + wireKey(fl.Wire) + "null")
		field := jen.Id("v").Dot(fl.Name)
		object := fl.Type.Kind == ir.StructRef && !fl.Type.Pointer
		var fn jen.Code
		var fallible bool
		if !object {
			fn, fallible = j.encodeFunc(fl.Type)
		}
		var stmt jen.Code
		switch {
		case fl.Optional && object:
			stmt = jen.If(jen.Id("x").Op(":=").Id("optionalMember").Call(jen.Op("&").Add(field), jen.Op("&").Id("dst"), nullMember), jen.Id("x").Op("!=").Nil()).Block(
				onErr(jen.Id("x").Dot("AppendJSON").Call(jen.Id("dst"))),
			)
		case fl.Optional && fallible:
			stmt = onErr(jen.Id("appendOptionalErr").Call(jen.Id("dst"), nullMember, jen.Op("&").Add(field), fn))
		case fl.Optional:
			stmt = jen.Id("dst").Op("=").Id("appendOptional").Call(jen.Id("dst"), nullMember, jen.Op("&").Add(field), fn)
		case object:
			stmt = onErr(field.Dot("AppendJSON").Call(jen.Append(jen.Id("dst"), key.Clone().Op("..."))))
		case fallible:
			stmt = onErr(jen.Add(fn).Call(jen.Append(jen.Id("dst"), key.Clone().Op("...")), field))
		default:
			stmt = jen.Id("dst").Op("=").Add(fn).Call(jen.Append(jen.Id("dst"), key.Clone().Op("...")), field)
		}
		if fl.NilAbsent {
			stmt = jen.If(field.Clone().Op("!=").Nil()).Block(stmt)
		}
		if asRequest && fl.ReadOnly {
			readOnly = append(readOnly, stmt)
			continue
		}
		if len(readOnly) > 0 {
			body = append(body, jen.If(jen.Op("!").Id("request")).Block(readOnly...))
			readOnly = nil
		}
		body = append(body, stmt)
	}
	if len(readOnly) > 0 {
		body = append(body, jen.If(jen.Op("!").Id("request")).Block(readOnly...))
	}
	if s.Open {
		body = append(body, onErr(jen.Id("appendMembers").Call(jen.Id("dst"), jen.Id("v").Dot("AdditionalProperties"))))
	}
	body = append(body, jen.Return(jen.Id("closeObject").Call(jen.Id("dst"), jen.Id("start")), jen.Nil()))
	if needErr {
		body = append([]jen.Code{jen.Var().Err().Error()}, body...)
	}
	f := j.f
	recv := jen.Id("v").Op("*").Id(s.Name)
	dstParam := jen.Id("dst").Index().Byte()
	results := jen.Params(jen.Index().Byte(), jen.Error())
	f.Commentf("AppendJSON appends the JSON encoding of v to dst and returns the extended buffer.")
	f.Comment("Absent optional fields are left out; null fields are written as null.")
	if asRequest {
		f.Func().Params(recv).Id("AppendJSON").Params(dstParam).Add(results).Block(
			jen.Return(jen.Id("v").Dot("appendJSON").Call(jen.Id("dst"), jen.False())),
		)
		f.Line()
		f.Comment("appendJSON is AppendJSON; with request set, read-only fields are left out,")
		f.Comment("as in a request body.")
		f.Func().Params(recv.Clone()).Id("appendJSON").Params(dstParam.Clone(), jen.Id("request").Bool()).Add(results.Clone()).Block(body...)
	} else {
		f.Func().Params(recv).Id("AppendJSON").Params(dstParam).Add(results).Block(body...)
	}
	f.Line()
	// A value receiver, so that encoding/json finds the method on values
	// too: in maps, in a caller's struct, in slog attributes.
	f.Commentf("MarshalJSON implements json.Marshaler with AppendJSON, for values and pointers alike.")
	f.Func().Params(jen.Id("v").Id(s.Name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(marshalBody()...)
	f.Line()
}

// marshalBody is the body of a MarshalJSON method: AppendJSON into a reused
// scratch buffer, then a copy of exactly the output's size (support's
// ownedJSON), so that the method allocates about what it returns.
func marshalBody() []jen.Code {
	return []jen.Code{
		jen.Id("scratch").Op(":=").Id("marshalBuffer").Call(),
		jen.List(jen.Id("out"), jen.Err()).Op(":=").Id("v").Dot("AppendJSON").Call(jen.Parens(jen.Op("*").Id("scratch")).Index(jen.Empty(), jen.Lit(0))),
		jen.Return(jen.Id("ownedJSON").Call(jen.Id("scratch"), jen.Id("out"), jen.Err())),
	}
}
