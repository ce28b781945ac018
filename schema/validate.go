package schema

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/big"
	"net/url"
	"regexp"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sessiongen/sessiongen/schema/goname"
)

// validate resolves references and checks every rule that spans more than
// one value. It fills TypeRef.Target, ResourceRef.Target and Type.Subtypes.
func validate(r *reporter, f *File) {
	v := &validator{r: r, f: f, names: f.Namer(), types: map[string]*Type{}, resources: map[string]*Resource{},
		props: map[*Type]map[string]*Property{}, params: map[*Resource]map[string]*Property{},
		suggestBudget: 1 << 27}
	v.packageAndAPI()
	v.indexImported()
	v.declareTypes()
	v.declareResources()
	v.inlineEnums()
	// Bases are resolved before any type is checked: checking a type walks
	// its whole base chain (for its key, say), and a base declared later in
	// the file must already point at its own base.
	for _, t := range f.Types {
		if !t.IsEnum && t.Base != nil {
			if what := fmt.Sprintf("type %q base", clip(t.Name)); v.local(t.Base, what) {
				v.resolve(t.Base, what, true)
			} else {
				t.Base = nil // reported; not also a hierarchy without discriminator
			}
		}
	}
	for _, t := range f.Types {
		v.typ(t)
	}
	v.hierarchies()
	for _, t := range f.Types {
		v.typeDefaultsAndRules(t)
	}
	v.cycles()
	v.apiRefs()
	// Likewise every parent is resolved, and parent cycles broken, before a
	// method's path parameters are looked up among its resource's ancestors.
	v.parents()
	for _, res := range f.Resources {
		v.resource(res)
	}
	v.pagedItems()
}

type validator struct {
	r         *reporter
	f         *File
	names     goname.Namer // the file's Go namer, with the API's initialisms
	types     map[string]*Type
	resources map[string]*Resource
	// props and params index each object type's own properties and each
	// resource's own parameters by name, so that looking a name up along a
	// chain costs one map access per level.
	props  map[*Type]map[string]*Property
	params map[*Resource]map[string]*Property
	// suggestBudget bounds the edit-distance work spent on "did you mean"
	// suggestions, which is quadratic: a file with thousands of dangling
	// references gets suggestions for the first ones only.
	suggestBudget int
}

// maxDepth bounds base chains and resource nesting. Real APIs stay within a
// few levels; the bound keeps every walk up a chain short, so that no schema,
// however large, makes validation quadratic.
const maxDepth = 32

func (v *validator) errorf(pos Pos, format string, args ...any) { v.r.errorf(pos, format, args...) }

var goIdentifier = regexp.MustCompile(`^[A-Z][A-Za-z0-9]*$`)

var pathSegment = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// RuntimeDirs are the folders under the output root where sessiongen writes
// the runtime packages that the generated packages share (the generator's
// RuntimeDir and FakeRuntimeDir): no package.path may lie in them.
var RuntimeDirs = []string{"internal/sessiongenrt", "internal/sessiongenfake"}

func (v *validator) packageAndAPI() {
	p := v.f.Package
	if p.Name != "" && !goname.IsPackageName(p.Name) {
		v.errorf(p.NamePos, "package.name %q is not a Go package name: want lower-case letters and digits, starting with a letter", clip(p.Name))
	}
	if p.Path != "" {
		if strings.HasPrefix(p.Path, "/") {
			v.errorf(p.PathPos, "package.path %q is absolute: want a path relative to the output root", clip(p.Path))
		} else {
			for _, seg := range strings.Split(p.Path, "/") {
				if !pathSegment.MatchString(seg) {
					v.errorf(p.PathPos, "package.path %q: segment %q must match [a-z0-9][a-z0-9_-]* (no absolute paths, no ..)", clip(p.Path), clip(seg))
					break
				}
			}
			for _, dir := range RuntimeDirs {
				if p.Path == dir || strings.HasPrefix(p.Path, dir+"/") {
					v.errorf(p.PathPos, "package.path %q is where sessiongen writes the runtime its packages share (%s): choose another path", clip(p.Path), dir)
				}
			}
		}
	}
	a := v.f.API
	if a.BaseURL != "" {
		u, err := url.Parse(a.BaseURL)
		switch {
		case err != nil:
			v.errorf(a.Pos, "api.baseURL %q is not a URL", clip(a.BaseURL))
		case u.Scheme != "https" || u.Host == "":
			v.errorf(a.Pos, "api.baseURL %q: want an absolute https URL", clip(a.BaseURL))
		case u.RawQuery != "" || u.Fragment != "" || strings.HasSuffix(u.Path, "/"):
			v.errorf(a.Pos, "api.baseURL %q: want no query, fragment or trailing slash", clip(a.BaseURL))
		}
	}
	if p := a.Pagination; p != nil && p.Style == PaginationPageNumber && p.PageParam != "" && p.PageParam == p.SizeParam {
		v.errorf(p.Pos, "api.pagination: pageParam and sizeParam are both %q", p.PageParam)
	}
}

func (v *validator) declareTypes() {
	goNames := map[string]*Type{}
	for _, t := range v.f.Types {
		if t.Name == "" {
			v.errorf(t.Pos, "type name is empty")
			continue
		}
		if _, dup := v.types[t.Name]; dup {
			continue // reported by the loader as a duplicate key
		}
		v.types[t.Name] = t
		v.props[t] = index(t.Properties)
		if t.GoName != "" && !goIdentifier.MatchString(t.GoName) {
			v.errorf(t.GoNamePos, "type %q goName %q: want an exported Go identifier (ASCII letters and digits, starting upper case)", clip(t.Name), clip(t.GoName))
		}
		g := t.GoIdent(v.names)
		if prev, ok := goNames[g]; ok {
			v.errorf(t.Pos, "type %q and type %q (line %d) both become Go name %s", clip(t.Name), clip(prev.Name), prev.Pos.Line, g)
			continue
		}
		goNames[g] = t
	}
}

func (v *validator) declareResources() {
	goNames := map[string]*Resource{}
	for _, res := range v.f.Resources {
		v.resources[res.Name] = res
		v.params[res] = index(res.Params)
		g := v.names.Exported(res.Name)
		if prev, ok := goNames[g]; ok {
			v.errorf(res.Pos, "resource %q and resource %q (line %d) both become Go name %s", clip(res.Name), clip(prev.Name), prev.Pos.Line, g)
			continue
		}
		goNames[g] = res
	}
}

// resolve looks up a type reference; wantObject requires an object type.
func (v *validator) resolve(ref *TypeRef, what string, wantObject bool) *Type {
	if ref == nil {
		return nil
	}
	t, ok := v.types[ref.Name]
	if !ok {
		if t, imported := v.importedType(ref, what); imported {
			ref.Target = t
			return t
		}
		msg := fmt.Sprintf("%s: unknown type %q", what, clip(ref.Name))
		if v.suggest(ref.Name, len(builtinKinds)+len(v.f.Types)) {
			if s := nearest(ref.Name, append(kindNames(), typeNames(v.f)...)); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
		}
		v.errorf(ref.Pos, "%s", msg)
		return nil
	}
	if wantObject && t.IsEnum {
		v.errorf(ref.Pos, "%s: %q is an enum: want an object type", what, clip(ref.Name))
		return nil
	}
	if wantObject && t.Union != nil {
		v.errorf(ref.Pos, "%s: %q is a union: want an object type", what, clip(ref.Name))
		return nil
	}
	if wantObject && t.GoType != nil {
		v.errorf(ref.Pos, "%s: %q is your own Go type (goType): want an object type", what, clip(ref.Name))
		return nil
	}
	ref.Target = t
	return t
}

