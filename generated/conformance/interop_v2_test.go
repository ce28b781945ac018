//go:build goexperiment.jsonv2

// encoding/json/v2 over every generated type (hand-written, not generated):
// built only under GOEXPERIMENT=jsonv2 (Go 1.25+), which Go 1.24 lacks; run
// with GOEXPERIMENT=jsonv2 go test -run V2 ./generated/conformance.
package conformance_test

import (
	jsonv2 "encoding/json/v2"
	"reflect"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/sessiongen/sessiongen/generated/conformance/kinds"
)

// TestEncodingJSONV2MatchesCodec: v2 calls the v1 methods, so it writes
// the codec's JSON (its strings re-formatted) and reads the codec's bytes
// back equal, into the concrete type.
func TestEncodingJSONV2MatchesCodec(t *testing.T) {
	pkgs := loadIR(t)
	for i, c := range registry {
		t.Run(c.String(), func(t *testing.T) {
			for _, v := range validValues(t, pkgs, c, 11000+uint64(i), 10, false) {
				want, err := c.encode(v)
				require.NoError(t, err)
				for _, x := range []any{v, reflect.ValueOf(v).Elem().Interface()} {
					got, err := jsonv2.Marshal(x)
					require.NoError(t, err)
					// v2 re-formats strings (U+2028 and \u00e9 unescaped), so
					// the bytes are compared through our decoder.
					fromV2, err := c.decode(got)
					require.NoError(t, err, "%s", got)
					require.Empty(t, diffValues(reflect.ValueOf(v), reflect.ValueOf(fromV2), c.name, true), "%s", got)
				}
				back := reflect.New(reflect.TypeOf(v).Elem())
				require.NoError(t, jsonv2.Unmarshal(want, back.Interface()))
				require.Empty(t, diffValue(reflect.ValueOf(v), back, c.name))
			}
		})
	}
}

// TestOptionalJSONV2 pins Optional's three states through v2 with omitzero.
func TestOptionalJSONV2(t *testing.T) {
	type T struct {
		A kinds.Optional[int32]  `json:"a,omitzero"`
		B kinds.Optional[string] `json:"b,omitzero"`
		C kinds.Optional[string] `json:"c"`
	}
	b, err := jsonv2.Marshal(T{A: kinds.Null[int32](), B: kinds.Some("x")})
	require.NoError(t, err)
	require.Equal(t, `{"a":null,"b":"x","c":null}`, string(b))
	var back T
	require.NoError(t, jsonv2.Unmarshal([]byte(`{"a":null,"b":"x"}`), &back))
	require.Equal(t, T{A: kinds.Null[int32](), B: kinds.Some("x")}, back)
}
