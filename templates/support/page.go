package support

import (
	"bytes"
	"context"
	"encoding/json"
)

// Page is one page of a list method's results. Callers that page themselves
// get the first page from the generated <Method>Page method and follow with
// Next; the generated iterator methods walk every page for them.
type Page[T any] struct {
	// Items are the elements on this page, in the order the server sent them.
	Items []T

	next *httpCall
	// meta is what the page's envelope says besides its items: the
	// package's PageMeta, which its generated Meta method returns; nil when
	// the API declares no page metadata.
	meta  any
	fetch pageFetch[T]
}

// pageFetch fetches the page that call c asks for: its items, the call of
// the page after it (nil on the last) and the envelope's metadata (see
// Page.meta).
type pageFetch[T any] func(ctx context.Context, c *httpCall) (items []T, next *httpCall, meta any, err error)

// HasNext reports whether the server announced another page.
func (p *Page[T]) HasNext() bool { return p != nil && p.next != nil }

// Next fetches the following page. It returns nil and no error when there is
// none.
func (p *Page[T]) Next(ctx context.Context) (*Page[T], error) {
	if !p.HasNext() {
		return nil, nil
	}
	return fetchPage(ctx, p.next, p.fetch)
}

// fetchPage fetches the page that call c asks for. Not inlined, as
// paginate: its body is compiled once per shape, not once per item type.
//
//go:noinline
func fetchPage[T any](ctx context.Context, c *httpCall, fetch pageFetch[T]) (*Page[T], error) {
	items, next, meta, err := fetch(ctx, c)
	if err != nil {
		return nil, err
	}
	return &Page[T]{Items: items, next: next, meta: meta, fetch: fetch}, nil
}

// lookupJSON returns the raw JSON value at path (a list of member names from
// the root object) in data, or false when data is not valid JSON or the path
// is absent. Error decoders use it to find a code or message in an error body
// whatever its declared shape.
func lookupJSON(data []byte, path ...string) ([]byte, bool) {
	var d decoder
	d.reset(data)
	for _, name := range path {
		if d.peek() != kindObject || d.beginObject() != nil {
			return nil, false
		}
		found := false
		for {
			field, ok, err := d.nextField()
			if err != nil || !ok {
				return nil, false
			}
			if string(field) == name {
				found = true
				break
			}
			if d.skip() != nil {
				return nil, false
			}
		}
		if !found {
			return nil, false
		}
	}
	raw, err := d.raw()
	if err != nil {
		return nil, false
	}
	return raw, true
}

// errorText renders a raw JSON value for an error message: a string's
// content, or the compact JSON of anything else, cut to at most max bytes.
func errorText(raw []byte, max int) string {
	var d decoder
	d.reset(raw)
	s := string(raw)
	if d.peek() == kindString {
		if v, err := d.stringValue(); err == nil {
			s = v
		}
	} else {
		var b bytes.Buffer
		if json.Compact(&b, raw) == nil {
			s = b.String()
		}
	}
	if len(s) > max {
		return capMiddle(s, max)
	}
	return s
}

// pageInfo is what a page body says about the pages after it.
type pageInfo struct {
	nextURL      string          // nextLink style: the next page's URL, "" on the last page
	totalPages   Optional[int64] // pageNumber style, when the body carries it
	envelopeMeta any             // the envelope's metadata (see Page.meta)
}

// jsonText is the compact JSON of v, for form and query values that are
// objects.
func jsonText(v interface{ AppendJSON([]byte) ([]byte, error) }) string {
	b, err := v.AppendJSON(nil)
	if err != nil {
		return ""
	}
	return string(b)
}
