package support

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// This file holds the per-member steps of the generated codecs. A generated
// readJSON or AppendJSON is one call per member; the work is here, written
// once, so a package of a thousand types stays small and quick to build.

// nullRule says what a JSON null means for a member.
type nullRule uint8

const (
	nullRejected nullRule = iota // null is an error
	nullIsValue                  // null is a value like any other (json members)
	nullIsState                  // null sets an Optional's null state
)

// claimMember marks the member with bit in *seen as read and reports a
// duplicate as an error at the member's name.
func claimMember(d *decoder, name string, seen *uint64, bit uint64) error {
	if *seen&bit != 0 {
		return d.errDuplicate([]byte(name))
	}
	*seen |= bit
	return nil
}

// readMember reads the value of member name into *dst with read. A null is
// rejected unless null is a value of the type (nullIsValue). Errors are
// labelled with the member's name.
func readMember[T any](d *decoder, name string, dst *T, seen *uint64, bit uint64, null nullRule, read func(*decoder) (T, error)) error {
	if err := claimMember(d, name, seen, bit); err != nil {
		return err
	}
	if null != nullIsValue && d.peek() == kindNull {
		return withField(d.errNullNotAllowed(), name)
	}
	x, err := read(d)
	if err != nil {
		return withField(err, name)
	}
	*dst = x
	return nil
}

// readOptional is readMember for an Optional field: with nullIsState a null
// makes it present and null.
func readOptional[T any](d *decoder, name string, dst *Optional[T], seen *uint64, bit uint64, null nullRule, read func(*decoder) (T, error)) error {
	if err := claimMember(d, name, seen, bit); err != nil {
		return err
	}
	if null != nullIsValue && d.peek() == kindNull {
		if null == nullRejected {
			return withField(d.errNullNotAllowed(), name)
		}
		d.consumeNull()
		*dst = Optional[T]{state: optNull}
		return nil
	}
	x, err := read(d)
	if err != nil {
		return withField(err, name)
	}
	*dst = Optional[T]{value: x, state: optValue}
	return nil
}

// skipMember skips the value of a member the type does not declare, after
// checking that its name is not repeated.
func skipMember(d *decoder, unknown *memberNames, name []byte) error {
	if !unknown.Add(name) {
		return d.errDuplicate(name)
	}
	// skipUnique, not Skip: a skipped member is checked exactly as a kept
	// one (duplicate names inside it are errors too).
	if err := d.skipUnique(); err != nil {
		return withField(err, unknown.Last())
	}
	return nil
}

// keepMember reads a member the type does not declare into members, as
// received, after checking in names that its name is not repeated.
func keepMember(d *decoder, members *[]Member, names *memberNames, name []byte) error {
	key := d.nameString(name)
	if !names.AddString(key) {
		return d.errDuplicate(name)
	}
	raw, err := d.rawCopy()
	if err != nil {
		return withField(err, key)
	}
	*members = append(*members, Member{Name: key, Value: raw})
	return nil
}

// readArray decodes a JSON array with read. A null element is rejected
// unless null is a value of the element type. An empty array decodes to an
// empty, non-nil slice; the slice is allocated on the first element.
func readArray[E any](d *decoder, null nullRule, read func(*decoder) (E, error)) ([]E, error) {
	if err := d.beginArray(); err != nil {
		return nil, err
	}
	out := []E{}
	for i := 0; ; i++ {
		more, err := nextItem(d, i, null)
		if err != nil {
			return nil, err
		}
		if !more {
			return out, nil
		}
		e, err := read(d)
		if err != nil {
			return nil, withIndex(err, i)
		}
		if len(out) == 0 {
			out = make([]E, 0, 4)
		}
		out = append(out, e)
	}
}

// nextItem advances to item i of an array: false at its end or on an
// error; a null item is an error unless null is a value of the item type.
func nextItem(d *decoder, i int, null nullRule) (bool, error) {
	ok, err := d.nextElement()
	if err != nil || !ok {
		return false, err
	}
	if null != nullIsValue && d.peek() == kindNull {
		return false, withIndex(d.errNullNotAllowed(), i)
	}
	return true, nil
}

// readObjectArray decodes a JSON array of objects, each in place in the
// slice rather than copied in with read (a generated type's readJSON). Arrays
// of objects are often short, so the slice starts with room for one.
func readObjectArray[T any](d *decoder, read func(*T, *decoder) error) ([]T, error) {
	if err := d.beginArray(); err != nil {
		return nil, err
	}
	out := []T{}
	for i := 0; ; i++ {
		more, err := nextItem(d, i, nullRejected)
		if err != nil {
			return nil, err
		}
		if !more {
			return out, nil
		}
		if len(out) == 0 {
			out = make([]T, 0, 1)
		}
		var zero T
		out = append(out, zero)
		if err := read(&out[len(out)-1], d); err != nil {
			return nil, withIndex(err, i)
		}
	}
}

