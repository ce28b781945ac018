// Hand-written benchmarks (not generated): the generated codec and validator
// against encoding/json decoding into and encoding from plain mirror structs
// (mirror_test.go), on the payloads in testdata/bench. How to run them and
// how to read the results: testdata/bench/README.md at the module root.

package proxy

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/sessiongen/sessiongen/generated/internal/sessiongenrt"
	"github.com/sessiongen/sessiongen/internal/raceflag"
)

// benchPayload is one file of testdata/bench.
type benchPayload struct {
	name string // file name without .json: the sub-benchmark name
	page bool   // an OData page of sessions rather than one session
	data []byte
}

func loadBenchPayloads(tb testing.TB) []benchPayload {
	tb.Helper()
	list := []benchPayload{
		{name: "twilio_session"},
		{name: "twilio_session_docs"},
		{name: "twilio_sessions_50", page: true},
		{name: "twilio_sessions_50_docs", page: true},
	}
	for i := range list {
		data, err := os.ReadFile(filepath.Join("testdata", "bench", list[i].name+".json"))
		if err != nil {
			tb.Fatal(err)
		}
		list[i].data = data
	}
	return list
}

// benchPage is a Twilio page of sessions: {"sessions": [...], "meta": {...}}.
type benchPage struct {
	Sessions []Session
	Meta     benchMeta
}

// benchMeta is a Twilio page's "meta" object.
type benchMeta struct {
	Page, PageSize            int64
	FirstPageURL, URL, Key    string
	PreviousPageURL, NextPage Optional[string]
}

// benchDecodePage walks the envelope with the package's Decoder and decodes
// each element of "sessions" with Session.DecodeJSON, in place in the slice.
func benchDecodePage(data []byte, p *benchPage) error {
	var d sessiongenrt.Decoder
	d.Reset(data)
	if err := d.BeginObject(); err != nil {
		return err
	}
	for {
		name, ok, err := d.NextField()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		switch string(name) {
		case "sessions":
			if err := d.BeginArray(); err != nil {
				return err
			}
			for {
				more, err := d.NextElement()
				if err != nil {
					return err
				}
				if !more {
					break
				}
				p.Sessions = append(p.Sessions, Session{})
				if err := p.Sessions[len(p.Sessions)-1].readJSON(&d); err != nil {
					return sessiongenrt.WithIndex(err, len(p.Sessions)-1)
				}
			}
		case "meta":
			if err := benchDecodeMeta(&d, &p.Meta); err != nil {
				return sessiongenrt.WithField(err, "meta")
			}
		default:
			if err := d.Skip(); err != nil {
				return err
			}
		}
	}
	return d.End()
}

func benchDecodeMeta(d *sessiongenrt.Decoder, m *benchMeta) error {
	if err := d.BeginObject(); err != nil {
		return err
	}
	for {
		name, ok, err := d.NextField()
		if err != nil {
			return err
		}
		if !ok {
			return nil
		}
		switch string(name) {
		case "page":
			m.Page, err = d.Int64Value()
		case "page_size":
			m.PageSize, err = d.Int64Value()
		case "first_page_url":
			m.FirstPageURL, err = d.StringValue()
		case "url":
			m.URL, err = d.StringValue()
		case "key":
			m.Key, err = d.StringValue()
		case "previous_page_url", "next_page_url":
			o := &m.PreviousPageURL
			if string(name) == "next_page_url" {
				o = &m.NextPage
			}
			if d.ConsumeNull() {
				*o = Null[string]()
			} else {
				var s string
				s, err = d.StringValue()
				*o = Some(s)
			}
		default:
			err = d.Skip()
		}
		if err != nil {
			return err
		}
	}
}

// benchAppendPage encodes a page: sessions, then meta.
func benchAppendPage(dst []byte, p *benchPage) ([]byte, error) {
	dst = append(dst, `{"sessions":[`...)
	for i := range p.Sessions {
		if i > 0 {
			dst = append(dst, ',')
		}
		var err error
		if dst, err = p.Sessions[i].AppendJSON(dst); err != nil {
			return nil, err
		}
	}
	m := &p.Meta
	dst = append(dst, `],"meta":{"page":`...)
	dst = sessiongenrt.AppendInt(dst, m.Page)
	dst = append(dst, `,"page_size":`...)
	dst = sessiongenrt.AppendInt(dst, m.PageSize)
	dst = append(dst, `,"first_page_url":`...)
	dst = sessiongenrt.AppendString(dst, m.FirstPageURL)
	dst = append(dst, `,"previous_page_url":`...)
	dst = benchAppendNullable(dst, m.PreviousPageURL)
	dst = append(dst, `,"url":`...)
	dst = sessiongenrt.AppendString(dst, m.URL)
	dst = append(dst, `,"next_page_url":`...)
	dst = benchAppendNullable(dst, m.NextPage)
	dst = append(dst, `,"key":`...)
	dst = sessiongenrt.AppendString(dst, m.Key)
	return append(dst, "}}"...), nil
}

func benchAppendNullable(dst []byte, o Optional[string]) []byte {
	if s, ok := o.Get(); ok {
		return sessiongenrt.AppendString(dst, s)
	}
	return sessiongenrt.AppendNull(dst)
}

// benchValidatePage validates every session of a page.
func benchValidatePage(p *benchPage) error {
	for i := range p.Sessions {
		if err := p.Sessions[i].Validate(); err != nil {
			return err
		}
	}
	return nil
}

