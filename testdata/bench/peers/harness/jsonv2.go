//go:build goexperiment.jsonv2

package harness

import (
	"bytes"
	jsonv2 "encoding/json/v2"
)

// JSONv2Build: this binary measures encoding/json/v2 only.
const JSONv2Build = true

func jsonV2Peer[T any](v *T) Peer {
	var buf bytes.Buffer
	return Peer{
		Name:    "json-v2",
		Decode:  func(data []byte) error { return jsonv2.Unmarshal(data, new(T)) },
		Marshal: func() ([]byte, error) { return jsonv2.Marshal(v) },
		Append: func(dst []byte) ([]byte, error) {
			buf.Reset()
			err := jsonv2.MarshalWrite(&buf, v)
			return append(dst, buf.Bytes()...), err
		},
	}
}
