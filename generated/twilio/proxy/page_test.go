// Hand-written test helper (not generated): walks a Twilio list page with
// the package's exported Decoder.

package proxy_test

import (
	pr "github.com/sessiongen/sessiongen/generated/twilio/proxy"
)

// appender is what every generated type offers.
type appender interface {
	AppendJSON(dst []byte) ([]byte, error)
}

// twilioMeta is the "meta" object of a Twilio list page.
type twilioMeta struct {
	Page, PageSize  int64
	FirstPageURL    pr.Optional[string]
	PreviousPageURL pr.Optional[string]
	NextPageURL     pr.Optional[string]
	URL             pr.Optional[string]
	Key             string
	Other           []string // meta members the helper does not declare (skipped)
}

// twilioPage is a Twilio list response: {"<key>": [...], "meta": {...}}.
type twilioPage[T appender] struct {
	Key   string
	Items []T
	Meta  twilioMeta
	Other []string // envelope members the helper does not declare (skipped)
}

// decodeTwilioPage walks the envelope with a pr.Decoder, decodes each element
// of the list named key with elem and the meta object field by field. It
// checks that meta.key names the list.
func decodeTwilioPage[T appender](data []byte, key string, elem func(*pr.Decoder) (T, error)) (twilioPage[T], error) {
	p := twilioPage[T]{Key: key}
	d := pr.NewDecoder(data)
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
				return p, pr.WithField(err, field)
			}
			p.Items = []T{}
			for i := 0; ; i++ {
				more, err := d.NextElement()
				if err != nil {
					return p, pr.WithField(err, field)
				}
				if !more {
					break
				}
				v, err := elem(d)
				if err != nil {
					return p, pr.WithField(pr.WithIndex(err, i), field)
				}
				p.Items = append(p.Items, v)
			}
		case "meta":
			if err := decodeMeta(d, &p.Meta); err != nil {
				return p, pr.WithField(err, field)
			}
		default:
			p.Other = append(p.Other, field)
			if err := d.Skip(); err != nil {
				return p, pr.WithField(err, field)
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

func decodeMeta(d *pr.Decoder, m *twilioMeta) error {
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
		var url *pr.Optional[string]
		switch field {
		case "page", "page_size":
			n, err := d.Int64()
			if err != nil {
				return pr.WithField(err, field)
			}
			if field == "page" {
				m.Page = n
			} else {
				m.PageSize = n
			}
			continue
		case "key":
			if m.Key, err = d.String(); err != nil {
				return pr.WithField(err, field)
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
				return pr.WithField(err, field)
			}
			continue
		}
		if d.ConsumeNull() {
			*url = pr.Null[string]()
			continue
		}
		s, err := d.String()
		if err != nil {
			return pr.WithField(err, field)
		}
		*url = pr.Some(s)
	}
}

// appendTwilioPage encodes the page back: the list, then meta.
func appendTwilioPage[T appender](dst []byte, p twilioPage[T]) ([]byte, error) {
	dst = append(dst, '{')
	dst = pr.AppendString(dst, p.Key)
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
	dst = pr.AppendInt(dst, p.Meta.Page)
	dst = append(dst, `,"page_size":`...)
	dst = pr.AppendInt(dst, p.Meta.PageSize)
	for _, u := range []struct {
		name string
		v    pr.Optional[string]
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
		dst = pr.AppendString(dst, u.name)
		dst = append(dst, ':')
		if s, ok := u.v.Get(); ok {
			dst = pr.AppendString(dst, s)
		} else {
			dst = pr.AppendNull(dst)
		}
	}
	dst = append(dst, `,"key":`...)
	dst = pr.AppendString(dst, p.Meta.Key)
	return append(dst, "}}"...), nil
}

// elemOf returns the element decoder of a generated type.
func elemOf[T any, P interface {
	*T
	appender
	DecodeJSON(*pr.Decoder) error
}]() func(*pr.Decoder) (P, error) {
	return func(d *pr.Decoder) (P, error) {
		v := P(new(T))
		return v, v.DecodeJSON(d)
	}
}
