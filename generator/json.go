package generator

import (
	"encoding/json"
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/sessiongen/sessiongen/generator/ir"
	"github.com/sessiongen/sessiongen/schema"
)

// genJSON emits the reflection-free codec of every type: AppendJSON and
// MarshalJSON to encode, DecodeJSON and UnmarshalJSON to decode, and for each
// polymorphic type a decoder that dispatches on the discriminator.
func genJSON(f *jen.File, p *ir.Package) {
	j := &jsonGen{f: f, p: p, decoders: map[string]bool{}}
	for _, e := range p.Enums {
		j.enumDecoder(e)
	}
	for _, s := range p.Structs {
		if s.Interface != nil {
			j.interfaceCodec(s.Interface)
		}
		if !s.Abstract && s.Role != ir.RoleParams {
			j.structEncoder(s, false)
			if requestBodyType(p, s) {
				j.structEncoder(s, true)
			}
			j.structDecoder(s)
		}
	}
	// Helpers may register more helpers while they are emitted.
	for i := 0; i < len(j.pending); i++ {
		j.pending[i]()
	}
}

type jsonGen struct {
	f        *jen.File
	p        *ir.Package
	decoders map[string]bool // helper decoders emitted, by name
	pending  []func()        // helper decoders to emit at the end, in first-use order
}

// wireKey is the JSON text of a member name followed by a colon.
func wireKey(name string) string {
	b, _ := json.Marshal(name)
	return string(b) + ":"
}

// comma appends a separator unless the object is still empty.
func comma() jen.Code {
	return jen.If(jen.Len(jen.Id("dst")).Op(">").Id("start")).Block(
		jen.Id("dst").Op("=").Append(jen.Id("dst"), jen.LitRune(',')),
	)
}

func appendLit(s string) jen.Code {
	return jen.Id("dst").Op("=").Append(jen.Id("dst"), jen.Lit(s).Op("..."))
}

