package generator

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/sessiongen/sessiongen/generator/ir"
)

// decodeFunc returns a function value of type func(*Decoder) (T, error)
// reading a t, registering helper decoders as needed.
func (j *jsonGen) decodeFunc(t *ir.Type) jen.Code {
	method := func(name string) jen.Code { return jen.Parens(jen.Op("*").Id("decoder")).Dot(name) }
	switch t.Kind {
	case ir.String, ir.URI, ir.UUID:
		return method("stringValue")
	case ir.Int32:
		return method("int32Value")
	case ir.Int64:
		return method("int64Value")
	case ir.Float64:
		if t.NonFinite {
			return method("float64NonFinite")
		}
		return method("float64Value")
	case ir.Float32:
		if t.NonFinite {
			return method("float32NonFinite")
		}
		return method("float32Value")
	case ir.Bool:
		return method("boolValue")
	case ir.DateTime:
		return method("dateTimeValue")
	case ir.Date:
		return method("dateValue")
	case ir.Duration:
		return method("durationValue")
	case ir.JSON:
		return jen.Id("readRawValue")
	case ir.External:
		return jen.Id("readUnmarshaler").Types(goType(t))
	case ir.EnumRef:
		return jen.Id(t.Enum.Decoder) // emitted with the enum
	case ir.InterfaceRef:
		return jen.Id(t.Interface.Decoder) // emitted with the interface
	case ir.UnionRef:
		return jen.Id(t.Union.Decoder) // emitted with the union
	case ir.NullableElem:
		name := "decode" + typeKey(t)
		j.helper(name, func() { j.nullableDecoder(name, t) })
		return jen.Id(name)
	case ir.StructRef:
		if t.Import != nil {
			// Another package's Decoder: through its UnmarshalJSON.
			return jen.Id("readImported").Types(structIdent(t.Struct))
		}
	case ir.Slice:
		if t.Elem.Kind == ir.StructRef && !t.Elem.Pointer && t.Elem.Import == nil {
			name := "decode" + typeKey(t)
			j.helper(name, func() { j.objectArrayDecoder(name, t.Elem) })
			return jen.Id(name)
		}
	case ir.Map:
	default:
		panic(fmt.Sprintf("generator: cannot decode kind %d", t.Kind))
	}
	name := "decode" + typeKey(t)
	if t.Kind == ir.StructRef {
		j.helper(name, func() { j.objectDecoder(name, t) })
	} else {
		j.helper(name, func() { j.decodeHelper(name, t) })
	}
	return jen.Id(name)
}

// objectDecoder emits the function that decodes one object of type t into
// a value: a direct call of DecodeJSON, which a generic support function
// could only make through its dictionary, letting the value escape to the
// heap.
//
// A pointer is read into a new value (allocated anyway, so nothing more
// escapes). The generated readers pass the support functions readJSON, a
// method of this package: a method constraint would have to be exported to
// reach a shared runtime.
func (j *jsonGen) objectDecoder(name string, t *ir.Type) {
	f := j.f
	f.Commentf("%s decodes one %s.", name, t.Struct.Name)
	if t.Pointer {
		f.Func().Id(name).Params(jen.Id("d").Op("*").Id("decoder")).Params(jen.Op("*").Id(t.Struct.Name), jen.Error()).Block(readIntoNew(t.Struct.Name)...)
		f.Line()
		return
	}
	f.Func().Id(name).Params(jen.Id("d").Op("*").Id("decoder")).Params(jen.Id("v").Id(t.Struct.Name), jen.Err().Error()).Block(
		jen.Err().Op("=").Id("v").Dot("readJSON").Call(jen.Id("d")),
		jen.Return(jen.Id("v"), jen.Err()),
	)
	f.Line()
}

