package harness

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/bytedance/sonic"
	"github.com/bytedance/sonic/encoder"
	goccy "github.com/goccy/go-json"
	"github.com/mailru/easyjson"
	"github.com/mailru/easyjson/jwriter"
)

// Easy is a mirror struct pointer with easyjson's generated methods.
type Easy[T any] interface {
	*T
	easyjson.Marshaler
	easyjson.Unmarshaler
}

// MirrorPeers returns the peer libraries' codecs of one payload for its
// mirror struct T (copied from the generated package's mirror_test.go): each
// decodes into a new T per op and encodes the value encoding/json decoded.
// Built with GOEXPERIMENT=jsonv2 it returns encoding/json/v2 only, since that
// experiment also reimplements encoding/json v1 (see run.sh).
func MirrorPeers[T any, PT Easy[T]](tb testing.TB, data []byte) []Peer {
	tb.Helper()
	v := new(T)
	if err := json.Unmarshal(data, v); err != nil {
		tb.Fatalf("encoding/json: %v", err)
	}
	if JSONv2Build {
		return []Peer{jsonV2Peer(v)}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	var gbuf bytes.Buffer
	genc := goccy.NewEncoder(&gbuf)
	return []Peer{
		{
			Name:    "encoding-json",
			Decode:  func(data []byte) error { return json.Unmarshal(data, new(T)) },
			Marshal: func() ([]byte, error) { return json.Marshal(v) },
			Append: func(dst []byte) ([]byte, error) {
				buf.Reset()
				err := enc.Encode(v)
				return append(dst, buf.Bytes()...), err
			},
		},
		{
			Name: "easyjson",
			Decode: func(data []byte) error {
				return easyjson.Unmarshal(data, PT(new(T)))
			},
			Marshal: func() ([]byte, error) { return easyjson.Marshal(PT(v)) },
			Append: func(dst []byte) ([]byte, error) {
				var w jwriter.Writer
				PT(v).MarshalEasyJSON(&w)
				if w.Error != nil {
					return dst, w.Error
				}
				if len(dst) > 0 {
					// BuildBytes writes from the start of its argument.
					return append(dst, w.Buffer.BuildBytes()...), nil
				}
				return w.Buffer.BuildBytes(dst), nil
			},
		},
		{
			Name:    "goccy",
			Decode:  func(data []byte) error { return goccy.Unmarshal(data, new(T)) },
			Marshal: func() ([]byte, error) { return goccy.Marshal(v) },
			Append: func(dst []byte) ([]byte, error) {
				gbuf.Reset()
				err := genc.Encode(v)
				return append(dst, gbuf.Bytes()...), err
			},
		},
		{
			Name:    "sonic",
			Decode:  func(data []byte) error { return sonic.Unmarshal(data, new(T)) },
			Marshal: func() ([]byte, error) { return sonic.Marshal(v) },
			Append: func(dst []byte) ([]byte, error) {
				err := encoder.EncodeInto(&dst, v, 0)
				return dst, err
			},
		},
	}
}
