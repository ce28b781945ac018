// Hand-written test helper (not generated): walks an OData collection page
// with the package's exported Decoder.

package callrecords

import (
	"testing"

	"github.com/sessiongen/sessiongen/generated/internal/sessiongenrt"
)

// appender is what every generated type (and polymorphic interface) offers.
type appender interface {
	AppendJSON(dst []byte) ([]byte, error)
}

// GraphPage is an OData collection response:
//
//	{"@odata.context": "...", "value": [...], "@odata.nextLink": "..."}
type GraphPage[T appender] struct {
	Context  Optional[string]
	Items    []T
	NextLink Optional[string]
	Other    []string // envelope members the helper does not declare (skipped)
}

// DecodeGraphPage walks the envelope with a Decoder and decodes each
// element of "value" with elem. Errors carry the element's path, e.g.
// value[0].segments[0].callee.
func DecodeGraphPage[T appender](data []byte, elem func(*sessiongenrt.Decoder) (T, error)) (GraphPage[T], error) {
	var p GraphPage[T]
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
		key := string(name)
		if seen[key] {
			return p, d.ErrDuplicate(name)
		}
		seen[key] = true
		switch key {
		case "value":
			if err := d.BeginArray(); err != nil {
				return p, sessiongenrt.WithField(err, key)
			}
			p.Items = []T{}
			for i := 0; ; i++ {
				more, err := d.NextElement()
				if err != nil {
					return p, sessiongenrt.WithField(err, key)
				}
				if !more {
					break
				}
				v, err := elem(d)
				if err != nil {
					return p, sessiongenrt.WithField(sessiongenrt.WithIndex(err, i), key)
				}
				p.Items = append(p.Items, v)
			}
		case "@odata.nextLink", "@odata.context":
			s, err := d.StringValue()
			if err != nil {
				return p, sessiongenrt.WithField(err, key)
			}
			if key == "@odata.context" {
				p.Context = Some(s)
			} else {
				p.NextLink = Some(s)
			}
		default:
			p.Other = append(p.Other, key)
			if err := d.Skip(); err != nil {
				return p, sessiongenrt.WithField(err, key)
			}
		}
	}
	if !seen["value"] {
		return p, d.ErrRequired("value")
	}
	return p, d.End()
}

// AppendGraphPage encodes the page back, in the order context, value,
// nextLink.
func AppendGraphPage[T appender](dst []byte, p GraphPage[T]) ([]byte, error) {
	dst = append(dst, '{')
	if s, ok := p.Context.Get(); ok {
		dst = append(dst, `"@odata.context":`...)
		dst = sessiongenrt.AppendString(dst, s)
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
		dst = sessiongenrt.AppendString(dst, s)
	}
	return append(dst, '}'), nil
}

func DecodeSessionElem(d *sessiongenrt.Decoder) (*Session, error) {
	s := new(Session)
	return s, s.readJSON(d)
}

// SessionPage decodes a page of sessions, failing the test on error.
func SessionPage(t *testing.T, data []byte) GraphPage[*Session] {
	t.Helper()
	p, err := DecodeGraphPage(data, DecodeSessionElem)
	if err != nil {
		t.Fatalf("decode page: %v", err)
	}
	return p
}

// newTestDecoder returns a decoder reading data (the runtime's newDecoder is
// copied only where generated code uses it).
func newTestDecoder(data []byte) *sessiongenrt.Decoder {
	d := new(sessiongenrt.Decoder)
	d.Reset(data)
	return d
}