// suggest reports whether a suggestion for name among n candidates still fits
// in the budget, and spends it.
func (v *validator) suggest(name string, n int) bool {
	cost := n * (len(name) + 1) * 16 // type and resource names average under 16 bytes
	if cost > v.suggestBudget {
		v.suggestBudget = 0
		return false
	}
	v.suggestBudget -= cost
	return true
}

func kindNames() []string {
	out := make([]string, len(builtinKinds))
	for i, k := range builtinKinds {
		out[i] = string(k)
	}
	return out
}

func typeNames(f *File) []string {
	out := make([]string, 0, len(f.Types))
	for _, t := range f.Types {
		out = append(out, t.Name)
	}
	return out
}

var idPrefix = regexp.MustCompile(`^[A-Za-z0-9]+$`)

func (v *validator) typ(t *Type) {
	what := fmt.Sprintf("type %q", clip(t.Name))
	if t.InlineOf != "" {
		return // checked by inlineEnums, where it is written
	}
	if t.IsEnum {
		v.enum(t, what)
		return
	}
	if t.Union != nil {
		v.unionType(t, what)
		return
	}
	if t.GoType != nil {
		v.goType(t.GoType, what)
		return
	}
	if t.IDPrefix != "" && !idPrefix.MatchString(t.IDPrefix) {
		v.errorf(t.Pos, "%s idPrefix %q: want letters and digits", what, clip(t.IDPrefix))
	}
	v.properties(t.Properties, what, propertyContext)
	if t.Key != "" && v.lookupProperty(t, t.Key) == nil {
		v.errorf(t.Pos, "%s key: no property %q", what, clip(t.Key))
	}
}

func (v *validator) enum(t *Type, what string) {
	seen := map[string]*EnumValue{}
	goNames := map[string]*EnumValue{}
	for _, ev := range t.Enum {
		if ev.Value == "" {
			v.errorf(ev.Pos, "%s: empty enum value", what)
			continue
		}
		if prev, dup := seen[ev.Value]; dup {
			v.errorf(ev.Pos, "%s: duplicate enum value %q (first at line %d)", what, clip(ev.Value), prev.Pos.Line)
			continue
		}
		seen[ev.Value] = ev
		g := ev.GoIdent(v.names)
		if ev.GoName != "" && !goIdentifier.MatchString(ev.GoName) {
			v.errorf(ev.GoNamePos, "%s: enum value %q goName %q: want an exported Go identifier (ASCII letters and digits, starting upper case)", what, clip(ev.Value), clip(ev.GoName))
			continue
		}
		if prev, ok := goNames[g]; ok {
			hint := fmt.Sprintf("give one of them its own with the long form {value: %s, goName: ...}", quote(ev.Value))
			if ev.GoName != "" || prev.GoName != "" {
				hint = "choose another goName"
			}
			v.errorf(ev.Pos, "%s: enum values %q and %q (line %d) both become Go name %s: %s", what, clip(ev.Value), clip(prev.Value), prev.Pos.Line, g, hint)
			continue
		}
		goNames[g] = ev
	}
	if t.Sentinel != "" && seen[t.Sentinel] == nil {
		v.errorf(t.Pos, "%s sentinel %q is not one of its values", what, clip(t.Sentinel))
	}
}

// index maps names to properties, keeping the first of each name.
func index(props []*Property) map[string]*Property {
	m := make(map[string]*Property, len(props))
	for _, p := range props {
		if _, dup := m[p.Name]; !dup {
			m[p.Name] = p
		}
	}
	return m
}

// chain returns t and its bases, nearest first. It stops before a type it
// has seen (a cycle, reported by cycles) and after maxDepth bases (reported
// too), so it is short whatever the schema.
func chain(t *Type) []*Type {
	out := []*Type{t}
	for b := baseOf(t); b != nil && len(out) <= maxDepth && !slices.Contains(out, b); b = baseOf(b) {
		out = append(out, b)
	}
	return out
}

// lookupProperty finds the property name of t or of one of its bases.
func (v *validator) lookupProperty(t *Type, name string) *Property {
	for _, c := range chain(t) {
		if p := v.props[c][name]; p != nil {
			return p
		}
	}
	return nil
}

func baseOf(t *Type) *Type {
	if t.Base == nil {
		return nil
	}
	return t.Base.Target
}

func findProperty(props []*Property, name string) *Property {
	for _, p := range props {
		if p.Name == name {
			return p
		}
	}
	return nil
}

// properties checks a list of properties, fields or parameters.
func (v *validator) properties(props []*Property, what string, ctx propContext) {
	goNames := map[string]*Property{}
	for _, p := range props {
		pwhat := fmt.Sprintf("%s property %q", what, clip(p.Name))
		switch ctx {
		case paramContext:
			pwhat = fmt.Sprintf("%s parameter %q", what, clip(p.Name))
		case queryContext:
			pwhat = fmt.Sprintf("%s query parameter %q", what, clip(p.Name))
		case headerContext:
			pwhat = fmt.Sprintf("%s header %q", what, clip(p.Name))
		case responseHeaderContext:
			pwhat = fmt.Sprintf("%s response header %q", what, clip(p.Name))
		}
		if p.Name == "" {
			v.errorf(p.Pos, "%s: empty name", what)
			continue
		}
		g := v.names.Exported(p.Name)
		if prev, ok := goNames[g]; ok {
			v.errorf(p.Pos, "%s: %q and %q (line %d) both become Go name %s", what, clip(p.Name), clip(prev.Name), prev.Pos.Line, g)
		} else {
			goNames[g] = p
		}
		v.expr(&p.Type, pwhat)
		switch ctx {
		case paramContext:
			if !p.Type.Kind.IsScalar() && !(p.Type.Kind == KindNamed && p.Type.Ref.Target != nil && p.Type.Ref.Target.IsEnum) {
				v.errorf(p.Type.Pos, "%s: a path parameter must be a scalar or an enum%s", pwhat, goTypeNotText(&p.Type))
			}
		case queryContext, headerContext, responseHeaderContext:
			k := p.Type.Kind
			if k == KindArray && p.Type.Items != nil {
				k = p.Type.Items.Kind
				if k == KindNamed && p.Type.Items.Ref != nil && p.Type.Items.Ref.Target != nil && p.Type.Items.Ref.Target.IsEnum {
					k = KindString
				}
			}
			if k == KindNamed && p.Type.Ref != nil && p.Type.Ref.Target != nil && p.Type.Ref.Target.IsEnum {
				k = KindString
			}
			if !k.IsScalar() && k != "" {
				noun := "query parameter"
				if ctx != queryContext {
					noun = "header"
				}
				v.errorf(p.Type.Pos, "%s: a %s must be a scalar, an enum or a list of them%s", pwhat, noun, goTypeNotText(&p.Type))
			}
			if p.Explode != nil && p.Type.Kind != KindArray {
				v.errorf(p.Pos, "%s: explode applies to arrays only", pwhat)
			}
		}
		if ctx == queryContext || ctx == headerContext || ctx == responseHeaderContext {
			v.nullItemsInText(&p.Type, pwhat)
		}
		if p.ReadOnly && p.CreateOnly {
			v.errorf(p.Pos, "%s: readOnly and createOnly contradict each other%s", pwhat, defaultNote(p, "readOnly"))
		}
		if p.RequiredOnCreate && p.ReadOnly {
			v.errorf(p.Pos, "%s: readOnly and requiredOnCreate contradict each other%s", pwhat, defaultNote(p, "readOnly"))
		}
		if p.RequiredOnCreate && p.Default != nil {
			v.errorf(p.Default.Pos, "%s: a property required on create cannot have a default", pwhat)
		}
		if p.Relationship && p.Required {
			v.errorf(p.Pos, "%s: a relationship is present only when expanded, so it cannot be required%s", pwhat, defaultNote(p, "required"))
		}
		if p.Default != nil {
			v.literal(p.Default, &p.Type, p.Nullable, pwhat+" default")
			if p.Required {
				v.errorf(p.Default.Pos, "%s: a required property cannot have a default%s", pwhat, defaultNote(p, "required"))
			}
		}
		for _, ex := range p.Examples {
			v.literal(ex, &p.Type, p.Nullable, pwhat+" example")
		}
	}
}

