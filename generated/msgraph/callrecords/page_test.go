// Hand-written test helper (not generated): walks an OData collection page
// with the package's exported Decoder.

package callrecords

import (
	"testing"
)

// appender is what every generated type (and polymorphic interface) offers.
type appender interface {
	AppendJSON(dst []byte) ([]byte, error)
}

// graphPage is an OData collection response:
//
//	{"@odata.context": "...", "value": [...], "@odata.nextLink": "..."}
type graphPage[T appender] struct {
	Context  Optional[string]
	Items    []T
	NextLink Optional[string]
	Other    []string // envelope members the helper does not declare (skipped)
}

// decodeGraphPage walks the envelope with a Decoder and decodes each
// element of "value" with elem. Errors carry the element's path, e.g.
// value[0].segments[0].callee.
func decodeGraphPage[T appender](data []byte, elem func(*decoder) (T, error)) (graphPage[T], error) {
	var p graphPage[T]
	d := newDecoder(data)
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
		key := string(name)
		if seen[key] {
			return p, d.errDuplicate(name)
		}
		seen[key] = true
		switch key {
		case "value":
			if err := d.beginArray(); err != nil {
				return p, withField(err, key)
			}
			p.Items = []T{}
			for i := 0; ; i++ {
				more, err := d.nextElement()
				if err != nil {
					return p, withField(err, key)
				}
				if !more {
					break
				}
				v, err := elem(d)
				if err != nil {
					return p, withField(withIndex(err, i), key)
				}
				p.Items = append(p.Items, v)
			}
		case "@odata.nextLink", "@odata.context":
			s, err := d.stringValue()
			if err != nil {
				return p, withField(err, key)
			}
			if key == "@odata.context" {
				p.Context = Some(s)
			} else {
				p.NextLink = Some(s)
			}
		default:
			p.Other = append(p.Other, key)
			if err := d.skip(); err != nil {
				return p, withField(err, key)
			}
		}
	}
	if !seen["value"] {
		return p, d.errRequired("value")
	}
	return p, d.end()
}

// appendGraphPage encodes the page back, in the order context, value,
// nextLink.
func appendGraphPage[T appender](dst []byte, p graphPage[T]) ([]byte, error) {
	dst = append(dst, '{')
	if s, ok := p.Context.Get(); ok {
		dst = append(dst, `"@odata.context":`...)
		dst = appendString(dst, s)
		dst = append(dst, ',')
	}
	dst = append(dst, `"value":[`...)
	for i, v := range p.Items {
		if i > 0 {
			dst = append(dst, ',')
		}
		var err error
		if dst, err = v.AppendJSON(dst); err != nil {
			return nil, err
		}
	}
	dst = append(dst, ']')
	if s, ok := p.NextLink.Get(); ok {
		dst = append(dst, `,"@odata.nextLink":`...)
		dst = appendString(dst, s)
	}
	return append(dst, '}'), nil
}

func decodeSessionElem(d *decoder) (*Session, error) {
	s := new(Session)
	return s, s.readJSON(d)
}

// sessionPage decodes a page of sessions, failing the test on error.
func sessionPage(t *testing.T, data []byte) graphPage[*Session] {
	t.Helper()
	p, err := decodeGraphPage(data, decodeSessionElem)
	if err != nil {
		t.Fatalf("decode page: %v", err)
	}
	return p
}
