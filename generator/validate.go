package generator

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/sessiongen/sessiongen/generator/ir"
)

// genValidate emits Validate on every type: it walks the value and reports
// every broken constraint with its JSON path, allocating nothing when the
// value is valid.
func genValidate(f *jen.File, p *ir.Package) {
	var compiled []*ir.Pattern
	for _, pt := range p.Patterns {
		if pt.Fixed != nil {
			genFixedMatcher(f, pt)
		} else {
			compiled = append(compiled, pt)
		}
	}
	if len(compiled) > 0 {
		f.Comment("Patterns from the schema, compiled once.")
		f.Var().DefsFunc(func(g *jen.Group) {
			for _, pt := range compiled {
				g.Id(pt.Var).Op("=").Qual("regexp", "MustCompile").Call(jen.Lit(pt.Expr))
			}
		})
		f.Line()
	}
	for _, s := range p.Structs {
		if s.Interface != nil {
			iface := s.Interface
			genUnknownValidate(f, p, iface)
			genCheckRaw(f, iface)
			// A type switch, not an interface call, so the path stays on the stack:
			// escape analysis cannot follow a dynamic call.
			f.Commentf("%s validates whichever concrete type x holds; nil is a violation.", iface.Validator)
			f.Func().Id(iface.Validator).Params(jen.Id("x").Id(iface.Name), jen.Id("p").Op("*").Id("valuePath"), jen.Id("vs").Op("*").Id("violationList")).Block(
				jen.Switch(jen.Id("v").Op(":=").Id("x").Assert(jen.Type())).BlockFunc(func(g *jen.Group) {
					g.Case(jen.Nil()).Block(jen.Id("checkNotNil").Call(jen.Id("vs"), jen.Id("p")))
					for _, c := range iface.Concrete {
						g.Case(jen.Op("*").Id(c.Name)).Block(jen.Id("v").Dot("validate").Call(jen.Id("p"), jen.Id("vs")))
					}
					g.Case(jen.Op("*").Id(iface.Unknown)).Block(jen.Id("v").Dot("validate").Call(jen.Id("p"), jen.Id("vs")))
				}),
			)
			f.Line()
		}
		if !s.Abstract {
			genStructValidate(f, p, s)
			genCreateValidate(f, s)
		}
	}
	for _, u := range p.Unions {
		genUnionValidate(f, u)
	}
}

// genUnknownValidate emits Validate on the holder of an unknown subtype: its
// Raw must decode back as the same unknown subtype.
func genUnknownValidate(f *jen.File, p *ir.Package, iface *ir.Interface) {
	var known []jen.Code
	for _, c := range iface.Concrete {
		known = append(known, jen.Lit(c.DiscriminatorValue))
	}
	f.Comment("Validate reports a Raw that would not decode back as this unknown subtype: not")
	f.Comment("a JSON object, or a discriminator that differs from Type or names a known type,")
	f.Comment("or base fields that Raw lacks or that differ from the typed fields; and the")
	f.Comment("base's constraints on the typed fields.")
	genValidateEntry(f, iface.Unknown)
	body := []jen.Code{
		jen.If(jen.Id("v").Op("==").Nil()).Block(jen.Id("checkNotNil").Call(jen.Id("vs"), jen.Id("p")), jen.Return()),
	}
	if iface.Closed {
		// Decoding rejects every value this holder could keep.
		body = append(body, jen.Id("violated").Call(jen.Id("vs"), jen.Id("p"), jen.Lit(""), jen.Id("RuleFormat"),
			jen.Lit(fmt.Sprintf("is an unknown subtype, but %s has closed subtypes: it would not decode back", iface.Name))))
	}
	check := jen.Id("checkUnknown").Call(jen.Id("vs"), jen.Id("p"), jen.Lit(iface.Root.Discriminator), jen.Id("v").Dot(iface.TypeField), jen.Id("v").Dot(iface.RawField),
		jen.Index().String().Values(known...), jen.Lit(iface.Root.Abstract))
	body = append(body,
		jen.If(jen.Op("!").Add(check)).Block(jen.Return()),
		jen.Id("v").Dot("checkRaw").Call(jen.Id("p"), jen.Id("vs")),
	)
	var paths pathDecls
	for _, fl := range iface.Root.Fields {
		body = append(body, fieldChecks(fl, &paths)...)
	}
	body = append(body, ruleChecks(iface.Root.Rules)...)
	body = append(paths.decl(), body...)
	f.Func().Params(jen.Id("v").Op("*").Id(iface.Unknown)).Id("validate").Params(jen.Id("p").Op("*").Id("valuePath"), jen.Id("vs").Op("*").Id("violationList")).Block(body...)
	f.Line()
}