// expr resolves a type expression and checks that its constraints fit its kind.
func (v *validator) expr(t *TypeExpr, what string) {
	if t.Kind == "" {
		return // missing type, already reported
	}
	if t.GoType != nil {
		v.goType(t.GoType, what)
	}
	if t.Kind == KindNamed && t.Inline == nil {
		target := v.resolve(t.Ref, what, false)
		if target != nil && target.GoType != nil {
			// A reference to a declared goType is that Go type (its
			// spelling is checked once, at the declaration).
			t.Kind = KindGoType
			t.GoType = target.GoType
		} else {
			v.namedUnion(t, target)
		}
	}
	k := t.Kind
	isString := k == KindString || k == KindURI
	isNumber := k == KindInt32 || k == KindInt64 || k == KindNumber || k == KindFloat32
	check := func(present bool, name string, ok bool) {
		if present && !ok {
			v.errorf(t.keyPos(name), "%s: %s does not apply to type %s", what, name, kindLabel(t))
		}
	}
	check(t.MinLength != nil, "minLength", isString)
	check(t.MaxLength != nil, "maxLength", isString)
	check(t.Pattern != "", "pattern", isString)
	check(t.Minimum != nil, "minimum", isNumber)
	check(t.Maximum != nil, "maximum", isNumber)
	check(t.MinItems != nil, "minItems", k == KindArray)
	check(t.MaxItems != nil, "maxItems", k == KindArray)
	check(t.UniqueItems, "uniqueItems", k == KindArray)
	check(t.NonFinite, "nonFinite", k == KindNumber || k == KindFloat32)
	check(t.Items != nil, "items", k == KindArray)
	check(t.Values != nil, "values", k == KindMap)
	_, ofWritten := t.keys["of"]
	check(ofWritten, "of", k == KindUnion)
	if k == KindUnion && t.UnionType == nil {
		v.union(t, what) // a named union is checked once, where it is declared
	}
	if k == KindArray && t.Items == nil {
		v.errorf(t.Pos, "%s: an array needs items", what)
	}
	if k == KindMap && t.Values == nil {
		v.errorf(t.Pos, "%s: a map needs values", what)
	}
	if t.MinLength != nil && t.MaxLength != nil && *t.MinLength > *t.MaxLength {
		v.errorf(t.valPos("maxLength"), "%s: minLength %d is greater than maxLength %d", what, *t.MinLength, *t.MaxLength)
	}
	if t.MinItems != nil && t.MaxItems != nil && *t.MinItems > *t.MaxItems {
		v.errorf(t.valPos("maxItems"), "%s: minItems %d is greater than maxItems %d", what, *t.MinItems, *t.MaxItems)
	}
	if t.Pattern != "" {
		if _, err := regexp.Compile(t.Pattern); err != nil {
			// The error text repeats the whole pattern, however long:
			// give the problem and the part it is about, clipped.
			msg := strings.TrimPrefix(err.Error(), "error parsing regexp: ")
			var se *syntax.Error
			if errors.As(err, &se) {
				msg = se.Code.String()
				if se.Expr != "" && se.Expr != t.Pattern {
					msg += fmt.Sprintf(" at %q", clip(se.Expr))
				}
			}
			v.errorf(t.valPos("pattern"), "%s: pattern %q does not compile: %s", what, clip(t.Pattern), msg)
		}
	}
	if isNumber {
		v.bounds(t, what)
	}
	if t.Items != nil {
		v.expr(t.Items, what+" items")
		// Generated validators compare items with ==, which needs scalars.
		it := t.Items
		enum := it.Kind == KindNamed && it.Ref != nil && it.Ref.Target != nil && it.Ref.Target.IsEnum
		if t.UniqueItems && !it.Kind.IsScalar() && !enum && it.Kind != "" {
			v.errorf(t.keyPos("uniqueItems"), "%s: uniqueItems needs items that are scalars or enums, not %s", what, kindLabel(it))
		}
	}
	if t.Values != nil {
		v.expr(t.Values, what+" values")
	}
	if t.UniqueItems && t.Items != nil && t.Items.Nullable {
		v.errorf(t.keyPos("uniqueItems"), "%s: uniqueItems needs items that cannot be null", what)
	}
	for _, e := range []*TypeExpr{t.Items, t.Values} {
		if e != nil && e.Nullable && e.Kind == KindJSON {
			// A json item holds null as a value already; two nulls would not
			// come back apart.
			v.errorf(e.keyPos("nullable"), "%s: a json item or value holds null already; nullable does not apply", what)
		}
	}
}

func kindLabel(t *TypeExpr) string {
	if (t.Kind == KindNamed || t.UnionType != nil) && t.Ref != nil {
		return strconv.Quote(clip(t.Ref.Name))
	}
	return string(t.Kind)
}

