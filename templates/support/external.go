package support

import (
	"encoding/json"
	"strings"
)

// This file holds the codec steps of a caller's own Go type (a goType in the
// schema): a type of another package, coded by its own MarshalJSON and
// UnmarshalJSON, and checked by its own Validate when it has one. The
// generated package knows nothing else about it.

// appendMarshaler appends the JSON of a caller's value: its MarshalJSON,
// checked to be exactly one JSON value, as a json member's raw value is.
func appendMarshaler[T json.Marshaler](dst []byte, v T) ([]byte, error) {
	b, err := v.MarshalJSON()
	if err != nil {
		return nil, err
	}
	if len(b) == 0 {
		return nil, &DecodeError{Msg: "MarshalJSON returned no JSON value"}
	}
	return appendRawValue(dst, b)
}

// readUnmarshaler reads one JSON value (not null, which the member's own
// nullability decides on) and hands it to the caller type's UnmarshalJSON;
// its error becomes a *DecodeError at the value, so the member's path is
// added as for any other value.
func readUnmarshaler[T any, P interface {
	*T
	json.Unmarshaler
}](d *decoder) (T, error) {
	var v T
	if d.peek() == kindNull {
		return v, d.errNullNotAllowed()
	}
	d.skipWS()
	start := d.pos
	raw, err := d.raw()
	if err != nil {
		return v, err
	}
	if err := P(&v).UnmarshalJSON(raw); err != nil {
		// encoding/json's errors start with its own "json: ".
		return v, d.errAt(start, strings.TrimPrefix(err.Error(), "json: "))
	}
	return v, nil
}

// RuleGoType is the rule of a violation reported by the Validate method of
// a caller's own type (a goType).
const RuleGoType = "goType"

// validator is the optional method of a caller's type.
type validator interface{ Validate() error }

// checkExternal runs the Validate method of the caller's value at v (a
// pointer, so that either receiver counts) when its type has one.
func checkExternal(vs *violationList, p *valuePath, v any) {
	x, ok := v.(validator)
	if !ok {
		return
	}
	if err := x.Validate(); err != nil {
		vs.add(p, RuleGoType, err.Error())
	}
}