// readMap decodes a JSON object into a map with read for the values.
// Duplicate names are rejected, and so is a null value unless null is a
// value of the element type.
func readMap[E any](d *decoder, null nullRule, read func(*decoder) (E, error)) (map[string]E, error) {
	if err := d.beginObject(); err != nil {
		return nil, err
	}
	out := map[string]E{}
	for {
		name, ok, err := d.nextField()
		if err != nil {
			return nil, err
		}
		if !ok {
			return out, nil
		}
		if _, dup := out[string(name)]; dup {
			return nil, d.errDuplicate(name)
		}
		key := d.nameString(name)
		if null != nullIsValue && d.peek() == kindNull {
			return nil, withField(d.errNullNotAllowed(), key)
		}
		e, err := read(d)
		if err != nil {
			return nil, withField(err, key)
		}
		out[key] = e
	}
}

// closeObject finishes an object whose members were each appended with a
// leading comma from start on: the first comma becomes the '{'.
func closeObject(dst []byte, start int) []byte {
	if len(dst) == start {
		return append(dst, '{', '}')
	}
	dst[start] = '{'
	return append(dst, '}')
}

// appendOptional appends o's member unless o is absent. nullMember is the
// member written as null (",\"name\":null"), which is what a null o
// appends; a value is appended after the member's key, nullMember without
// its "null". It is inlined at every member, and one append per case keeps
// the inlined code, and so the build of a large package, small.
func appendOptional[T any](dst []byte, nullMember string, o *Optional[T], enc func([]byte, T) []byte) []byte {
	switch o.state {
	case optValue:
		return enc(append(dst, nullMember[:len(nullMember)-len("null")]...), o.value)
	case optNull:
		return append(dst, nullMember...)
	}
	return dst
}

// appendOptionalErr is appendOptional for values whose encoding can fail.
func appendOptionalErr[T any](dst []byte, nullMember string, o *Optional[T], enc func([]byte, T) ([]byte, error)) ([]byte, error) {
	switch o.state {
	case optValue:
		return enc(append(dst, nullMember[:len(nullMember)-len("null")]...), o.value)
	case optNull:
		return append(dst, nullMember...), nil
	}
	return dst, nil
}

// objectEncoder is the method set of a pointer to a generated object type.
type objectEncoder[T any] interface {
	*T
	AppendJSON(dst []byte) ([]byte, error)
}

// optionalMember appends o's member as appendOptional does, and returns the
// value to append after its key, or nil when there is none (absent or null).
// Generated encoders call the object's AppendJSON on the result directly: a
// call through a function value or a type parameter would make every
// encoded value escape. A function rather than a method, as optionalHeld.
func optionalMember[T any](o *Optional[T], dst *[]byte, nullMember string) *T {
	switch o.state {
	case optAbsent:
		return nil
	case optNull:
		*dst = append(*dst, nullMember...)
		return nil
	}
	*dst = append(*dst, nullMember[:len(nullMember)-len("null")]...)
	return &o.value
}

// appendObjectPointer appends the object v points to, or null.
func appendObjectPointer[T any, P objectEncoder[T]](dst []byte, v *T) ([]byte, error) {
	if v == nil {
		return append(dst, "null"...), nil
	}
	return P(v).AppendJSON(dst)
}

// jsonAppender is a polymorphic type's interface.
type jsonAppender interface {
	AppendJSON(dst []byte) ([]byte, error)
}

// appendPolymorphic appends the object v holds, or null.
func appendPolymorphic[I jsonAppender](dst []byte, v I) ([]byte, error) {
	if any(v) == nil {
		return append(dst, "null"...), nil
	}
	return v.AppendJSON(dst)
}

// appendArray appends x as a JSON array.
func appendArray[E any](dst []byte, x []E, enc func([]byte, E) []byte) []byte {
	dst = append(dst, '[')
	for i, e := range x {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = enc(dst, e)
	}
	return append(dst, ']')
}

// appendArrayErr is appendArray for elements whose encoding can fail.
func appendArrayErr[E any](dst []byte, x []E, enc func([]byte, E) ([]byte, error)) ([]byte, error) {
	dst = append(dst, '[')
	for i, e := range x {
		if i > 0 {
			dst = append(dst, ',')
		}
		var err error
		if dst, err = enc(dst, e); err != nil {
			return nil, err
		}
	}
	return append(dst, ']'), nil
}

// appendObjectArray appends x as a JSON array of objects, each in place.
func appendObjectArray[T any, P objectEncoder[T]](dst []byte, x []T) ([]byte, error) {
	dst = append(dst, '[')
	for i := range x {
		if i > 0 {
			dst = append(dst, ',')
		}
		var err error
		if dst, err = P(&x[i]).AppendJSON(dst); err != nil {
			return nil, err
		}
	}
	return append(dst, ']'), nil
}

