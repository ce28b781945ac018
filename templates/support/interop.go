package support

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"
)

// This file makes the support types behave through encoding/json as they do
// through the generated codecs, for callers who put them in their own
// structs, maps and log attributes. Generated codecs never come here: the
// reflection below runs only when encoding/json calls in.

// MarshalJSON implements json.Marshaler: the value as the generated encoders
// write it, or null when o is null or absent.
//
// A method cannot leave its own member out, so in a struct field without the
// omitzero option an absent Optional is written as null, and decodes back as
// null, not absent. Generated structs carry omitzero on every Optional field;
// give yours the same tag (`json:"name,omitzero"`, Go 1.24) to keep all three
// states.
//
// Optional has no methods beyond its API: the compiler builds every method
// of every instantiation, one set per field type of every generated package,
// so machinery lives in functions, and appendValue and readValue meet an
// Optional item of a slice or map through json.Marshaler and
// json.Unmarshaler.
func (o Optional[T]) MarshalJSON() ([]byte, error) {
	if o.state != optValue {
		return appendNull(nil), nil
	}
	return appendValue(nil, any(o.value))
}

// UnmarshalJSON implements json.Unmarshaler: null makes o null, any other
// value is decoded as the generated decoders decode a T (strictly: duplicate
// names, invalid UTF-8 and null items are errors). An Optional of a
// polymorphic interface type cannot be decoded this way, since nothing names
// its concrete type here; use the package's Unmarshal function of that type.
func (o *Optional[T]) UnmarshalJSON(data []byte) error {
	var d decoder
	d.reset(data)
	x := Optional[T]{state: optNull}
	if d.peek() == kindNull {
		d.consumeNull()
	} else {
		if err := readValue(&d, &x.value); err != nil {
			return err
		}
		x.state = optValue
	}
	if err := d.end(); err != nil {
		return err
	}
	*o = x
	return nil
}

// MarshalJSON implements json.Marshaler: the date as a JSON string, as the
// generated encoders write it.
func (d Date) MarshalJSON() ([]byte, error) { return appendQuotedDate(nil, d), nil }

// UnmarshalJSON implements json.Unmarshaler with [ParseDate]'s rules.
func (d *Date) UnmarshalJSON(data []byte) error {
	return unmarshalWith(data, d, (*decoder).dateValue)
}

// MarshalJSON implements json.Marshaler: the duration as a JSON string in
// its canonical form.
func (d Duration) MarshalJSON() ([]byte, error) { return appendQuotedDuration(nil, d), nil }

// UnmarshalJSON implements json.Unmarshaler with [ParseDuration]'s rules.
func (d *Duration) UnmarshalJSON(data []byte) error {
	return unmarshalWith(data, d, (*decoder).durationValue)
}

// textScalar is a scalar the schema writes as a JSON string of its own
// format (Date, Duration): appendValue and readValue reach it through this
// interface rather than by name, so that a package copies a type only when
// it uses it.
type textScalar interface {
	appendQuoted(dst []byte) []byte
}

// textScalarReader is a pointer to a textScalar.
type textScalarReader interface {
	readQuoted(d *decoder) error
}

func (d Date) appendQuoted(dst []byte) []byte { return appendQuotedDate(dst, d) }

func (d *Date) readQuoted(dec *decoder) (err error) {
	*d, err = dec.dateValue()
	return err
}

func (d Duration) appendQuoted(dst []byte) []byte { return appendQuotedDuration(dst, d) }

func (d *Duration) readQuoted(dec *decoder) (err error) {
	*d, err = dec.durationValue()
	return err
}

// unmarshalWith decodes data, exactly one JSON value, with read into *dst;
// *dst is left alone on an error.
func unmarshalWith[T any](data []byte, dst *T, read func(*decoder) (T, error)) error {
	var d decoder
	d.reset(data)
	x, err := read(&d)
	if err != nil {
		return err
	}
	if err := d.end(); err != nil {
		return err
	}
	*dst = x
	return nil
}