// readIntoNew returns the body of a func(d *decoder) (*name, error) that
// reads one object into a new value.
func readIntoNew(name string) []jen.Code {
	return []jen.Code{
		jen.Id("v").Op(":=").New(jen.Id(name)),
		jen.If(jen.Err().Op(":=").Id("v").Dot("readJSON").Call(jen.Id("d")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Return(jen.Id("v"), jen.Nil()),
	}
}

// objectArrayDecoder emits the function that decodes an array of objects of
// type elem, each in place in the slice (readObjectArray).
func (j *jsonGen) objectArrayDecoder(name string, elem *ir.Type) {
	f := j.f
	f.Commentf("%s decodes an array of %s.", name, elem.Struct.Name)
	f.Func().Id(name).Params(jen.Id("d").Op("*").Id("decoder")).Params(jen.Index().Id(elem.Struct.Name), jen.Error()).Block(
		jen.Return(jen.Id("readObjectArray").Call(jen.Id("d"), jen.Parens(jen.Op("*").Id(elem.Struct.Name)).Dot("readJSON"))),
	)
	f.Line()
}

// typeKey names a Go type shape for helper function names. Composite keys
// hold an underscore, which Go names derived from a schema never do, so a
// helper of []string (decodeSlice_String) cannot take the name of the
// helper of a type called SliceString.
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
		return "Slice_" + typeKey(t.Elem)
	case ir.Map:
		return "Map_" + typeKey(t.Elem)
	case ir.StructRef:
		if t.Import != nil {
			return "Import_" + t.Import.Prefix + "_" + t.Struct.Name
		}
		if t.Pointer {
			return "Ptr_" + t.Struct.Name
		}
		return t.Struct.Name
	case ir.InterfaceRef:
		return t.Interface.Name
	case ir.EnumRef:
		return t.Enum.Name
	case ir.UnionRef:
		return t.Union.Name
	case ir.NullableElem:
		return "Null_" + typeKey(t.Elem)
	case ir.External:
		// The import path too: two packages may both have an ID type.
		return "Ext_" + nonIdentChars.ReplaceAllString(t.External.Import, "_") + "_" + t.External.Name
	}
	panic(fmt.Sprintf("generator: no key for kind %d", t.Kind))
}

var nonIdentChars = regexp.MustCompile(`[^A-Za-z0-9]`)

// helper registers the helper function name, emitted once, at the end.
func (j *jsonGen) helper(name string, emit func()) {
	if j.helpers[name] {
		return
	}
	j.helpers[name] = true
	j.pending = append(j.pending, emit)
}

// decodeHelper emits the decoder of an array or map type: a named function
// over the generic support loop, so that it can be passed as a value.
func (j *jsonGen) decodeHelper(name string, t *ir.Type) {
	loop, doc := "readArray", "%s decodes a JSON array; null elements are rejected."
	if t.Kind == ir.Map {
		loop, doc = "readMap", "%s decodes a JSON object into a map; duplicate names and null values are rejected."
	}
	null := "nullRejected"
	switch t.Elem.Kind {
	case ir.JSON:
		// Null is a json value like any other.
		null = "nullIsValue"
		doc = strings.Replace(doc, "null elements are rejected", "null elements are kept as JSON null", 1)
		doc = strings.Replace(doc, " and null values", "", 1)
	case ir.NullableElem:
		null = "nullIsValue" // read by the element's decoder, as Optional's null
		doc = strings.Replace(doc, "null elements are rejected", "null elements are kept as null", 1)
		doc = strings.Replace(doc, " and null values are rejected", " are rejected; null values are kept as null", 1)
	}
	j.f.Commentf(doc, name)
	j.f.Func().Id(name).Params(jen.Id("d").Op("*").Id("decoder")).Params(goType(t), jen.Error()).Block(
		jen.Return(jen.Id(loop).Call(jen.Id("d"), jen.Id(null), j.decodeFunc(t.Elem))),
	)
	j.f.Line()
}

// enumDecoder emits a parser that returns the constant for a known value, so
// known values cost no allocation, and keeps any other value as received.
func (j *jsonGen) enumDecoder(e *ir.Enum) {
	name := e.Decoder
	j.f.Commentf("%s decodes one %s. A value the schema does not list is kept as it is.", name, e.Name)
	j.f.Func().Id(name).Params(jen.Id("d").Op("*").Id("decoder")).Params(jen.Id(e.Name), jen.Error()).Block(
		jen.List(jen.Id("b"), jen.Err()).Op(":=").Id("d").Dot("stringBytes").Call(),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Lit(""), jen.Err())),
		jen.Switch(jen.String().Call(jen.Id("b"))).BlockFunc(func(g *jen.Group) {
			for _, v := range e.Values {
				g.Case(jen.Lit(v.Wire)).Block(jen.Return(jen.Id(v.Name), jen.Nil()))
			}
		}),
		jen.Return(jen.Id(e.Name).Call(jen.String().Call(jen.Id("b"))), jen.Nil()),
	)
	j.f.Line()
	// encoding/json alone would take null as "no change" and replace invalid
	// UTF-8; through this method a caller's struct decodes as ours do.
	j.f.Comment("UnmarshalJSON implements json.Unmarshaler with the strict decoder: one JSON")
	j.f.Comment("string (null is an error), any value kept as it is.")
	j.f.Func().Params(jen.Id("v").Op("*").Id(e.Name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
		jen.Return(jen.Id("unmarshalWith").Call(jen.Id("data"), jen.Id("v"), jen.Id(name))),
	)
	j.f.Line()
}

