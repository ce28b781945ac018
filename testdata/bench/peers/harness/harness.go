// Package harness runs the same benchmarks over every JSON library (a Peer)
// for every payload, so that one `go test -bench` run measures them side by
// side and cmd/ratios can compare each library with the fastest.
//
// Benchmark names are Benchmark<Op>/payload=<name>/peer=<library>, Op one of
// Decode, Marshal, Append, Validate.
package harness

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Peer is one library's codec for one payload.
type Peer struct {
	Name string
	// Decode decodes data into a new value, as a client decoding a response
	// does: every op starts from a zero value on the heap.
	Decode func(data []byte) error
	// Marshal encodes the payload's decoded value into a new slice the caller
	// owns: MarshalJSON for sessiongen (pages: see the API packages), the
	// library's Marshal otherwise.
	Marshal func() ([]byte, error)
	// Append encodes the decoded value into the reused buffer dst (or the
	// library's closest API: an Encoder on a reused bytes.Buffer); nil where
	// there is none.
	Append func(dst []byte) ([]byte, error)
	// Validate checks the decoded value; nil for libraries that do not.
	Validate func() error
}

// Payload is one benchmark file.
type Payload struct {
	Name string // file name without .json
	Page bool   // a page of sessions rather than one session
	Data []byte
}

// Load reads dir/<name>.json for each name; fix, if not nil, rewrites each
// payload before use (both sides read the same bytes).
func Load(tb testing.TB, dir string, names []string, fix func([]byte) []byte) []Payload {
	tb.Helper()
	var list []Payload
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join(dir, name+".json"))
		if err != nil {
			tb.Fatal(err)
		}
		if fix != nil {
			data = fix(data)
		}
		list = append(list, Payload{Name: name, Page: strings.Contains(name, "sessions"), Data: data})
	}
	return list
}

// Run runs op over every payload and every peer that has it. peers returns
// the codecs of one payload, its value already decoded by each library.
func Run(b *testing.B, op string, payloads []Payload, peers func(testing.TB, Payload) []Peer) {
	ran := false
	for _, p := range payloads {
		for _, peer := range peers(b, p) {
			f := benchFunc(op, peer, p)
			if f == nil {
				continue
			}
			ran = true
			b.Run("payload="+p.Name+"/peer="+peer.Name, func(b *testing.B) {
				b.SetBytes(int64(len(p.Data)))
				b.ReportAllocs()
				f(b)
			})
		}
	}
	if !ran {
		// Otherwise the parent would be reported as a benchmark of nothing.
		b.Skip("no peer in this binary has " + op)
	}
}

func benchFunc(op string, peer Peer, p Payload) func(b *testing.B) {
	switch op {
	case "Decode":
		return func(b *testing.B) {
			for b.Loop() {
				if err := peer.Decode(p.Data); err != nil {
					b.Fatal(err)
				}
			}
		}
	case "Marshal":
		return func(b *testing.B) {
			out, err := peer.Marshal()
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if _, err := peer.Marshal(); err != nil {
					b.Fatal(err)
				}
			}
			// Output size, to read B/op against: a Marshal allocates at
			// least this. (After the loop: b.Loop drops earlier metrics.)
			b.ReportMetric(float64(len(out)), "out-B")
		}
	case "Append":
		if peer.Append == nil {
			return nil
		}
		return func(b *testing.B) {
			buf, err := peer.Append(nil) // warm the buffer: reused below
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if buf, err = peer.Append(buf[:0]); err != nil {
					b.Fatal(err)
				}
			}
		}
	case "Validate":
		if peer.Validate == nil {
			return nil
		}
		return func(b *testing.B) {
			for b.Loop() {
				if err := peer.Validate(); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	panic("harness: unknown op " + op)
}

// Owned encodes with appendTo into *scratch, kept for the next call, and
// returns a copy of exactly the output's size: what a generated MarshalJSON
// does (templates/support's ownedJSON, there with a sync.Pool), for pages,
// which have no generated type in two of the three packages.
func Owned(scratch *[]byte, appendTo func([]byte) ([]byte, error)) ([]byte, error) {
	out, err := appendTo((*scratch)[:0])
	*scratch = out[:0]
	if err != nil {
		return nil, err
	}
	return append(make([]byte, 0, len(out)), out...), nil
}

// Check runs every peer's operations once on every payload and fails on an
// error or on output that is not one JSON value, so that `go test` in this
// module (without -bench) checks what the benchmarks measure.
func Check(t *testing.T, payloads []Payload, peers func(testing.TB, Payload) []Peer) {
	for _, p := range payloads {
		for _, peer := range peers(t, p) {
			t.Run(p.Name+"/"+peer.Name, func(t *testing.T) {
				if err := peer.Decode(p.Data); err != nil {
					t.Fatalf("Decode: %v", err)
				}
				out, err := peer.Marshal()
				if err != nil || !json.Valid(out) {
					t.Fatalf("Marshal: %v, valid JSON %v", err, json.Valid(out))
				}
				if peer.Append != nil {
					buf, err := peer.Append([]byte("x"))
					if err != nil || string(buf[:1]) != "x" || !json.Valid(buf[1:]) {
						t.Fatalf("Append: %v; want x then one JSON value, got %.40q", err, buf)
					}
				}
				if peer.Validate != nil {
					if err := peer.Validate(); err != nil {
						t.Fatalf("Validate: %v", err)
					}
				}
			})
		}
	}
}
