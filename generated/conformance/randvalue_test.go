// Random values of every generated type (hand-written, not generated), for
// the property tests of roundtrip_test.go and interop_test.go. The shape of
// a value comes from the Go type by reflection, its constraints from the
// schema through generator/ir (patterns, lengths, bounds, enum values,
// hierarchies), so that most values are valid. With "near" set, a few
// decisions per value break a rule the encoder cares about (NaN, invalid
// UTF-8, years past 999,999,999, impossible dates, bad durations, nil polymorphic
// values, broken json, clashing kept members, inconsistent unknown
// subtypes, broken cross-field rules), which Validate must then report.
package conformance_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"regexp/syntax"
	"strconv"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/sessiongen/sessiongen/generator/ir"
	"github.com/sessiongen/sessiongen/templates/support"
)

// valueGen makes random values of one generated package's types.
type valueGen struct {
	r     *rand.Rand
	pkg   *ir.Package
	types map[string]reflect.Type // Go name → struct type, Unknown<Interface> holders included
	// decoders are the Unmarshal<Interface> entry points by interface name.
	decoders map[string]func([]byte) (any, error)
	// bareUnknown holds the Unknown<Interface> holders a bare unknown
	// discriminator value decodes into (bases that require no member).
	bareUnknown map[string]bool
	// near is the chance that one decision breaks a rule; 0 for valid values.
	near float64
	// plain leaves out what a caller's plain float64 and time.Time fields
	// write differently from the codec: NaN and infinities where the schema
	// allows them, and UTC offsets with seconds (encoding/json's time.Time
	// drops the seconds, a different instant; the codec writes UTC).
	plain bool
	depth int
}

// newValueGen returns a generator for the registered package pkg.
func newValueGen(t testing.TB, pkgs map[string]*ir.Package, pkg string, seed uint64) *valueGen {
	t.Helper()
	g := &valueGen{r: rand.New(rand.NewPCG(seed, 0x5e55)), pkg: pkgs[pkg], types: map[string]reflect.Type{}, decoders: map[string]func([]byte) (any, error){}, bareUnknown: map[string]bool{}}
	if g.pkg == nil {
		t.Fatalf("no IR for %s", pkg)
	}
	for _, c := range registry {
		if c.pkg != pkg {
			continue
		}
		if c.typ != nil {
			g.types[c.name] = c.typ
			continue
		}
		g.decoders[c.name] = c.decode
		if c.unknown != nil {
			g.types[c.unknown.Name()] = c.unknown
			continue
		}
		// The unknown holder of an open hierarchy is reached by decoding a
		// discriminator value no schema uses; a base with required fields
		// rejects that, and polymorphic finds the holder by decoding a
		// concrete value relabelled.
		v, err := c.decode([]byte(`{` + strconv.Quote(g.discriminatorOf(c.name)) + `:"#sessiongen.unknown"}`))
		if err == nil {
			u := reflect.TypeOf(v).Elem()
			g.types[u.Name()] = u
			g.bareUnknown[u.Name()] = true
		}
	}
	return g
}

// relabelled returns an unknown subtype of iface decoded from a valid
// concrete value whose discriminator is replaced by typ, so that the base's
// fields hold values; ok is false when no such value came out.
func (g *valueGen) relabelled(iface *ir.Interface, typ string) (reflect.Value, bool) {
	decode := g.decoders[iface.Name]
	c := iface.Concrete[g.r.IntN(len(iface.Concrete))]
	near := g.near
	g.near = 0
	sv := g.structValue(c)
	g.near = near
	enc, err := sv.Interface().(interface{ AppendJSON([]byte) ([]byte, error) }).AppendJSON(nil)
	if err != nil || decode == nil {
		return reflect.Value{}, false
	}
	disc := strconv.Quote(iface.Root.Discriminator) + ":"
	old := disc + strconv.Quote(c.DiscriminatorValue)
	if !bytes.Contains(enc, []byte(old)) {
		return reflect.Value{}, false
	}
	v, err := decode(bytes.Replace(enc, []byte(old), []byte(disc+strconv.Quote(typ)), 1))
	if err != nil {
		return reflect.Value{}, false
	}
	u := reflect.ValueOf(v)
	if u.Elem().Type().Name() != iface.Unknown {
		return reflect.Value{}, false
	}
	g.types[iface.Unknown] = u.Elem().Type()
	return u, true
}