// encodeValue returns statements appending the JSON of x (of type t) to dst.
// It sets needErr when the statements assign err.
func (j *jsonGen) encodeValue(t *ir.Type, x jen.Code, depth int, needErr *bool) []jen.Code {
	dst := jen.Id("dst")
	set := func(call jen.Code) []jen.Code { return []jen.Code{dst.Clone().Op("=").Add(call)} }
	withErr := func(call jen.Code) []jen.Code {
		*needErr = true
		return []jen.Code{jen.If(jen.List(jen.Id("dst"), jen.Id("err")).Op("=").Add(call), jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Nil(), jen.Err()),
		)}
	}
	quoted := func(call jen.Code) []jen.Code {
		return []jen.Code{
			jen.Id("dst").Op("=").Append(jen.Id("dst"), jen.LitRune('"')),
			jen.Id("dst").Op("=").Add(call),
			jen.Id("dst").Op("=").Append(jen.Id("dst"), jen.LitRune('"')),
		}
	}
	switch t.Kind {
	case ir.String, ir.URI, ir.UUID:
		return set(jen.Id("AppendString").Call(dst, x))
	case ir.EnumRef:
		return set(jen.Id("AppendString").Call(dst, jen.String().Call(x)))
	case ir.Int32:
		return set(jen.Id("AppendInt").Call(dst, jen.Int64().Call(x)))
	case ir.Int64:
		return set(jen.Id("AppendInt").Call(dst, x))
	case ir.Float64, ir.Float32:
		name := "AppendFloat64"
		if t.Kind == ir.Float32 {
			name = "AppendFloat32"
		}
		if t.NonFinite {
			return set(jen.Id(name+"NonFinite").Call(dst, x))
		}
		return withErr(jen.Id(name).Call(dst, x))
	case ir.Bool:
		return set(jen.Id("AppendBool").Call(dst, x))
	case ir.DateTime:
		return quoted(jen.Id("AppendDateTime").Call(dst, x))
	case ir.Date, ir.Duration:
		return quoted(jen.Add(x).Dot("AppendTo").Call(dst))
	case ir.JSON:
		return []jen.Code{jen.If(jen.Len(x).Op("==").Lit(0)).Block(
			jen.Id("dst").Op("=").Id("AppendNull").Call(jen.Id("dst")),
		).Else().Block(
			jen.Id("dst").Op("=").Id("AppendRaw").Call(jen.Id("dst"), x),
		)}
	case ir.StructRef:
		if t.Pointer {
			return []jen.Code{jen.If(jen.Add(x).Op("==").Nil()).Block(
				jen.Id("dst").Op("=").Id("AppendNull").Call(jen.Id("dst")),
			).Else().Block(withErr(jen.Add(x).Dot("AppendJSON").Call(dst))...)}
		}
		return withErr(jen.Add(x).Dot("AppendJSON").Call(dst))
	case ir.InterfaceRef:
		return []jen.Code{jen.If(jen.Add(x).Op("==").Nil()).Block(
			jen.Id("dst").Op("=").Id("AppendNull").Call(jen.Id("dst")),
		).Else().Block(withErr(jen.Add(x).Dot("AppendJSON").Call(dst))...)}
	case ir.Slice:
		i, e := fmt.Sprintf("i%d", depth), fmt.Sprintf("e%d", depth)
		body := []jen.Code{jen.If(jen.Id(i).Op(">").Lit(0)).Block(
			jen.Id("dst").Op("=").Append(jen.Id("dst"), jen.LitRune(',')),
		)}
		body = append(body, j.encodeValue(t.Elem, jen.Id(e), depth+1, needErr)...)
		return []jen.Code{
			jen.Id("dst").Op("=").Append(jen.Id("dst"), jen.LitRune('[')),
			jen.For(jen.List(jen.Id(i), jen.Id(e)).Op(":=").Range().Add(x)).Block(body...),
			jen.Id("dst").Op("=").Append(jen.Id("dst"), jen.LitRune(']')),
		}
	case ir.Map:
		// Keys are written sorted so output is deterministic.
		i, k, e := fmt.Sprintf("i%d", depth), fmt.Sprintf("k%d", depth), fmt.Sprintf("e%d", depth)
		body := []jen.Code{
			jen.If(jen.Id(i).Op(">").Lit(0)).Block(jen.Id("dst").Op("=").Append(jen.Id("dst"), jen.LitRune(','))),
			jen.Id("dst").Op("=").Id("AppendString").Call(jen.Id("dst"), jen.Id(k)),
			jen.Id("dst").Op("=").Append(jen.Id("dst"), jen.LitRune(':')),
			// A local copy: map elements are not addressable.
			jen.Id(e).Op(":=").Add(x).Index(jen.Id(k)),
		}
		body = append(body, j.encodeValue(t.Elem, jen.Id(e), depth+1, needErr)...)
		buf := fmt.Sprintf("keys%d", depth)
		// A block of its own: two maps in one object must not share the buffer name.
		return []jen.Code{jen.Block(
			jen.Id("dst").Op("=").Append(jen.Id("dst"), jen.LitRune('{')),
			jen.Var().Id(buf).Index(jen.Lit(16)).String(),
			jen.For(jen.List(jen.Id(i), jen.Id(k)).Op(":=").Range().Id("sortedKeys").Call(x, jen.Id(buf).Index(jen.Empty(), jen.Empty()))).Block(body...),
			jen.Id("dst").Op("=").Append(jen.Id("dst"), jen.LitRune('}')),
		)}
	}
	panic(fmt.Sprintf("generator: cannot encode kind %d", t.Kind))
}

// requestBodyType reports whether schema type s is sent as a JSON request
// body, which needs an encoder that leaves read-only fields out.
func requestBodyType(p *ir.Package, s *ir.Struct) bool {
	return s.Role == ir.RoleModel && sentAs(p, s, schema.EncodingJSON)
}

