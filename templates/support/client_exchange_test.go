package support

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
)

// exTransport is a transport of a server answering status with header h
// and body; it records the request headers of every attempt.
func exTransport(t *testing.T, status int, h http.Header, body string) (*httpTransport, func() []http.Header) {
	t.Helper()
	var mu sync.Mutex
	var seen []http.Header
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.Header.Clone())
		mu.Unlock()
		for k, vs := range h {
			w.Header()[k] = vs
		}
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	tr, err := newHTTPTransport(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	tr.Retry = NoRetry()
	return tr, func() []http.Header {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(seen)
	}
}

// A 2xx that the call does not document is an *UnexpectedStatusError with
// the status, headers and body; a documented one, or any 2xx when none is
// documented, is a response.
func TestDoDocumentedStatuses(t *testing.T) {
	tr, _ := exTransport(t, http.StatusAccepted, http.Header{"Location": {"/x"}}, `{"secret":"s3"}`)
	ctx := context.Background()
	_, err := tr.Do(ctx, &httpCall{Statuses: []int{201}})
	var ue *UnexpectedStatusError
	if !errors.As(err, &ue) || ue.StatusCode != 202 || string(ue.Body) != `{"secret":"s3"}` || ue.Header.Get("Location") != "/x" {
		t.Fatalf("%v (%+v)", err, ue)
	}
	if got := err.Error(); got != "HTTP 202 is not a status this method documents" {
		t.Errorf("Error() = %q", got)
	}
	for _, statuses := range [][]int{nil, {201, 202}} {
		if resp, err := tr.Do(ctx, &httpCall{Statuses: statuses}); err != nil || resp.StatusCode != 202 {
			t.Errorf("statuses %v: %v", statuses, err)
		}
	}
}

// A 204 without a body is (nil, nil) only when the call documents 204.
func TestDecodeDocumentedNoContent(t *testing.T) {
	resp := &httpResponse{StatusCode: 204}
	if v, err := decodeText(&httpCall{Statuses: []int{200, 204}}, resp, parseTextString); err != nil || v != "" {
		t.Errorf("documented: %q, %v", v, err)
	}
	var ee *EmptyResponseError
	if _, err := decodeText(&httpCall{Statuses: []int{200}}, resp, parseTextString); !errors.As(err, &ee) || ee.StatusCode != 204 {
		t.Errorf("undocumented: %v", err)
	}
	if _, err := decodeText(&httpCall{}, resp, parseTextString); !errors.As(err, &ee) {
		t.Errorf("no statuses: %v", err)
	}
	unmarshal := func([]byte) (any, error) { return "decoded", nil }
	if v, err := decodePolymorphic(&httpCall{Statuses: []int{204}}, resp, unmarshal); err != nil || v != nil {
		t.Errorf("polymorphic documented: %v, %v", v, err)
	}
}

func TestParseTextValue(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
		ok   bool
	}{{"42", 42, true}, {" 42\r\n", 42, true}, {"-7", -7, true}, {"4 2", 0, false}, {"042", 0, false}, {"1e3", 0, false}, {`"4"`, 0, false}, {"", 0, false}, {"9223372036854775808", 0, false}} {
		got, err := parseTextValue([]byte(tc.in), (*decoder).int64Value)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("%q: %d, %v", tc.in, got, err)
		}
	}
	if b, err := parseTextValue([]byte("true\n"), (*decoder).boolValue); err != nil || !b {
		t.Errorf("bool: %v, %v", b, err)
	}
}

// API-wide headers reach every attempt; the call's own headers win over
// them; an error from CallHeaders fails the call with nothing sent.
func TestDoCallHeaders(t *testing.T) {
	tr, seen := exTransport(t, http.StatusServiceUnavailable, nil, "")
	tr.Retry = RetryPolicy{MaxAttempts: 2}
	tr.CallHeaders = func(context.Context) (http.Header, error) {
		return http.Header{"Prefer": {"a, b"}, "If-Match": {"api"}}, nil
	}
	_, _ = tr.Do(context.Background(), &httpCall{Retryable: true, Header: http.Header{"If-Match": {"call"}}})
	if len(seen()) != 2 {
		t.Fatalf("%d attempts, want 2", len(seen()))
	}
	for _, h := range seen() {
		if h.Get("Prefer") != "a, b" || !slices.Equal(h.Values("If-Match"), []string{"call"}) {
			t.Errorf("sent %v", h)
		}
	}
	refused := errors.New("refused")
	tr.CallHeaders = func(context.Context) (http.Header, error) { return nil, refused }
	if _, err := tr.Do(context.Background(), &httpCall{}); !errors.Is(err, refused) || len(seen()) != 2 {
		t.Errorf("%v after %d requests", err, len(seen()))
	}
}

func TestCheckHeaderValue(t *testing.T) {
	for _, tc := range []struct {
		in    string
		list  bool
		wants bool
	}{{"W/\"x\"", false, false}, {"a\tb", false, false}, {"a\r\nX: y", false, true}, {"a\x00", false, true}, {"a\x7f", false, true}, {"a,b", false, false}, {"a,b", true, true}, {"é", true, false}} {
		vs := new(violationList)
		var p valuePath
		checkHeaderValue(vs, &p, tc.in, tc.list)
		if (vs.len() > 0) != tc.wants {
			t.Errorf("%q (list %v): %d violations", tc.in, tc.list, vs.len())
		}
	}
}

func TestSplitHeaderList(t *testing.T) {
	if got := splitHeaderList(" a, b ,,c "); !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Errorf("%q", got)
	}
	if got := splitHeaderList(""); got != nil {
		t.Errorf("%q", got)
	}
}

func TestResponseHeaderError(t *testing.T) {
	if got := responseHeaderError("Location", nil).Error(); got != "response header Location is missing" {
		t.Error(got)
	}
	inner := errors.New("not a single value")
	if err := responseHeaderError("Retry-After", inner); !errors.Is(err, inner) {
		t.Error(err)
	}
}