// chance reports true with probability p.
func (g *valueGen) chance(p float64) bool { return g.r.Float64() < p }

// bad reports whether this decision should break a rule.
func (g *valueGen) bad() bool { return g.near > 0 && g.chance(g.near) }

// writable returns v, made settable even when reached through unexported
// fields (Optional's).
func writable(v reflect.Value) reflect.Value {
	if v.CanSet() {
		return v
	}
	return reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem()
}

// structValue returns a pointer to a new random value of object type s.
func (g *valueGen) structValue(s *ir.Struct) reflect.Value {
	typ := g.types[s.Name]
	if typ == nil {
		panic("no Go type for " + s.Name)
	}
	p := reflect.New(typ)
	g.fill(p.Elem(), s)
	return p
}

// fill sets every field of the struct value rv of type s.
func (g *valueGen) fill(rv reflect.Value, s *ir.Struct) {
	g.depth++
	defer func() { g.depth-- }()
	for _, fl := range s.Fields {
		fv := rv.FieldByName(fl.Name)
		if !fv.IsValid() {
			panic(s.Name + " has no field " + fl.Name)
		}
		switch {
		case fl.Optional:
			g.optional(fv, fl)
		case fl.NilAbsent && (g.chance(0.3) || g.deep()):
			// Absent: nil, as decoding leaves it.
		default:
			g.value(fv, fl.Type)
		}
	}
	if s.Open {
		g.members(rv.FieldByName("AdditionalProperties"), s)
	}
	for _, r := range s.Rules {
		g.rule(rv, r)
	}
}

// rule makes the fields of cross-field rule r hold values the rule accepts
// (a valid value), or, as a near-valid decision, values it refuses: none
// present, or two present where at most one may be.
func (g *valueGen) rule(rv reflect.Value, r *ir.Rule) {
	var present []*ir.Field
	for _, fl := range r.Fields {
		fv := rv.FieldByName(fl.Name)
		if fl.NilAbsent && !fv.IsNil() || fl.Optional && fv.FieldByName("state").Uint() == 2 {
			present = append(present, fl)
		}
	}
	set := func(fl *ir.Field, on bool) {
		fv := rv.FieldByName(fl.Name)
		if fl.NilAbsent {
			fv.Set(reflect.Zero(fv.Type()))
			if on {
				g.value(fv, fl.Type)
			}
			return
		}
		if !on {
			// Absent holds the zero value, as decoding leaves it.
			writable(fv.FieldByName("state")).SetUint(0)
			value := writable(fv.FieldByName("value"))
			value.Set(reflect.Zero(value.Type()))
			return
		}
		writable(fv.FieldByName("state")).SetUint(2)
		g.value(fv.FieldByName("value"), fl.Type)
	}
	pick := func() *ir.Field { return r.Fields[g.r.IntN(len(r.Fields))] }
	if g.bad() {
		if r.Kind == "atLeastOneOf" || r.Kind == "exactlyOneOf" && g.chance(0.5) {
			for _, fl := range r.Fields {
				set(fl, false)
			}
			return
		}
		set(r.Fields[0], true)
		set(r.Fields[1], true)
		return
	}
	switch {
	case len(present) == 0 && r.Kind != "mutuallyExclusive":
		set(pick(), true)
	case len(present) > 1 && r.Kind != "atLeastOneOf":
		keep := present[g.r.IntN(len(present))]
		for _, fl := range present {
			if fl != keep {
				set(fl, false)
			}
		}
	}
}