// genCheckRaw emits checkRaw on the holder of an unknown subtype: Raw must
// decode as the base does and give the typed fields their values, since the
// encoder writes Raw. Validate and the encoder both call it.
func genCheckRaw(f *jen.File, iface *ir.Interface) {
	body := []jen.Code{
		jen.Var().Id("d").Id("decoder"),
		jen.Id("d").Dot("reset").Call(jen.Id("v").Dot(iface.RawField)),
		jen.Var().Id("raw").Id(iface.Unknown),
		jen.If(jen.Err().Op(":=").Id("raw").Dot("decodeJSON").Call(jen.Op("&").Id("d")), jen.Err().Op("!=").Nil()).Block(
			jen.Id("violated").Call(jen.Id("vs"), jen.Id("p"), jen.Lit(""), jen.Id("RuleFormat"), jen.Lit("has Raw that does not decode as a "+iface.Root.Wire+": %v"), jen.Err()),
			jen.Return(),
		),
	}
	for _, fl := range iface.Root.Fields {
		body = append(body, jen.Id("checkAsRaw").Call(jen.Id("vs"), jen.Id("p"), jen.Lit(fl.Wire), jen.Id("v").Dot(fl.Name), jen.Id("raw").Dot(fl.Name)))
	}
	f.Commentf("checkRaw reports a Raw that does not decode as a %s, and typed fields that", iface.Root.Wire)
	f.Comment("differ from the values in Raw, which is what the encoder writes.")
	f.Func().Params(jen.Id("v").Op("*").Id(iface.Unknown)).Id("checkRaw").Params(jen.Id("p").Op("*").Id("valuePath"), jen.Id("vs").Op("*").Id("violationList")).Block(body...)
	f.Line()
}

// genValidateEntry emits the exported Validate of type name over its
// validate method.
func genValidateEntry(f *jen.File, name string) {
	f.Func().Params(jen.Id("v").Op("*").Id(name)).Id("Validate").Params().Error().Block(
		jen.Var().Id("vs").Id("violationList"),
		jen.Id("v").Dot("validate").Call(jen.Op("&").Id("valuePath").Values(), jen.Op("&").Id("vs")),
		jen.Return(jen.Id("vs").Dot("err").Call()),
	)
	f.Line()
}

