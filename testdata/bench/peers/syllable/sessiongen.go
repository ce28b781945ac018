// Copied from generated/syllable/sessions/bench_test.go (the page helpers; keep in
// step): how a client reads and writes a page of sessions with the generated
// package, the envelope walked with its Decoder and each element decoded with
// Session.DecodeJSON.

package syllable

import (
	"path/filepath"

	sy "github.com/sessiongen/sessiongen/generated/syllable/sessions"
)

// payloadDir holds the generated package's copies of the benchmark payloads.
var payloadDir = filepath.Join("..", "..", "..", "..", "generated", "syllable/sessions", "testdata", "bench")

// payloadNames are the files of payloadDir, without .json; those with
// "sessions" in the name are pages.
var payloadNames = []string{"syllable_session", "syllable_session_docs", "syllable_sessions_50", "syllable_sessions_50_docs"}

// benchPage is a Syllable page of sessions:
// {"items": [...], "page": 0, "page_size": 50, "total_pages": 37, "total_count": 1843}.
// The package has ListResponseSession for it; the helper walks the envelope
// itself, as for the other two APIs, so that the three pages are measured
// the same way.
type benchPage struct {
	Sessions               []sy.Session
	Page, PageSize         int64
	TotalPages, TotalCount sy.Optional[int64]
}

// benchDecodePage walks the envelope with the package's Decoder and decodes
// each element of "items" with Session.DecodeJSON, in place in the slice.
func benchDecodePage(data []byte, p *benchPage) error {
	var d sy.Decoder
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
		case "items":
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
				p.Sessions = append(p.Sessions, sy.Session{})
				if err := p.Sessions[len(p.Sessions)-1].DecodeJSON(&d); err != nil {
					return sy.WithIndex(err, len(p.Sessions)-1)
				}
			}
		case "page":
			p.Page, err = d.Int64()
		case "page_size":
			p.PageSize, err = d.Int64()
		case "total_pages", "total_count":
			o := &p.TotalPages
			if string(name) == "total_count" {
				o = &p.TotalCount
			}
			if d.ConsumeNull() {
				*o = sy.Null[int64]()
			} else {
				var n int64
				n, err = d.Int64()
				*o = sy.Some(n)
			}
		default:
			err = d.Skip()
		}
		if err != nil {
			return sy.WithField(err, string(name))
		}
	}
	return d.End()
}

// benchAppendPage encodes a page: items, page, page_size, total_pages,
// total_count.
func benchAppendPage(dst []byte, p *benchPage) ([]byte, error) {
	dst = append(dst, `{"items":[`...)
	for i := range p.Sessions {
		if i > 0 {
			dst = append(dst, ',')
		}
		var err error
		if dst, err = p.Sessions[i].AppendJSON(dst); err != nil {
			return nil, err
		}
	}
	dst = append(dst, `],"page":`...)
	dst = sy.AppendInt(dst, p.Page)
	dst = append(dst, `,"page_size":`...)
	dst = sy.AppendInt(dst, p.PageSize)
	dst = append(dst, `,"total_pages":`...)
	dst = benchAppendNullable(dst, p.TotalPages)
	dst = append(dst, `,"total_count":`...)
	dst = benchAppendNullable(dst, p.TotalCount)
	return append(dst, '}'), nil
}

func benchAppendNullable(dst []byte, o sy.Optional[int64]) []byte {
	if n, ok := o.Get(); ok {
		return sy.AppendInt(dst, n)
	}
	return sy.AppendNull(dst)
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