// deep reports whether a value should stop nesting objects here.
func (g *valueGen) deep() bool { return g.depth > 4 }

// optional sets the Optional field fv: absent, null or a value.
func (g *valueGen) optional(fv reflect.Value, fl *ir.Field) {
	state := writable(fv.FieldByName("state"))
	value := writable(fv.FieldByName("value"))
	composite := fl.Type.Kind == ir.StructRef || fl.Type.Kind == ir.InterfaceRef || fl.Type.Kind == ir.Slice || fl.Type.Kind == ir.Map
	switch {
	case fl.Required && g.bad():
		state.SetUint(0) // absent
		return
	case !fl.Required && (g.chance(0.3) || composite && g.deep()):
		state.SetUint(0)
		return
	case fl.Nullable && g.chance(0.2), !fl.Nullable && g.bad():
		state.SetUint(1) // null
		return
	}
	state.SetUint(2)
	g.value(value, fl.Type)
	if fl.Nullable && fl.Type.Kind == ir.JSON && !g.bad() {
		// JSON null held as a value of a nullable field comes back as Null():
		// Validate reports it, so a valid value holds something else.
		for bytes.Equal(bytes.TrimSpace(value.Bytes()), []byte("null")) || value.Len() == 0 {
			g.value(value, fl.Type)
		}
	}
}

// value sets fv to a random value of t.
func (g *valueGen) value(fv reflect.Value, t *ir.Type) {
	fv = writable(fv)
	switch t.Kind {
	case ir.String, ir.URI, ir.UUID:
		fv.SetString(g.str(t))
	case ir.EnumRef:
		fv.SetString(g.enum(t.Enum))
	case ir.Int32, ir.Int64:
		fv.SetInt(g.integer(t))
	case ir.Float64, ir.Float32:
		fv.SetFloat(g.float(t))
	case ir.Bool:
		fv.SetBool(g.chance(0.5))
	case ir.DateTime:
		fv.Set(reflect.ValueOf(g.dateTime()))
	case ir.Date: // each package has its own copy of the support types
		fv.Set(reflect.ValueOf(g.date()).Convert(fv.Type()))
	case ir.Duration:
		fv.Set(reflect.ValueOf(g.duration()).Convert(fv.Type()))
	case ir.JSON:
		if raw := g.rawJSON(); raw != "" {
			fv.SetBytes([]byte(raw))
		} else {
			fv.SetZero()
		}
	case ir.StructRef:
		if !t.Pointer {
			g.fill(fv, t.Struct)
			return
		}
		if g.bad() {
			fv.SetZero() // nil
			return
		}
		fv.Set(g.structValue(t.Struct))
	case ir.InterfaceRef:
		if v := g.polymorphic(t.Interface); v.IsValid() {
			fv.Set(v)
		} else {
			fv.SetZero()
		}
	case ir.Slice:
		g.slice(fv, t)
	case ir.Map:
		g.mapValue(fv, t)
	case ir.UnionRef:
		g.union(fv, t.Union)
	case ir.NullableElem:
		g.nullableElem(fv, t)
	default:
		panic(fmt.Sprintf("kind %d", t.Kind))
	}
}

// union sets the union value fv to one of its members, or, to break a rule,
// to none (the zero value, which Validate reports and the encoder refuses).
func (g *valueGen) union(fv reflect.Value, u *ir.Union) {
	fv.SetZero()
	if g.bad() {
		return
	}
	m := u.Members[g.r.IntN(len(u.Members))]
	writable(fv.FieldByName("kind")).SetUint(uint64(m.Kind))
	g.value(fv.FieldByName(m.Field), m.Type)
}

// nullableElem sets the Optional item or map value fv: null or a value, or,
// to break a rule, absent (written as null, so Validate reports it).
func (g *valueGen) nullableElem(fv reflect.Value, t *ir.Type) {
	fv.SetZero()
	state := writable(fv.FieldByName("state"))
	switch {
	case g.bad():
		return // absent
	case g.chance(0.25):
		state.SetUint(1) // null
		return
	}
	state.SetUint(2)
	g.value(fv.FieldByName("value"), t.Elem)
}