// bounds checks that numeric bounds are representable in the kind and ordered.
func (v *validator) bounds(t *TypeExpr, what string) {
	var lo, hi *big.Float
	for _, b := range []struct {
		n    *Number
		name string
		dst  **big.Float
	}{{t.Minimum, "minimum", &lo}, {t.Maximum, "maximum", &hi}} {
		if b.n == nil {
			continue
		}
		f, _, err := big.ParseFloat(b.n.Text, 10, 200, big.ToNearestEven)
		if err != nil {
			v.errorf(b.n.Pos, "%s: %s %s is not a number", what, b.name, clip(b.n.Text))
			continue
		}
		switch t.Kind {
		case KindInt32, KindInt64:
			bits := 64
			if t.Kind == KindInt32 {
				bits = 32
			}
			if _, err := strconv.ParseInt(b.n.Text, 10, bits); err != nil {
				if f.IsInt() && decimal.MatchString(b.n.Text) {
					v.errorf(b.n.Pos, "%s: %s %s is out of range for %s", what, b.name, clip(b.n.Text), t.Kind)
				} else {
					v.errorf(b.n.Pos, "%s: %s %s is not a decimal integer", what, b.name, clip(b.n.Text))
				}
				continue
			}
		case KindFloat32:
			if x, _ := f.Float64(); math.Abs(x) > math.MaxFloat32 {
				v.errorf(b.n.Pos, "%s: %s %s is out of range for float32", what, b.name, clip(b.n.Text))
				continue
			}
		case KindNumber:
			if x, _ := f.Float64(); math.IsInf(x, 0) {
				v.errorf(b.n.Pos, "%s: %s %s is out of range for number", what, b.name, clip(b.n.Text))
				continue
			}
		}
		*b.dst = f
	}
	if lo != nil && hi != nil && lo.Cmp(hi) > 0 {
		v.errorf(t.Maximum.Pos, "%s: minimum %s is greater than maximum %s", what, t.Minimum.Text, t.Maximum.Text)
	}
}

// literal checks that a default or example has the JSON shape its type needs.
func (v *validator) literal(val *Value, t *TypeExpr, nullable bool, what string) {
	// Numbers stay as written (json.Number): a float64 would silently turn
	// 1e999 into an error and round large int64 values.
	dec := json.NewDecoder(strings.NewReader(val.JSON))
	dec.UseNumber()
	var x any
	if err := dec.Decode(&x); err != nil {
		return // cannot happen: the loader wrote it
	}
	if msg := shapeError(x, t, nullable); msg != "" {
		v.errorf(val.Pos, "%s: %s", what, msg)
	}
}

func shapeError(x any, t *TypeExpr, nullable bool) string {
	if x == nil {
		if nullable {
			return ""
		}
		return "null, but the property is not nullable"
	}
	want := ""
	switch t.Kind {
	case KindString, KindURI, KindUUID, KindDate, KindDateTime, KindDuration:
		s, ok := x.(string)
		if !ok {
			want = "a string"
			break
		}
		if t.MaxLength != nil && utf8.RuneCountInString(s) > *t.MaxLength {
			return fmt.Sprintf("%q is longer than maxLength %d", clip(s), *t.MaxLength)
		}
		if t.MinLength != nil && utf8.RuneCountInString(s) < *t.MinLength {
			return fmt.Sprintf("%q is shorter than minLength %d", clip(s), *t.MinLength)
		}
		if t.Pattern != "" {
			if re, err := regexp.Compile(t.Pattern); err == nil && !re.MatchString(s) {
				return fmt.Sprintf("%q does not match pattern %q", clip(s), clip(t.Pattern))
			}
		}
	case KindInt32, KindInt64:
		n, ok := x.(json.Number)
		if !ok {
			want = "an integer"
			break
		}
		f, _, err := big.ParseFloat(string(n), 10, 200, big.ToNearestEven)
		if err != nil || !f.IsInt() {
			want = "an integer"
			break
		}
		lo, hi := int64(math.MinInt64), int64(math.MaxInt64)
		if t.Kind == KindInt32 {
			lo, hi = math.MinInt32, math.MaxInt32
		}
		if i, acc := f.Int64(); acc != big.Exact || i < lo || i > hi {
			return fmt.Sprintf("%s is out of range for %s", clip(string(n)), t.Kind)
		}
		return outOfBounds(f, string(n), t)
	case KindNumber, KindFloat32:
		n, ok := x.(json.Number)
		if !ok {
			want = "a number"
			break
		}
		bits := 64
		if t.Kind == KindFloat32 {
			bits = 32
		}
		if _, err := strconv.ParseFloat(string(n), bits); err != nil {
			return fmt.Sprintf("%s is out of range for %s", clip(string(n)), t.Kind)
		}
		if f, _, err := big.ParseFloat(string(n), 10, 200, big.ToNearestEven); err == nil {
			return outOfBounds(f, string(n), t)
		}
	case KindBoolean:
		if _, ok := x.(bool); !ok {
			want = "true or false"
		}
	case KindArray:
		list, ok := x.([]any)
		if !ok {
			want = "a list"
			break
		}
		if t.MaxItems != nil && len(list) > *t.MaxItems {
			return fmt.Sprintf("%d items, more than maxItems %d", len(list), *t.MaxItems)
		}
		if t.MinItems != nil && len(list) < *t.MinItems {
			return fmt.Sprintf("%d items, fewer than minItems %d", len(list), *t.MinItems)
		}
		if t.Items != nil {
			for _, e := range list {
				if e == nil && !t.Items.Nullable {
					return "a null item, but the items are not nullable"
				}
				if msg := shapeError(e, t.Items, t.Items.Nullable); msg != "" {
					return msg
				}
			}
		}
	case KindMap:
		if _, ok := x.(map[string]any); !ok {
			want = "a mapping"
		}
	case KindUnion:
		return unionShapeError(x, t)
	case KindNamed:
		if t.Ref == nil || t.Ref.Target == nil {
			return ""
		}
		if t.Ref.Target.IsEnum {
			s, ok := x.(string)
			if !ok {
				return "want one of the enum's values"
			}
			if !slices.ContainsFunc(t.Ref.Target.Enum, func(e *EnumValue) bool { return e.Value == s }) && !t.Ref.Target.Open {
				return fmt.Sprintf("%q is not a value of enum %q", clip(s), clip(t.Ref.Target.Name))
			}
			return ""
		}
		if _, ok := x.(map[string]any); !ok {
			want = "a mapping"
		}
	}
	if want != "" {
		return fmt.Sprintf("want %s for type %s", want, kindLabel(t))
	}
	return ""
}

// outOfBounds says how the number f (written text) breaks t's minimum or
// maximum, or returns "".
func outOfBounds(f *big.Float, text string, t *TypeExpr) string {
	if t.Minimum != nil {
		if lo, _, err := big.ParseFloat(t.Minimum.Text, 10, 200, big.ToNearestEven); err == nil && f.Cmp(lo) < 0 {
			return fmt.Sprintf("%s is less than minimum %s", clip(text), clip(t.Minimum.Text))
		}
	}
	if t.Maximum != nil {
		if hi, _, err := big.ParseFloat(t.Maximum.Text, 10, 200, big.ToNearestEven); err == nil && f.Cmp(hi) > 0 {
			return fmt.Sprintf("%s is greater than maximum %s", clip(text), clip(t.Maximum.Text))
		}
	}
	return ""
}

