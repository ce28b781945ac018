package support

import (
	"time"
	"unicode/utf8"
)

// This file holds the rules of the generated validators, one function a
// rule, so that a generated validate method is one line a constraint. They
// allocate only to record a violation.

// checkRequired records a required field that is absent; the field's path
// is built only then.
func checkRequired(vs *Violations, p *Path, name string, set bool) {
	if !set {
		fp := p.Field(name)
		vs.Add(&fp, RuleRequired, "is required")
	}
}

// checkNotNull records a null where null is not allowed.
func checkNotNull(vs *Violations, p *Path, name string, null bool) {
	if null {
		fp := p.Field(name)
		vs.Add(&fp, RuleNull, "must not be null")
	}
}

// noBound marks a length or item count without a lower or upper bound.
const noBound = -1

// checkLength checks the length of s in characters (runes).
func checkLength(vs *Violations, p *Path, s string, min, max int) {
	n := utf8.RuneCountInString(s)
	if min != noBound && n < min {
		vs.Addf(p, RuleMinLength, "has %d characters, fewer than %d", n, min)
	}
	if max != noBound && n > max {
		vs.Addf(p, RuleMaxLength, "has %d characters, more than %d", n, max)
	}
}

// checkPattern records a string that does not match its pattern.
func checkPattern(vs *Violations, p *Path, matched bool, expr string) {
	if !matched {
		vs.Add(p, RulePattern, "does not match "+expr)
	}
}

// checkURI records a string that is not an absolute URI.
func checkURI(vs *Violations, p *Path, s string) {
	if !IsURI(s) {
		vs.Add(p, RuleFormat, "is not an absolute URI")
	}
}

// checkUUID records a string that is not a UUID.
func checkUUID(vs *Violations, p *Path, s string) {
	if !IsUUID(s) {
		vs.Add(p, RuleFormat, "is not a UUID")
	}
}

// number is the Go types of schema numbers.
type number interface {
	~int32 | ~int64 | ~float32 | ~float64
}

// checkMinimum records x below min; text is min as the schema writes it.
func checkMinimum[T number](vs *Violations, p *Path, x, min T, text string) {
	if x < min {
		vs.Addf(p, RuleMinimum, "is %v, less than %s", x, text)
	}
}

// checkMaximum records x above max; text is max as the schema writes it.
func checkMaximum[T number](vs *Violations, p *Path, x, max T, text string) {
	if x > max {
		vs.Addf(p, RuleMaximum, "is %v, more than %s", x, text)
	}
}

// checkItems checks the number of items n of an array.
func checkItems(vs *Violations, p *Path, n, min, max int) {
	if min != noBound && n < min {
		vs.Addf(p, RuleMinItems, "has %d items, fewer than %d", n, min)
	}
	if max != noBound && n > max {
		vs.Addf(p, RuleMaxItems, "has %d items, more than %d", n, max)
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
		vs.Addf(p, RuleEnum, "unknown value %q", string(e))
	}
}

// checkUnique records the first repeat of each item, comparing pairwise:
// no allocation, and arrays with a uniqueItems rule are short in practice.
func checkUnique[E comparable](vs *Violations, p *Path, x []E) {
	for i := range x {
		for j := 0; j < i; j++ {
			if x[i] == x[j] {
				vs.Addf(p, RuleUniqueItems, "items %d and %d are equal", j, i)
				break
			}
		}
	}
}

// checkUniqueTimes is checkUnique for date-times, which are equal when they
// are the same instant.
func checkUniqueTimes(vs *Violations, p *Path, x []time.Time) {
	for i := range x {
		for j := 0; j < i; j++ {
			if x[i].Equal(x[j]) {
				vs.Addf(p, RuleUniqueItems, "items %d and %d are equal", j, i)
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