// structEncoder emits AppendJSON and MarshalJSON, or with request set the
// appendRequestJSON that request bodies use: the same without read-only fields.
func (j *jsonGen) structEncoder(s *ir.Struct, request bool) {
	needErr := false
	var body []jen.Code
	body = append(body, jen.Id("dst").Op("=").Append(jen.Id("dst"), jen.LitRune('{')))
	// start marks an empty object, for the commas: needed only when a
	// member can follow.
	members := s.Open
	for _, fl := range s.Fields {
		members = members || !(request && fl.ReadOnly)
	}
	if members {
		body = append(body, jen.Id("start").Op(":=").Len(jen.Id("dst")))
	}
	if s.DiscriminatorValue != "" {
		b, _ := json.Marshal(s.DiscriminatorValue)
		body = append(body, appendLit(wireKey(j.p.API.Discriminator)+string(b)))
	}
	for _, fl := range s.Fields {
		if request && fl.ReadOnly {
			continue
		}
		field := jen.Id("v").Dot(fl.Name)
		if !fl.Optional {
			body = append(body, comma(), appendLit(wireKey(fl.Wire)))
			body = append(body, j.encodeValue(fl.Type, field, 0, &needErr)...)
			continue
		}
		value := append([]jen.Code{comma(), appendLit(wireKey(fl.Wire))}, j.encodeValue(fl.Type, jen.Id("x"), 0, &needErr)...)
		body = append(body, jen.If(jen.List(jen.Id("x"), jen.Id("ok")).Op(":=").Add(field).Dot("Get").Call(), jen.Id("ok")).Block(value...).
			Else().If(field.Clone().Dot("IsNull").Call()).Block(
			comma(), appendLit(wireKey(fl.Wire)+"null"),
		))
	}
	if s.Open {
		body = append(body, jen.For(jen.List(jen.Id("_"), jen.Id("m")).Op(":=").Range().Id("v").Dot("AdditionalProperties")).Block(
			comma(),
			jen.Id("dst").Op("=").Id("AppendString").Call(jen.Id("dst"), jen.Id("m").Dot("Name")),
			jen.Id("dst").Op("=").Append(jen.Id("dst"), jen.LitRune(':')),
			jen.Id("dst").Op("=").Id("AppendRaw").Call(jen.Id("dst"), jen.Id("m").Dot("Value")),
		))
	}
	body = append(body,
		jen.Id("dst").Op("=").Append(jen.Id("dst"), jen.LitRune('}')),
		jen.Return(jen.Id("dst"), jen.Nil()),
	)
	if needErr {
		body = append([]jen.Code{jen.Var().Err().Error()}, body...)
	}
	f := j.f
	if request {
		f.Comment("appendRequestJSON is AppendJSON without the read-only fields, for request bodies.")
		f.Func().Params(jen.Id("v").Op("*").Id(s.Name)).Id("appendRequestJSON").Params(jen.Id("dst").Index().Byte()).Params(jen.Index().Byte(), jen.Error()).Block(body...)
		f.Line()
		return
	}
	f.Commentf("AppendJSON appends the JSON encoding of v to dst and returns the extended buffer.")
	f.Comment("Absent optional fields are left out; null fields are written as null.")
	f.Func().Params(jen.Id("v").Op("*").Id(s.Name)).Id("AppendJSON").Params(jen.Id("dst").Index().Byte()).Params(jen.Index().Byte(), jen.Error()).Block(body...)
	f.Line()
	f.Commentf("MarshalJSON implements json.Marshaler.")
	f.Func().Params(jen.Id("v").Op("*").Id(s.Name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Return(jen.Id("v").Dot("AppendJSON").Call(jen.Nil())),
	)
	f.Line()
}

// decodeCall returns an expression of type (T, error) reading a value of t
// from d, registering helper decoders as needed.
func (j *jsonGen) decodeCall(t *ir.Type) jen.Code {
	d := jen.Id("d")
	switch t.Kind {
	case ir.String, ir.URI, ir.UUID:
		return d.Dot("String").Call()
	case ir.Int32:
		return d.Dot("Int32").Call()
	case ir.Int64:
		return d.Dot("Int64").Call()
	case ir.Float64:
		if t.NonFinite {
			return d.Dot("Float64NonFinite").Call()
		}
		return d.Dot("Float64").Call()
	case ir.Float32:
		if t.NonFinite {
			return d.Dot("Float32NonFinite").Call()
		}
		return d.Dot("Float32").Call()
	case ir.Bool:
		return d.Dot("Bool").Call()
	case ir.DateTime:
		return d.Dot("DateTime").Call()
	case ir.Date:
		return d.Dot("Date").Call()
	case ir.Duration:
		return d.Dot("Duration").Call()
	case ir.JSON:
		return d.Dot("RawCopy").Call()
	}
	name := "decode" + typeKey(t)
	j.helper(name, t)
	return jen.Id(name).Call(d)
}

// typeKey names a Go type shape for helper function names.
func typeKey(t *ir.Type) string {
	switch t.Kind {
	case ir.String:
		return "String"
	case ir.URI:
		return "URI"
	case ir.UUID:
		return "UUID"
	case ir.Int32:
		return "Int32"
	case ir.Int64:
		return "Int64"
	case ir.Float64:
		if t.NonFinite {
			return "Float64NonFinite"
		}
		return "Float64"
	case ir.Float32:
		if t.NonFinite {
			return "Float32NonFinite"
		}
		return "Float32"
	case ir.Bool:
		return "Bool"
	case ir.Date:
		return "Date"
	case ir.DateTime:
		return "DateTime"
	case ir.Duration:
		return "Duration"
	case ir.JSON:
		return "RawJSON"
	case ir.Slice:
		return "SliceOf" + typeKey(t.Elem)
	case ir.Map:
		return "MapOf" + typeKey(t.Elem)
	case ir.StructRef:
		if t.Pointer {
			return "PointerTo" + t.Struct.Name
		}
		return t.Struct.Name
	case ir.InterfaceRef:
		return t.Interface.Name
	case ir.EnumRef:
		return t.Enum.Name
	}
	panic(fmt.Sprintf("generator: no key for kind %d", t.Kind))
}

// helper registers the decoder function name for t, emitted once at the end.
func (j *jsonGen) helper(name string, t *ir.Type) {
	if j.decoders[name] {
		return
	}
	j.decoders[name] = true
	switch t.Kind {
	case ir.EnumRef, ir.InterfaceRef:
		return // emitted with the enum or interface
	}
	j.pending = append(j.pending, func() { j.emitHelper(name, t) })
}

func (j *jsonGen) emitHelper(name string, t *ir.Type) {
	f := j.f
	goT := goType(t)
	sig := func(doc string, body ...jen.Code) {
		f.Comment(doc)
		f.Func().Id(name).Params(jen.Id("d").Op("*").Id("Decoder")).Params(goT, jen.Error()).Block(body...)
		f.Line()
	}
	switch t.Kind {
	case ir.StructRef:
		if t.Pointer {
			sig(fmt.Sprintf("%s decodes one %s into a new value.", name, t.Struct.Name),
				jen.Id("v").Op(":=").New(jen.Id(t.Struct.Name)),
				jen.If(jen.Err().Op(":=").Id("v").Dot("DecodeJSON").Call(jen.Id("d")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
				jen.Return(jen.Id("v"), jen.Nil()),
			)
			return
		}
		sig(fmt.Sprintf("%s decodes one %s.", name, t.Struct.Name),
			jen.Var().Id("v").Id(t.Struct.Name),
			jen.Err().Op(":=").Id("v").Dot("DecodeJSON").Call(jen.Id("d")),
			jen.Return(jen.Id("v"), jen.Err()),
		)
	case ir.Slice:
		// Objects decode in place, into the slice, rather than being copied
		// in; the slice is allocated on the first element.
		var add []jen.Code
		if t.Elem.Kind == ir.StructRef && !t.Elem.Pointer {
			add = []jen.Code{
				jen.Id("out").Op("=").Append(jen.Id("out"), jen.Id(t.Elem.Struct.Name).Values()),
				jen.If(jen.Err().Op(":=").Id("out").Index(jen.Len(jen.Id("out")).Op("-").Lit(1)).Dot("DecodeJSON").Call(jen.Id("d")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Id("WithIndex").Call(jen.Err(), jen.Id("i")))),
			}
		} else {
			add = []jen.Code{
				jen.List(jen.Id("e"), jen.Err()).Op(":=").Add(j.decodeCall(t.Elem)),
				jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Id("WithIndex").Call(jen.Err(), jen.Id("i")))),
				jen.Id("out").Op("=").Append(jen.Id("out"), jen.Id("e")),
			}
		}
		docNull := "null elements are rejected"
		if t.Elem.Kind == ir.JSON {
			docNull = "null elements are kept as JSON null"
		}
		sig(fmt.Sprintf("%s decodes a JSON array; %s.", name, docNull),
			append([]jen.Code{
				jen.If(jen.Err().Op(":=").Id("d").Dot("BeginArray").Call(), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
				jen.Var().Id("out").Add(goT),
			}, jen.For(jen.Id("i").Op(":=").Lit(0), jen.Empty(), jen.Id("i").Op("++")).Block(append([]jen.Code{
				jen.List(jen.Id("ok"), jen.Err()).Op(":=").Id("d").Dot("NextElement").Call(),
				jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
				jen.If(jen.Op("!").Id("ok")).Block(
					jen.If(jen.Id("out").Op("==").Nil()).Block(jen.Id("out").Op("=").Add(goT).Values()),
					jen.Return(jen.Id("out"), jen.Nil()),
				),
				rejectNullItem(t.Elem, jen.Return(jen.Nil(), jen.Id("WithIndex").Call(jen.Id("d").Dot("ErrNullNotAllowed").Call(), jen.Id("i")))),
				jen.If(jen.Id("out").Op("==").Nil()).Block(jen.Id("out").Op("=").Make(goT, jen.Lit(0), jen.Lit(initialCap(t.Elem)))),
			}, add...)...))...,
		)
	case ir.Map:
		sig(fmt.Sprintf("%s decodes a JSON object into a map; duplicate names and null values are rejected.", name),
			jen.If(jen.Err().Op(":=").Id("d").Dot("BeginObject").Call(), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
			jen.Id("out").Op(":=").Add(goT).Values(),
			jen.For().Block(
				jen.List(jen.Id("name"), jen.Id("ok"), jen.Err()).Op(":=").Id("d").Dot("NextField").Call(),
				jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
				jen.If(jen.Op("!").Id("ok")).Block(jen.Return(jen.Id("out"), jen.Nil())),
				jen.If(jen.List(jen.Id("_"), jen.Id("dup")).Op(":=").Id("out").Index(jen.String().Call(jen.Id("name"))), jen.Id("dup")).Block(
					jen.Return(jen.Nil(), jen.Id("d").Dot("ErrDuplicate").Call(jen.Id("name"))),
				),
				jen.Id("key").Op(":=").String().Call(jen.Id("name")),
				rejectNullItem(t.Elem, jen.Return(jen.Nil(), jen.Id("WithField").Call(jen.Id("d").Dot("ErrNullNotAllowed").Call(), jen.Id("key")))),
				jen.List(jen.Id("e"), jen.Err()).Op(":=").Add(j.decodeCall(t.Elem)),
				jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Id("WithField").Call(jen.Err(), jen.Id("key")))),
				jen.Id("out").Index(jen.Id("key")).Op("=").Id("e"),
			),
		)
	default:
		panic(fmt.Sprintf("generator: no helper for kind %d", t.Kind))
	}
}

// initialCap is the capacity a decoded slice starts with: room for a few
// small elements, or one large object (arrays of objects are often short).
func initialCap(elem *ir.Type) int {
	if elem.Kind == ir.StructRef && !elem.Pointer {
		return 1
	}
	return 4
}

// rejectNullItem returns the check that refuses a null element, except for
// json elements, for which null is a value like any other.
func rejectNullItem(elem *ir.Type, fail jen.Code) jen.Code {
	if elem.Kind == ir.JSON {
		return jen.Null()
	}
	return jen.If(jen.Id("d").Dot("Peek").Call().Op("==").Id("KindNull")).Block(fail)
}

// enumDecoder emits a parser that returns the constant for a known value, so
// known values cost no allocation, and keeps any other value as received.
func (j *jsonGen) enumDecoder(e *ir.Enum) {
	name := "decode" + e.Name
	j.decoders[name] = true
	j.f.Commentf("%s decodes one %s. A value the schema does not list is kept as it is.", name, e.Name)
	j.f.Func().Id(name).Params(jen.Id("d").Op("*").Id("Decoder")).Params(jen.Id(e.Name), jen.Error()).Block(
		jen.List(jen.Id("b"), jen.Err()).Op(":=").Id("d").Dot("StringBytes").Call(),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Lit(""), jen.Err())),
		jen.Switch(jen.String().Call(jen.Id("b"))).BlockFunc(func(g *jen.Group) {
			for _, v := range e.Values {
				g.Case(jen.Lit(v.Wire)).Block(jen.Return(jen.Id(v.Name), jen.Nil()))
			}
		}),
		jen.Return(jen.Id(e.Name).Call(jen.String().Call(jen.Id("b"))), jen.Nil()),
	)
	j.f.Line()
}