// runes of random strings: escapes, HTML characters, JavaScript line
// terminators, multi-byte characters and U+FFFD among plain letters.
var strRunes = []rune("abcXYZ019 _-./%\"\\\n\t\x00\x1f\x7f<>&'é\u2028\u2029\U0001F600\ufffd")

func (g *valueGen) str(t *ir.Type) string {
	var s string
	switch {
	case t.Pattern != nil:
		s = g.fromPattern(t.Pattern.Expr)
	case t.Kind == ir.URI:
		s = "https://example.com/" + g.word()
	case t.Kind == ir.UUID:
		var b [16]byte
		for i := range b {
			b[i] = byte(g.r.UintN(256))
		}
		s = fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
	default:
		lo, hi := 0, 12
		if t.MinLength != nil {
			lo = *t.MinLength
		}
		if t.MaxLength != nil && *t.MaxLength < hi {
			hi = *t.MaxLength
		}
		if hi < lo {
			hi = lo
		}
		n := lo + g.r.IntN(hi-lo+1)
		var b strings.Builder
		for range n {
			b.WriteRune(strRunes[g.r.IntN(len(strRunes))])
		}
		s = b.String()
	}
	if g.bad() {
		s += "\xff" // invalid UTF-8
	}
	return s
}

// word is a short random ASCII name.
func (g *valueGen) word() string {
	const letters = "abcdefghijklmnopqrstuvwxyz"
	b := make([]byte, 1+g.r.IntN(8))
	for i := range b {
		b[i] = letters[g.r.IntN(len(letters))]
	}
	return string(b)
}

// fromPattern returns a string matching the regular expression expr (the
// schemas' patterns are anchored shapes such as ^KC[0-9a-fA-F]{32}$).
func (g *valueGen) fromPattern(expr string) string {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		panic(err)
	}
	var b strings.Builder
	g.regexpString(re.Simplify(), &b)
	return b.String()
}

func (g *valueGen) regexpString(re *syntax.Regexp, b *strings.Builder) {
	repeat := func(lo, hi int) {
		if hi < 0 {
			hi = lo + 3
		}
		for range lo + g.r.IntN(hi-lo+1) {
			g.regexpString(re.Sub[0], b)
		}
	}
	switch re.Op {
	case syntax.OpLiteral:
		b.WriteString(string(re.Rune))
	case syntax.OpCharClass:
		i := 2 * g.r.IntN(len(re.Rune)/2)
		lo, hi := re.Rune[i], re.Rune[i+1]
		if hi > lo+1000 {
			hi = lo + 1000
		}
		b.WriteRune(lo + rune(g.r.IntN(int(hi-lo)+1)))
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		b.WriteByte('a' + byte(g.r.IntN(26)))
	case syntax.OpCapture:
		g.regexpString(re.Sub[0], b)
	case syntax.OpStar:
		repeat(0, 3)
	case syntax.OpPlus:
		repeat(1, 3)
	case syntax.OpQuest:
		repeat(0, 1)
	case syntax.OpRepeat:
		repeat(re.Min, re.Max)
	case syntax.OpConcat:
		for _, s := range re.Sub {
			g.regexpString(s, b)
		}
	case syntax.OpAlternate:
		g.regexpString(re.Sub[g.r.IntN(len(re.Sub))], b)
	}
}

func (g *valueGen) enum(e *ir.Enum) string {
	switch {
	case g.bad():
		return "not-listed\xff"
	case e.Open && g.chance(0.2):
		return "new-" + g.word()
	}
	return e.Values[g.r.IntN(len(e.Values))].Wire
}

