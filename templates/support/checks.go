package support

import (
	"encoding/json"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// This file holds the rules of the generated validators, one function a
// rule, so that a generated validate method is one line a constraint, and
// one call: the rules are //go:noinline. Inlined, each test and the
// arguments of its violation were copied into every field of every type,
// which made validate methods the largest part of a large API's build (a
// fifth of a 100-type package's compile); a call costs a few nanoseconds of
// a walk that is not on the decoding path. They allocate only to record a
// violation.

// violated records a violation of rule at p, with a message formatted from
// format and args, and at the field name of p when name is not empty.
//
//go:noinline
func violated(vs *violationList, p *valuePath, name, rule, format string, args ...any) {
	if name != "" {
		fp := p.child(name)
		p = &fp
	}
	if len(args) == 0 {
		vs.add(p, rule, format)
		return
	}
	vs.addf(p, rule, format, args...)
}

// checkRequired records a required field that is absent.
//
//go:noinline
func checkRequired(vs *violationList, p *valuePath, name string, set bool) {
	if !set {
		violated(vs, p, name, RuleRequired, "is required")
	}
}

// checkNotNull records a null where null is not allowed.
//
//go:noinline
func checkNotNull(vs *violationList, p *valuePath, name string, null bool) {
	if null {
		violated(vs, p, name, RuleNull, "must not be null")
	}
}

// noBound marks a length or item count without a lower or upper bound.
const noBound = -1

// checkLength checks the length of s in characters (runes).
//
//go:noinline
func checkLength(vs *violationList, p *valuePath, s string, min, max int) {
	if n := utf8.RuneCountInString(s); n < min || max != noBound && n > max {
		lengthViolated(vs, p, n, min, max, RuleMinLength, RuleMaxLength, "characters")
	}
}

// lengthViolated records a length or item count n outside [min, max].
//
//go:noinline
func lengthViolated(vs *violationList, p *valuePath, n, min, max int, minRule, maxRule, unit string) {
	if n < min {
		vs.addf(p, minRule, "has %d %s, fewer than %d", n, unit, min)
	} else {
		vs.addf(p, maxRule, "has %d %s, more than %d", n, unit, max)
	}
}

// checkPattern records a string that does not match its pattern.
//
//go:noinline
func checkPattern(vs *violationList, p *valuePath, matched bool, expr string) {
	if !matched {
		violated(vs, p, "", RulePattern, "does not match %s", expr)
	}
}

// checkURI records a string that is not an absolute URI.
//
//go:noinline
func checkURI(vs *violationList, p *valuePath, s string) {
	if !isURI(s) {
		violated(vs, p, "", RuleFormat, "is not an absolute URI")
	}
}

// checkUUID records a string that is not a UUID.
//
//go:noinline
func checkUUID(vs *violationList, p *valuePath, s string) {
	if !isUUID(s) {
		violated(vs, p, "", RuleFormat, "is not a UUID")
	}
}

// number is the Go types of schema numbers.
type number interface {
	~int32 | ~int64 | ~float32 | ~float64
}

// checkMinimum records x below min; text is min as the schema writes it.
//
//go:noinline
func checkMinimum[T number](vs *violationList, p *valuePath, x, min T, text string) {
	if x < min {
		violated(vs, p, "", RuleMinimum, "is %v, less than %s", x, text)
	}
}

// checkMaximum records x above max; text is max as the schema writes it.
//
//go:noinline
func checkMaximum[T number](vs *violationList, p *valuePath, x, max T, text string) {
	if x > max {
		violated(vs, p, "", RuleMaximum, "is %v, more than %s", x, text)
	}
}

// checkItems checks the number of items n of an array.
//
//go:noinline
func checkItems(vs *violationList, p *valuePath, n, min, max int) {
	if n < min || max != noBound && n > max {
		lengthViolated(vs, p, n, min, max, RuleMinItems, RuleMaxItems, "items")
	}
}

// knownValue is an enum type.
type knownValue interface {
	~string
	IsKnown() bool
}

// checkKnown records a value a closed enum does not list.
//
//go:noinline
func checkKnown[E knownValue](vs *violationList, p *valuePath, e E) {
	if !e.IsKnown() {
		violated(vs, p, "", RuleEnum, "unknown value %q", string(e))
	}
}

// checkUnique records the first repeat of each item, comparing pairwise:
// no allocation, and arrays with a uniqueItems rule are short in practice.
//
//go:noinline
func checkUnique[E comparable](vs *violationList, p *valuePath, x []E) {
	checkUniqueBy(vs, p, x, func(a, b E) bool { return a == b })
}

// checkUniqueTimes is checkUnique for date-times, which are equal when they
// are the same instant.
func checkUniqueTimes(vs *violationList, p *valuePath, x []time.Time) {
	checkUniqueBy(vs, p, x, time.Time.Equal)
}

// checkUniqueBy is checkUnique with equal deciding which items repeat.
func checkUniqueBy[E any](vs *violationList, p *valuePath, x []E, equal func(a, b E) bool) {
	for i := range x {
		for j := 0; j < i; j++ {
			if equal(x[i], x[j]) {
				violated(vs, p, "", RuleUniqueItems, "items %d and %d are equal", j, i)
				break
			}
		}
	}
}

// optionalHeld returns a pointer to the value o holds, or nil when it is
// absent or null: validators walk large objects in place rather than copy
// them. It is a function, not a method of Optional, so that only the
// Optionals it is called on compile it (every method is compiled for every
// instantiation) and so that a shared runtime need not export it on the type.
func optionalHeld[T any](o *Optional[T]) *T {
	if o.state != optValue {
		return nil
	}
	return &o.value
}

// checkPathSegment records a path parameter that cannot be sent as one path
// segment: empty (the request would name another resource: GET
// /v1/Services/ is the collection) or "." and ".." (which servers and
// proxies resolve as path steps). It reports whether the value's other
// rules are worth checking.
func checkPathSegment(vs *violationList, p *valuePath, s string) bool {
	switch s {
	case "":
		violated(vs, p, "", RuleRequired, "is required: a path parameter cannot be empty")
		return false
	case ".", "..":
		violated(vs, p, "", RuleFormat, "cannot be %q: it would be resolved as a path step", s)
		return false
	}
	return true
}

// The checks below hold the rule that a value Validate accepts encodes, and
// decodes back equal: each reports what an encoder would refuse or change.

// checkNotNil records a nil object or polymorphic value, which an encoder
// would write as null and a decoder refuse.
//
//go:noinline
func checkNotNil(vs *violationList, p *valuePath) {
	violated(vs, p, "", RuleNull, "is nil, which would be sent as null")
}

// checkUTF8 records a string that is not valid UTF-8: encoders write each
// bad byte as U+FFFD, so it would not come back as it was.
//
//go:noinline
func checkUTF8(vs *violationList, p *valuePath, s string) {
	if !utf8.ValidString(s) {
		violated(vs, p, "", RuleFormat, "is not valid UTF-8")
	}
}

// checkUTF8Field is checkUTF8 for the field name of the object at p.
//
//go:noinline
func checkUTF8Field[S ~string](vs *violationList, p *valuePath, name string, s S) {
	if !utf8.ValidString(string(s)) {
		violated(vs, p, name, RuleFormat, "is not valid UTF-8")
	}
}

// checkUTF8Optional is checkUTF8Field for an Optional field.
//
//go:noinline
func checkUTF8Optional[S ~string](vs *violationList, p *valuePath, name string, o *Optional[S]) {
	if o.state == optValue && !utf8.ValidString(string(o.value)) {
		violated(vs, p, name, RuleFormat, "is not valid UTF-8")
	}
}

// checkFormList records an empty, non-nil list of an optional field of a form
// body, which sends a list as repeated keys and so an empty one as nothing:
// it would arrive absent.
func checkFormList[E any](vs *violationList, p *valuePath, name string, list []E) {
	if list != nil && len(list) == 0 {
		violated(vs, p, name, RuleMinItems, "is an empty list, which a form body cannot carry: leave it absent")
	}
}

// checkFormOptionalList is checkFormList for a nullable list, held in an
// Optional.
func checkFormOptionalList[E any](vs *violationList, p *valuePath, name string, o *Optional[[]E]) {
	if o.state == optValue && len(o.value) == 0 {
		violated(vs, p, name, RuleMinItems, "is an empty list, which a form body cannot carry: leave it absent")
	}
}

// checkKeys records map keys that are not valid UTF-8.
//
//go:noinline
func checkKeys[V any](vs *violationList, p *valuePath, m map[string]V) {
	for k := range m {
		if !utf8.ValidString(k) {
			violated(vs, p, "", RuleFormat, "has a key that is not valid UTF-8: %q", k)
		}
	}
}

// checkFinite records NaN and infinities, which JSON numbers cannot hold
// (a schema that allows them says nonFinite).
//
//go:noinline
func checkFinite[T ~float32 | ~float64](vs *violationList, p *valuePath, x T) {
	if f := float64(x); math.IsNaN(f) || math.IsInf(f, 0) {
		violated(vs, p, "", RuleFormat, "is %v, which a JSON number cannot hold", f)
	}
}

// checkDateTime records a date-time whose year, as RFC 3339 writes it, is
// outside 0 to 999,999,999: encoders refuse it (*TimeRangeError).
func checkDateTime(vs *violationList, p *valuePath, t time.Time) {
	if y := t.UTC().Year(); y >= 1 && y <= maxYear-1 {
		return // no offset moves it out of range; the zone lookup is not needed
	}
	if _, off := t.Zone(); off%60 != 0 {
		t = t.UTC() // as appendDateTime writes it
	}
	if y := t.Year(); y < 0 || y > maxYear {
		violated(vs, p, "", RuleFormat, "has year %d, outside 0 to %d", y, maxYear)
	}
}

// checkDateTimeField is checkDateTime for the field name of the object at p.
//
//go:noinline
func checkDateTimeField(vs *violationList, p *valuePath, name string, t time.Time) {
	if y := t.UTC().Year(); y < 1 || y > maxYear-1 {
		fp := p.child(name)
		checkDateTime(vs, &fp, t)
	}
}

// checkDateTimeOptional is checkDateTimeField for an Optional field.
//
//go:noinline
func checkDateTimeOptional(vs *violationList, p *valuePath, name string, o *Optional[time.Time]) {
	if o.state == optValue {
		checkDateTimeField(vs, p, name, o.value)
	}
}

// checkDate records a date that does not exist or has a year outside 0 to
// 999,999,999 (what ParseDate reads back).
//
//go:noinline
func checkDate(vs *violationList, p *valuePath, d Date) {
	if d.Year < 0 || d.Year > maxYear || d.Month < 1 || d.Month > 12 || d.Day < 1 || d.Day > daysIn(d.Month, d.Year) {
		violated(vs, p, "", RuleFormat, "is not a date from 0000-01-01 to %d-12-31: {%d %d %d}", maxYear, d.Year, int(d.Month), d.Day)
	}
}

// checkDuration records a duration that its ISO 8601 form cannot hold: a
// negative component (the sign is Negative), a fraction outside 0 to
// 999999999 nanoseconds, or a negative zero.
//
//go:noinline
func checkDuration(vs *violationList, p *valuePath, d Duration) {
	switch {
	case d.Years < 0 || d.Months < 0 || d.Weeks < 0 || d.Days < 0 || d.Hours < 0 || d.Minutes < 0 || d.Seconds < 0:
		violated(vs, p, "", RuleFormat, "has a negative component; set Negative instead")
	case d.Nanos < 0 || d.Nanos >= 1e9:
		violated(vs, p, "", RuleFormat, "has Nanos %d, outside 0 to 999999999", d.Nanos)
	case d.Negative && d.IsZero():
		violated(vs, p, "", RuleFormat, "is a negative zero, which is written PT0S")
	}
}

// checkDepth records an object at p that, with the n levels of arrays and
// objects it opens itself, nests deeper than decoders read
// (DefaultMaxDepth), and reports whether it did, so that the walk stops
// there rather than report every level below.
//
//go:noinline
func checkDepth(vs *violationList, p *valuePath, n int) bool {
	if p.level()+n <= defaultMaxDepth {
		return false
	}
	violated(vs, p, "", RuleFormat, "nests deeper than the %d levels decoders read", defaultMaxDepth)
	return true
}

// checkRawAt reports whether raw, a value at p, is exactly one JSON value
// without repeated names that decoders read there: its own nesting counts
// on top of p's.
func checkRawAt(p *valuePath, raw []byte) error {
	var d decoder
	d.reset(raw)
	if p.level() >= defaultMaxDepth {
		d.setMaxDepth(1)
		if k := d.peek(); k == kindObject || k == kindArray {
			return d.errAt(0, "nesting deeper than "+strconv.Itoa(defaultMaxDepth)+" levels")
		}
	} else {
		d.setMaxDepth(defaultMaxDepth - p.level())
	}
	if _, err := d.rawUnique(); err != nil {
		return err
	}
	return d.end()
}

// checkRawJSON records a json value that is not exactly one JSON value
// without repeated names, or nests too deep where it sits; empty is null.
//
//go:noinline
func checkRawJSON(vs *violationList, p *valuePath, raw json.RawMessage) {
	if len(raw) == 0 {
		return
	}
	if err := checkRawAt(p, raw); err != nil {
		violated(vs, p, "", RuleFormat, "is not one JSON value: %v", err)
	}
}

// checkRawNotNull records JSON null held as the value of a nullable
// Optional json field: it is sent as null and comes back as Null().
func checkRawNotNull(vs *violationList, p *valuePath, name string, o *Optional[json.RawMessage]) {
	if o.state == optValue && isJSONNull(o.value) {
		violated(vs, p, name, RuleNull, "holds JSON null as a value, which comes back as Null()")
	}
}

// isJSONNull reports whether raw is empty or the literal null.
func isJSONNull(raw []byte) bool {
	for len(raw) > 0 && isJSONSpace(raw[0]) {
		raw = raw[1:]
	}
	for len(raw) > 0 && isJSONSpace(raw[len(raw)-1]) {
		raw = raw[:len(raw)-1]
	}
	return len(raw) == 0 || string(raw) == "null"
}

func isJSONSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// checkMembers records the undeclared members of an open type that would
// not come back as they are: a name that is not valid UTF-8, repeated, or
// taken by a declared property (or the discriminator the type writes), and
// a value that is not exactly one JSON value.
func checkMembers(vs *violationList, p *valuePath, members []Member, declared []string) {
	for i, m := range members {
		switch {
		case !utf8.ValidString(m.Name):
			violated(vs, p, "", RuleFormat, "has an additional member whose name is not valid UTF-8: %q", m.Name)
		case slices.Contains(declared, m.Name):
			violated(vs, p, "", RuleFormat, "has an additional member %q, which is a declared property", m.Name)
		case repeatsName(members[:i], m.Name):
			violated(vs, p, "", RuleFormat, "has the additional member %q twice", m.Name)
		}
		mp := p.child(m.Name)
		if err := checkRawAt(&mp, m.Value); err != nil {
			violated(vs, p, "", RuleFormat, "has an additional member %q that is not one JSON value: %v", m.Name, err)
		}
	}
}

// repeatsName reports whether one of members is called name.
func repeatsName(members []Member, name string) bool {
	for _, m := range members {
		if m.Name == name {
			return true
		}
	}
	return false
}

// checkUnknown records an unknown subtype that would not decode back as
// the same unknown subtype: Raw must be a JSON object (without repeated
// names) whose discriminator member disc is the string typ, and typ must not
// name a type the package knows. An object without the discriminator is an
// unknown subtype only in a hierarchy whose root is abstract (otherwise it
// decodes as the root), and then typ is empty.
func checkUnknown(vs *violationList, p *valuePath, disc, typ string, raw json.RawMessage, known []string, rootAbstract bool) (ok bool) {
	if len(raw) == 0 {
		violated(vs, p, "", RuleNull, "has no Raw object, so it would be sent as null")
		return false
	}
	if err := checkRawAt(p, raw); err != nil {
		violated(vs, p, "", RuleFormat, "has Raw that is not one JSON value: %v", err)
		return false
	}
	var d decoder
	d.reset(raw)
	if d.peek() != kindObject {
		violated(vs, p, "", RuleFormat, "has Raw that is not a JSON object")
		return false
	}
	_ = d.beginObject()
	found := false
	for {
		name, ok, err := d.nextField()
		if err != nil || !ok {
			break
		}
		if string(name) != disc {
			_ = d.skip()
			continue
		}
		found = true
		s, err := d.stringValue()
		if err != nil || s != typ {
			violated(vs, p, "", RuleFormat, "has Raw whose %s is not Type %q", disc, typ)
			return false
		}
		break
	}
	switch {
	case !found && (typ != "" || !rootAbstract):
		violated(vs, p, "", RuleFormat, "has Raw without the %s member", disc)
		return false
	case found && slices.Contains(known, typ):
		violated(vs, p, "", RuleFormat, "has Type %q, which names a type this package knows", typ)
		return false
	}
	return true
}

// checkAsRaw reports a typed field of an unknown subtype whose value differs
// from what its Raw decodes to (raw): the encoder writes Raw, so the change
// would be lost.
func checkAsRaw[T any](vs *violationList, p *valuePath, name string, have, raw T) {
	if !reflect.DeepEqual(have, raw) {
		violated(vs, p, name, RuleFormat, "differs from the value in Raw, which is what is sent")
	}
}

// checkFieldRule records an object whose fields break a cross-field rule
// (RuleAtLeastOneOf, RuleMutuallyExclusive or RuleExactlyOneOf): present
// says, for each of names in order, whether that field holds a value.
func checkFieldRule(vs *violationList, p *valuePath, rule string, names []string, present ...bool) {
	n := 0
	for _, ok := range present {
		if ok {
			n++
		}
	}
	switch {
	case rule == RuleAtLeastOneOf && n >= 1,
		rule == RuleMutuallyExclusive && n <= 1,
		rule == RuleExactlyOneOf && n == 1:
		return
	}
	fieldRuleViolated(vs, p, rule, names, present)
}

// fieldRuleViolated records a broken cross-field rule at the object p,
// naming the full path of every field of the rule and of those set.
//
//go:noinline
func fieldRuleViolated(vs *violationList, p *valuePath, rule string, names []string, present []bool) {
	var all, set []string
	for i, name := range names {
		fp := p.child(name)
		all = append(all, fp.String())
		if present[i] {
			set = append(set, fp.String())
		}
	}
	list := strings.Join(all, ", ")
	switch {
	case rule == RuleAtLeastOneOf:
		vs.addf(p, rule, "at least one of %s must be set, none is", list)
	case rule == RuleMutuallyExclusive:
		vs.addf(p, rule, "at most one of %s may be set, but %s are", list, strings.Join(set, " and "))
	case len(set) == 0:
		vs.addf(p, rule, "exactly one of %s must be set, none is", list)
	default:
		vs.addf(p, rule, "exactly one of %s must be set, but %s are", list, strings.Join(set, " and "))
	}
}
