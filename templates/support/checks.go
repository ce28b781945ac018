package support

import (
	"time"
	"unicode/utf8"
)

// This file holds the rules of the generated validators, one function a
// rule, so that a generated validate method is one line a constraint. Each
// rule is a test small enough to be inlined where it is used; recording a
// violation, the rare case, is a call to a function of its own (violated),
// which keeps the inlined code small and so the build of a large package
// quick. They allocate only to record a violation.

// violated records a violation of rule at p, with a message formatted from
// format and args, and at the field name of p when name is not empty.
//
//go:noinline
func violated(vs *Violations, p *Path, name, rule, format string, args ...any) {
	if name != "" {
		fp := p.Field(name)
		p = &fp
	}
	if len(args) == 0 {
		vs.Add(p, rule, format)
		return
	}
	vs.Addf(p, rule, format, args...)
}

// checkRequired records a required field that is absent.
func checkRequired(vs *Violations, p *Path, name string, set bool) {
	if !set {
		violated(vs, p, name, RuleRequired, "is required")
	}
}

// checkNotNull records a null where null is not allowed.
func checkNotNull(vs *Violations, p *Path, name string, null bool) {
	if null {
		violated(vs, p, name, RuleNull, "must not be null")
	}
}

// noBound marks a length or item count without a lower or upper bound.
const noBound = -1

// checkLength checks the length of s in characters (runes).
func checkLength(vs *Violations, p *Path, s string, min, max int) {
	if n := utf8.RuneCountInString(s); n < min || max != noBound && n > max {
		lengthViolated(vs, p, n, min, max, RuleMinLength, RuleMaxLength, "characters")
	}
}

// lengthViolated records a length or item count n outside [min, max].
//
//go:noinline
func lengthViolated(vs *Violations, p *Path, n, min, max int, minRule, maxRule, unit string) {
	if n < min {
		vs.Addf(p, minRule, "has %d %s, fewer than %d", n, unit, min)
	} else {
		vs.Addf(p, maxRule, "has %d %s, more than %d", n, unit, max)
	}
}

// checkPattern records a string that does not match its pattern.
func checkPattern(vs *Violations, p *Path, matched bool, expr string) {
	if !matched {
		violated(vs, p, "", RulePattern, "does not match %s", expr)
	}
}

// checkURI records a string that is not an absolute URI.
func checkURI(vs *Violations, p *Path, s string) {
	if !IsURI(s) {
		violated(vs, p, "", RuleFormat, "is not an absolute URI")
	}
}

// checkUUID records a string that is not a UUID.
func checkUUID(vs *Violations, p *Path, s string) {
	if !IsUUID(s) {
		violated(vs, p, "", RuleFormat, "is not a UUID")
	}
}

// number is the Go types of schema numbers.
type number interface {
	~int32 | ~int64 | ~float32 | ~float64
}

// checkMinimum records x below min; text is min as the schema writes it.
func checkMinimum[T number](vs *Violations, p *Path, x, min T, text string) {
	if x < min {
		violated(vs, p, "", RuleMinimum, "is %v, less than %s", x, text)
	}
}

// checkMaximum records x above max; text is max as the schema writes it.
func checkMaximum[T number](vs *Violations, p *Path, x, max T, text string) {
	if x > max {
		violated(vs, p, "", RuleMaximum, "is %v, more than %s", x, text)
	}
}

// checkItems checks the number of items n of an array.
func checkItems(vs *Violations, p *Path, n, min, max int) {
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
func checkKnown[E knownValue](vs *Violations, p *Path, e E) {
	if !e.IsKnown() {
		violated(vs, p, "", RuleEnum, "unknown value %q", string(e))
	}
}

// checkUnique records the first repeat of each item, comparing pairwise:
// no allocation, and arrays with a uniqueItems rule are short in practice.
func checkUnique[E comparable](vs *Violations, p *Path, x []E) {
	checkUniqueBy(vs, p, x, func(a, b E) bool { return a == b })
}

// checkUniqueTimes is checkUnique for date-times, which are equal when they
// are the same instant.
func checkUniqueTimes(vs *Violations, p *Path, x []time.Time) {
	checkUniqueBy(vs, p, x, time.Time.Equal)
}

// checkUniqueBy is checkUnique with equal deciding which items repeat.
func checkUniqueBy[E any](vs *Violations, p *Path, x []E, equal func(a, b E) bool) {
	for i := range x {
		for j := 0; j < i; j++ {
			if equal(x[i], x[j]) {
				violated(vs, p, "", RuleUniqueItems, "items %d and %d are equal", j, i)
				break
			}
		}
	}
}

// held returns a pointer to the value o holds, or nil when it is absent or
// null: validators walk large objects in place rather than copy them.
func (o *Optional[T]) held() *T {
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
func checkPathSegment(vs *Violations, p *Path, s string) bool {
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