// hierarchies resolves bases, records subtypes and checks discriminators.
func (v *validator) hierarchies() {
	for _, t := range v.f.Types {
		if b := baseOf(t); b != nil {
			b.Subtypes = append(b.Subtypes, t)
		}
	}
	values := map[rootValue]*Type{}
	for _, t := range v.f.Types {
		if t.IsEnum {
			continue
		}
		inHierarchy := t.Base != nil || len(t.Subtypes) > 0
		v.hierarchyRootKeys(t)
		root := hierarchyRoot(t)
		if t.DiscriminatorValue != "" {
			key := rootValue{root, t.DiscriminatorValue}
			if prev, dup := values[key]; dup {
				v.errorf(t.Pos, "type %q: discriminatorValue %q is also used by type %q (line %d)", clip(t.Name), clip(t.DiscriminatorValue), clip(prev.Name), prev.Pos.Line)
			}
			values[key] = t
			if v.discriminatorOf(t) == "" {
				v.errorf(t.Pos, "type %q has a discriminatorValue but neither api.discriminator nor its hierarchy's base declares a discriminator", clip(t.Name))
			}
		}
		if inHierarchy && !t.Abstract && t.DiscriminatorValue == "" {
			v.errorf(t.Pos, "type %q is part of a type hierarchy and not abstract: it needs a discriminatorValue", clip(t.Name))
		}
		if t.Abstract && len(t.Subtypes) == 0 {
			v.errorf(t.Pos, "type %q is abstract but has no subtypes", clip(t.Name))
		}
		// A subtype may not redeclare a property of its bases.
		if b := baseOf(t); b != nil {
			ancestors := chain(b)
			for _, p := range t.Properties {
				for _, a := range ancestors {
					// a == t when the base chain loops back to t, which
					// is reported as a cycle.
					if prev := v.props[a][p.Name]; a != t && prev != nil {
						v.errorf(p.Pos, "type %q: property %q is already declared by a base type (line %d)", clip(t.Name), clip(p.Name), prev.Pos.Line)
						break
					}
				}
			}
		}
		if d := v.discriminatorOf(t); d != "" && findProperty(t.Properties, d) != nil {
			v.errorf(findProperty(t.Properties, d).Pos, "type %q: property %q is the discriminator of its hierarchy or API and is handled by sessiongen: remove it", clip(t.Name), clip(d))
		}
	}
}

// rootValue keys a discriminator value by its hierarchy: values are unique
// within one hierarchy, which has one discriminator.
type rootValue struct {
	root  *Type
	value string
}

// hierarchyRoot returns the type at the end of t's base chain (t itself
// outside a hierarchy); a chain that loops is reported by cycles.
func hierarchyRoot(t *Type) *Type {
	c := chain(t)
	return c[len(c)-1]
}

// discriminatorOf returns the member that selects a subtype in t's
// hierarchy: its root's discriminator, else api.discriminator. Outside a
// hierarchy it is api.discriminator, which such types keep as a field.
func (v *validator) discriminatorOf(t *Type) string {
	if r := hierarchyRoot(t); (t.Base != nil || len(t.Subtypes) > 0) && r.Discriminator != "" {
		return r.Discriminator
	}
	return v.f.API.Discriminator
}

// hierarchyRootKeys checks that discriminator and subtypes are declared on
// the root of a hierarchy only: they hold for the whole hierarchy.
func (v *validator) hierarchyRootKeys(t *Type) {
	for _, k := range []struct {
		set  bool
		pos  Pos
		name string
	}{{t.Discriminator != "", t.DiscriminatorPos, "discriminator"}, {t.SubtypesPos != (Pos{}), t.SubtypesPos, "subtypes"}} {
		switch {
		case !k.set:
		case t.Base != nil:
			v.errorf(k.pos, "type %q: %s is declared on the root of a hierarchy only; this type has base %q", clip(t.Name), k.name, clip(t.Base.Name))
		case len(t.Subtypes) == 0:
			v.errorf(k.pos, "type %q: %s applies to a hierarchy, but no type has this one as its base", clip(t.Name), k.name)
		}
	}
}

// cycles reports base chains that loop and required object properties that
// contain themselves (a value that can never be written down).
func (v *validator) cycles() {
	// rooted holds the types whose base chain ends, within maxDepth.
	rooted := map[*Type]bool{}
	for _, t := range v.f.Types {
		c := chain(t)
		last := c[len(c)-1]
		switch b := baseOf(last); {
		case b == nil:
			rooted[t] = true
		case b == t:
			v.errorf(t.Base.Pos, "type %q: base chain is a cycle", clip(t.Name))
		case len(c) == maxDepth+1 && !slices.Contains(c, b) && baseOf(b) == nil:
			// Reported once, at the first type past the limit.
			v.errorf(t.Base.Pos, "type %q: base chain is more than %d types deep", clip(t.Name), maxDepth)
		}
	}
	// Required, non-nullable object properties are held by value, so a loop of
	// them has no finite instance. A type holds its own such properties and,
	// through an edge to its base, its base's: each type is visited once.
	// Base edges are followed only on chains that end, so that a base cycle
	// (reported above) is not mistaken for a containment cycle.
	state := map[*Type]int{} // 0 new, 1 on stack, 2 done
	var visit func(t *Type, via *Property) bool
	visit = func(t *Type, via *Property) bool {
		switch state[t] {
		case 1:
			if via != nil {
				v.errorf(via.Pos, "property %q makes type %q contain itself through required properties: make one optional or nullable", clip(via.Name), clip(t.Name))
			}
			return true
		case 2:
			return false
		}
		state[t] = 1
		found := false
		for _, p := range t.Properties {
			if !p.Required || p.Nullable || p.Type.Kind != KindNamed || p.Type.Ref == nil || p.Type.Ref.Target == nil || p.Type.Ref.Target.IsEnum {
				continue
			}
			if visit(p.Type.Ref.Target, p) {
				found = true
				break
			}
		}
		if b := baseOf(t); !found && b != nil && rooted[t] {
			visit(b, via) // the base's fields are t's: same path in
		}
		state[t] = 2
		return false
	}
	for _, t := range v.f.Types {
		if !t.IsEnum && state[t] == 0 {
			visit(t, nil)
		}
	}
}

// apiRefs checks the parts of api that name types and properties.
func (v *validator) apiRefs() {
	a := v.f.API
	shapes := a.ErrorsByStatus
	if a.Errors != nil {
		shapes = append([]*ErrorShape{a.Errors}, shapes...)
	}
	for _, e := range shapes {
		v.errorShape(e)
	}
	v.properties(a.Headers, "api", headerContext)
	v.requestHeaders("api", a.Headers)
	if p := a.Pagination; p != nil {
		v.pageMetadata(p)
		v.expandedNextLink(p)
	}
}

func (v *validator) errorShape(e *ErrorShape) {
	if e.Type != nil {
		if t := v.resolve(e.Type, "api.errors.type", true); t != nil {
			for _, jp := range []struct {
				name string
				path JSONPath
				pos  Pos
			}{
				{"code", e.Code, e.CodePos},
				{"message", e.Message, e.MessagePos},
				{"requestId", e.RequestID, e.RequestIDPos},
			} {
				if jp.path != nil {
					v.jsonPath(t, jp.path, jp.pos, "api.errors."+jp.name)
				}
			}
			v.errorCodes(t, e)
		}
	}
	if len(e.Codes) > 0 && len(e.Code) == 0 {
		v.errorf(e.Codes[0].Pos, "api.errors.codes: the error body has no code (set api.errors.code)")
	}
	if len(e.Statuses) > 0 {
		for _, c := range e.Codes {
			if !slices.Contains(e.Statuses, c.Status) {
				v.errorf(c.Pos, "api.errors.codes: HTTP %d is not one of this shape's statuses", c.Status)
			}
		}
	}
}