// appendValue appends v as the generated encoders append a value of its
// type: the schema's scalar types and objects directly, arrays and maps of
// them element by element, any other type as encoding/json writes it.
func appendValue(dst []byte, v any) ([]byte, error) {
	switch x := v.(type) {
	case nil:
		return appendNull(dst), nil
	case string:
		return appendString(dst, x), nil
	case bool:
		return appendBool(dst, x), nil
	case int32:
		return appendInt32(dst, x), nil
	case int64:
		return appendInt(dst, x), nil
	case float64:
		return appendFloat64(dst, x)
	case float32:
		return appendFloat32(dst, x)
	case time.Time:
		return appendQuotedDateTime(dst, x)
	case textScalar:
		return x.appendQuoted(dst), nil
	case json.RawMessage:
		return appendRawValue(dst, x)
	case jsonAppender:
		return x.AppendJSON(dst)
	case json.Marshaler:
		if isOptional(v) {
			b, err := x.MarshalJSON()
			if err != nil {
				return nil, err
			}
			return append(dst, b...), nil
		}
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.String: // an enum
		return appendString(dst, rv.String()), nil
	case reflect.Pointer:
		if rv.IsNil() {
			return appendNull(dst), nil
		}
		return appendValue(dst, rv.Elem().Interface())
	case reflect.Struct:
		// A generated object appends through its pointer.
		p := reflect.New(rv.Type())
		p.Elem().Set(rv)
		if a, ok := p.Interface().(jsonAppender); ok {
			return a.AppendJSON(dst)
		}
	case reflect.Slice:
		dst = append(dst, '[')
		for i := range rv.Len() {
			if i > 0 {
				dst = append(dst, ',')
			}
			var err error
			if dst, err = appendValue(dst, rv.Index(i).Interface()); err != nil {
				return nil, err
			}
		}
		return append(dst, ']'), nil
	case reflect.Map:
		if rv.Type().Key().Kind() != reflect.String {
			break
		}
		keys := rv.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int {
			switch {
			case a.String() < b.String():
				return -1
			case a.String() > b.String():
				return 1
			}
			return 0
		})
		dst = append(dst, '{')
		for i, k := range keys {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(appendString(dst, k.String()), ':')
			var err error
			if dst, err = appendValue(dst, rv.MapIndex(k).Interface()); err != nil {
				return nil, err
			}
		}
		return append(dst, '}'), nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return append(dst, b...), nil
}

// isOptional reports whether v is an Optional or a pointer to one: the item
// of a slice or map that may be null. The type's name says so, not a marker
// method, which every instantiation of Optional would compile.
func isOptional(v any) bool {
	t := reflect.TypeOf(v)
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.PkgPath() == reflect.TypeFor[Optional[bool]]().PkgPath() && strings.HasPrefix(t.Name(), "Optional[")
}

// readValue decodes the next value into *p as the generated decoders
// decode a value of its type; null is an error except for a json value.
func readValue(d *decoder, p any) error {
	var err error
	switch x := p.(type) {
	case *json.RawMessage:
		*x, err = d.rawCopy()
		return err
	case json.Unmarshaler:
		if isOptional(p) {
			return unmarshalAt(d, x)
		}
	}
	if d.peek() == kindNull {
		return d.errNullNotAllowed()
	}
	switch x := p.(type) {
	case *string:
		*x, err = d.stringValue()
	case *bool:
		*x, err = d.boolValue()
	case *int32:
		*x, err = d.int32Value()
	case *int64:
		*x, err = d.int64Value()
	case *float64:
		*x, err = d.float64Value()
	case *float32:
		*x, err = d.float32Value()
	case *time.Time:
		*x, err = d.dateTimeValue()
	case textScalarReader:
		err = x.readQuoted(d)
	case json.Unmarshaler: // a generated type, through its strict decoder
		err = unmarshalAt(d, x)
	default:
		return readReflect(d, reflect.ValueOf(p).Elem(), p)
	}
	return err
}

