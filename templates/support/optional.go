package support

import "fmt"

// Optional holds a field that may be absent, null or a value: the three
// states that an optional, nullable JSON field can be in, and that an API
// often gives different meanings (in a PATCH body, absent leaves a field
// alone while null clears it).
//
// The zero Optional is absent, so an Optional field left unset is not sent:
// generated encoders skip it, and so does encoding/json with the omitzero
// option, through [Optional.IsZero].
//
//	var a Optional[string]         // absent:  field not in the JSON
//	b := Null[string]()            // null:    "topic": null
//	c := Some("weekly sync")       // value:   "topic": "weekly sync"
//
//	a.IsSet(), b.IsNull()          // false, true
//	v, ok := c.Get()               // "weekly sync", true
//	c.Or("none"), b.Or("none")     // "weekly sync", "none"
type Optional[T any] struct {
	value T
	state uint8
}

const (
	optAbsent uint8 = iota
	optNull
	optValue
)

// Some returns an Optional holding v.
func Some[T any](v T) Optional[T] {
	return Optional[T]{value: v, state: optValue}
}

// Null returns an Optional that is present and null.
func Null[T any]() Optional[T] {
	return Optional[T]{state: optNull}
}

// Get returns the value and true when o holds a value, or the zero value and
// false when it is absent or null.
func (o Optional[T]) Get() (T, bool) {
	return o.value, o.state == optValue
}

// IsSet reports whether o is present, as null or as a value.
func (o Optional[T]) IsSet() bool { return o.state != optAbsent }

// IsNull reports whether o is present and null.
func (o Optional[T]) IsNull() bool { return o.state == optNull }

// Or returns the value o holds, or def when it is absent or null.
func (o Optional[T]) Or(def T) T {
	if o.state == optValue {
		return o.value
	}
	return def
}

// IsZero reports whether o is absent, so that encoders skip it.
func (o Optional[T]) IsZero() bool { return o.state == optAbsent }

// String describes o for debugging: "absent", "null", or the value formatted
// with fmt's %v.
func (o Optional[T]) String() string {
	switch o.state {
	case optAbsent:
		return "absent"
	case optNull:
		return "null"
	}
	return fmt.Sprint(o.value)
}