func genStructValidate(f *jen.File, p *ir.Package, s *ir.Struct) {
	f.Commentf("Validate reports every constraint of the schema that v breaks, each with")
	f.Comment("its JSON path, as a *ValidationError; nil when v is valid.")
	if len(s.Rules) > 0 {
		f.Comment("")
		f.Comment("Cross-field rules (a field counts when it holds a value, not when absent or null):")
		for _, r := range s.Rules {
			f.Comment("  - " + ruleDoc(r))
		}
	}
	genValidateEntry(f, s.Name)
	// A nil pointer is a violation, not a panic: it is what a typed nil in
	// an interface field or a nil recursive field holds, written as null.
	// So is nesting deeper than decoders read, which only recursion reaches:
	// the walk stops at the first object too deep.
	levels := 1
	for _, fl := range s.Fields {
		levels = max(levels, 1+containerLevels(fl.Type))
	}
	body := []jen.Code{
		jen.If(jen.Id("v").Op("==").Nil()).Block(jen.Id("checkNotNil").Call(jen.Id("vs"), jen.Id("p")), jen.Return()),
		jen.If(jen.Id("checkDepth").Call(jen.Id("vs"), jen.Id("p"), jen.Lit(levels))).Block(jen.Return()),
	}
	form := s.SentForm
	var paths pathDecls
	for _, fl := range s.Fields {
		body = append(body, fieldChecks(fl, &paths)...)
		// A form body sends a list as repeated keys: an empty one as none.
		switch {
		case form && fl.NilAbsent && fl.Type.Kind == ir.Slice:
			body = append(body, jen.Id("checkFormList").Call(jen.Id("vs"), jen.Id("p"), jen.Lit(fl.Wire), jen.Id("v").Dot(fl.Name)))
		case form && fl.Optional && fl.Type.Kind == ir.Slice:
			body = append(body, jen.Id("checkFormOptionalList").Call(jen.Id("vs"), jen.Id("p"), jen.Lit(fl.Wire), jen.Op("&").Id("v").Dot(fl.Name)))
		}
	}
	body = append(body, ruleChecks(s.Rules)...)
	if s.Open {
		// Kept members must not collide with what the encoder writes.
		var declared []jen.Code
		for _, fl := range s.Fields {
			declared = append(declared, jen.Lit(fl.Wire))
		}
		if s.DiscriminatorValue != "" {
			declared = append(declared, jen.Lit(s.Discriminator))
		}
		body = append(body, jen.Id("checkMembers").Call(jen.Id("vs"), jen.Id("p"), jen.Id("v").Dot("AdditionalProperties"), jen.Index().String().Values(declared...)))
	}
	body = append(paths.decl(), body...)
	f.Func().Params(jen.Id("v").Op("*").Id(s.Name)).Id("validate").Params(jen.Id("p").Op("*").Id("valuePath"), jen.Id("vs").Op("*").Id("violationList")).Block(body...)
	f.Line()
}

// fieldChecks returns the checks of one field: presence first, then the
// value's constraints under the field's path fp, declared in paths.
func fieldChecks(fl *ir.Field, paths *pathDecls) []jen.Code {
	field := jen.Id("v").Dot(fl.Name)
	var out []jen.Code
	if fl.Optional && fl.Required {
		out = append(out, jen.Id("checkRequired").Call(jen.Id("vs"), jen.Id("p"), jen.Lit(fl.Wire), field.Clone().Dot("IsSet").Call()))
	}
	if fl.Optional && !fl.Nullable {
		out = append(out, jen.Id("checkNotNull").Call(jen.Id("vs"), jen.Id("p"), jen.Lit(fl.Wire), field.Clone().Dot("IsNull").Call()))
	}
	if fl.Optional && fl.Nullable && fl.Type.Kind == ir.JSON {
		out = append(out, jen.Id("checkRawNotNull").Call(jen.Id("vs"), jen.Id("p"), jen.Lit(fl.Wire), jen.Op("&").Add(field.Clone())))
	}
	if name := scalarFieldCheck(fl.Type); name != "" {
		// The common case, one cheap rule on a scalar: one call, which builds
		// the field's path only for a violation.
		if fl.Optional {
			return append(out, jen.Id(name+"Optional").Call(jen.Id("vs"), jen.Id("p"), jen.Lit(fl.Wire), jen.Op("&").Add(field)))
		}
		return append(out, jen.Id(name+"Field").Call(jen.Id("vs"), jen.Id("p"), jen.Lit(fl.Wire), field))
	}
	x := jen.Id("x")
	if !fl.Optional {
		x = field
	}
	checks := checksFor(fl.Type, x, "fp", 0, paths)
	if len(checks) == 0 {
		return out
	}
	body := append([]jen.Code{paths.assign("fp", jen.Id("p").Dot("child").Call(jen.Lit(fl.Wire)))}, checks...)
	switch {
	case fl.NilAbsent:
		out = append(out, jen.If(field.Clone().Op("!=").Nil()).Block(body...))
	case !fl.Optional:
		out = append(out, jen.Block(body...))
	case inPlace(fl.Type):
		out = append(out, jen.If(jen.Id("x").Op(":=").Id("optionalHeld").Call(jen.Op("&").Add(field)), jen.Id("x").Op("!=").Nil()).Block(body...))
	default:
		out = append(out, jen.If(jen.List(jen.Id("x"), jen.Id("ok")).Op(":=").Add(field).Dot("Get").Call(), jen.Id("ok")).Block(body...))
	}
	return out
}