// bound parses a schema bound, or returns def.
func bound(b *ir.Bound, def float64) float64 {
	if b == nil {
		return def
	}
	f, err := strconv.ParseFloat(b.Text, 64)
	if err != nil {
		panic(err)
	}
	return f
}

func (g *valueGen) integer(t *ir.Type) int64 {
	lo, hi := int64(math.MinInt64), int64(math.MaxInt64)
	if t.Kind == ir.Int32 {
		lo, hi = math.MinInt32, math.MaxInt32
	}
	lo = max(lo, int64(bound(t.Minimum, float64(lo))))
	if t.Maximum != nil {
		hi = min(hi, int64(bound(t.Maximum, 0)))
	}
	switch g.r.IntN(5) {
	case 0:
		return lo
	case 1:
		return hi
	case 2:
		return min(max(0, lo), hi)
	}
	if lo < -1<<40 && hi > 1<<40 {
		return g.r.Int64N(1<<41) - 1<<40
	}
	return lo + g.r.Int64N(hi-lo+1)
}

func (g *valueGen) float(t *ir.Type) float64 {
	if (t.NonFinite && !g.plain && g.chance(0.3)) || g.bad() {
		return [...]float64{math.NaN(), math.Inf(1), math.Inf(-1)}[g.r.IntN(3)]
	}
	var f float64
	if t.Kind == ir.Float32 {
		f = float64([...]float32{0, 1.5, -2.25, 1e-7, 3.4e38, 1e21, 0.1, float32(g.r.NormFloat64() * 1e4)}[g.r.IntN(8)])
	} else {
		f = [...]float64{0, math.Copysign(0, -1), 1.5, 1e-7, 1e21, math.MaxFloat64, 5e-324, 0.1, g.r.NormFloat64() * 1e6}[g.r.IntN(9)]
	}
	lo, hi := bound(t.Minimum, math.Inf(-1)), bound(t.Maximum, math.Inf(1))
	if f < lo || f > hi {
		f = lo
		if math.IsInf(f, 0) {
			f = hi
		}
	}
	return f
}

func (g *valueGen) dateTime() time.Time {
	year := g.r.IntN(10000)
	if g.bad() {
		year = []int{-1, 1_000_000_000, 1_234_567_890}[g.r.IntN(3)]
	}
	loc := time.UTC
	switch g.r.IntN(4) {
	case 1:
		loc = time.FixedZone("", (g.r.IntN(28*60)-14*60)*60)
	case 2:
		loc = time.FixedZone("named", 5*3600+30*60)
	case 3:
		if !g.plain && g.chance(0.2) {
			loc = time.FixedZone("LMT", -17762) // New York's local mean time: seconds
		}
	}
	ns := 0
	if g.chance(0.5) {
		ns = g.r.IntN(1e9)
	}
	return time.Date(year, time.Month(1+g.r.IntN(12)), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60), ns, loc)
}

func (g *valueGen) date() support.Date {
	d := support.Date{Year: g.r.IntN(10000), Month: time.Month(1 + g.r.IntN(12)), Day: 1 + g.r.IntN(28)}
	if g.bad() {
		switch g.r.IntN(3) {
		case 0:
			d.Month = 13
		case 1:
			d.Month, d.Day = 2, 30
		default:
			d.Year = 1_000_000_000
		}
	}
	return d
}

func (g *valueGen) duration() support.Duration {
	var d support.Duration
	for _, c := range []*int64{&d.Years, &d.Months, &d.Weeks, &d.Days, &d.Hours, &d.Minutes, &d.Seconds} {
		if g.chance(0.3) {
			*c = g.r.Int64N(100)
		}
	}
	if g.chance(0.3) {
		d.Nanos = int32(g.r.IntN(1e9))
	}
	d.Negative = !d.IsZero() && g.chance(0.3)
	if g.bad() {
		switch g.r.IntN(3) {
		case 0:
			d.Hours = -1
		case 1:
			d.Nanos = 1e9
		default:
			d = support.Duration{Negative: true}
		}
	}
	return d
}