// benchValue is a decoded payload, as sessiongen and as the mirror.
type benchValue struct {
	session    Session
	page       benchPage
	mirror     mirrorSession
	mirrorPage mirrorPage
}

func decodeBenchValue(tb testing.TB, p benchPayload) *benchValue {
	tb.Helper()
	v := new(benchValue)
	if p.page {
		if err := benchDecodePage(p.data, &v.page); err != nil {
			tb.Fatalf("%s: %v", p.name, err)
		}
		if err := json.Unmarshal(p.data, &v.mirrorPage); err != nil {
			tb.Fatalf("%s: encoding/json: %v", p.name, err)
		}
		return v
	}
	if err := v.session.UnmarshalJSON(p.data); err != nil {
		tb.Fatalf("%s: %v", p.name, err)
	}
	if err := json.Unmarshal(p.data, &v.mirror); err != nil {
		tb.Fatalf("%s: encoding/json: %v", p.name, err)
	}
	return v
}

func (v *benchValue) appendJSON(dst []byte, page bool) ([]byte, error) {
	if page {
		return benchAppendPage(dst, &v.page)
	}
	return v.session.AppendJSON(dst)
}

func (v *benchValue) validate(page bool) error {
	if page {
		return benchValidatePage(&v.page)
	}
	return v.session.Validate()
}

func BenchmarkDecode(b *testing.B) {
	for _, p := range loadBenchPayloads(b) {
		b.Run(p.name, func(b *testing.B) {
			b.Run("sessiongen", func(b *testing.B) {
				b.SetBytes(int64(len(p.data)))
				b.ReportAllocs()
				if p.page {
					for b.Loop() {
						var pg benchPage
						if err := benchDecodePage(p.data, &pg); err != nil {
							b.Fatal(err)
						}
					}
					return
				}
				for b.Loop() {
					var s Session
					if err := s.UnmarshalJSON(p.data); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("encoding-json", func(b *testing.B) {
				b.SetBytes(int64(len(p.data)))
				b.ReportAllocs()
				if p.page {
					for b.Loop() {
						var pg mirrorPage
						if err := json.Unmarshal(p.data, &pg); err != nil {
							b.Fatal(err)
						}
					}
					return
				}
				for b.Loop() {
					var s mirrorSession
					if err := json.Unmarshal(p.data, &s); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}

func BenchmarkEncode(b *testing.B) {
	for _, p := range loadBenchPayloads(b) {
		v := decodeBenchValue(b, p)
		b.Run(p.name, func(b *testing.B) {
			b.Run("sessiongen", func(b *testing.B) {
				b.SetBytes(int64(len(p.data)))
				b.ReportAllocs()
				buf, err := v.appendJSON(nil, p.page) // warm the buffer: reused below
				if err != nil {
					b.Fatal(err)
				}
				for b.Loop() {
					var err error
					if buf, err = v.appendJSON(buf[:0], p.page); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("encoding-json", func(b *testing.B) {
				b.SetBytes(int64(len(p.data)))
				b.ReportAllocs()
				var m any = &v.mirror
				if p.page {
					m = &v.mirrorPage
				}
				for b.Loop() {
					if _, err := json.Marshal(m); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}

func BenchmarkValidate(b *testing.B) {
	for _, p := range loadBenchPayloads(b) {
		v := decodeBenchValue(b, p)
		b.Run(p.name, func(b *testing.B) {
			b.SetBytes(int64(len(p.data)))
			b.ReportAllocs()
			for b.Loop() {
				if err := v.validate(p.page); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestBenchPayloadsZeroAlloc pins the allocation targets on every benchmark
// payload: Validate of a valid value and AppendJSON into a reused buffer
// allocate nothing.
func TestBenchPayloadsZeroAlloc(t *testing.T) {
	if raceflag.Enabled {
		t.Skip("the race detector makes sync.Pool drop buffers on purpose")
	}
	for _, p := range loadBenchPayloads(t) {
		t.Run(p.name, func(t *testing.T) {
			v := decodeBenchValue(t, p)
			if err := v.validate(p.page); err != nil {
				t.Fatalf("payload is not valid: %v", err)
			}
			if n := testing.AllocsPerRun(100, func() { _ = v.validate(p.page) }); n != 0 {
				t.Errorf("Validate allocates %v times per run, want 0", n)
			}
			buf, err := v.appendJSON(nil, p.page)
			if err != nil {
				t.Fatal(err)
			}
			if n := testing.AllocsPerRun(100, func() { buf, _ = v.appendJSON(buf[:0], p.page) }); n != 0 {
				t.Errorf("AppendJSON into a reused buffer allocates %v times per run, want 0", n)
			}
			if !p.page {
				// MarshalJSON allocates its output and nothing more, once warm.
				out, err := v.session.MarshalJSON()
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(out, buf) || cap(out) != len(out) {
					t.Errorf("MarshalJSON: %d bytes (cap %d), want AppendJSON's %d at their exact size", len(out), cap(out), len(buf))
				}
				if n := testing.AllocsPerRun(100, func() { _, _ = v.session.MarshalJSON() }); n != 1 {
					t.Errorf("MarshalJSON allocates %v times per run, want 1 (the output)", n)
				}
			}
			mirrorOut, err := json.Marshal(mirrorValue(v, p.page))
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("input %d bytes; AppendJSON writes %d, encoding/json (mirror) %d", len(p.data), len(buf), len(mirrorOut))
		})
	}
}

func mirrorValue(v *benchValue, page bool) any {
	if page {
		return &v.mirrorPage
	}
	return &v.mirror
}