// scalarFieldCheck names the support check (without its Field or Optional
// suffix) that is the only rule on a field of type t, or "" when t has other
// or no rules.
func scalarFieldCheck(t *ir.Type) string {
	switch {
	case t.Kind == ir.String && !t.HasConstraints(),
		t.Kind == ir.EnumRef && t.Enum.Open:
		return "checkUTF8"
	case t.Kind == ir.DateTime:
		return "checkDateTime"
	}
	return ""
}

// containerLevels returns how many arrays and maps values of t open before
// an object, a polymorphic or a json value, which check their own depth.
func containerLevels(t *ir.Type) int {
	n := 0
	for ; t.Kind == ir.Slice || t.Kind == ir.Map || t.Kind == ir.NullableElem; t = t.Elem {
		if t.Kind != ir.NullableElem {
			n++
		}
	}
	return n
}

// inPlace reports whether values of t are validated through a pointer
// rather than copied: objects, which may be large.
func inPlace(t *ir.Type) bool {
	return t.Kind == ir.StructRef && !t.Pointer
}

// bounds returns the literals of a length or count range, noBound for a
// side without one, and whether there is anything to check: a lower bound
// of zero holds for every value and is left out.
func bounds(min, max *int) (lo, hi jen.Code, ok bool) {
	lo, hi = jen.Id("noBound"), jen.Id("noBound")
	if min != nil && *min > 0 {
		lo, ok = jen.Lit(*min), true
	}
	if max != nil {
		hi, ok = jen.Lit(*max), true
	}
	return lo, hi, ok
}