// pageMetadata checks that page metadata names are distinct Go names and
// read distinct members.
func (v *validator) pageMetadata(p *Pagination) {
	goNames := map[string]*PageField{}
	paths := map[string]*PageField{}
	for _, f := range p.Metadata {
		what := fmt.Sprintf("api.pagination.metadata %q", clip(f.Name))
		if f.Name == "" {
			v.errorf(f.Pos, "api.pagination.metadata: empty name")
			continue
		}
		g := goname.Exported(f.Name)
		if prev, ok := goNames[g]; ok {
			v.errorf(f.Pos, "%s and %q (line %d) both become Go name %s", what, clip(prev.Name), prev.Pos.Line, g)
		} else {
			goNames[g] = f
		}
		if f.Path == nil {
			continue
		}
		key := strings.Join(f.Path, "\x00")
		if prev, ok := paths[key]; ok {
			v.errorf(f.PathPos, "%s path: %q (line %d) reads the same member", what, clip(prev.Name), prev.Pos.Line)
		} else {
			paths[key] = f
		}
		if p.Style == PaginationNextLink && slices.Equal(f.Path, p.Next) {
			v.errorf(f.PathPos, "%s path: it is pagination.next, which the iterator follows", what)
		}
	}
}

// expandedNextLink checks the pattern and that no member it names for a
// relationship array is a declared property of the same type.
func (v *validator) expandedNextLink(p *Pagination) {
	pat := p.ExpandedNextLink
	if p.ExpandedNextLinkPos.Line == 0 {
		return
	}
	rest := strings.Replace(pat, "{property}", "", 1)
	if !strings.Contains(pat, "{property}") || strings.ContainsAny(rest, "{}") || rest == "" {
		v.errorf(p.ExpandedNextLinkPos, "api.pagination.expandedNextLink %q: want {property} exactly once beside other text, as in \"{property}@odata.nextLink\"", clip(pat))
		return
	}
	for _, t := range v.f.Types {
		for _, prop := range t.Properties {
			if !prop.Relationship || prop.Type.Kind != KindArray {
				continue
			}
			member := p.ExpandedNextLinkMember(prop.Name)
			if other := v.lookupProperty(t, member); other != nil {
				v.errorf(other.Pos, "type %q: property %q is where api.pagination.expandedNextLink puts the next link of relationship %q", clip(t.Name), clip(member), clip(prop.Name))
			}
		}
	}
}

// errorCodes checks that each of api.errors.codes is written as the code
// property's type: an integer for an integer code, a string otherwise.
func (v *validator) errorCodes(t *Type, e *ErrorShape) {
	if len(e.Code) == 0 {
		return
	}
	var p *Property
	for i, name := range e.Code {
		if t == nil {
			return
		}
		if p = v.lookupProperty(t, name); p == nil {
			return
		}
		if i < len(e.Code)-1 {
			t = nil
			if p.Type.Kind == KindNamed && p.Type.Ref != nil {
				t = p.Type.Ref.Target
			}
		}
	}
	number := p.Type.Kind == KindInt32 || p.Type.Kind == KindInt64
	for _, c := range e.Codes {
		if c.Number != number {
			want := "a string"
			if number {
				want = "an integer"
			}
			v.errorf(c.Pos, "api.errors.codes: the code of HTTP %d must be %s, as property %q is", c.Status, want, clip(p.Name))
		}
	}
}

// jsonPath checks that path names properties from type t down, as far as the
// types are declared (a json-typed step ends the check).
func (v *validator) jsonPath(t *Type, path JSONPath, pos Pos, what string) {
	cur := t
	for i, name := range path {
		if cur == nil {
			return
		}
		p := v.lookupProperty(cur, name)
		if p == nil {
			if cur.Open {
				return
			}
			v.errorf(pos, "%s: type %q has no property %q", what, clip(cur.Name), clip(name))
			return
		}
		if i == len(path)-1 {
			return
		}
		holder := cur
		cur = nil
		if p.Type.Kind == KindNamed && p.Type.Ref != nil && p.Type.Ref.Target != nil && !p.Type.Ref.Target.IsEnum {
			cur = p.Type.Ref.Target
		} else if p.Type.Kind != KindJSON {
			// Name the type that holds the property, not the root.
			v.errorf(pos, "%s: property %q of type %q is not an object", what, clip(name), clip(holder.Name))
		}
	}
}

// envelopeNames are the members common APIs put a page's items in.
var envelopeNames = []string{"value", "items", "data", "results", "records", "entries", "elements", "list", "content"}

// pagedItems warns about a paged response whose items member nothing
// explains: no other list of the API uses the name, it does not name the
// last literal segment of the method's path (Twilio's phone_numbers for
// /PhoneNumbers) and it is not a common envelope name (value, items, data,
// ...). Since a page without its items member is an error, a misspelt name
// would fail every page of the list at run time, and nothing in the schema
// shows what the real pages carry: a warning, not an error.
func (v *validator) pagedItems() {
	norm := func(s string) string {
		return strings.ToLower(strings.NewReplacer("_", "", "-", "").Replace(s))
	}
	uses := map[string]int{}
	for _, r := range v.f.Resources {
		for _, m := range r.Methods {
			if m.Response != nil && m.Response.Paged && m.Response.Items != "" {
				uses[m.Response.Items]++
			}
		}
	}
	for _, r := range v.f.Resources {
		for _, m := range r.Methods {
			resp := m.Response
			if resp == nil || !resp.Paged || resp.Items == "" || uses[resp.Items] > 1 || slices.Contains(envelopeNames, resp.Items) {
				continue
			}
			last := ""
			for seg := range strings.SplitSeq(m.Path, "/") {
				if seg != "" && !strings.ContainsAny(seg, "{}") {
					last = seg
				}
			}
			if last != "" && norm(last) == norm(resp.Items) {
				continue
			}
			v.f.Warnings = append(v.f.Warnings, Diagnostic{Pos: resp.Pos, Msg: fmt.Sprintf(
				"resource %q method %q: items %q is used by no other list, is not the path's last segment (%q) and is not a common envelope member: check that the API's pages carry it, since a page without it is an error",
				clip(r.Name), clip(m.Name), clip(resp.Items), clip(last))})
		}
	}
	v.f.Warnings = v.f.Warnings.sorted()
}

var pathParam = regexp.MustCompile(`\{([^{}]*)\}`)

func (v *validator) resource(res *Resource) {
	what := fmt.Sprintf("resource %q", clip(res.Name))
	if res.Type != nil {
		if v.local(res.Type, what+" type") {
			v.resolve(res.Type, what+" type", true)
		}
	}
	v.properties(res.Params, what, paramContext)
	v.pathTemplate(res.Path, res.PathPos, what+" path", nil)
	goNames := map[string]*Method{}
	for _, m := range res.Methods {
		g := v.names.Exported(m.Name)
		if prev, ok := goNames[g]; ok {
			v.errorf(m.Pos, "%s: methods %q and %q (line %d) both become Go name %s", what, clip(m.Name), clip(prev.Name), prev.Pos.Line, g)
		} else {
			goNames[g] = m
		}
		v.method(res, m)
	}
	v.resourceDefaults(what, res)
}

