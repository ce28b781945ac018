// Hand-written test helper (not generated): walks an OData collection page
// with the package's exported Decoder.

package callrecords_test

import (
	"testing"

	cr "github.com/sessiongen/sessiongen/generated/msgraph/callrecords"
)

// appender is what every generated type (and polymorphic interface) offers.
type appender interface {
	AppendJSON(dst []byte) ([]byte, error)
}

// graphPage is an OData collection response:
//
//	{"@odata.context": "...", "value": [...], "@odata.nextLink": "..."}
type graphPage[T appender] struct {
	Context  cr.Optional[string]
	Items    []T
	NextLink cr.Optional[string]
	Other    []string // envelope members the helper does not declare (skipped)
}

// decodeGraphPage walks the envelope with a cr.Decoder and decodes each
// element of "value" with elem. Errors carry the element's path, e.g.
// value[0].segments[0].callee.
func decodeGraphPage[T appender](data []byte, elem func(*cr.Decoder) (T, error)) (graphPage[T], error) {
	var p graphPage[T]
	d := cr.NewDecoder(data)
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
				return p, cr.WithField(err, key)
			}
			p.Items = []T{}
			for i := 0; ; i++ {
				more, err := d.NextElement()
				if err != nil {
					return p, cr.WithField(err, key)
				}
				if !more {
					break
				}
				v, err := elem(d)
				if err != nil {
					return p, cr.WithField(cr.WithIndex(err, i), key)
				}
				p.Items = append(p.Items, v)
			}
		case "@odata.nextLink", "@odata.context":
			s, err := d.String()
			if err != nil {
				return p, cr.WithField(err, key)
			}
			if key == "@odata.context" {
				p.Context = cr.Some(s)
			} else {
				p.NextLink = cr.Some(s)
			}
		default:
			p.Other = append(p.Other, key)
			if err := d.Skip(); err != nil {
				return p, cr.WithField(err, key)
			}
		}
	}
	if !seen["value"] {
		return p, d.ErrRequired("value")
	}
	return p, d.End()
}

// appendGraphPage encodes the page back, in the order context, value,
// nextLink.
func appendGraphPage[T appender](dst []byte, p graphPage[T]) ([]byte, error) {
	dst = append(dst, '{')
	if s, ok := p.Context.Get(); ok {
		dst = append(dst, `"@odata.context":`...)
		dst = cr.AppendString(dst, s)
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
		dst = cr.AppendString(dst, s)
	}
	return append(dst, '}'), nil
}

func decodeSessionElem(d *cr.Decoder) (*cr.Session, error) {
	s := new(cr.Session)
	return s, s.DecodeJSON(d)
}

// sessionPage decodes a page of sessions, failing the test on error.
func sessionPage(t *testing.T, data []byte) graphPage[*cr.Session] {
	t.Helper()
	p, err := decodeGraphPage(data, decodeSessionElem)
	if err != nil {
		t.Fatalf("decode page: %v", err)
	}
	return p
}