// checksFor returns statements that check value x of type t at path pathVar.
// Empty when nothing needs checking. The paths of items and map values are
// declared in paths (nil: declared where they are set).
func checksFor(t *ir.Type, x jen.Code, pathVar string, depth int, paths *pathDecls) []jen.Code {
	p := jen.Op("&").Id(pathVar)
	vs := jen.Id("vs")
	check := func(name string, args ...jen.Code) jen.Code {
		return jen.Id(name).Call(append([]jen.Code{vs, p}, args...)...)
	}
	var out []jen.Code
	switch t.Kind {
	case ir.String, ir.URI, ir.UUID:
		if t.Kind != ir.UUID { // a UUID is ASCII when valid
			out = append(out, check("checkUTF8", x))
		}
		if lo, hi, ok := bounds(t.MinLength, t.MaxLength); ok {
			out = append(out, check("checkLength", x, lo, hi))
		}
		if t.Pattern != nil {
			out = append(out, check("checkPattern", patternCheck(t.Pattern, x), jen.Lit(t.Pattern.Expr)))
		}
		switch t.Kind {
		case ir.URI:
			out = append(out, check("checkURI", x))
		case ir.UUID:
			out = append(out, check("checkUUID", x))
		}
	case ir.Int32, ir.Int64, ir.Float64, ir.Float32:
		if (t.Kind == ir.Float64 || t.Kind == ir.Float32) && !t.NonFinite {
			out = append(out, check("checkFinite", x))
		}
		if t.Minimum != nil {
			out = append(out, check("checkMinimum", x, jen.Op(t.Minimum.Text), jen.Lit(t.Minimum.Text)))
		}
		if t.Maximum != nil {
			out = append(out, check("checkMaximum", x, jen.Op(t.Maximum.Text), jen.Lit(t.Maximum.Text)))
		}
	case ir.EnumRef:
		if !t.Enum.Open {
			out = append(out, check("checkKnown", x))
		} else {
			out = append(out, check("checkUTF8", jen.String().Call(x)))
		}
	case ir.DateTime:
		out = append(out, check("checkDateTime", x))
	case ir.Date:
		out = append(out, check("checkDate", x))
	case ir.Duration:
		out = append(out, check("checkDuration", x))
	case ir.JSON:
		out = append(out, check("checkRawJSON", x))
	case ir.External:
		out = append(out, check("checkExternal", jen.Op("&").Add(x)))
	case ir.StructRef:
		if t.Import != nil {
			// Another package's Violations: through its Validate.
			out = append(out, check("checkImported", jen.Add(x).Dot("Validate").Call()))
			break
		}
		// A nil pointer is reported by validate itself.
		out = append(out, jen.Add(x).Dot("validate").Call(p, vs))
	case ir.InterfaceRef:
		out = append(out, jen.Id(t.Interface.Validator).Call(x, p, vs))
	case ir.UnionRef:
		out = append(out, jen.Add(x).Dot("validate").Call(p, vs))
	case ir.NullableElem:
		// An item or map value that may be null: absent is not one of its
		// states; a value is checked as its type says.
		out = append(out, check("checkItemSet", jen.Add(x).Dot("IsSet").Call()))
		o := fmt.Sprintf("o%d", depth)
		if inner := checksFor(t.Elem, jen.Id(o), pathVar, depth, paths); len(inner) > 0 {
			out = append(out, jen.If(jen.List(jen.Id(o), jen.Id("ok")).Op(":=").Add(x).Dot("Get").Call(), jen.Id("ok")).Block(inner...))
		}
	case ir.Slice:
		if lo, hi, ok := bounds(t.MinItems, t.MaxItems); ok {
			out = append(out, check("checkItems", jen.Len(x), lo, hi))
		}
		if t.UniqueItems {
			out = append(out, uniqueCheck(t, x, check))
		}
		i, e, ep := fmt.Sprintf("i%d", depth), fmt.Sprintf("e%d", depth), fmt.Sprintf("p%d", depth)
		elem := jen.Id(e)
		if inPlace(t.Elem) {
			elem = jen.Add(x).Index(jen.Id(i)) // addressable: validated in place
		}
		inner := checksFor(t.Elem, elem, ep, depth+1, paths)
		if len(inner) > 0 {
			loop := jen.List(jen.Id(i), jen.Id(e)).Op(":=").Range().Add(x)
			if inPlace(t.Elem) {
				loop = jen.Id(i).Op(":=").Range().Add(x)
			}
			out = append(out, jen.For(loop).Block(
				append([]jen.Code{paths.assign(ep, jen.Id(pathVar).Dot("item").Call(jen.Id(i)))}, inner...)...))
		}
	case ir.Map:
		k, e, ep, n := fmt.Sprintf("k%d", depth), fmt.Sprintf("e%d", depth), fmt.Sprintf("p%d", depth), fmt.Sprintf("n%d", depth)
		out = append(out, check("checkKeys", x))
		inner := checksFor(t.Elem, jen.Id(e), ep, depth+1, paths)
		if len(inner) > 0 {
			out = append(out, jen.Block(
				jen.Id(n).Op(":=").Id("vs").Dot("len").Call(),
				jen.For(jen.List(jen.Id(k), jen.Id(e)).Op(":=").Range().Add(x)).Block(
					append([]jen.Code{paths.assign(ep, jen.Id(pathVar).Dot("child").Call(jen.Id(k)))}, inner...)...),
				jen.Id("vs").Dot("sortFrom").Call(jen.Id(n)),
			))
		}
	}
	return out
}

// uniqueCheck returns the uniqueItems check. The schema allows uniqueItems
// only on arrays of scalars and enums.
func uniqueCheck(t *ir.Type, x jen.Code, check func(string, ...jen.Code) jen.Code) jen.Code {
	switch t.Elem.Kind {
	case ir.DateTime:
		return check("checkUniqueTimes", x)
	case ir.String, ir.URI, ir.UUID, ir.Int32, ir.Int64, ir.Float64, ir.Float32, ir.Bool, ir.Date, ir.Duration, ir.EnumRef:
		return check("checkUnique", x)
	}
	panic(fmt.Sprintf("generator: uniqueItems on items of kind %d", t.Elem.Kind))
}