func resourceNames(f *File) []string {
	out := make([]string, 0, len(f.Resources))
	for _, r := range f.Resources {
		out = append(out, r.Name)
	}
	return out
}

func parentOf(r *Resource) *Resource {
	if r.Parent == nil {
		return nil
	}
	return r.Parent.Target
}

// parents resolves every resource's parent, then breaks and reports parent
// cycles and chains deeper than maxDepth.
func (v *validator) parents() {
	for _, res := range v.f.Resources {
		if res.Parent == nil {
			continue
		}
		p, ok := v.resources[res.Parent.Name]
		if !ok {
			msg := fmt.Sprintf("resource %q parent: unknown resource %q", clip(res.Name), clip(res.Parent.Name))
			if v.suggest(res.Parent.Name, len(v.f.Resources)) {
				if s := nearest(res.Parent.Name, resourceNames(v.f)); s != "" {
					msg += fmt.Sprintf("; did you mean %q?", s)
				}
			}
			v.errorf(res.Parent.Pos, "%s", msg)
			continue
		}
		res.Parent.Target = p
	}
	for _, res := range v.f.Resources {
		a := ancestors(res)
		switch last := parentOf(a[len(a)-1]); {
		case last == res:
			// The cycle is reported at its first resource and broken
			// there, so the others see a chain that ends.
			v.errorf(res.Parent.Pos, "resource %q parent: resources form a cycle", clip(res.Name))
			res.Parent.Target = nil
		case last != nil && len(a) == maxDepth+1 && !slices.Contains(a, last) && parentOf(last) == nil:
			v.errorf(res.Parent.Pos, "resource %q parent: resources are nested more than %d deep", clip(res.Name), maxDepth)
		}
	}
}

// ancestors returns res and its parents, nearest first, stopping before a
// repeat and after maxDepth parents.
func ancestors(res *Resource) []*Resource {
	out := []*Resource{res}
	for p := parentOf(res); p != nil && len(out) <= maxDepth && !slices.Contains(out, p); p = parentOf(p) {
		out = append(out, p)
	}
	return out
}

// lookupParam finds the path parameter name of res or of an ancestor.
func (v *validator) lookupParam(res *Resource, name string) *Property {
	for _, a := range ancestors(res) {
		if p := v.params[a][name]; p != nil {
			return p
		}
	}
	return nil
}

// pathTemplate checks braces and, when declared is not nil, that every
// parameter is declared.
func (v *validator) pathTemplate(path string, pos Pos, what string, declared func(name string) bool) {
	if path == "" {
		return
	}
	if !strings.HasPrefix(path, "/") {
		v.errorf(pos, "%s %q: want a path starting with /", what, clip(path))
		return
	}
	if strings.ContainsAny(path, "?#") {
		v.errorf(pos, "%s %q: a path template has no query or fragment; declare query parameters under query", what, clip(path))
	}
	stripped := pathParam.ReplaceAllString(path, "")
	if strings.ContainsAny(stripped, "{}") {
		v.errorf(pos, "%s %q: unbalanced braces", what, clip(path))
		return
	}
	seen := map[string]bool{}
	for _, m := range pathParam.FindAllStringSubmatch(path, -1) {
		name := m[1]
		if seen[name] {
			v.errorf(pos, "%s %q: parameter {%s} appears twice", what, clip(path), clip(name))
		}
		seen[name] = true
		if declared != nil && !declared(name) {
			v.errorf(pos, "%s: path parameter {%s} has no definition; add it to params of the method, its resource or a parent", what, clip(name))
		}
	}
}

func (v *validator) method(res *Resource, m *Method) {
	what := fmt.Sprintf("resource %q method %q", clip(res.Name), clip(m.Name))
	v.properties(m.Params, what, paramContext)
	own := index(m.Params)
	for _, p := range m.Params {
		if rp := v.lookupParam(res, p.Name); rp != nil {
			v.errorf(p.Pos, "%s: parameter %q is already declared by resource (line %d)", what, clip(p.Name), rp.Pos.Line)
		}
	}
	v.pathTemplate(m.Path, m.PathPos, what+" path", func(name string) bool {
		return own[name] != nil || v.lookupParam(res, name) != nil
	})
	v.properties(m.Query, what, queryContext)
	if m.Body != nil {
		if m.HTTP == "GET" {
			v.errorf(m.Body.Pos, "%s: a GET request has no body", what)
		}
		if m.Body.Type != nil {
			if v.local(m.Body.Type, what+" body type") {
				v.resolve(m.Body.Type, what+" body type", true)
			}
		}
		v.properties(m.Body.Fields, what+" body", propertyContext)
		for _, f := range m.Body.Fields {
			if f.ReadOnly {
				v.errorf(f.Pos, "%s body field %q: a request field cannot be readOnly", what, clip(f.Name))
			}
			if f.RequiredOnCreate {
				v.errorf(f.Pos, "%s body field %q: requiredOnCreate is for type properties; a body field that must be sent is required", what, clip(f.Name))
			}
		}
		v.bodyRules(what+" body", m.Body)
	}
	v.formBody(what, m)
	v.methodHeaders(what, m)
	if len(m.Statuses) == 1 && m.Statuses[0] == 204 && m.Response != nil {
		v.errorf(m.StatusPos, "%s status: 204 No Content has no body, but the response has type", what)
	}
	if r := m.Response; r != nil {
		switch {
		case r.Type != nil && slices.Contains(builtinKinds, Kind(r.Type.Name)):
			// Before the text/plain form this read "unknown type", with the
			// kind itself as the suggestion.
			v.errorf(r.Type.Pos, "%s response type: a JSON response is an object type, not %s; a text/plain body holding a scalar says contentType: text/plain", what, clip(r.Type.Name))
		case r.Type != nil:
			if v.local(r.Type, what+" response type") {
				v.resolve(r.Type, what+" response type", true)
			}
		}
		switch {
		case r.Paged && r.Text != "":
			v.errorf(r.Pos, "%s response: a text/plain response cannot be paged", what)
		case r.Paged && r.Binary:
			v.errorf(r.Pos, "%s response: a binary response cannot be paged", what)
		case r.Paged && r.Items == "":
			v.errorf(r.Pos, "%s response: a paged response needs items, the array property holding the elements", what)
		case !r.Paged && r.Items != "":
			v.errorf(r.Pos, "%s response: items applies to paged responses only", what)
		case r.Paged && v.f.API.Pagination == nil:
			v.errorf(r.Pos, "%s response: paged, but api.pagination is not set", what)
		}
	}
	v.properties(m.ResponseHeaders, what, responseHeaderContext)
}

// clientHeaders are set by every generated client itself; a schema that
// declared one would fight it.
var clientHeaders = []string{"Authorization", "Content-Type", "Content-Length", "Host", "Accept", "User-Agent", "Transfer-Encoding"}