// appendMap appends m as a JSON object with its keys sorted, so the output
// does not depend on Go's map iteration order.
func appendMap[E any](dst []byte, m map[string]E, enc func([]byte, E) []byte) []byte {
	var buf [16]string
	dst = append(dst, '{')
	for i, k := range sortedKeys(m, buf[:]) {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(appendString(dst, k), ':')
		dst = enc(dst, m[k])
	}
	return append(dst, '}')
}

// appendMapErr is appendMap for values whose encoding can fail.
func appendMapErr[E any](dst []byte, m map[string]E, enc func([]byte, E) ([]byte, error)) ([]byte, error) {
	var buf [16]string
	dst = append(dst, '{')
	for i, k := range sortedKeys(m, buf[:]) {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(appendString(dst, k), ':')
		var err error
		if dst, err = enc(dst, m[k]); err != nil {
			return nil, err
		}
	}
	return append(dst, '}'), nil
}

// appendMembers appends the members an open type kept, each with a leading
// comma. Each value is checked as appendRawValue checks it.
func appendMembers(dst []byte, members []Member) ([]byte, error) {
	for _, m := range members {
		if err := checkRaw(m.Value); err != nil {
			return nil, fmt.Errorf("additional member %q: %w", m.Name, err)
		}
		dst = append(appendString(append(dst, ','), m.Name), ':')
		dst = appendRaw(dst, m.Value)
	}
	return dst, nil
}

// appendEnum appends an enum value as a JSON string.
func appendEnum[E ~string](dst []byte, e E) []byte { return appendString(dst, string(e)) }

// appendInt32 appends a 32-bit integer.
func appendInt32(dst []byte, i int32) []byte { return appendInt(dst, int64(i)) }

// appendQuotedDateTime appends a date-time as a JSON string, or fails with
// a *TimeRangeError for a year RFC 3339 cannot write.
func appendQuotedDateTime(dst []byte, t time.Time) ([]byte, error) {
	dst, ok := appendDateTime(append(dst, '"'), t)
	if !ok {
		return nil, &TimeRangeError{Time: t}
	}
	return append(dst, '"'), nil
}

// appendQuotedDate appends a date as a JSON string.
func appendQuotedDate(dst []byte, d Date) []byte {
	return append(d.appendTo(append(dst, '"')), '"')
}

// appendQuotedDuration appends a duration as a JSON string.
func appendQuotedDuration(dst []byte, d Duration) []byte {
	return append(d.appendTo(append(dst, '"')), '"')
}

// appendRawValue appends a json value as it is, or null when it is empty.
// The value is checked to be exactly one JSON value first, as encoding/json
// checks a json.RawMessage: what a caller put there must not make the whole
// document invalid.
func appendRawValue(dst []byte, raw json.RawMessage) ([]byte, error) {
	if len(raw) == 0 {
		return append(dst, "null"...), nil
	}
	if err := checkRaw(raw); err != nil {
		return nil, err
	}
	return appendRaw(dst, raw), nil
}

// checkRaw reports whether raw is exactly one valid JSON value without
// duplicate names (which the decoders of this package would refuse to read
// back), with a *DecodeError saying where it is not.
func checkRaw(raw []byte) error {
	var d decoder
	d.reset(raw)
	if _, err := d.rawUnique(); err != nil {
		return err
	}
	return d.end()
}

// readRawValue reads any one value, copied out of the input, as a json
// member holds it.
func readRawValue(d *decoder) (json.RawMessage, error) { return d.rawCopy() }

// importedDecoder is the method set of a pointer to an object type of
// another generated package (a schema import): its decoder is another type,
// so only the exported entry point is shared.
type importedDecoder[T any] interface {
	*T
	UnmarshalJSON(data []byte) error
}

// readImported decodes one object of another generated package through its
// UnmarshalJSON. A *DecodeError of that package comes back as one of this
// package, its offset counted from the start of this input and its path
// below the value's, so the caller sees one document.
func readImported[T any, P importedDecoder[T]](d *decoder) (T, error) {
	var v T
	err := unmarshalAt(d, P(&v))
	return v, err
}

// unmarshalAt decodes the next value of d with u's UnmarshalJSON, which
// reads the value's bytes on their own, and reports its error as one of
// this input: a *DecodeError (of this package or, through Parts, of
// another generated one) at its offset counted from the value's start and
// with its path, any other error at the value's start.
func unmarshalAt(d *decoder, u json.Unmarshaler) error {
	d.skipWS()
	start := d.pos
	raw, err := d.raw()
	if err != nil {
		return err
	}
	if err := u.UnmarshalJSON(raw); err != nil {
		var parts interface {
			error
			Parts() (offset int, path, msg string)
		}
		if errors.As(err, &parts) {
			off, path, msg := parts.Parts()
			return &DecodeError{Offset: start + off, Path: path, Msg: msg}
		}
		return d.errAt(start, err.Error())
	}
	return nil
}
