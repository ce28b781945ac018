// Copied from generated/twilio/proxy/bench_test.go (the page helpers; keep in
// step): how a client reads and writes a page of sessions with the generated
// package, the envelope walked with its Decoder and each element decoded with
// Session.DecodeJSON.

package twilio

import (
	"path/filepath"

	tw "github.com/sessiongen/sessiongen/generated/twilio/proxy"
)

// payloadDir holds the generated package's copies of the benchmark payloads.
var payloadDir = filepath.Join("..", "..", "..", "..", "generated", "twilio/proxy", "testdata", "bench")

// payloadNames are the files of payloadDir, without .json; those with
// "sessions" in the name are pages.
var payloadNames = []string{"twilio_session", "twilio_session_docs", "twilio_sessions_50", "twilio_sessions_50_docs"}

// benchPage is a Twilio page of sessions: {"sessions": [...], "meta": {...}}.
type benchPage struct {
	Sessions []tw.Session
	Meta     benchMeta
}

// benchMeta is a Twilio page's "meta" object.
type benchMeta struct {
	Page, PageSize            int64
	FirstPageURL, URL, Key    string
	PreviousPageURL, NextPage tw.Optional[string]
}

// benchDecodePage walks the envelope with the package's Decoder and decodes
// each element of "sessions" with Session.DecodeJSON, in place in the slice.
func benchDecodePage(data []byte, p *benchPage) error {
	var d tw.Decoder
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
				p.Sessions = append(p.Sessions, tw.Session{})
				if err := p.Sessions[len(p.Sessions)-1].DecodeJSON(&d); err != nil {
					return tw.WithIndex(err, len(p.Sessions)-1)
				}
			}
		case "meta":
			if err := benchDecodeMeta(&d, &p.Meta); err != nil {
				return tw.WithField(err, "meta")
			}
		default:
			if err := d.Skip(); err != nil {
				return err
			}
		}
	}
	return d.End()
}

func benchDecodeMeta(d *tw.Decoder, m *benchMeta) error {
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
			m.Page, err = d.Int64()
		case "page_size":
			m.PageSize, err = d.Int64()
		case "first_page_url":
			m.FirstPageURL, err = d.String()
		case "url":
			m.URL, err = d.String()
		case "key":
			m.Key, err = d.String()
		case "previous_page_url", "next_page_url":
			o := &m.PreviousPageURL
			if string(name) == "next_page_url" {
				o = &m.NextPage
			}
			if d.ConsumeNull() {
				*o = tw.Null[string]()
			} else {
				var s string
				s, err = d.String()
				*o = tw.Some(s)
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
	dst = tw.AppendInt(dst, m.Page)
	dst = append(dst, `,"page_size":`...)
	dst = tw.AppendInt(dst, m.PageSize)
	dst = append(dst, `,"first_page_url":`...)
	dst = tw.AppendString(dst, m.FirstPageURL)
	dst = append(dst, `,"previous_page_url":`...)
	dst = benchAppendNullable(dst, m.PreviousPageURL)
	dst = append(dst, `,"url":`...)
	dst = tw.AppendString(dst, m.URL)
	dst = append(dst, `,"next_page_url":`...)
	dst = benchAppendNullable(dst, m.NextPage)
	dst = append(dst, `,"key":`...)
	dst = tw.AppendString(dst, m.Key)
	return append(dst, "}}"...), nil
}

func benchAppendNullable(dst []byte, o tw.Optional[string]) []byte {
	if s, ok := o.Get(); ok {
		return tw.AppendString(dst, s)
	}
	return tw.AppendNull(dst)
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