// interfaceCodec emits the dispatching decoder of a polymorphic type, the
// Unmarshal<Name> entry point, and the unknown holder's codec.
func (j *jsonGen) interfaceCodec(iface *ir.Interface) {
	f := j.f
	name := "decode" + iface.Name
	j.decoders[name] = true
	disc := j.p.API.Discriminator
	f.Commentf("%s decodes one %s, choosing the Go type by the %q member.", name, iface.Name, disc)
	f.Func().Id(name).Params(jen.Id("d").Op("*").Id("Decoder")).Params(jen.Id(iface.Name), jen.Error()).BlockFunc(func(g *jen.Group) {
		g.List(jen.Id("kind"), jen.Id("found"), jen.Err()).Op(":=").Id("d").Dot("Discriminator").Call(jen.Lit(disc))
		g.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err()))
		g.Var().Id("v").Id(iface.Name)
		g.Switch().BlockFunc(func(sw *jen.Group) {
			for _, c := range iface.Concrete {
				cond := jen.Id("found").Op("&&").String().Call(jen.Id("kind")).Op("==").Lit(c.DiscriminatorValue)
				if c == iface.Root {
					cond = jen.Op("!").Id("found").Op("||").String().Call(jen.Id("kind")).Op("==").Lit(c.DiscriminatorValue)
				}
				sw.Case(cond).Block(
					jen.Id("c").Op(":=").New(jen.Id(c.Name)),
					jen.If(jen.Err().Op(":=").Id("c").Dot("DecodeJSON").Call(jen.Id("d")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
					jen.Id("v").Op("=").Id("c"),
				)
			}
			sw.Default().Block(
				jen.Id("u").Op(":=").Op("&").Id(iface.Unknown).Values(jen.Dict{jen.Id("Type"): jen.String().Call(jen.Id("kind"))}),
				jen.List(jen.Id("raw"), jen.Err()).Op(":=").Id("d").Dot("RawCopy").Call(),
				jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
				jen.Id("u").Dot("Raw").Op("=").Id("raw"),
				jen.Id("v").Op("=").Id("u"),
			)
		})
		g.Return(jen.Id("v"), jen.Nil())
	})
	f.Line()
	f.Commentf("Unmarshal%s decodes data as one %s, choosing the Go type by the %q member.", iface.Name, iface.Name, disc)
	f.Func().Id("Unmarshal"+iface.Name).Params(jen.Id("data").Index().Byte()).Params(jen.Id(iface.Name), jen.Error()).Block(
		jen.Var().Id("d").Id("Decoder"),
		jen.Id("d").Dot("Reset").Call(jen.Id("data")),
		jen.List(jen.Id("v"), jen.Err()).Op(":=").Id(name).Call(jen.Op("&").Id("d")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Return(jen.Id("v"), jen.Id("d").Dot("End").Call()),
	)
	f.Line()
	f.Commentf("AppendJSON appends the object exactly as it was received.")
	f.Func().Params(jen.Id("v").Op("*").Id(iface.Unknown)).Id("AppendJSON").Params(jen.Id("dst").Index().Byte()).Params(jen.Index().Byte(), jen.Error()).Block(
		jen.If(jen.Len(jen.Id("v").Dot("Raw")).Op("==").Lit(0)).Block(jen.Return(jen.Id("AppendNull").Call(jen.Id("dst")), jen.Nil())),
		jen.Return(jen.Id("AppendRaw").Call(jen.Id("dst"), jen.Id("v").Dot("Raw")), jen.Nil()),
	)
	f.Line()
	f.Commentf("MarshalJSON implements json.Marshaler.")
	f.Func().Params(jen.Id("v").Op("*").Id(iface.Unknown)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Return(jen.Id("v").Dot("AppendJSON").Call(jen.Nil())),
	)
	f.Line()
}

// structDecoder emits DecodeJSON and UnmarshalJSON.
func (j *jsonGen) structDecoder(s *ir.Struct) {
	f := j.f
	words := (len(s.Fields) + 63) / 64
	if words == 0 {
		words = 1
	}
	bit := func(i int) (jen.Code, jen.Code) {
		return jen.Id("seen").Index(jen.Lit(i / 64)), jen.Parens(jen.Op(fmt.Sprintf("1 << %d", i%64)))
	}
	disc := j.p.API.Discriminator
	body := []jen.Code{
		jen.If(jen.Id("d").Dot("Peek").Call().Op("==").Id("KindNull")).Block(jen.Return(jen.Id("d").Dot("ErrNullNotAllowed").Call())),
		jen.If(jen.Err().Op(":=").Id("d").Dot("BeginObject").Call(), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
	}
	if len(s.Fields) > 0 {
		body = append(body, jen.Var().Id("seen").Index(jen.Lit(words)).Uint64())
	}
	if !s.Open {
		body = append(body, jen.Var().Id("unknown").Id("memberNames"))
	}
	discInFields := false
	for _, fl := range s.Fields {
		if fl.Wire == disc {
			discInFields = true
		}
	}
	loop := []jen.Code{
		jen.List(jen.Id("name"), jen.Id("ok"), jen.Err()).Op(":=").Id("d").Dot("NextField").Call(),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		jen.If(jen.Op("!").Id("ok")).Block(jen.Break()),
	}
	sw := jen.Switch(jen.String().Call(jen.Id("name"))).BlockFunc(func(g *jen.Group) {
		for i, fl := range s.Fields {
			word, mask := bit(i)
			c := []jen.Code{
				jen.If(jen.Add(word).Op("&").Add(mask).Op("!=").Lit(0)).Block(jen.Return(jen.Id("d").Dot("ErrDuplicate").Call(jen.Id("name")))),
				jen.Add(word).Op("|=").Add(mask),
			}
			c = append(c, j.decodeField(fl)...)
			g.Case(jen.Lit(fl.Wire)).Block(c...)
		}
		if handlesDiscriminator(s, disc, discInFields) {
			// The discriminator was read before dispatch (or names this type);
			// it is checked for duplicates and syntax like any member.
			check := []jen.Code{
				jen.If(jen.Id("sawDiscriminator")).Block(jen.Return(jen.Id("d").Dot("ErrDuplicate").Call(jen.Id("name")))),
				jen.Id("sawDiscriminator").Op("=").True(),
				jen.List(jen.Id("kind"), jen.Err()).Op(":=").Id("d").Dot("StringBytes").Call(),
				jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Id("WithField").Call(jen.Err(), jen.Lit(disc)))),
			}
			if s.DiscriminatorValue != "" {
				// A value naming another type would be re-labelled on encoding:
				// reject it rather than change the data.
				check = append(check, jen.If(jen.String().Call(jen.Id("kind")).Op("!=").Lit(s.DiscriminatorValue)).Block(
					jen.Return(jen.Id("WithField").Call(jen.Id("d").Dot("Errorf").Call(jen.Lit("%q names another type than "+s.DiscriminatorValue), jen.String().Call(jen.Id("kind"))), jen.Lit(disc))),
				))
			} else {
				check = append(check, jen.Id("_").Op("=").Id("kind"))
			}
			g.Case(jen.Lit(disc)).Block(check...)
		}
		if s.Open {
			g.Default().Block(
				jen.For(jen.List(jen.Id("_"), jen.Id("m")).Op(":=").Range().Id("v").Dot("AdditionalProperties")).Block(
					jen.If(jen.Id("m").Dot("Name").Op("==").String().Call(jen.Id("name"))).Block(jen.Return(jen.Id("d").Dot("ErrDuplicate").Call(jen.Id("name")))),
				),
				jen.Id("key").Op(":=").String().Call(jen.Id("name")),
				jen.List(jen.Id("raw"), jen.Err()).Op(":=").Id("d").Dot("RawCopy").Call(),
				jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Id("WithField").Call(jen.Err(), jen.Id("key")))),
				jen.Id("v").Dot("AdditionalProperties").Op("=").Append(jen.Id("v").Dot("AdditionalProperties"), jen.Id("Member").Values(jen.Dict{jen.Id("Name"): jen.Id("key"), jen.Id("Value"): jen.Id("raw")})),
			)
		} else {
			g.Default().Block(
				jen.If(jen.Op("!").Id("unknown").Dot("Add").Call(jen.Id("name"))).Block(jen.Return(jen.Id("d").Dot("ErrDuplicate").Call(jen.Id("name")))),
				jen.If(jen.Err().Op(":=").Id("d").Dot("Skip").Call(), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Id("WithField").Call(jen.Err(), jen.String().Call(jen.Id("name"))))),
			)
		}
	})
	loop = append(loop, sw)
	if handlesDiscriminator(s, disc, discInFields) {
		body = append(body, jen.Var().Id("sawDiscriminator").Bool())
	}
	body = append(body, jen.For().Block(loop...))
	// A type sent as a request body also decodes requests (the fake server
	// reads them), where its read-only fields are absent by design.
	asRequest := requestBodyType(j.p, s)
	for i, fl := range s.Fields {
		if !fl.Required {
			continue
		}
		word, mask := bit(i)
		missing := jen.Add(word).Op("&").Add(mask).Op("==").Lit(0)
		if asRequest && fl.ReadOnly {
			missing = jen.Op("!").Id("request").Op("&&").Add(missing)
		}
		body = append(body, jen.If(missing).Block(
			jen.Return(jen.Id("d").Dot("ErrRequired").Call(jen.Lit(fl.Wire))),
		))
	}
	body = append(body, jen.Return(jen.Nil()))

	f.Commentf("DecodeJSON reads one %s object from d into v, strictly: duplicate", s.Name)
	f.Comment("names, null in a non-nullable field and a missing required field are errors.")
	if s.Open {
		f.Comment("Undeclared members are kept in AdditionalProperties.")
	} else {
		f.Comment("Undeclared members are checked for syntax and skipped.")
	}
	if asRequest {
		f.Func().Params(jen.Id("v").Op("*").Id(s.Name)).Id("DecodeJSON").Params(jen.Id("d").Op("*").Id("Decoder")).Error().Block(
			jen.Return(jen.Id("v").Dot("decodeJSON").Call(jen.Id("d"), jen.False())),
		)
		f.Line()
		f.Comment("decodeJSON is DecodeJSON; with request set, read-only fields may be absent.")
		f.Func().Params(jen.Id("v").Op("*").Id(s.Name)).Id("decodeJSON").Params(jen.Id("d").Op("*").Id("Decoder"), jen.Id("request").Bool()).Error().Block(body...)
	} else {
		f.Func().Params(jen.Id("v").Op("*").Id(s.Name)).Id("DecodeJSON").Params(jen.Id("d").Op("*").Id("Decoder")).Error().Block(body...)
	}
	f.Line()
	f.Commentf("UnmarshalJSON implements json.Unmarshaler with DecodeJSON; v is reset first")
	f.Comment("and nothing but whitespace may follow the object.")
	f.Func().Params(jen.Id("v").Op("*").Id(s.Name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
		jen.Op("*").Id("v").Op("=").Id(s.Name).Values(),
		jen.Var().Id("d").Id("Decoder"),
		jen.Id("d").Dot("Reset").Call(jen.Id("data")),
		jen.If(jen.Err().Op(":=").Id("v").Dot("DecodeJSON").Call(jen.Op("&").Id("d")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		jen.Return(jen.Id("d").Dot("End").Call()),
	)
	f.Line()
}

// handlesDiscriminator reports whether the decoder of s reads the API's
// discriminator member itself. An open type outside any hierarchy keeps it
// in AdditionalProperties instead, so it is sent back.
func handlesDiscriminator(s *ir.Struct, disc string, declared bool) bool {
	return disc != "" && !declared && !(s.Open && s.DiscriminatorValue == "")
}

// decodeField returns the statements of one case of the member switch.
func (j *jsonGen) decodeField(fl *ir.Field) []jen.Code {
	field := jen.Id("v").Dot(fl.Name)
	wrap := func(err jen.Code) jen.Code { return jen.Id("WithField").Call(err, jen.Lit(fl.Wire)) }
	read := []jen.Code{
		jen.List(jen.Id("x"), jen.Err()).Op(":=").Add(j.decodeCall(fl.Type)),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(wrap(jen.Err()))),
	}
	// Null is checked before it is consumed, so the error's offset points at
	// it. A json property holds any JSON value, null included, unless the
	// schema gives null its own state with nullable.
	rejectNull := jen.If(jen.Id("d").Dot("Peek").Call().Op("==").Id("KindNull")).Block(jen.Return(wrap(jen.Id("d").Dot("ErrNullNotAllowed").Call())))
	nullIsValue := fl.Type.Kind == ir.JSON && !fl.Nullable
	if !fl.Optional {
		if nullIsValue {
			return append(read, field.Clone().Op("=").Id("x"))
		}
		return append([]jen.Code{rejectNull}, append(read, field.Clone().Op("=").Id("x"))...)
	}
	some := append(read, field.Clone().Op("=").Id("Some").Types(goType(fl.Type)).Call(jen.Id("x")))
	if nullIsValue {
		return some
	}
	if !fl.Nullable {
		return append([]jen.Code{rejectNull}, some...)
	}
	return []jen.Code{
		jen.If(jen.Id("d").Dot("ConsumeNull").Call()).Block(
			field.Clone().Op("=").Id("Null").Types(goType(fl.Type)).Call(),
		).Else().Block(some...),
	}
}
