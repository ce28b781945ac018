package twilio

import (
	"testing"

	tw "github.com/sessiongen/sessiongen/generated/twilio/proxy"
	"github.com/sessiongen/sessiongen/testdata/bench/peers/harness"
)

func payloads(tb testing.TB) []harness.Payload {
	return harness.Load(tb, payloadDir, payloadNames, nil)
}

// peers returns every library's codec of p: the generated package's and the
// peers' on the mirror structs.
func peers(tb testing.TB, p harness.Payload) []harness.Peer {
	var list []harness.Peer
	if !harness.JSONv2Build {
		list = append(list, sessiongenPeer(tb, p))
	}
	if p.Page {
		return append(list, harness.MirrorPeers[mirrorPage](tb, p.Data)...)
	}
	return append(list, harness.MirrorPeers[mirrorSession](tb, p.Data)...)
}

// sessiongenPeer is the generated codec. A session's Marshal is
// Session.MarshalJSON; a page's is the page helper encoding into a reused
// scratch buffer and returning an exact-size copy (harness.Owned), as a
// generated MarshalJSON does.
func sessiongenPeer(tb testing.TB, p harness.Payload) harness.Peer {
	tb.Helper()
	if p.Page {
		pg := new(benchPage)
		var scratch []byte
		if err := benchDecodePage(p.Data, pg); err != nil {
			tb.Fatalf("%s: %v", p.Name, err)
		}
		return harness.Peer{
			Name:   "sessiongen",
			Decode: func(data []byte) error { return benchDecodePage(data, new(benchPage)) },
			Marshal: func() ([]byte, error) {
				return harness.Owned(&scratch, func(dst []byte) ([]byte, error) { return benchAppendPage(dst, pg) })
			},
			Append:   func(dst []byte) ([]byte, error) { return benchAppendPage(dst, pg) },
			Validate: func() error { return benchValidatePage(pg) },
		}
	}
	s := new(tw.Session)
	if err := s.UnmarshalJSON(p.Data); err != nil {
		tb.Fatalf("%s: %v", p.Name, err)
	}
	return harness.Peer{
		Name:     "sessiongen",
		Decode:   func(data []byte) error { return new(tw.Session).UnmarshalJSON(data) },
		Marshal:  func() ([]byte, error) { return s.MarshalJSON() },
		Append:   s.AppendJSON,
		Validate: s.Validate,
	}
}

func BenchmarkDecode(b *testing.B)   { harness.Run(b, "Decode", payloads(b), peers) }
func BenchmarkMarshal(b *testing.B)  { harness.Run(b, "Marshal", payloads(b), peers) }
func BenchmarkAppend(b *testing.B)   { harness.Run(b, "Append", payloads(b), peers) }
func BenchmarkValidate(b *testing.B) { harness.Run(b, "Validate", payloads(b), peers) }

func TestPeers(t *testing.T) { harness.Check(t, payloads(t), peers) }
