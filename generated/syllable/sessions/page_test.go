// Hand-written test helper (not generated): walks a Syllable list page with
// the package's exported Decoder.

package sessions_test

import (
	sy "github.com/sessiongen/sessiongen/generated/syllable/sessions"
)

// syllablePage is a Syllable list response (ListResponse[Session]):
//
//	{"items": [...], "page": 0, "page_size": 25, "total_pages": 4, "total_count": 100}
type syllablePage struct {
	Items      []sy.Session
	Page       int64
	PageSize   int64
	TotalPages sy.Optional[int64]
	TotalCount sy.Optional[int64]
	Other      []string // envelope members the helper does not declare (skipped)
}

// decodeSyllablePage walks the envelope with a sy.Decoder and decodes each
// item with Session.DecodeJSON. items, page and page_size are required;
// total_pages and total_count may be null.
func decodeSyllablePage(data []byte) (syllablePage, error) {
	var p syllablePage
	d := sy.NewDecoder(data)
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
				return p, sy.WithField(err, field)
			}
			p.Items = []sy.Session{}
			for i := 0; ; i++ {
				more, err := d.NextElement()
				if err != nil {
					return p, sy.WithField(err, field)
				}
				if !more {
					break
				}
				var s sy.Session
				if err := s.DecodeJSON(d); err != nil {
					return p, sy.WithField(sy.WithIndex(err, i), field)
				}
				p.Items = append(p.Items, s)
			}
		case "page", "page_size":
			n, err := d.Int64()
			if err != nil {
				return p, sy.WithField(err, field)
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
				*o = sy.Null[int64]()
				continue
			}
			n, err := d.Int64()
			if err != nil {
				return p, sy.WithField(err, field)
			}
			*o = sy.Some(n)
		default:
			p.Other = append(p.Other, field)
			if err := d.Skip(); err != nil {
				return p, sy.WithField(err, field)
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

// appendSyllablePage encodes the page back in the service's member order.
func appendSyllablePage(dst []byte, p syllablePage) ([]byte, error) {
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
	dst = sy.AppendInt(dst, p.Page)
	dst = append(dst, `,"page_size":`...)
	dst = sy.AppendInt(dst, p.PageSize)
	for _, o := range []struct {
		name string
		v    sy.Optional[int64]
	}{{"total_pages", p.TotalPages}, {"total_count", p.TotalCount}} {
		if !o.v.IsSet() {
			continue
		}
		dst = append(dst, ',')
		dst = sy.AppendString(dst, o.name)
		dst = append(dst, ':')
		if n, ok := o.v.Get(); ok {
			dst = sy.AppendInt(dst, n)
		} else {
			dst = sy.AppendNull(dst)
		}
	}
	return append(dst, '}'), nil
}