// requestHeaders checks request headers (of the API or of a method): not a
// header the client sets itself, the authentication header or the
// idempotency header.
func (v *validator) requestHeaders(what string, headers []*Property) {
	a := v.f.API
	for _, h := range headers {
		for _, c := range clientHeaders {
			if strings.EqualFold(h.Name, c) {
				v.errorf(h.Pos, "%s header %q: the client sets it itself", what, clip(h.Name))
			}
		}
		switch {
		case a.Auth.Scheme == AuthAPIKey && strings.EqualFold(h.Name, a.Auth.Header):
			v.errorf(h.Pos, "%s header %q: it carries the API key (api.auth.header)", what, clip(h.Name))
		case a.IdempotencyHeader != "" && strings.EqualFold(h.Name, a.IdempotencyHeader):
			v.errorf(h.Pos, "%s header %q: it is api.idempotencyHeader, which the client sets", what, clip(h.Name))
		}
	}
}

// methodHeaders checks a method's request headers against the API's.
func (v *validator) methodHeaders(what string, m *Method) {
	v.properties(m.Headers, what, headerContext)
	v.requestHeaders(what, m.Headers)
	for _, h := range m.Headers {
		for _, ah := range v.f.API.Headers {
			if strings.EqualFold(h.Name, ah.Name) {
				v.errorf(h.Pos, "%s header %q: already declared by api.headers (line %d)", what, clip(h.Name), ah.Pos.Line)
			}
		}
	}
}

// checkPackagePaths reports two files that would write the same package.
func checkPackagePaths(r *reporter, files []*File) {
	seen := map[string]*File{}
	for _, f := range files {
		if f.Package.PathPos.Line == 0 {
			continue // no package.path at all: reported as missing
		}
		if prev, dup := seen[f.Package.Path]; dup {
			r.errorf(f.Package.PathPos, "package.path %q is also used by %s", clip(f.Package.Path), prev.Path)
			continue
		}
		seen[f.Package.Path] = f
	}
}

// unionMemberKinds are the kinds a union may have as members: the scalars.
var unionMemberKinds = []Kind{KindString, KindInt32, KindInt64, KindNumber, KindFloat32, KindBoolean,
	KindDate, KindDateTime, KindDuration, KindURI, KindUUID}

// union checks the members of a union: at least two, each a scalar kind,
// no two written as the same JSON token (a decoder chooses the member by
// the token alone, so string | date-time or int32 | int64 would be
// ambiguous).
func (v *validator) union(t *TypeExpr, what string) {
	if _, written := t.keys["of"]; written && t.Of == nil {
		return // the loader reported why the list cannot be read
	}
	if len(t.Of) < 2 {
		v.errorf(t.keyPos("of"), "%s: a union needs of, a list of at least two scalar types", what)
	}
	byToken := map[string]UnionMember{}
	for _, m := range t.Of {
		if m.Kind == KindNamed {
			target := v.resolve(m.Ref, what+" of", false)
			if target == nil {
				continue // reported
			}
			if !target.IsEnum {
				v.errorf(m.Pos, "%s of: %q is not an enum; a union member is a scalar type or an enum", what, clip(m.Ref.Name))
				continue
			}
		} else if !slices.Contains(unionMemberKinds, m.Kind) {
			names := make([]string, len(unionMemberKinds))
			for i, k := range unionMemberKinds {
				names[i] = string(k)
			}
			v.errorf(m.Pos, "%s of: %q is not a scalar type; a union member is an enum type or one of %s", what, clip(string(m.Kind)), strings.Join(names, ", "))
			continue
		}
		tok := UnionToken(m.Kind)
		if prev, dup := byToken[tok]; dup {
			v.errorf(m.Pos, "%s of: %s and %s (line %d) are both a JSON %s, so a value could not say which it is; keep one", what, memberLabel(m), memberLabel(prev), prev.Pos.Line, tok)
			continue
		}
		byToken[tok] = m
	}
}

// memberLabel names a union member in a message: its kind, or its enum type
// quoted.
func memberLabel(m UnionMember) string {
	if m.Ref != nil {
		return strconv.Quote(clip(m.Ref.Name))
	}
	return string(m.Kind)
}

// nullItemsInText reports array items that may be null in a query
// parameter or header, whose text has no null.
func (v *validator) nullItemsInText(t *TypeExpr, what string) {
	if t.Kind == KindArray && t.Items != nil && t.Items.Nullable {
		v.errorf(t.Items.keyPos("nullable"), "%s: items of a query parameter or header cannot be null (text has no null)", what)
	}
}

// formBody reports, in a body sent as a form, the fields a form cannot
// carry: a union (form text does not say whether "12" is a string or a
// number) and a list whose items may be null (a list is sent as repeated
// keys, which have no null). Objects and maps are sent as JSON text, so
// unions and nulls inside them are fine.
func (v *validator) formBody(what string, m *Method) {
	b := m.Body
	if b == nil {
		return
	}
	enc := b.Encoding
	if enc == "" {
		enc = v.f.API.Encoding
	}
	if enc != EncodingForm {
		return
	}
	props := b.Fields
	if b.Type != nil && b.Type.Target != nil && !b.Type.Target.IsEnum {
		for _, c := range chain(b.Type.Target) {
			props = append(props, c.Properties...)
		}
	}
	for _, p := range props {
		t := &p.Type
		if t.Kind == KindArray && t.Items != nil {
			if t.Items.Nullable {
				v.errorf(t.Items.keyPos("nullable"), "%s form body field %q: a form sends a list as repeated keys, which cannot be null", what, clip(p.Name))
			}
			t = t.Items
		}
		if t.Kind == KindUnion {
			v.errorf(t.Pos, "%s form body field %q: a union cannot be sent in a form, whose text does not say which member it is", what, clip(p.Name))
		}
	}
}

// unionShapeError checks a default or example of a union against the
// member its JSON token selects.
func unionShapeError(x any, t *TypeExpr) string {
	tok := "string"
	switch x.(type) {
	case json.Number:
		tok = "number"
	case bool:
		tok = "boolean"
	case string:
	default:
		tok = ""
	}
	var names []string
	for _, m := range t.Of {
		names = append(names, memberLabel(m))
		if tok != "" && UnionToken(m.Kind) == tok {
			return shapeError(x, &TypeExpr{Kind: m.Kind, Ref: m.Ref}, false)
		}
	}
	return fmt.Sprintf("want one of %s for type union", strings.Join(names, ", "))
}

// unionType checks a named union: written as a property's union is
// (type: union, of: [...]); other aliases of a type are not supported.
func (v *validator) unionType(t *Type, what string) {
	u := t.Union
	if u.Kind == "" {
		v.errorf(t.Pos, "%s: a named union needs type: union", what)
		return
	}
	if u.Kind != KindUnion {
		v.errorf(u.Pos, "%s: a type with type: is a union (type: union, of: [...]), not %s; write %s where it is used", what, kindLabel(u), kindLabel(u))
		return
	}
	v.expr(u, what)
}

// namedUnion turns t, a reference to a union type, into that union: every
// rule about unions (members, constraints, where they may travel) then
// applies to it as to a union written in place.
func (v *validator) namedUnion(t *TypeExpr, target *Type) {
	if target == nil || target.Union == nil || target.Union.Kind != KindUnion {
		return
	}
	t.Kind = KindUnion
	t.Of = target.Union.Of
	t.UnionType = target
}
