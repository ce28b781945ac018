package support

// This file holds the steps of generated scalar unions and of array items
// and map values that may be null.

// UnsetUnionError is the error of encoding a union that holds no member:
// the zero value of a generated union type, which has no JSON form.
type UnsetUnionError struct {
	Type string // the Go name of the union type
}

// Error implements the error interface.
func (e *UnsetUnionError) Error() string {
	return e.Type + " holds no member: set one with a " + e.Type + "From function"
}

// checkUnionSet records a union that holds no member, which the encoder
// refuses.
func checkUnionSet(vs *violationList, p *valuePath) {
	violated(vs, p, "", RuleRequired, "holds no member of its union")
}

// readNullable reads an item or map value that may be null: null is the
// Optional's null state, any other value is read with read.
func readNullable[T any](d *decoder, read func(*decoder) (T, error)) (Optional[T], error) {
	if d.peek() == kindNull {
		d.consumeNull()
		return Optional[T]{state: optNull}, nil
	}
	x, err := read(d)
	if err != nil {
		return Optional[T]{}, err
	}
	return Optional[T]{value: x, state: optValue}, nil
}

// appendNullable appends an item or map value that may be null: the value o
// holds, or null. An absent o has no place in an array or map and is
// written as null too; Validate reports it (checkItemSet).
func appendNullable[T any](dst []byte, o Optional[T], enc func([]byte, T) []byte) []byte {
	if o.state != optValue {
		return appendNull(dst)
	}
	return enc(dst, o.value)
}

// appendNullableErr is appendNullable for values whose encoding can fail.
func appendNullableErr[T any](dst []byte, o Optional[T], enc func([]byte, T) ([]byte, error)) ([]byte, error) {
	if o.state != optValue {
		return appendNull(dst), nil
	}
	return enc(dst, o.value)
}

// checkItemSet records an absent item or map value that may be null: it
// would be sent as null, so it would not come back as it was.
func checkItemSet(vs *violationList, p *valuePath, set bool) {
	if !set {
		violated(vs, p, "", RuleRequired, "is absent: an item is null or a value (use Null or Some)")
	}
}