// interfaceCodec emits the dispatching decoder of a polymorphic type, the
// Unmarshal<Name> entry point, and the unknown holder's codec.
func (j *jsonGen) interfaceCodec(iface *ir.Interface) {
	f := j.f
	name := iface.Decoder
	disc := iface.Root.Discriminator
	f.Commentf("%s decodes one %s, choosing the Go type by the %q member.", name, iface.Name, disc)
	f.Func().Id(name).Params(jen.Id("d").Op("*").Id("decoder")).Params(jen.Id(iface.Name), jen.Error()).BlockFunc(func(g *jen.Group) {
		g.List(jen.Id("kind"), jen.Id("found"), jen.Err()).Op(":=").Id("d").Dot("discriminator").Call(jen.Lit(disc))
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
					jen.If(jen.Err().Op(":=").Id("c").Dot("readJSON").Call(jen.Id("d")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
					jen.Id("v").Op("=").Id("c"),
				)
			}
			if iface.Closed {
				// subtypes: closed: a value no type declares fails the document.
				if iface.Root.Abstract {
					sw.Case(jen.Op("!").Id("found")).Block(
						jen.Return(jen.Nil(), jen.Id("rejectSubtype").Call(jen.Id("d"), jen.Lit(""), jen.Lit(fmt.Sprintf("missing required field %q (%s has closed subtypes)", disc, iface.Name)))),
					)
				}
				sw.Default().Block(
					jen.Return(jen.Nil(), jen.Id("rejectSubtype").Call(jen.Id("d"), jen.Lit(disc), jen.Lit(fmt.Sprintf("%%q names no type of %s, whose subtypes are closed", iface.Name)), jen.String().Call(jen.Id("kind")))),
				)
				return
			}
			sw.Default().Block(
				jen.Id("u").Op(":=").Op("&").Id(iface.Unknown).Values(jen.Dict{jen.Id(iface.TypeField): jen.String().Call(jen.Id("kind"))}),
				jen.If(jen.Err().Op(":=").Id("u").Dot("decodeJSON").Call(jen.Id("d")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
				jen.Id("v").Op("=").Id("u"),
			)
		})
		g.Return(jen.Id("v"), jen.Nil())
	})
	f.Line()
	f.Commentf("%s decodes data as one %s, choosing the Go type by the %q member.", iface.Unmarshal, iface.Name, disc)
	f.Func().Id(iface.Unmarshal).Params(jen.Id("data").Index().Byte()).Params(jen.Id(iface.Name), jen.Error()).Block(
		jen.Var().Id("d").Id("decoder"),
		jen.Id("d").Dot("reset").Call(jen.Id("data")),
		jen.List(jen.Id("v"), jen.Err()).Op(":=").Id(name).Call(jen.Op("&").Id("d")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Return(jen.Id("v"), jen.Id("d").Dot("end").Call()),
	)
	f.Line()
	j.unknownDecoder(iface)
	f.Commentf("AppendJSON appends the object exactly as it was received. Raw that is not")
	f.Comment("exactly one JSON value is an error, as for a json field; nil or empty is null.")
	enc := []jen.Code{jen.If(jen.Id("v").Op("==").Nil()).Block(jen.Return(jen.Id("appendNull").Call(jen.Id("dst")), jen.Nil()))}
	if len(iface.Root.Fields) > 0 {
		f.Comment("A typed field that differs from Raw is an error: the change would be lost.")
		enc = append(enc, jen.If(jen.Len(jen.Id("v").Dot(iface.RawField)).Op(">").Lit(0)).Block(
			jen.Var().Id("vs").Id("violationList"),
			jen.Id("v").Dot("checkRaw").Call(jen.Op("&").Id("valuePath").Values(), jen.Op("&").Id("vs")),
			jen.If(jen.Err().Op(":=").Id("vs").Dot("err").Call(), jen.Err().Op("!=").Nil()).Block(
				jen.Return(jen.Id("dst"), jen.Qual("fmt", "Errorf").Call(jen.Lit("json: encoding a "+iface.Unknown+": %w"), jen.Err())))))
	}
	enc = append(enc, jen.Return(jen.Id("appendRawValue").Call(jen.Id("dst"), jen.Id("v").Dot(iface.RawField))))
	f.Func().Params(jen.Id("v").Op("*").Id(iface.Unknown)).Id("AppendJSON").Params(jen.Id("dst").Index().Byte()).Params(jen.Index().Byte(), jen.Error()).Block(enc...)
	f.Line()
	f.Commentf("MarshalJSON implements json.Marshaler with AppendJSON, for values and pointers alike.")
	f.Func().Params(jen.Id("v").Id(iface.Unknown)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(marshalBody()...)
	f.Line()
	// Without it encoding/json would fill neither field from an object.
	f.Commentf("UnmarshalJSON implements json.Unmarshaler with %s: data must be an", name)
	f.Commentf("object of a subtype this package does not know; v is left alone on an error.")
	f.Func().Params(jen.Id("v").Op("*").Id(iface.Unknown)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
		jen.Var().Id("d").Id("decoder"),
		jen.Id("d").Dot("reset").Call(jen.Id("data")),
		jen.List(jen.Id("x"), jen.Err()).Op(":=").Id(name).Call(jen.Op("&").Id("d")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		jen.If(jen.Err().Op(":=").Id("d").Dot("end").Call(), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		jen.List(jen.Id("u"), jen.Id("ok")).Op(":=").Id("x").Assert(jen.Op("*").Id(iface.Unknown)),
		jen.If(jen.Op("!").Id("ok")).Block(jen.Return(jen.Qual("fmt", "Errorf").Call(jen.Lit("json: a "+iface.Unknown+" cannot hold a %T; decode with Unmarshal"+iface.Name), jen.Id("x")))),
		jen.Op("*").Id("v").Op("=").Op("*").Id("u"),
		jen.Return(jen.Nil()),
	)
	f.Line()
}

// unknownDecoder emits decodeJSON of the unknown-subtype holder: the base's
// declared fields, as strictly as the base reads them (types, null, required,
// duplicates), every other member checked and skipped, and the exact bytes
// of the object kept in Raw.
func (j *jsonGen) unknownDecoder(iface *ir.Interface) {
	root := iface.Root
	disc := root.Discriminator
	words := max(1, (len(root.Fields)+63)/64)
	body := []jen.Code{
		jen.Id("mark").Op(":=").Id("d").Dot("mark").Call(),
		jen.If(jen.Err().Op(":=").Id("d").Dot("beginObject").Call(), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
	}
	if len(root.Fields) > 0 {
		body = append(body, jen.Var().Id("seen").Index(jen.Lit(words)).Uint64())
	}
	body = append(body, jen.Var().Id("unknown").Id("memberNames"), jen.Var().Id("sawDiscriminator").Bool())
	sw := jen.Switch(jen.String().Call(jen.Id("name"))).BlockFunc(func(g *jen.Group) {
		for i, fl := range root.Fields {
			g.Case(jen.Lit(fl.Wire)).Block(j.decodeField(fl, i))
		}
		g.Case(jen.Lit(disc)).Block(
			jen.If(jen.Id("sawDiscriminator")).Block(jen.Return(jen.Id("d").Dot("errDuplicate").Call(jen.Id("name")))),
			jen.Id("sawDiscriminator").Op("=").True(),
			jen.If(jen.List(jen.Id("_"), jen.Err()).Op(":=").Id("d").Dot("stringBytes").Call(), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Id("withField").Call(jen.Err(), jen.Lit(disc)))),
		)
		g.Default().Block(jen.Err().Op("=").Id("skipMember").Call(jen.Id("d"), jen.Op("&").Id("unknown"), jen.Id("name")))
	})
	body = append(body, jen.For().Block(
		jen.List(jen.Id("name"), jen.Id("ok"), jen.Err()).Op(":=").Id("d").Dot("nextField").Call(),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		jen.If(jen.Op("!").Id("ok")).Block(jen.Break()),
		sw,
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
	))
	for i, fl := range root.Fields {
		if fl.Required {
			body = append(body, jen.If(jen.Id("seen").Index(jen.Lit(i/64)).Op("&").Parens(jen.Op(fmt.Sprintf("1 << %d", i%64))).Op("==").Lit(0)).Block(
				jen.Return(jen.Id("d").Dot("errRequired").Call(jen.Lit(fl.Wire)))))
		}
	}
	body = append(body, jen.Id("v").Dot(iface.RawField).Op("=").Id("d").Dot("keptSince").Call(jen.Id("mark")), jen.Return(jen.Nil()))
	j.f.Commentf("decodeJSON reads one object of a subtype this package does not know: the")
	j.f.Commentf("fields %s declares, as strictly as it does, and the whole object into Raw.", root.Wire)
	j.f.Func().Params(jen.Id("v").Op("*").Id(iface.Unknown)).Id("decodeJSON").Params(jen.Id("d").Op("*").Id("decoder")).Error().Block(body...)
	j.f.Line()
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
	disc := s.Discriminator
	body := []jen.Code{
		jen.If(jen.Id("d").Dot("peek").Call().Op("==").Id("kindNull")).Block(jen.Return(jen.Id("d").Dot("errNullNotAllowed").Call())),
		jen.If(jen.Err().Op(":=").Id("d").Dot("beginObject").Call(), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
	}
	if len(s.Fields) > 0 {
		body = append(body, jen.Var().Id("seen").Index(jen.Lit(words)).Uint64())
	}
	// The names of undeclared members, skipped or kept, for duplicates.
	body = append(body, jen.Var().Id("unknown").Id("memberNames"))
	discInFields := false
	for _, fl := range s.Fields {
		if fl.Wire == disc {
			discInFields = true
		}
	}
	loop := []jen.Code{
		jen.List(jen.Id("name"), jen.Id("ok"), jen.Err()).Op(":=").Id("d").Dot("nextField").Call(),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		jen.If(jen.Op("!").Id("ok")).Block(jen.Break()),
	}
	sw := jen.Switch(jen.String().Call(jen.Id("name"))).BlockFunc(func(g *jen.Group) {
		for i, fl := range s.Fields {
			g.Case(jen.Lit(fl.Wire)).Block(j.decodeField(fl, i))
		}
		if handlesDiscriminator(disc, discInFields) {
			// The discriminator was read before dispatch (or names this type);
			// it is checked for duplicates and syntax like any member.
			check := []jen.Code{
				jen.If(jen.Id("sawDiscriminator")).Block(jen.Return(jen.Id("d").Dot("errDuplicate").Call(jen.Id("name")))),
				jen.Id("sawDiscriminator").Op("=").True(),
				jen.List(jen.Id("kind"), jen.Err()).Op(":=").Id("d").Dot("stringBytes").Call(),
				jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Id("withField").Call(jen.Err(), jen.Lit(disc)))),
			}
			if s.DiscriminatorValue != "" {
				// A value naming another type would be re-labelled on encoding:
				// reject it rather than change the data.
				check = append(check, jen.If(jen.String().Call(jen.Id("kind")).Op("!=").Lit(s.DiscriminatorValue)).Block(
					jen.Return(jen.Id("withField").Call(jen.Id("d").Dot("errorf").Call(jen.Lit("%q names another type than %s"), jen.String().Call(jen.Id("kind")), jen.Lit(s.DiscriminatorValue)), jen.Lit(disc))),
				))
			} else {
				check = append(check, jen.Id("_").Op("=").Id("kind"))
			}
			g.Case(jen.Lit(disc)).Block(check...)
		}
		if s.Open {
			g.Default().Block(jen.Err().Op("=").Id("keepMember").Call(jen.Id("d"), jen.Op("&").Id("v").Dot("AdditionalProperties"), jen.Op("&").Id("unknown"), jen.Id("name")))
		} else {
			g.Default().Block(jen.Err().Op("=").Id("skipMember").Call(jen.Id("d"), jen.Op("&").Id("unknown"), jen.Id("name")))
		}
	})
	loop = append(loop, sw, jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())))
	if handlesDiscriminator(disc, discInFields) {
		body = append(body, jen.Var().Id("sawDiscriminator").Bool())
	}
	body = append(body, jen.For().Block(loop...))
	// A type sent as a request body also decodes requests (the fake server
	// reads them), where its read-only fields are absent by design.
	asRequest := requestBodyType(s)
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
			jen.Return(jen.Id("d").Dot("errRequired").Call(jen.Lit(fl.Wire))),
		))
	}
	body = append(body, jen.Return(jen.Nil()))

	f.Commentf("readJSON reads one %s object from d into v, strictly: duplicate", s.Name)
	f.Comment("names, null in a non-nullable field and a missing required field are errors.")
	if s.Open {
		f.Comment("Undeclared members are kept in AdditionalProperties.")
	} else {
		f.Comment("Undeclared members are checked as kept ones would be (syntax, duplicate")
		f.Comment("names at any depth) and skipped.")
	}
	if asRequest {
		f.Func().Params(jen.Id("v").Op("*").Id(s.Name)).Id("readJSON").Params(jen.Id("d").Op("*").Id("decoder")).Error().Block(
			jen.Return(jen.Id("v").Dot("decodeJSON").Call(jen.Id("d"), jen.False())),
		)
		f.Line()
		f.Comment("decodeJSON is readJSON; with request set, read-only fields may be absent.")
		f.Func().Params(jen.Id("v").Op("*").Id(s.Name)).Id("decodeJSON").Params(jen.Id("d").Op("*").Id("decoder"), jen.Id("request").Bool()).Error().Block(body...)
	} else {
		f.Func().Params(jen.Id("v").Op("*").Id(s.Name)).Id("readJSON").Params(jen.Id("d").Op("*").Id("decoder")).Error().Block(body...)
	}
	f.Line()
	f.Commentf("UnmarshalJSON implements json.Unmarshaler with readJSON; v is reset first")
	f.Comment("and nothing but whitespace may follow the object.")
	f.Func().Params(jen.Id("v").Op("*").Id(s.Name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
		jen.Op("*").Id("v").Op("=").Id(s.Name).Values(),
		jen.Var().Id("d").Id("decoder"),
		jen.Id("d").Dot("reset").Call(jen.Id("data")),
		jen.If(jen.Err().Op(":=").Id("v").Dot("readJSON").Call(jen.Op("&").Id("d")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		jen.Return(jen.Id("d").Dot("end").Call()),
	)
	f.Line()
	if asRequest {
		// The server side of a request body, for the generated fake (a
		// package of its own, so it needs an exported entry point).
		f.Commentf("ApplyRequestJSON reads data, a request body that sends a %s, into v as a", s.Name)
		f.Comment("server receives it: read-only fields may be absent, the members sent replace")
		f.Comment("v's and the others are kept. Otherwise it is as strict as UnmarshalJSON.")
		f.Func().Params(jen.Id("v").Op("*").Id(s.Name)).Id("ApplyRequestJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
			jen.Var().Id("d").Id("decoder"),
			jen.Id("d").Dot("reset").Call(jen.Id("data")),
			jen.If(jen.Err().Op(":=").Id("v").Dot("decodeJSON").Call(jen.Op("&").Id("d"), jen.True()), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
			jen.Return(jen.Id("d").Dot("end").Call()),
		)
		f.Line()
	}
}

// handlesDiscriminator reports whether the decoder of s reads the API's
// discriminator member itself: a concrete type of a hierarchy, which checks
// that it names the type. A schema type outside any hierarchy declares it
// as a field instead (ir.Build), so that it is kept and sent back.
func handlesDiscriminator(disc string, declared bool) bool {
	return disc != "" && !declared
}

// decodeField returns the statement of one case of the member switch: one
// support call that claims the member's bit in seen and reads its value.
func (j *jsonGen) decodeField(fl *ir.Field, i int) jen.Code {
	// A json property holds any JSON value, null included, unless the schema
	// gives null its own state with nullable.
	null := "nullRejected"
	switch {
	case fl.Type.Kind == ir.JSON && !fl.Nullable:
		null = "nullIsValue"
	case fl.Optional && fl.Nullable:
		null = "nullIsState"
	}
	read := "readMember"
	if fl.Optional {
		read = "readOptional"
	}
	return jen.Err().Op("=").Id(read).Call(jen.Id("d"), jen.Lit(fl.Wire), jen.Op("&").Id("v").Dot(fl.Name),
		jen.Op("&").Id("seen").Index(jen.Lit(i/64)), jen.Op(fmt.Sprintf("1<<%d", i%64)), jen.Id(null), j.decodeFunc(fl.Type))
}
