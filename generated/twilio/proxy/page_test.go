// Hand-written test helper (not generated): walks a Twilio list page with
// the package's exported Decoder.

package proxy

import (
	"github.com/sessiongen/sessiongen/generated/internal/sessiongenrt"
)

// appender is what every generated type offers.
type appender interface {
	AppendJSON(dst []byte) ([]byte, error)
}

// twilioMeta is the "meta" object of a Twilio list page.
type twilioMeta struct {
	Page, PageSize  int64
	FirstPageURL    Optional[string]
	PreviousPageURL Optional[string]
	NextPageURL     Optional[string]
	URL             Optional[string]
	Key             string
	Other           []string // meta members the helper does not declare (skipped)
}

// TwilioPage is a Twilio list response: {"<key>": [...], "meta": {...}}.
type TwilioPage[T appender] struct {
	Key   string
	Items []T
	Meta  twilioMeta
	Other []string // envelope members the helper does not declare (skipped)
}

// DecodeTwilioPage walks the envelope with a Decoder, decodes each element
// of the list named key with elem and the meta object field by field. It
// checks that meta.key names the list.
func DecodeTwilioPage[T appender](data []byte, key string, elem func(*sessiongenrt.Decoder) (T, error)) (TwilioPage[T], error) {
	p := TwilioPage[T]{Key: key}
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
		case key:
			if err := d.BeginArray(); err != nil {
				return p, sessiongenrt.WithField(err, field)
			}
			p.Items = []T{}
			for i := 0; ; i++ {
				more, err := d.NextElement()
				if err != nil {
					return p, sessiongenrt.WithField(err, field)
				}
				if !more {
					break
				}
				v, err := elem(d)
				if err != nil {
					return p, sessiongenrt.WithField(sessiongenrt.WithIndex(err, i), field)
				}
				p.Items = append(p.Items, v)
			}
		case "meta":
			if err := decodeMeta(d, &p.Meta); err != nil {
				return p, sessiongenrt.WithField(err, field)
			}
		default:
			p.Other = append(p.Other, field)
			if err := d.Skip(); err != nil {
				return p, sessiongenrt.WithField(err, field)
			}
		}
	}
	if !seen[key] {
		return p, d.ErrRequired(key)
	}
	if !seen["meta"] {
		return p, d.ErrRequired("meta")
	}
	if p.Meta.Key != key {
		return p, d.Errorf("meta.key is %q, want %q", p.Meta.Key, key)
	}
	return p, d.End()
}

func decodeMeta(d *sessiongenrt.Decoder, m *twilioMeta) error {
	if err := d.BeginObject(); err != nil {
		return err
	}
	seen := map[string]bool{}
	for {
		name, ok, err := d.NextField()
		if err != nil {
			return err
		}
		if !ok {
			return nil
		}
		field := string(name)
		if seen[field] {
			return d.ErrDuplicate(name)
		}
		seen[field] = true
		var url *Optional[string]
		switch field {
		case "page", "page_size":
			n, err := d.Int64Value()
			if err != nil {
				return sessiongenrt.WithField(err, field)
			}
			if field == "page" {
				m.Page = n
			} else {
				m.PageSize = n
			}
			continue
		case "key":
			if m.Key, err = d.StringValue(); err != nil {
				return sessiongenrt.WithField(err, field)
			}
			continue
		case "first_page_url":
			url = &m.FirstPageURL
		case "previous_page_url":
			url = &m.PreviousPageURL
		case "next_page_url":
			url = &m.NextPageURL
		case "url":
			url = &m.URL
		default:
			m.Other = append(m.Other, field)
			if err := d.Skip(); err != nil {
				return sessiongenrt.WithField(err, field)
			}
			continue
		}
		if d.ConsumeNull() {
			*url = Null[string]()
			continue
		}
		s, err := d.StringValue()
		if err != nil {
			return sessiongenrt.WithField(err, field)
		}
		*url = Some(s)
	}
}

// AppendTwilioPage encodes the page back: the list, then meta.
func AppendTwilioPage[T appender](dst []byte, p TwilioPage[T]) ([]byte, error) {
	dst = append(dst, '{')
	dst = sessiongenrt.AppendString(dst, p.Key)
	dst = append(dst, ":["...)
	for i, v := range p.Items {
		if i > 0 {
			dst = append(dst, ',')
		}
		var err error
		if dst, err = v.AppendJSON(dst); err != nil {
			return nil, err
		}
	}
	dst = append(dst, `],"meta":{"page":`...)
	dst = sessiongenrt.AppendInt(dst, p.Meta.Page)
	dst = append(dst, `,"page_size":`...)
	dst = sessiongenrt.AppendInt(dst, p.Meta.PageSize)
	for _, u := range []struct {
		name string
		v    Optional[string]
	}{
		{"first_page_url", p.Meta.FirstPageURL},
		{"previous_page_url", p.Meta.PreviousPageURL},
		{"next_page_url", p.Meta.NextPageURL},
		{"url", p.Meta.URL},
	} {
		if !u.v.IsSet() {
			continue
		}
		dst = append(dst, ',')
		dst = sessiongenrt.AppendString(dst, u.name)
		dst = append(dst, ':')
		if s, ok := u.v.Get(); ok {
			dst = sessiongenrt.AppendString(dst, s)
		} else {
			dst = sessiongenrt.AppendNull(dst)
		}
	}
	dst = append(dst, `,"key":`...)
	dst = sessiongenrt.AppendString(dst, p.Meta.Key)
	return append(dst, "}}"...), nil
}

// ElemOf returns the element decoder of a generated type. Its constraint
// names only exported methods, so that the external tests can call it; the
// streaming method is found on the value.
func ElemOf[T any, P interface {
	*T
	appender
}]() func(*sessiongenrt.Decoder) (P, error) {
	return func(d *sessiongenrt.Decoder) (P, error) {
		v := P(new(T))
		return v, any(v).(interface {
			readJSON(*sessiongenrt.Decoder) error
		}).readJSON(d)
	}
}

// newTestDecoder returns a decoder reading data (the runtime's newDecoder is
// copied only where generated code uses it).
func newTestDecoder(data []byte) *sessiongenrt.Decoder {
	d := new(sessiongenrt.Decoder)
	d.Reset(data)
	return d
}
