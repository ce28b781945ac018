// Hand-written test helper (not generated): walks a Syllable list page with
// the package's exported Decoder.

package sessions

import (
	"github.com/sessiongen/sessiongen/generated/internal/sessiongenrt"
)

// SyllablePage is a Syllable list response (ListResponse[Session]):
//
//	{"items": [...], "page": 0, "page_size": 25, "total_pages": 4, "total_count": 100}
type SyllablePage struct {
	Items      []Session
	Page       int64
	PageSize   int64
	TotalPages Optional[int64]
	TotalCount Optional[int64]
	Other      []string // envelope members the helper does not declare (skipped)
}

// DecodeSyllablePage walks the envelope with a Decoder and decodes each
// item with Session.DecodeJSON. items, page and page_size are required;
// total_pages and total_count may be null.
func DecodeSyllablePage(data []byte) (SyllablePage, error) {
	var p SyllablePage
	d := newTestDecoder(data)
	if err := d.BeginObject(); err != nil {
		return p, err
	}
	seen := map[string]bool{}
	for {
		name, ok, err := d.NextField()
		if err != nil {
			return p, err
		}
		if !ok {
			break
		}
		field := string(name)
		if seen[field] {
			return p, d.ErrDuplicate(name)
		}
		seen[field] = true
		switch field {
		case "items":
			if err := d.BeginArray(); err != nil {
				return p, sessiongenrt.WithField(err, field)
			}
			p.Items = []Session{}
			for i := 0; ; i++ {
				more, err := d.NextElement()
				if err != nil {
					return p, sessiongenrt.WithField(err, field)
				}
				if !more {
					break
				}
				var s Session
				if err := s.readJSON(d); err != nil {
					return p, sessiongenrt.WithField(sessiongenrt.WithIndex(err, i), field)
				}
				p.Items = append(p.Items, s)
			}
		case "page", "page_size":
			n, err := d.Int64Value()
			if err != nil {
				return p, sessiongenrt.WithField(err, field)
			}
			if field == "page" {
				p.Page = n
			} else {
				p.PageSize = n
			}
		case "total_pages", "total_count":
			o := &p.TotalPages
			if field == "total_count" {
				o = &p.TotalCount
			}
			if d.ConsumeNull() {
				*o = Null[int64]()
				continue
			}
			n, err := d.Int64Value()
			if err != nil {
				return p, sessiongenrt.WithField(err, field)
			}
			*o = Some(n)
		default:
			p.Other = append(p.Other, field)
			if err := d.Skip(); err != nil {
				return p, sessiongenrt.WithField(err, field)
			}
		}
	}
	for _, req := range []string{"items", "page", "page_size"} {
		if !seen[req] {
			return p, d.ErrRequired(req)
		}
	}
	return p, d.End()
}

// AppendSyllablePage encodes the page back in the service's member order.
func AppendSyllablePage(dst []byte, p SyllablePage) ([]byte, error) {
	dst = append(dst, `{"items":[`...)
	for i := range p.Items {
		if i > 0 {
			dst = append(dst, ',')
		}
		var err error
		if dst, err = p.Items[i].AppendJSON(dst); err != nil {
			return nil, err
		}
	}
	dst = append(dst, `],"page":`...)
	dst = sessiongenrt.AppendInt(dst, p.Page)
	dst = append(dst, `,"page_size":`...)
	dst = sessiongenrt.AppendInt(dst, p.PageSize)
	for _, o := range []struct {
		name string
		v    Optional[int64]
	}{{"total_pages", p.TotalPages}, {"total_count", p.TotalCount}} {
		if !o.v.IsSet() {
			continue
		}
		dst = append(dst, ',')
		dst = sessiongenrt.AppendString(dst, o.name)
		dst = append(dst, ':')
		if n, ok := o.v.Get(); ok {
			dst = sessiongenrt.AppendInt(dst, n)
		} else {
			dst = sessiongenrt.AppendNull(dst)
		}
	}
	return append(dst, '}'), nil
}

// newTestDecoder returns a decoder reading data (the runtime's newDecoder is
// copied only where generated code uses it).
func newTestDecoder(data []byte) *sessiongenrt.Decoder {
	d := new(sessiongenrt.Decoder)
	d.Reset(data)
	return d
}
