// Hand-written test helper (not generated): walks a Twilio list page with
// the package's exported Decoder.

package proxy

import ()

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
func DecodeTwilioPage[T appender](data []byte, key string, elem func(*decoder) (T, error)) (TwilioPage[T], error) {
	p := TwilioPage[T]{Key: key}
	d := newTestDecoder(data)
	if err := d.beginObject(); err != nil {
		return p, err
	}
	seen := map[string]bool{}
	for {
		name, ok, err := d.nextField()
		if err != nil {
			return p, err
		}
		if !ok {
			break
		}
		field := string(name)
		if seen[field] {
			return p, d.errDuplicate(name)
		}
		seen[field] = true
		switch field {
		case key:
			if err := d.beginArray(); err != nil {
				return p, withField(err, field)
			}
			p.Items = []T{}
			for i := 0; ; i++ {
				more, err := d.nextElement()
				if err != nil {
					return p, withField(err, field)
				}
				if !more {
					break
				}
				v, err := elem(d)
				if err != nil {
					return p, withField(withIndex(err, i), field)
				}
				p.Items = append(p.Items, v)
			}
		case "meta":
			if err := decodeMeta(d, &p.Meta); err != nil {
				return p, withField(err, field)
			}
		default:
			p.Other = append(p.Other, field)
			if err := d.skip(); err != nil {
				return p, withField(err, field)
			}
		}
	}
	if !seen[key] {
		return p, d.errRequired(key)
	}
	if !seen["meta"] {
		return p, d.errRequired("meta")
	}
	if p.Meta.Key != key {
		return p, d.errorf("meta.key is %q, want %q", p.Meta.Key, key)
	}
	return p, d.end()
}

func decodeMeta(d *decoder, m *twilioMeta) error {
	if err := d.beginObject(); err != nil {
		return err
	}
	seen := map[string]bool{}
	for {
		name, ok, err := d.nextField()
		if err != nil {
			return err
		}
		if !ok {
			return nil
		}
		field := string(name)
		if seen[field] {
			return d.errDuplicate(name)
		}
		seen[field] = true
		var url *Optional[string]
		switch field {
		case "page", "page_size":
			n, err := d.int64Value()
			if err != nil {
				return withField(err, field)
			}
			if field == "page" {
				m.Page = n
			} else {
				m.PageSize = n
			}
			continue
		case "key":
			if m.Key, err = d.stringValue(); err != nil {
				return withField(err, field)
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
			if err := d.skip(); err != nil {
				return withField(err, field)
			}
			continue
		}
		if d.consumeNull() {
			*url = Null[string]()
			continue
		}
		s, err := d.stringValue()
		if err != nil {
			return withField(err, field)
		}
		*url = Some(s)
	}
}

// AppendTwilioPage encodes the page back: the list, then meta.
func AppendTwilioPage[T appender](dst []byte, p TwilioPage[T]) ([]byte, error) {
	dst = append(dst, '{')
	dst = appendString(dst, p.Key)
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
	dst = appendInt(dst, p.Meta.Page)
	dst = append(dst, `,"page_size":`...)
	dst = appendInt(dst, p.Meta.PageSize)
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
		dst = appendString(dst, u.name)
		dst = append(dst, ':')
		if s, ok := u.v.Get(); ok {
			dst = appendString(dst, s)
		} else {
			dst = appendNull(dst)
		}
	}
	dst = append(dst, `,"key":`...)
	dst = appendString(dst, p.Meta.Key)
	return append(dst, "}}"...), nil
}

// ElemOf returns the element decoder of a generated type. Its constraint
// names only exported methods, so that the external tests can call it; the
// streaming method is found on the value.
func ElemOf[T any, P interface {
	*T
	appender
}]() func(*decoder) (P, error) {
	return func(d *decoder) (P, error) {
		v := P(new(T))
		return v, any(v).(interface{ readJSON(*decoder) error }).readJSON(d)
	}
}

// newTestDecoder returns a decoder reading data (the runtime's newDecoder is
// copied only where generated code uses it).
func newTestDecoder(data []byte) *decoder {
	d := new(decoder)
	d.reset(data)
	return d
}