// genCreateValidate emits ValidateCreate on a create request body type with
// fields required on create: Validate, plus each of them must be set.
func genCreateValidate(f *jen.File, s *ir.Struct) {
	if len(s.CreateRequired) == 0 {
		return
	}
	f.Comment("ValidateCreate is Validate for a create request: the fields a create must send")
	f.Comment("(requiredOnCreate) must be set as well. The client runs it before sending.")
	f.Func().Params(jen.Id("v").Op("*").Id(s.Name)).Id("ValidateCreate").Params().Error().BlockFunc(func(g *jen.Group) {
		g.Var().Id("vs").Id("violationList")
		g.Id("p").Op(":=").Op("&").Id("valuePath").Values()
		g.Id("v").Dot("validate").Call(jen.Id("p"), jen.Op("&").Id("vs"))
		g.If(jen.Id("v").Op("!=").Nil()).BlockFunc(func(g *jen.Group) {
			for _, fl := range s.CreateRequired {
				g.Id("checkRequired").Call(jen.Op("&").Id("vs"), jen.Id("p"), jen.Lit(fl.Wire), isSet(fl, jen.Id("v").Dot(fl.Name)))
			}
		})
		g.Return(jen.Id("vs").Dot("err").Call())
	})
	f.Line()
}

// ruleDoc says what rule r demands, for a doc comment.
func ruleDoc(r *ir.Rule) string {
	var names []string
	for _, fl := range r.Fields {
		names = append(names, fl.Name)
	}
	list := strings.Join(names, ", ")
	switch r.Kind {
	case "atLeastOneOf":
		return "at least one of " + list + " is set"
	case "mutuallyExclusive":
		return "at most one of " + list + " is set"
	}
	return "exactly one of " + list + " is set"
}

// ruleChecks returns the checks of cross-field rules: a field is present when
// it holds a value (absent and null are not); a field outside Optional
// (required, which validation keeps out of rules) always is.
func ruleChecks(rules []*ir.Rule) []jen.Code {
	var out []jen.Code
	for _, r := range rules {
		args := []jen.Code{jen.Id("vs"), jen.Id("p"), jen.Lit(r.Kind)}
		var names, present []jen.Code
		for _, fl := range r.Fields {
			names = append(names, jen.Lit(fl.Wire))
			if fl.NilAbsent {
				present = append(present, jen.Id("v").Dot(fl.Name).Op("!=").Nil())
			} else if fl.Optional {
				present = append(present, jen.Id("v").Dot(fl.Name).Dot("IsSet").Call().Op("&&").Op("!").Id("v").Dot(fl.Name).Dot("IsNull").Call())
			} else {
				present = append(present, jen.True())
			}
		}
		args = append(args, jen.Index().String().Values(names...))
		out = append(out, jen.Id("checkFieldRule").Call(append(args, present...)...))
	}
	return out
}

// isSet is the test that field (of fl) is present: IsSet of an Optional, or
// non-nil for a NilAbsent field.
func isSet(fl *ir.Field, field *jen.Statement) jen.Code {
	if fl.NilAbsent {
		return field.Op("!=").Nil()
	}
	return field.Dot("IsSet").Call()
}

// pathDecls collects the path variables (fp, p0, p1, ...) of one generated
// function (a validate method, a request's path checks), declared once at
// its top rather than one per field, parameter and item: the
// compiler's liveness and stack-slot work grows with the number of
// address-taken variables times the calls, which a type with many fields
// otherwise makes the costliest part of its build. A nil *pathDecls declares
// each variable where it is set, for code that is not one method's walk.
type pathDecls struct{ names []string }

// assign returns the statement that sets path variable name to value.
func (d *pathDecls) assign(name string, value jen.Code) jen.Code {
	if d == nil {
		return jen.Id(name).Op(":=").Add(value)
	}
	if !slices.Contains(d.names, name) {
		d.names = append(d.names, name)
	}
	return jen.Id(name).Op("=").Add(value)
}

// decl returns the declaration of the variables assign set, if any.
func (d *pathDecls) decl() []jen.Code {
	if len(d.names) == 0 {
		return nil
	}
	slices.Sort(d.names)
	var names []jen.Code
	for _, n := range d.names {
		names = append(names, jen.Id(n))
	}
	return []jen.Code{jen.Var().List(names...).Id("valuePath")}
}
