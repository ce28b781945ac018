package graph

import (
	"context"
	"net/http"
	"testing"

	cr "github.com/sessiongen/sessiongen/generated/msgraph/callrecords"
	"github.com/sessiongen/sessiongen/testdata/bench/peers/harness"
)

func payloads(tb testing.TB) []harness.Payload {
	return harness.Load(tb, payloadDir, payloadNames, benchDedup)
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
		readPage := clientPageReader(tb)
		var scratch []byte
		if err := benchDecodePage(p.Data, pg); err != nil {
			tb.Fatalf("%s: %v", p.Name, err)
		}
		return harness.Peer{
			Name:   "sessiongen",
			Decode: func(data []byte) error { _, err := readPage(data); return err },
			Marshal: func() ([]byte, error) {
				return harness.Owned(&scratch, func(dst []byte) ([]byte, error) { return benchAppendPage(dst, pg) })
			},
			Append:   func(dst []byte) ([]byte, error) { return benchAppendPage(dst, pg) },
			Validate: func() error { return benchValidatePage(pg) },
		}
	}
	s := new(cr.Session)
	if err := s.UnmarshalJSON(p.Data); err != nil {
		tb.Fatalf("%s: %v", p.Name, err)
	}
	return harness.Peer{
		Name:     "sessiongen",
		Decode:   func(data []byte) error { return new(cr.Session).UnmarshalJSON(data) },
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

// clientPageReader reads a page as a client of the package receives one:
// SessionsClient.ListPage over a transport that answers with the payload
// (harness.MemoryTransport), so the envelope and the items are read by the
// package's own page reader. Request building and response handling are in
// the figure. It returns the number of items read.
func clientPageReader(tb testing.TB) func(data []byte) (int, error) {
	tb.Helper()
	tr := new(harness.MemoryTransport)
	c, err := cr.NewClient(cr.WithHTTPClient(&http.Client{Transport: tr}))
	if err != nil {
		tb.Fatal(err)
	}
	sessions := c.CallRecords.Sessions("2ee3bd27-2a5d-4b19-8a6e-2a1bd6e8e7b5")
	ctx := context.Background()
	return func(data []byte) (int, error) {
		tr.Body = data
		page, err := sessions.ListPage(ctx, nil)
		if err != nil {
			return 0, err
		}
		return len(page.Items), nil
	}
}

// TestClientPageReadsEveryItem checks that the page benchmark's client reads
// every session of each page payload (as many as encoding/json finds).
func TestClientPageReadsEveryItem(t *testing.T) {
	readPage := clientPageReader(t)
	for _, p := range payloads(t) {
		if !p.Page {
			continue
		}
		var pg benchPage
		if err := benchDecodePage(p.Data, &pg); err != nil {
			t.Fatalf("%s: %v", p.Name, err)
		}
		n, err := readPage(p.Data)
		if err != nil || n != len(pg.Sessions) || n == 0 {
			t.Errorf("%s: the client read %d sessions (%v), want %d", p.Name, n, err, len(pg.Sessions))
		}
	}
}
