package harness

import (
	"bytes"
	"io"
	"net/http"
)

// MemoryTransport answers every request with Body as a 200 JSON response,
// without a network. The page benchmarks decode a page the way a client of
// the generated package receives one: its ListPage method builds the
// request, sends it through this transport and reads the envelope and items
// with the package's own decoder. The cost of building the request and
// handling the response is included in sessiongen's figure, not the peers'.
type MemoryTransport struct {
	Body []byte
}

// RoundTrip implements http.RoundTripper.
func (t *MemoryTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		r.Body.Close()
	}
	return &http.Response{
		StatusCode:    http.StatusOK,
		Header:        http.Header{"Content-Type": {"application/json"}},
		Body:          io.NopCloser(bytes.NewReader(t.Body)),
		ContentLength: int64(len(t.Body)),
		Request:       r,
	}, nil
}