// rawValues are json values as a caller may hold them: whitespace around
// and inside, escapes, nesting.
var rawValues = []string{`null`, `1`, `-0.5e10`, `"s"`, `"\u00e9\n"`, `true`, `[]`, `{}`,
	`[1,{"a":true}]`, `{"k":[],"n":null}`, ` {"x" : 1} `, `{"a":{"b":[null,"<&>"]}}`}

// badRawValues are not exactly one JSON value without repeated names.
var badRawValues = []string{`{"a":1,"a":2}`, `[1,`, `01`, `1 2`, `{"a":}`, "\"\xff\""}

func (g *valueGen) rawJSON() string {
	if g.bad() {
		return badRawValues[g.r.IntN(len(badRawValues))]
	}
	if g.chance(0.05) {
		return "" // a nil json value is null
	}
	return rawValues[g.r.IntN(len(rawValues))]
}

// discriminatorOf returns the discriminator of the hierarchy whose
// interface is named name.
func (g *valueGen) discriminatorOf(name string) string {
	for _, s := range g.pkg.Structs {
		if s.Interface != nil && s.Interface.Name == name {
			return s.Discriminator
		}
	}
	return g.pkg.API.Discriminator
}

// polymorphic returns a value of the interface of iface: a concrete type of
// the hierarchy or an unknown subtype; near-valid ones are nil, a typed nil
// or an unknown subtype that would decode as something else (any unknown
// subtype of a hierarchy with closed subtypes).
func (g *valueGen) polymorphic(iface *ir.Interface) reflect.Value {
	if g.bad() {
		switch g.r.IntN(3) {
		case 0:
			return reflect.Value{} // nil interface
		case 1:
			return reflect.Zero(reflect.PointerTo(g.types[iface.Concrete[0].Name])) // typed nil
		}
		if u, ok := g.relabelled(iface, "#sessiongen.unknown.near"); ok && len(iface.Root.Fields) > 0 {
			// A typed base field changed without Raw: the encoder would lose it.
			u.Elem().Field(g.r.IntN(len(iface.Root.Fields))).SetZero()
			return u
		}
		if g.types[iface.Unknown] == nil {
			return reflect.Value{}
		}
		u := reflect.New(g.types[iface.Unknown])
		typ := iface.Concrete[g.r.IntN(len(iface.Concrete))].DiscriminatorValue
		u.Elem().FieldByName(iface.TypeField).SetString(typ)
		raw := `{` + strconv.Quote(iface.Root.Discriminator) + `:` + strconv.Quote(typ) + `}`
		if g.chance(0.5) {
			raw = `{"x":1}`
		}
		if iface.Closed && g.chance(0.5) {
			typ = "#sessiongen.unknown." + g.word()
			raw = `{` + strconv.Quote(iface.Root.Discriminator) + `:` + strconv.Quote(typ) + `}`
			u.Elem().FieldByName(iface.TypeField).SetString(typ)
		}
		u.Elem().FieldByName(iface.RawField).SetBytes([]byte(raw))
		return u
	}
	if !iface.Closed && !g.deep() && g.chance(0.2) {
		if u, ok := g.relabelled(iface, "#sessiongen.unknown."+g.word()); ok {
			return u
		}
	}
	// A bare unknown subtype (the discriminator and an unknown member) is
	// valid only where the base requires nothing: decoding one succeeded.
	if !iface.Closed && g.bareUnknown[iface.Unknown] && (g.chance(0.2) || g.deep() && g.chance(0.5)) {
		u := reflect.New(g.types[iface.Unknown])
		typ := "#sessiongen.unknown." + g.word()
		member := ""
		if !g.deep() {
			member = `,"x":` + rawValues[g.r.IntN(len(rawValues))]
		}
		u.Elem().FieldByName(iface.TypeField).SetString(typ)
		u.Elem().FieldByName(iface.RawField).SetBytes([]byte(`{` + strconv.Quote(iface.Root.Discriminator) + `:` + strconv.Quote(typ) + member + `}`))
		return u
	}
	return g.structValue(iface.Concrete[g.r.IntN(len(iface.Concrete))])
}