// readReflect is readValue for the composite types, and for types the
// schema does not produce, which encoding/json decodes (after the strict
// decoder has checked the value's syntax, names and UTF-8).
func readReflect(d *decoder, rv reflect.Value, p any) error {
	switch rv.Kind() {
	case reflect.String: // an enum
		s, err := d.stringValue()
		if err != nil {
			return err
		}
		rv.SetString(s)
		return nil
	case reflect.Pointer:
		n := reflect.New(rv.Type().Elem())
		if err := readValue(d, n.Interface()); err != nil {
			return err
		}
		rv.Set(n)
		return nil
	case reflect.Interface:
		return d.errorf("cannot decode %s here: a polymorphic value needs its package's Unmarshal%s", rv.Type(), rv.Type().Name())
	case reflect.Slice:
		if err := d.beginArray(); err != nil {
			return err
		}
		out := reflect.MakeSlice(rv.Type(), 0, 0)
		for i := 0; ; i++ {
			more, err := d.nextElement()
			if err != nil {
				return err
			}
			if !more {
				rv.Set(out)
				return nil
			}
			e := reflect.New(rv.Type().Elem())
			if err := readValue(d, e.Interface()); err != nil {
				return withIndex(err, i)
			}
			out = reflect.Append(out, e.Elem())
		}
	case reflect.Map:
		if rv.Type().Key().Kind() != reflect.String {
			break
		}
		if err := d.beginObject(); err != nil {
			return err
		}
		out := reflect.MakeMap(rv.Type())
		for {
			name, ok, err := d.nextField()
			if err != nil {
				return err
			}
			if !ok {
				rv.Set(out)
				return nil
			}
			k := reflect.New(rv.Type().Key()).Elem()
			k.SetString(string(name))
			if out.MapIndex(k).IsValid() {
				return d.errDuplicate(name)
			}
			e := reflect.New(rv.Type().Elem())
			if err := readValue(d, e.Interface()); err != nil {
				return withField(err, k.String())
			}
			out.SetMapIndex(k, e.Elem())
		}
	}
	raw, err := d.rawUnique()
	if err != nil {
		return err
	}
	return json.Unmarshal(raw, p)
}

// marshalScratch holds the buffers generated MarshalJSON methods encode into
// before copying the result out at its exact size, so that a warm
// MarshalJSON allocates the output and nothing more, as encoding/json's
// Marshal does. The buffer cannot live on MarshalJSON's stack: AppendJSON
// passes dst to encoders called through function values, which makes it
// escape.
var marshalScratch = sync.Pool{New: func() any { return new([]byte) }}

// maxKeptScratch is the largest buffer put back for the next MarshalJSON
// (a page of 50 Graph sessions is about 300 KB); a larger output is returned
// as encoded (it was grown for this call only), so that one huge value does
// not keep its size alive in the pool.
const maxKeptScratch = 1 << 20

// marshalBuffer returns a scratch buffer for MarshalJSON; give it back with
// ownedJSON.
func marshalBuffer() *[]byte { return marshalScratch.Get().(*[]byte) }

// ownedJSON ends a MarshalJSON that appended out into (*scratch)[:0]: it
// returns a slice the caller owns (never memory the pool hands out again)
// and puts scratch back.
func ownedJSON(scratch *[]byte, out []byte, err error) ([]byte, error) {
	if cap(out) > maxKeptScratch {
		// out outgrew every kept buffer, so it is new and not *scratch.
		marshalScratch.Put(scratch)
		if err != nil {
			return nil, err
		}
		return out, nil
	}
	var owned []byte
	if err == nil {
		owned = make([]byte, len(out))
		copy(owned, out)
	}
	*scratch = out[:0]
	marshalScratch.Put(scratch)
	return owned, err
}