func (g *valueGen) slice(fv reflect.Value, t *ir.Type) {
	lo, hi := 0, 3
	if t.MinItems != nil {
		lo = *t.MinItems
	}
	if t.MaxItems != nil && *t.MaxItems < hi {
		hi = *t.MaxItems
	}
	if hi < lo {
		hi = lo
	}
	n := lo + g.r.IntN(hi-lo+1)
	if g.deep() {
		n = lo
	}
	// Non-nil even when empty, as decoding makes it: a nil slice is an
	// absent optional field (ir.Field.NilAbsent), and encoding/json writes
	// a nil slice of a caller's struct as null.
	out := reflect.MakeSlice(fv.Type(), 0, n)
	seen := map[string]bool{}
	for range n {
		e := reflect.New(fv.Type().Elem()).Elem()
		g.value(e, t.Elem)
		if t.UniqueItems {
			key := fmt.Sprintf("%#v", e.Interface())
			if seen[key] {
				continue
			}
			seen[key] = true
		}
		out = reflect.Append(out, e)
	}
	fv.Set(out)
}

func (g *valueGen) mapValue(fv reflect.Value, t *ir.Type) {
	n := g.r.IntN(4)
	if g.deep() {
		n = 0
	}
	if n == 0 && g.chance(0.5) {
		fv.SetZero()
		return
	}
	m := reflect.MakeMap(fv.Type())
	for range n {
		k := g.word()
		if g.chance(0.2) {
			k = "é\"\\ " + k
		}
		if g.bad() {
			k += "\xfe"
		}
		e := reflect.New(fv.Type().Elem()).Elem()
		g.value(e, t.Elem)
		m.SetMapIndex(reflect.ValueOf(k), e)
	}
	fv.Set(m)
}

// members sets the undeclared members of an open type.
func (g *valueGen) members(fv reflect.Value, s *ir.Struct) {
	var out []support.Member
	for range g.r.IntN(3) {
		out = append(out, support.Member{Name: "x-" + g.word() + "-" + strconv.Itoa(len(out)), Value: json.RawMessage(rawValues[g.r.IntN(len(rawValues))])})
	}
	if g.bad() {
		m := support.Member{Name: "x-dup", Value: json.RawMessage(`1`)}
		switch g.r.IntN(4) {
		case 0:
			if len(s.Fields) > 0 {
				m.Name = s.Fields[g.r.IntN(len(s.Fields))].Wire
			}
		case 1:
			out = append(out, m)
		case 2:
			m.Value = json.RawMessage(badRawValues[g.r.IntN(len(badRawValues))])
		default:
			m.Name = "x\xff"
		}
		out = append(out, m)
	}
	if out == nil {
		fv.SetZero()
		return
	}
	rv := reflect.MakeSlice(fv.Type(), len(out), len(out))
	for i, m := range out {
		rv.Index(i).Set(reflect.ValueOf(m).Convert(fv.Type().Elem()))
	}
	fv.Set(rv)
}

// top returns a random value of the registered type c: a pointer to a
// struct, or a non-nil value of an interface.
func (g *valueGen) top(c *codec) any {
	if c.typ != nil {
		return g.structValue(g.irStruct(c.name)).Interface()
	}
	for _, s := range g.pkg.Structs {
		if s.Interface != nil && s.Interface.Name == c.name {
			for {
				if v := g.polymorphic(s.Interface); v.IsValid() {
					return v.Interface()
				}
			}
		}
	}
	panic("no interface " + c.name)
}

// irStruct returns the IR of the struct named name.
func (g *valueGen) irStruct(name string) *ir.Struct {
	for _, s := range g.pkg.Structs {
		if s.Name == name {
			return s
		}
	}
	panic("no struct " + name)
}
