package support

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/sessiongen/sessiongen/internal/raceflag"
)

// ctClock is a fake clock and sleep for an httpTransport: sleeping records the
// duration and advances the clock, so no test waits for real.
type ctClock struct {
	mu     sync.Mutex
	now    time.Time
	sleeps []time.Duration
}

func ctInstallClock(tr *httpTransport) *ctClock {
	c := &ctClock{now: time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)}
	tr.now = func() time.Time {
		c.mu.Lock()
		defer c.mu.Unlock()
		return c.now
	}
	tr.sleep = func(ctx context.Context, d time.Duration) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		c.mu.Lock()
		defer c.mu.Unlock()
		c.sleeps = append(c.sleeps, d)
		c.now = c.now.Add(d)
		return nil
	}
	return c
}

func (c *ctClock) recorded() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.sleeps...)
}

// ctReply is one scripted response.
type ctReply struct {
	status int
	header map[string]string
	body   string
}

// ctScript serves the replies in order (the last one repeats) and counts
// requests.
func ctScript(t *testing.T, replies ...ctReply) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i := int(n.Add(1)) - 1
		rep := replies[min(i, len(replies)-1)]
		for k, v := range rep.header {
			w.Header().Set(k, v)
		}
		w.WriteHeader(rep.status)
		io.WriteString(w, rep.body)
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

// ctTransport returns a transport for srv's /v1.0 with a fake clock.
func ctTransport(t *testing.T, serverURL string) (*httpTransport, *ctClock) {
	t.Helper()
	tr, err := newHTTPTransport(serverURL + "/v1.0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(tr.HTTPClient.CloseIdleConnections)
	return tr, ctInstallClock(tr)
}

func TestNewTransport(t *testing.T) {
	tr, err := newHTTPTransport("https://graph.microsoft.com/v1.0#frag")
	if err != nil {
		t.Fatal(err)
	}
	if tr.BaseURL.String() != "https://graph.microsoft.com/v1.0" {
		t.Errorf("BaseURL = %s", tr.BaseURL)
	}
	if tr.HTTPClient == nil || tr.HTTPClient == http.DefaultClient {
		t.Errorf("HTTPClient = %v, want a fresh client", tr.HTTPClient)
	}
	if tr.Retry != DefaultRetryPolicy() {
		t.Errorf("Retry = %+v", tr.Retry)
	}
	for _, bad := range []string{"", "/v1", "ftp://host/x", "https://", "https://user:pw@host/v1", "mailto:a@b", "https://host/%zz"} {
		if _, err := newHTTPTransport(bad); err == nil {
			t.Errorf("NewTransport(%q) succeeded", bad)
		} else if strings.Contains(err.Error(), "pw") {
			t.Errorf("NewTransport(%q) error quotes the password: %v", bad, err)
		}
	}
}

func TestRetryPolicies(t *testing.T) {
	d := DefaultRetryPolicy()
	if d.MaxAttempts < 2 || d.InitialBackoff <= 0 || d.MaxBackoff < d.InitialBackoff || d.MaxElapsed <= 0 {
		t.Errorf("DefaultRetryPolicy() = %+v", d)
	}
	if n := NoRetry(); n.MaxAttempts != 1 {
		t.Errorf("NoRetry() = %+v", n)
	}
}

func TestDoRequest(t *testing.T) {
	type seen struct {
		method, path, rawPath, query string
		header                       http.Header
		body                         string
	}
	got := make(chan seen, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got <- seen{r.Method, r.URL.Path, r.URL.EscapedPath(), r.URL.RawQuery, r.Header.Clone(), string(b)}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Request-Id", "rid-1")
		w.WriteHeader(http.StatusCreated)
		io.WriteString(w, `{"id":"x"}`)
	}))
	defer srv.Close()
	tr, _ := ctTransport(t, srv.URL)
	tr.UserAgent = "sessiongen-test/1.0"
	var authorized atomic.Int32
	tr.Authorize = func(ctx context.Context, req *http.Request) error {
		authorized.Add(1)
		if req.Header.Get("Accept") != "application/json" {
			t.Errorf("Authorize ran before the headers were set")
		}
		req.Header.Set("Authorization", "Bearer tok")
		return nil
	}
	call := &httpCall{
		Method:      http.MethodPost,
		Path:        "/communications/callRecords/" + url.PathEscape("a/b c") + "/sessions",
		Query:       url.Values{"$top": {"10"}, "filter": {"x y", "z"}},
		Header:      http.Header{"Idempotency-Key": {"key-1"}},
		Body:        []byte(`{"name":"n"}`),
		ContentType: "application/json",
	}
	resp, err := tr.Do(context.Background(), call)
	if err != nil {
		t.Fatal(err)
	}
	s := <-got
	if s.method != "POST" {
		t.Errorf("method = %s", s.method)
	}
	if want := "/v1.0/communications/callRecords/a%2Fb%20c/sessions"; s.rawPath != want {
		t.Errorf("escaped path = %s, want %s", s.rawPath, want)
	}
	if want := "/v1.0/communications/callRecords/a/b c/sessions"; s.path != want {
		t.Errorf("path = %s, want %s", s.path, want)
	}
	if want := "%24top=10&filter=x+y&filter=z"; s.query != want {
		t.Errorf("query = %s, want %s", s.query, want)
	}
	for k, want := range map[string]string{
		"Authorization":   "Bearer tok",
		"User-Agent":      "sessiongen-test/1.0",
		"Accept":          "application/json",
		"Content-Type":    "application/json",
		"Idempotency-Key": "key-1",
		"Content-Length":  "12",
	} {
		if v := s.header.Get(k); v != want {
			t.Errorf("header %s = %q, want %q", k, v, want)
		}
	}
	if s.body != `{"name":"n"}` {
		t.Errorf("body = %s", s.body)
	}
	if authorized.Load() != 1 {
		t.Errorf("Authorize called %d times", authorized.Load())
	}
	if resp.StatusCode != 201 || string(resp.Body) != `{"id":"x"}` || resp.Header.Get("Request-Id") != "rid-1" {
		t.Errorf("response = %d %q %v", resp.StatusCode, resp.Body, resp.Header)
	}
	// The call is left unchanged, so it can be sent again.
	if call.Header.Get("Accept") != "" || len(call.Query) != 2 {
		t.Errorf("call modified: %+v", call)
	}
}

func TestDoPathJoining(t *testing.T) {
	var paths []string
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		paths = append(paths, r.URL.EscapedPath()+"?"+r.URL.RawQuery)
		mu.Unlock()
	}))
	defer srv.Close()
	for _, tc := range []struct{ base, path, query, want string }{
		{"/v1.0", "/communications/x", "", "/v1.0/communications/x?"},
		{"/v1.0/", "communications/x", "", "/v1.0/communications/x?"},
		{"/v1.0/", "/communications/x", "", "/v1.0/communications/x?"},
		{"", "/x", "", "/x?"},
		{"/v1?api-version=2", "/x", "a=1", "/v1/x?a=1&api-version=2"},
		{"/v1", "", "", "/v1?"},
	} {
		tr, err := newHTTPTransport(srv.URL + tc.base)
		if err != nil {
			t.Fatal(err)
		}
		q, _ := url.ParseQuery(tc.query)
		if _, err := tr.Do(context.Background(), &httpCall{Path: tc.path, Query: q}); err != nil {
			t.Fatal(err)
		}
		tr.HTTPClient.CloseIdleConnections()
		mu.Lock()
		got := paths[len(paths)-1]
		mu.Unlock()
		if got != tc.want {
			t.Errorf("base %q + path %q = %s, want %s", tc.base, tc.path, got, tc.want)
		}
	}
}

func TestDoRejectsBadCalls(t *testing.T) {
	srv, n := ctScript(t, ctReply{status: 200})
	tr, _ := ctTransport(t, srv.URL)
	for _, p := range []string{"/sessions/..", "/sessions/./x", "/a/%2e%2E/b", "/a/%zz"} {
		if _, err := tr.Do(context.Background(), &httpCall{Path: p}); err == nil {
			t.Errorf("Do(%q) succeeded", p)
		}
	}
	if _, err := tr.Do(context.Background(), nil); err == nil {
		t.Error("Do(nil) succeeded")
	}
	noClient := &httpTransport{BaseURL: tr.BaseURL}
	if _, err := noClient.Do(context.Background(), &httpCall{Path: "/x"}); err == nil {
		t.Error("Do without HTTPClient succeeded")
	}
	noBase := &httpTransport{HTTPClient: tr.HTTPClient}
	if _, err := noBase.Do(context.Background(), &httpCall{Path: "/x"}); err == nil {
		t.Error("Do without BaseURL succeeded")
	}
	if n.Load() != 0 {
		t.Errorf("%d requests sent", n.Load())
	}
}

func TestDoDecodeError(t *testing.T) {
	srv, _ := ctScript(t, ctReply{status: 404, header: map[string]string{"X-Ms-Request-Id": "ms-1"}, body: `{"error":{"code":"NotFound"}}`})
	tr, _ := ctTransport(t, srv.URL)
	type apiError struct{ error }
	var gotStatus int
	var gotHeader http.Header
	var gotBody string
	tr.DecodeError = func(status int, header http.Header, body []byte) error {
		gotStatus, gotHeader, gotBody = status, header, string(body)
		return &apiError{errors.New("api: NotFound")}
	}
	_, err := tr.Do(context.Background(), &httpCall{Method: "GET", Path: "/x", Retryable: true})
	var ae *apiError
	if !errors.As(err, &ae) {
		t.Fatalf("err = %v, want the DecodeError result", err)
	}
	if gotStatus != 404 || gotHeader.Get("X-Ms-Request-Id") != "ms-1" || gotBody != `{"error":{"code":"NotFound"}}` {
		t.Errorf("DecodeError got %d %v %q", gotStatus, gotHeader, gotBody)
	}

	// A nil result from DecodeError falls back to *HTTPError.
	tr.DecodeError = func(int, http.Header, []byte) error { return nil }
	_, err = tr.Do(context.Background(), &httpCall{Path: "/x"})
	var he *HTTPError
	if !errors.As(err, &he) || he.StatusCode != 404 {
		t.Errorf("err = %v, want *HTTPError", err)
	}
}

func TestDoHTTPError(t *testing.T) {
	body := `{"message":"sensitive detail"}`
	srv, _ := ctScript(t, ctReply{status: 404, header: map[string]string{"Twilio-Request-Id": "RQ123", "X-Custom": "hdr-value"}, body: body})
	tr, _ := ctTransport(t, srv.URL)
	tr.RequestIDHeaders = []string{"Request-Id", "Twilio-Request-Id"}
	_, err := tr.Do(context.Background(), &httpCall{Path: "/Sessions/KS1"})
	var he *HTTPError
	if !errors.As(err, &he) {
		t.Fatalf("err = %T %v, want *HTTPError", err, err)
	}
	if he.StatusCode != 404 || he.Status != "404 Not Found" || he.RequestID != "RQ123" || string(he.Body) != body || he.Header.Get("X-Custom") != "hdr-value" {
		t.Errorf("HTTPError = %+v", he)
	}
	msg := err.Error()
	if !strings.Contains(msg, "404") || !strings.Contains(msg, "RQ123") {
		t.Errorf("Error() = %q, want status and request id", msg)
	}
	if strings.Contains(msg, "sensitive") || strings.Contains(msg, "hdr-value") {
		t.Errorf("Error() = %q quotes the body or headers", msg)
	}
}

func TestHTTPErrorText(t *testing.T) {
	for _, tc := range []struct {
		e    HTTPError
		want string
	}{
		{HTTPError{StatusCode: 503}, "HTTP 503 Service Unavailable"},
		{HTTPError{StatusCode: 599}, "HTTP 599"},
		{HTTPError{StatusCode: 400, Status: "400 Bad\nRequest", RequestID: "a\x00b"}, "HTTP 400 Bad?Request (request id a?b)"},
		{HTTPError{StatusCode: 400, Status: "400 Bad Request", RequestID: strings.Repeat("r", 500)}, "HTTP 400 Bad Request (request id " + strings.Repeat("r", httpMaxErrorText) + ")"},
	} {
		if got := tc.e.Error(); got != tc.want {
			t.Errorf("Error() = %q, want %q", got, tc.want)
		}
	}
}

// TestAPIErrorText: generated APIError.Error texts name the code once (not
// when it only repeats the status), and server text (code, message, request
// id) has its control characters replaced and is cut to 128 bytes, as
// HTTPError's is: a body cannot forge log lines or flood an error string.
func TestAPIErrorText(t *testing.T) {
	long := strings.Repeat("é", 300) // 600 bytes
	for _, tc := range []struct {
		status                   int
		code, message, requestID string
		want                     string
	}{
		{404, "20404", "The requested resource was not found", "RQ1", "proxy: HTTP 404 20404: The requested resource was not found (request id RQ1)"},
		{404, "404", "Not found", "", "proxy: HTTP 404: Not found"},
		{500, "", "", "", "proxy: HTTP 500"},
		{400, "bad\ncode", "line1\nline2\r\x1b[31mred\a\u2028end\u202e", "id\x00", "proxy: HTTP 400 bad?code: line1?line2??[31mred??end? (request id id?)"},
		{400, "", "caf\xe9 \xff", "", "proxy: HTTP 400: caf? ?"},
		{400, "", "née à Zürich", "", "proxy: HTTP 400: née à Zürich"},
	} {
		if got := apiErrorText("proxy", tc.status, tc.code, tc.message, tc.requestID); got != tc.want {
			t.Errorf("apiErrorText(%d, %q, %q, %q) = %q, want %q", tc.status, tc.code, tc.message, tc.requestID, got, tc.want)
		}
	}
	got := apiErrorText("proxy", 500, long, long, strings.Repeat("r", 500<<10))
	if len(got) > len("proxy: HTTP 500 : (request id )")+3*apiErrorMaxText {
		t.Errorf("len %d: the three pieces of server text are not capped at %d bytes", len(got), apiErrorMaxText)
	}
	if !utf8.ValidString(got) || !strings.Contains(got, "...") {
		t.Errorf("%q: want valid UTF-8 cut on a character boundary, marked with ...", got)
	}
	for _, s := range []string{long, strings.Repeat("a\n", 200), "\xff" + long} {
		if c := cleanServerText(s, apiErrorMaxText); len(c) > apiErrorMaxText || !utf8.ValidString(c) {
			t.Errorf("cleanServerText gave %d bytes (valid UTF-8: %v)", len(c), utf8.ValidString(c))
		}
	}
}

// TestErrorCodeText: an integer code of 0 is absent.
func TestErrorCodeText(t *testing.T) {
	if errorCodeText(0) != "" || errorCodeText(20404) != "20404" || errorCodeText(-1) != "-1" {
		t.Error("errorCodeText")
	}
	if v, ok := readJSONValue([]byte(" 20404 "), (*decoder).int32Value); !ok || v != 20404 {
		t.Errorf("readJSONValue = %d, %v", v, ok)
	}
	for _, raw := range []string{`"20404"`, `20404.5`, `1 2`, `99999999999`, ``} {
		if v, ok := readJSONValue([]byte(raw), (*decoder).int32Value); ok {
			t.Errorf("readJSONValue(%q) = %d, want false", raw, v)
		}
	}
}

func TestRequestID(t *testing.T) {
	for _, tc := range []struct {
		h    http.Header
		want string
	}{
		{http.Header{}, ""},
		{http.Header{"X-Request-Id": {"5"}}, "5"},
		{http.Header{"X-Request-Id": {"5"}, "Twilio-Request-Id": {"4"}}, "4"},
		{http.Header{"Twilio-Request-Id": {"4"}, "Client-Request-Id": {"3"}}, "3"},
		{http.Header{"Client-Request-Id": {"3"}, "X-Ms-Request-Id": {"2"}}, "2"},
		{http.Header{"X-Ms-Request-Id": {"2"}, "Request-Id": {"1"}, "X-Request-Id": {"5"}}, "1"},
		{http.Header{"Request-Id": {""}, "X-Ms-Request-Id": {"2"}}, "2"},
	} {
		names := []string{"Request-Id", "X-Ms-Request-Id", "Client-Request-Id", "Twilio-Request-Id", "X-Request-Id"}
		if got := requestIDOf(tc.h, names); got != tc.want {
			t.Errorf("RequestID(%v) = %q, want %q", tc.h, got, tc.want)
		}
	}
}

func TestDoAuthorizeError(t *testing.T) {
	srv, n := ctScript(t, ctReply{status: 200})
	tr, _ := ctTransport(t, srv.URL)
	errSource := errors.New("token source unavailable")
	tr.Authorize = func(context.Context, *http.Request) error { return errSource }
	_, err := tr.Do(context.Background(), &httpCall{Path: "/x", Retryable: true})
	if !errors.Is(err, errSource) {
		t.Errorf("err = %v, want it to wrap the Authorize error", err)
	}
	if n.Load() != 0 {
		t.Errorf("%d requests sent", n.Load())
	}
}

func TestRetryGetUntilSuccess(t *testing.T) {
	srv, n := ctScript(t,
		ctReply{status: 503, body: "busy"},
		ctReply{status: 503, body: "busy"},
		ctReply{status: 200, body: "ok"},
	)
	tr, clock := ctTransport(t, srv.URL)
	var auths atomic.Int32
	tr.Authorize = func(context.Context, *http.Request) error { auths.Add(1); return nil }
	resp, err := tr.Do(context.Background(), &httpCall{Method: "GET", Path: "/x", Retryable: true})
	if err != nil {
		t.Fatal(err)
	}
	if string(resp.Body) != "ok" || n.Load() != 3 || auths.Load() != 3 {
		t.Errorf("body %q after %d requests, %d authorizations; want ok after 3, 3", resp.Body, n.Load(), auths.Load())
	}
	sleeps := clock.recorded()
	if len(sleeps) != 2 {
		t.Fatalf("sleeps = %v, want 2", sleeps)
	}
	p := DefaultRetryPolicy()
	for i, d := range sleeps {
		if ceiling := p.InitialBackoff << i; d < 0 || d > ceiling {
			t.Errorf("sleep %d = %v, want within [0, %v]", i, d, ceiling)
		}
	}
}

func TestRetryStatuses(t *testing.T) {
	for _, tc := range []struct {
		name         string
		method       string
		retryable    bool
		notProcessed []int
		status       int
		wantRequests int32
	}{
		{"GET 502", "GET", true, nil, 502, 2},
		{"GET 504", "GET", true, nil, 504, 2},
		{"GET 429", "GET", true, nil, 429, 2},
		{"GET 500 is not retried", "GET", true, nil, 500, 1},
		{"GET 400 is not retried", "GET", true, nil, 400, 1},
		{"POST 503 is not retried", "POST", false, nil, 503, 1},
		{"POST 429 is not retried", "POST", false, nil, 429, 1},
		{"POST 429 not processed", "POST", false, []int{429}, 429, 2},
		{"PATCH 429 not processed", "PATCH", false, []int{429}, 429, 2},
		{"POST 503 with NotProcessed 429", "POST", false, []int{429}, 503, 1},
		{"POST 500 not processed but not retryable", "POST", false, []int{500}, 500, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, n := ctScript(t, ctReply{status: tc.status, body: "e"}, ctReply{status: 200, body: "ok"})
			tr, clock := ctTransport(t, srv.URL)
			tr.NotProcessed = tc.notProcessed
			_, err := tr.Do(context.Background(), &httpCall{Method: tc.method, Path: "/x", Body: []byte("b"), Retryable: tc.retryable})
			if got := n.Load(); got != tc.wantRequests {
				t.Errorf("%d requests, want %d", got, tc.wantRequests)
			}
			if tc.wantRequests == 1 {
				var he *HTTPError
				if !errors.As(err, &he) || he.StatusCode != tc.status {
					t.Errorf("err = %v, want HTTP %d", err, tc.status)
				}
				if len(clock.recorded()) != 0 {
					t.Errorf("slept %v without retrying", clock.recorded())
				}
			} else if err != nil {
				t.Errorf("err = %v", err)
			}
		})
	}
}

func TestRetryResendsBody(t *testing.T) {
	var bodies []string
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		bodies = append(bodies, string(b))
		first := len(bodies) == 1
		mu.Unlock()
		if first {
			w.WriteHeader(429)
		}
	}))
	defer srv.Close()
	tr, _ := ctTransport(t, srv.URL)
	tr.NotProcessed = []int{429}
	if _, err := tr.Do(context.Background(), &httpCall{Method: "POST", Path: "/x", Body: []byte("payload")}); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(bodies, []string{"payload", "payload"}) {
		t.Errorf("bodies = %q", bodies)
	}
}

func TestRetryAfter(t *testing.T) {
	start := time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)
	for _, tc := range []struct {
		name, value string
		want        time.Duration
	}{
		{"seconds", "7", 7 * time.Second},
		{"zero seconds", "0", 0},
		{"http date", start.Add(42 * time.Second).Format(http.TimeFormat), 42 * time.Second},
		{"past http date", start.Add(-time.Hour).Format(http.TimeFormat), 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, n := ctScript(t,
				ctReply{status: 429, header: map[string]string{"Retry-After": tc.value}},
				ctReply{status: 200})
			tr, clock := ctTransport(t, srv.URL)
			if _, err := tr.Do(context.Background(), &httpCall{Path: "/x", Retryable: true}); err != nil {
				t.Fatal(err)
			}
			if got := clock.recorded(); n.Load() != 2 || !reflect.DeepEqual(got, []time.Duration{tc.want}) {
				t.Errorf("%d requests, sleeps %v; want 2, [%v]", n.Load(), got, tc.want)
			}
		})
	}
	t.Run("invalid falls back to backoff", func(t *testing.T) {
		srv, n := ctScript(t,
			ctReply{status: 503, header: map[string]string{"Retry-After": "soon"}},
			ctReply{status: 200})
		tr, clock := ctTransport(t, srv.URL)
		tr.jitter = func(n int64) int64 { return n - 1 }
		if _, err := tr.Do(context.Background(), &httpCall{Path: "/x", Retryable: true}); err != nil {
			t.Fatal(err)
		}
		if got := clock.recorded(); n.Load() != 2 || !reflect.DeepEqual(got, []time.Duration{500 * time.Millisecond}) {
			t.Errorf("%d requests, sleeps %v", n.Load(), got)
		}
	})
}

func TestRetryAfterBeyondMaxElapsed(t *testing.T) {
	for _, value := range []string{"3600", "99999999999999999999", time.Date(2025, 3, 4, 9, 0, 0, 0, time.UTC).Format(http.TimeFormat)} {
		srv, n := ctScript(t,
			ctReply{status: 503, header: map[string]string{"Retry-After": value, "Request-Id": "r1"}, body: "down"},
			ctReply{status: 200})
		tr, clock := ctTransport(t, srv.URL)
		tr.RequestIDHeaders = []string{"Request-Id"}
		_, err := tr.Do(context.Background(), &httpCall{Path: "/x", Retryable: true})
		var he *HTTPError
		if !errors.As(err, &he) || he.StatusCode != 503 || string(he.Body) != "down" || he.RequestID != "r1" {
			t.Errorf("Retry-After %s: err = %v, want the 503", value, err)
		}
		if n.Load() != 1 || len(clock.recorded()) != 0 {
			t.Errorf("Retry-After %s: %d requests, sleeps %v; want 1 request, no sleep", value, n.Load(), clock.recorded())
		}
	}
}

func TestRetryMaxAttempts(t *testing.T) {
	srv, n := ctScript(t, ctReply{status: 503, body: "busy"})
	tr, clock := ctTransport(t, srv.URL)
	tr.Retry = RetryPolicy{MaxAttempts: 4, InitialBackoff: time.Second, MaxBackoff: time.Minute, MaxElapsed: time.Hour}
	_, err := tr.Do(context.Background(), &httpCall{Path: "/x", Retryable: true})
	var he *HTTPError
	if !errors.As(err, &he) || he.StatusCode != 503 || string(he.Body) != "busy" {
		t.Errorf("err = %v, want the last 503", err)
	}
	if n.Load() != 4 || len(clock.recorded()) != 3 {
		t.Errorf("%d requests, sleeps %v; want 4, 3", n.Load(), clock.recorded())
	}

	// NoRetry and the zero policy make one attempt.
	for _, p := range []RetryPolicy{NoRetry(), {}} {
		n.Store(0)
		tr.Retry = p
		if _, err := tr.Do(context.Background(), &httpCall{Path: "/x", Retryable: true}); err == nil || n.Load() != 1 {
			t.Errorf("policy %+v: %d requests, err %v", p, n.Load(), err)
		}
	}
}

func TestRetryMaxElapsed(t *testing.T) {
	srv, n := ctScript(t, ctReply{status: 503})
	tr, clock := ctTransport(t, srv.URL)
	tr.Retry = RetryPolicy{MaxAttempts: 100, InitialBackoff: time.Second, MaxBackoff: time.Second, MaxElapsed: 2500 * time.Millisecond}
	tr.jitter = func(n int64) int64 { return n - 1 } // always the ceiling
	if _, err := tr.Do(context.Background(), &httpCall{Path: "/x", Retryable: true}); err == nil {
		t.Fatal("no error")
	}
	if got := clock.recorded(); n.Load() != 3 || !reflect.DeepEqual(got, []time.Duration{time.Second, time.Second}) {
		t.Errorf("%d requests, sleeps %v; want 3, [1s 1s]", n.Load(), got)
	}
}

func TestBackoff(t *testing.T) {
	tr := &httpTransport{Retry: RetryPolicy{InitialBackoff: 500 * time.Millisecond, MaxBackoff: 5 * time.Second}}
	tr.jitter = func(n int64) int64 { return n - 1 }
	want := []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second, 5 * time.Second, 5 * time.Second}
	for i, w := range want {
		if got := tr.backoff(i + 1); got != w {
			t.Errorf("ceiling of retry %d = %v, want %v", i+1, got, w)
		}
	}
	if got := tr.backoff(1000); got != 5*time.Second {
		t.Errorf("ceiling of retry 1000 = %v", got)
	}
	tr.jitter = func(int64) int64 { return 0 }
	if got := tr.backoff(3); got != 0 {
		t.Errorf("lowest wait = %v, want 0", got)
	}

	// No MaxBackoff: the ceiling grows without overflowing.
	tr.Retry.MaxBackoff = 0
	tr.jitter = func(n int64) int64 { return n - 1 }
	prev := time.Duration(0)
	for i := 1; i < 200; i++ {
		d := tr.backoff(i)
		if d < prev {
			t.Fatalf("retry %d: ceiling %v below the previous %v", i, d, prev)
		}
		prev = d
	}

	// No InitialBackoff: no wait.
	tr.Retry = RetryPolicy{}
	if got := tr.backoff(3); got != 0 {
		t.Errorf("backoff without InitialBackoff = %v", got)
	}

	// The real jitter stays within the ceiling and varies.
	tr = &httpTransport{Retry: DefaultRetryPolicy()}
	for attempt := 1; attempt <= 8; attempt++ {
		ceiling := min(DefaultRetryPolicy().InitialBackoff<<(attempt-1), DefaultRetryPolicy().MaxBackoff)
		seen := map[time.Duration]bool{}
		for range 200 {
			d := tr.backoff(attempt)
			if d < 0 || d > ceiling {
				t.Fatalf("retry %d: wait %v outside [0, %v]", attempt, d, ceiling)
			}
			seen[d] = true
		}
		if len(seen) < 2 {
			t.Errorf("retry %d: 200 waits all equal: no jitter", attempt)
		}
	}
}

func TestHTTPSleep(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	if err := httpSleep(ctx, 0); err != nil {
		t.Errorf("sleep 0 = %v", err)
	}
	if err := httpSleep(ctx, time.Microsecond); err != nil {
		t.Errorf("sleep 1µs = %v", err)
	}
	cancel()
	if err := httpSleep(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled sleep = %v", err)
	}
	if err := httpSleep(ctx, 0); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled sleep 0 = %v", err)
	}
}

// ctWithin runs f and fails the test if it has not returned after a generous
// bound; it guards against hangs and asserts nothing about timing.
func ctWithin(t *testing.T, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("did not return")
	}
}

func TestRetryCancelledDuringWait(t *testing.T) {
	srv, n := ctScript(t, ctReply{status: 503, header: map[string]string{"Retry-After": "3600"}})
	tr, _ := ctTransport(t, srv.URL)
	tr.now = nil
	waiting := make(chan time.Duration, 1)
	tr.sleep = func(ctx context.Context, d time.Duration) error {
		waiting <- d
		return httpSleep(ctx, d) // the real wait
	}
	tr.Retry.MaxElapsed = 2 * time.Hour
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		<-waiting
		cancel()
	}()
	var err error
	ctWithin(t, func() { _, err = tr.Do(ctx, &httpCall{Path: "/x", Retryable: true}) })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled in the chain", err)
	}
	var he *HTTPError
	if !errors.As(err, &he) || he.StatusCode != 503 {
		t.Errorf("err = %v, want the last 503 in the chain", err)
	}
	if n.Load() != 1 {
		t.Errorf("%d requests, want 1", n.Load())
	}
}

func TestDoCancelledBeforeStart(t *testing.T) {
	srv, n := ctScript(t, ctReply{status: 200})
	tr, _ := ctTransport(t, srv.URL)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := tr.Do(ctx, &httpCall{Path: "/x", Retryable: true}); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v", err)
	}
	if n.Load() != 0 {
		t.Errorf("%d requests sent", n.Load())
	}
}

// ctRoundTrip fails the first fails requests with a transport error, then
// passes requests on.
type ctRoundTrip struct {
	fails int32
	calls atomic.Int32
	next  http.RoundTripper
}

func (rt *ctRoundTrip) RoundTrip(req *http.Request) (*http.Response, error) {
	if rt.calls.Add(1) <= rt.fails {
		return nil, errors.New("connection reset by peer")
	}
	return rt.next.RoundTrip(req)
}

func TestRetryTransportErrors(t *testing.T) {
	srv, n := ctScript(t, ctReply{status: 200, body: "ok"})
	for _, tc := range []struct {
		name      string
		retryable bool
		notProc   []int
		wantCalls int32
		wantOK    bool
	}{
		{"retryable", true, nil, 3, true},
		{"not retryable", false, nil, 1, false},
		{"not processed does not cover transport errors", false, []int{429}, 1, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n.Store(0)
			tr, clock := ctTransport(t, srv.URL)
			rt := &ctRoundTrip{fails: 2, next: tr.HTTPClient.Transport}
			tr.HTTPClient.Transport = rt
			tr.NotProcessed = tc.notProc
			resp, err := tr.Do(context.Background(), &httpCall{Method: "POST", Path: "/x", Retryable: tc.retryable})
			if rt.calls.Load() != tc.wantCalls {
				t.Errorf("%d attempts, want %d", rt.calls.Load(), tc.wantCalls)
			}
			if tc.wantOK {
				if err != nil || string(resp.Body) != "ok" || len(clock.recorded()) != 2 {
					t.Errorf("resp %v, err %v, sleeps %v", resp, err, clock.recorded())
				}
				return
			}
			var ue *url.Error
			if !errors.As(err, &ue) || !strings.Contains(err.Error(), "connection reset") {
				t.Errorf("err = %v, want the transport error", err)
			}
			if n.Load() != 0 {
				t.Errorf("server saw %d requests", n.Load())
			}
		})
	}
}

// ctEndless streams chunks until the client goes away, at most 1 GiB, and
// sets completed if it wrote them all: the client read or drained the whole
// body instead of closing the connection.
func ctEndless(status int, declareLength bool, completed *atomic.Bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if declareLength {
			w.Header().Set("Content-Length", strconv.Itoa(1<<30))
		}
		w.WriteHeader(status)
		chunk := bytes.Repeat([]byte("x"), 32<<10)
		for range 1 << 15 {
			if r.Context().Err() != nil {
				return
			}
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
		completed.Store(true)
	}
}

func TestResponseTooLarge(t *testing.T) {
	const limit = 64 << 10
	for _, tc := range []struct {
		name          string
		status        int
		declareLength bool
	}{
		{"endless 200", 200, false},
		{"declared 1 GiB 200", 200, true},
		{"endless 500", 500, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var completed atomic.Bool
			srv := httptest.NewServer(ctEndless(tc.status, tc.declareLength, &completed))
			defer srv.Close()
			tr, _ := ctTransport(t, srv.URL)
			tr.MaxResponseBytes = limit
			var err error
			ctWithin(t, func() { _, err = tr.Do(context.Background(), &httpCall{Path: "/big"}) })
			var tooLarge *ResponseTooLargeError
			if !errors.As(err, &tooLarge) || tooLarge.Limit != limit {
				t.Fatalf("err = %v, want *ResponseTooLargeError{%d}", err, limit)
			}
			if !strings.Contains(err.Error(), strconv.Itoa(limit)) {
				t.Errorf("Error() = %q", err)
			}
			if tc.status != 200 && !strings.Contains(err.Error(), strconv.Itoa(tc.status)) {
				t.Errorf("Error() = %q, want the status", err)
			}
			srv.Close() // waits for the handler
			if completed.Load() {
				t.Error("the whole 1 GiB body was sent: the client drained it instead of closing the connection")
			}
		})
	}
	t.Run("exactly the limit", func(t *testing.T) {
		body := strings.Repeat("y", limit)
		srv, _ := ctScript(t, ctReply{status: 200, body: body})
		tr, _ := ctTransport(t, srv.URL)
		tr.MaxResponseBytes = limit
		resp, err := tr.Do(context.Background(), &httpCall{Path: "/x"})
		if err != nil || len(resp.Body) != limit {
			t.Errorf("err %v", err)
		}
	})
	t.Run("retried huge error body", func(t *testing.T) {
		var n atomic.Int32
		var completed atomic.Bool
		endless := ctEndless(503, false, &completed)
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if n.Add(1) == 1 {
				endless(w, r)
				return
			}
			io.WriteString(w, "ok")
		}))
		defer srv.Close()
		tr, _ := ctTransport(t, srv.URL)
		tr.MaxResponseBytes = limit
		var resp *httpResponse
		var err error
		ctWithin(t, func() { resp, err = tr.Do(context.Background(), &httpCall{Path: "/x", Retryable: true}) })
		if err != nil || string(resp.Body) != "ok" {
			t.Errorf("resp %v, err %v", resp, err)
		}
		srv.Close()
		if completed.Load() {
			t.Error("the retried 1 GiB body was drained in full")
		}
	})
}

func TestDefaultHTTPClient(t *testing.T) {
	c := DefaultHTTPClient()
	if c == http.DefaultClient || c.Timeout <= 0 || c.CheckRedirect == nil {
		t.Errorf("client = %+v", c)
	}
	if c2 := DefaultHTTPClient(); c2 == c || c2.Transport == c.Transport {
		t.Error("DefaultHTTPClient shares state between calls")
	}
	tr, ok := c.Transport.(*http.Transport)
	if !ok || tr == http.DefaultTransport {
		t.Fatalf("Transport = %T, want a clone of http.DefaultTransport", c.Transport)
	}
	if tr.DialContext == nil || tr.TLSHandshakeTimeout <= 0 || tr.ResponseHeaderTimeout <= 0 || tr.IdleConnTimeout <= 0 || tr.Proxy == nil {
		t.Errorf("transport timeouts not set: %+v", tr)
	}
}

func TestRedirects(t *testing.T) {
	var otherHits atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		otherHits.Add(1)
	}))
	defer other.Close()
	var hits atomic.Int32
	var authOnFinal atomic.Value
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		switch r.URL.Path {
		case "/v1.0/away":
			http.Redirect(w, r, other.URL+"/landing?token=leak", http.StatusFound)
		case "/v1.0/hop":
			http.Redirect(w, r, "/v1.0/final", http.StatusTemporaryRedirect)
		case "/v1.0/final":
			authOnFinal.Store(r.Header.Get("Authorization"))
			io.WriteString(w, "final")
		}
	}))
	defer api.Close()
	tr, _ := ctTransport(t, api.URL)
	tr.Authorize = func(_ context.Context, req *http.Request) error {
		req.Header.Set("Authorization", "Bearer tok")
		return nil
	}

	_, err := tr.Do(context.Background(), &httpCall{Path: "/away", Retryable: true})
	if err == nil {
		t.Fatal("redirect to another host followed")
	}
	if otherHits.Load() != 0 {
		t.Errorf("the other host got %d requests", otherHits.Load())
	}
	if hits.Load() != 1 {
		t.Errorf("a refused redirect was retried: %d requests", hits.Load())
	}
	if strings.Contains(err.Error(), "leak") {
		t.Errorf("error quotes the redirect query: %v", err)
	}

	resp, err := tr.Do(context.Background(), &httpCall{Method: "POST", Path: "/hop", Body: []byte("b")})
	if err != nil || string(resp.Body) != "final" {
		t.Fatalf("same-host redirect: %v", err)
	}
	if authOnFinal.Load() != "Bearer tok" {
		t.Errorf("Authorization on the same-host redirect = %v", authOnFinal.Load())
	}
}

func TestNext(t *testing.T) {
	tr, err := newHTTPTransport("https://api.example.com/v1.0")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ raw, want string }{
		{"https://api.example.com/v1.0/sessions?$skiptoken=abc", "https://api.example.com/v1.0/sessions?$skiptoken=abc"},
		{"https://API.example.com:443/v1.0/sessions?page=2#frag", "https://API.example.com:443/v1.0/sessions?page=2"},
		{"/v1.0/sessions?PageToken=PT1", "https://api.example.com/v1.0/sessions?PageToken=PT1"},
		{"/2010-04-01/Accounts/AC1/Calls.json?Page=1", "https://api.example.com/2010-04-01/Accounts/AC1/Calls.json?Page=1"},
		{"?page=3", "https://api.example.com/v1.0?page=3"},
		{"//api.example.com/v1.0/x", "https://api.example.com/v1.0/x"},
		{"https://api.example.com/v1.0/a%2Fb/sessions?x=%2F%3F%26y", "https://api.example.com/v1.0/a%2Fb/sessions?x=%2F%3F%26y"},
	} {
		raw, want := tc.raw, tc.want
		u, err := tr.Next(raw)
		if err != nil {
			t.Errorf("Next(%q): %v", raw, err)
			continue
		}
		if u.String() != want {
			t.Errorf("Next(%q) = %s, want %s", raw, u, want)
		}
	}
	const token = "tok-SECRET"
	for _, raw := range []string{
		"https://evil.example/v1.0/sessions?token=" + token,
		"http://api.example.com/v1.0/sessions?token=" + token,
		"https://api.example.com:8443/v1.0/sessions?token=" + token,
		"https://user:" + token + "@api.example.com/v1.0/sessions",
		"//evil.example/v1.0?token=" + token,
		"//user:" + token + "@api.example.com/v1.0",
		"https://api.example.com.evil.example/v1.0?token=" + token,
		"javascript:alert(1)//" + token,
	} {
		_, err := tr.Next(raw)
		var fe *ForeignURLError
		if !errors.As(err, &fe) || fe.URL != raw {
			t.Errorf("Next(%q) = %v, want *ForeignURLError", raw, err)
			continue
		}
		if strings.Contains(err.Error(), token) {
			t.Errorf("Next(%q) error quotes the token: %v", raw, err)
		}
	}
	for _, raw := range []string{"", "https://api.example.com/%zz?token=" + token, "https://api.example.com:bad/?token=" + token} {
		if _, err := tr.Next(raw); err == nil {
			t.Errorf("Next(%q) succeeded", raw)
		} else if strings.Contains(err.Error(), token) {
			t.Errorf("Next(%q) error quotes the token: %v", raw, err)
		}
	}
	if _, err := (&httpTransport{}).Next("/x"); err == nil {
		t.Error("Next without BaseURL succeeded")
	}
}

func TestDoNextURL(t *testing.T) {
	var gotURL atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotURL.Store(r.URL.String())
	}))
	defer srv.Close()
	other, otherHits := ctScript(t, ctReply{status: 200})
	tr, _ := ctTransport(t, srv.URL)

	next, err := tr.Next(srv.URL + "/v1.0/sessions?$skiptoken=a%2Bb")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tr.Do(context.Background(), &httpCall{Path: "/ignored", URL: next, Query: url.Values{"$top": {"5"}}}); err != nil {
		t.Fatal(err)
	}
	if got := gotURL.Load(); got != "/v1.0/sessions?%24skiptoken=a%2Bb&%24top=5" {
		t.Errorf("server saw %v", got)
	}

	for _, raw := range []string{other.URL + "/v1.0/sessions?token=t", strings.Replace(srv.URL, "http://", "http://u:p@", 1) + "/v1.0/x"} {
		foreign, _ := url.Parse(raw)
		_, err := tr.Do(context.Background(), &httpCall{URL: foreign, Retryable: true})
		var fe *ForeignURLError
		if !errors.As(err, &fe) {
			t.Errorf("Do(%s) = %v, want *ForeignURLError", raw, err)
		}
	}
	if otherHits.Load() != 0 {
		t.Errorf("the other host got %d requests", otherHits.Load())
	}
}

func TestForeignURLErrorText(t *testing.T) {
	e := &ForeignURLError{URL: "https://user:pw@evil.example:8443/p?token=t#f"}
	if got, want := e.Error(), "refused a URL on another origin or with user info (https://evil.example:8443)"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	e = &ForeignURLError{URL: "::bad?token=t"}
	if strings.Contains(e.Error(), "token") {
		t.Errorf("Error() = %q", e.Error())
	}
}

// ctLogRecord is one JSON log line.
type ctLogRecord struct {
	Level    string
	Msg      string
	Method   string
	Path     string
	Status   int
	Attempt  int
	Duration *int64
	Wait     *int64
}

func ctParseLog(t *testing.T, buf *bytes.Buffer) []ctLogRecord {
	t.Helper()
	var out []ctLogRecord
	for line := range strings.Lines(buf.String()) {
		var r ctLogRecord
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		out = append(out, r)
	}
	return out
}

func TestLogging(t *testing.T) {
	srv, _ := ctScript(t, ctReply{status: 503}, ctReply{status: 503}, ctReply{status: 200})
	tr, _ := ctTransport(t, srv.URL)
	var buf bytes.Buffer
	tr.Logger = slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	if _, err := tr.Do(context.Background(), &httpCall{Path: "/sessions", Query: url.Values{"q": {"v"}}, Retryable: true}); err != nil {
		t.Fatal(err)
	}
	var debug, warn int
	for _, r := range ctParseLog(t, &buf) {
		if r.Method != "GET" || r.Path != "/v1.0/sessions" {
			t.Errorf("record %+v: want method GET, path /v1.0/sessions", r)
		}
		switch r.Level {
		case "DEBUG":
			debug++
			if r.Attempt != debug || r.Duration == nil || r.Status != []int{503, 503, 200}[debug-1] {
				t.Errorf("debug record %+v", r)
			}
		case "WARN":
			warn++
			if r.Attempt != warn || r.Wait == nil || r.Status != 503 {
				t.Errorf("warn record %+v", r)
			}
		}
	}
	if debug != 3 || warn != 2 {
		t.Errorf("%d debug and %d warn records, want 3 and 2:\n%s", debug, warn, buf.String())
	}

	// A logger at Info level gets the retry warnings only.
	buf.Reset()
	tr.Logger = slog.New(slog.NewJSONHandler(&buf, nil))
	srv2, _ := ctScript(t, ctReply{status: 503}, ctReply{status: 200})
	tr.BaseURL, _ = url.Parse(srv2.URL)
	if _, err := tr.Do(context.Background(), &httpCall{Path: "/x", Retryable: true}); err != nil {
		t.Fatal(err)
	}
	if recs := ctParseLog(t, &buf); len(recs) != 1 || recs[0].Level != "WARN" {
		t.Errorf("records at Info level: %+v", recs)
	}
}

// TestCredentialsNeverLeak sends a canary secret as a bearer token, as basic
// auth, as an API key in the query and as a query parameter, and checks that
// no error string and no log line contains it.
func TestCredentialsNeverLeak(t *testing.T) {
	const secret = "CANARY-9f8e7d6c5b4a"
	var sawSecret atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.Header.Get("Authorization"), "Bearer "+secret) || strings.Contains(r.URL.RawQuery, secret) {
			sawSecret.Add(1)
		}
		if _, pw, ok := r.BasicAuth(); ok && pw == secret {
			sawSecret.Add(1)
		}
		w.Header().Set("Request-Id", "rid")
		w.Header().Set("Www-Authenticate", "Bearer error="+secret)
		switch r.URL.Path {
		case "/v1.0/ok":
			io.WriteString(w, `{"ok":true}`)
		case "/v1.0/notfound":
			w.WriteHeader(404)
			io.WriteString(w, `{"error":"bad token `+secret+`"}`)
		case "/v1.0/busy":
			w.WriteHeader(503)
			io.WriteString(w, `{"error":"busy `+secret+`"}`)
		case "/v1.0/redirect":
			http.Redirect(w, r, "http://elsewhere.invalid/x?token="+secret, http.StatusFound)
		case "/v1.0/drop":
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close()
			}
		}
	}))
	defer srv.Close()

	authorizers := map[string]func(context.Context, *http.Request) error{
		"bearer": func(_ context.Context, req *http.Request) error {
			req.Header.Set("Authorization", "Bearer "+secret)
			return nil
		},
		"basic": func(_ context.Context, req *http.Request) error {
			req.SetBasicAuth("AC0123", secret)
			return nil
		},
		"api key in query": func(_ context.Context, req *http.Request) error {
			q := req.URL.Query()
			q.Set("api_key", secret)
			req.URL.RawQuery = q.Encode()
			return nil
		},
	}
	for name, authorize := range authorizers {
		t.Run(name, func(t *testing.T) {
			var logs bytes.Buffer
			tr, _ := ctTransport(t, srv.URL)
			tr.Authorize = authorize
			tr.Logger = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
			tr.Retry = RetryPolicy{MaxAttempts: 3, InitialBackoff: time.Millisecond, MaxBackoff: time.Second, MaxElapsed: time.Minute}
			query := url.Values{"token": {secret}}
			foreign, _ := url.Parse("https://evil.example/v1.0/x?token=" + secret)
			withUser, _ := url.Parse(strings.Replace(srv.URL, "http://", "http://AC0123:"+secret+"@", 1) + "/v1.0/ok?token=" + secret)
			closed := httptest.NewServer(http.NotFoundHandler())
			closedURL := closed.URL
			closed.Close()

			check := func(what string, err error) {
				t.Helper()
				if err == nil {
					return
				}
				for _, s := range []string{err.Error(), fmt.Sprintf("%v", err), fmt.Sprintf("%+v", err)} {
					if strings.Contains(s, secret) {
						t.Errorf("%s: error leaks the secret: %s", what, s)
					}
				}
			}
			for _, c := range []struct {
				what    string
				call    *httpCall
				wantErr bool
			}{
				{"success", &httpCall{Path: "/ok", Query: query, Retryable: true}, false},
				{"4xx", &httpCall{Path: "/notfound", Query: query, Retryable: true}, true},
				{"5xx with retries", &httpCall{Path: "/busy", Query: query, Retryable: true}, true},
				{"5xx POST", &httpCall{Method: "POST", Path: "/busy", Query: query, Body: []byte("{}")}, true},
				{"refused redirect", &httpCall{Path: "/redirect", Query: query, Retryable: true}, true},
				{"dropped connection", &httpCall{Path: "/drop", Query: query, Retryable: true}, true},
				{"foreign URL", &httpCall{URL: foreign, Retryable: true}, true},
				{"URL with user info", &httpCall{URL: withUser, Retryable: true}, true},
			} {
				_, err := tr.Do(context.Background(), c.call)
				if (err != nil) != c.wantErr {
					t.Errorf("%s: err = %v", c.what, err)
				}
				check(c.what, err)
			}
			_, err := tr.Next("https://evil.example/?token=" + secret)
			check("Next", err)

			// A transport error from a server that is gone.
			gone := *tr
			gone.BaseURL, _ = url.Parse(closedURL + "/v1.0")
			_, err = gone.Do(context.Background(), &httpCall{Path: "/x", Query: query, Retryable: true})
			if err == nil {
				t.Error("request to a closed server succeeded")
			}
			check("connection refused", err)

			// The Authorize error path.
			failing := *tr
			failing.Authorize = func(context.Context, *http.Request) error { return errors.New("no token") }
			_, err = failing.Do(context.Background(), &httpCall{Path: "/x", Query: query})
			check("authorize error", err)

			if strings.Contains(logs.String(), secret) {
				t.Errorf("log leaks the secret:\n%s", logs.String())
			}
			if strings.Contains(logs.String(), "token=") || strings.Contains(logs.String(), "api_key") {
				t.Errorf("log contains a query string:\n%s", logs.String())
			}
			if !strings.Contains(logs.String(), "level=WARN") || !strings.Contains(logs.String(), "path=/v1.0/busy") {
				t.Errorf("log lacks the retry records:\n%s", logs.String())
			}
		})
	}
	if sawSecret.Load() == 0 {
		t.Error("the server never saw the canary: the test does not test anything")
	}
}

// TestReadCappedSizesFromContentLength pins how response bodies are read: a
// declared length is read into one buffer of that size (no growth chain),
// an undeclared one still completely, and the cap holds either way.
func TestReadCappedSizesFromContentLength(t *testing.T) {
	body := bytes.Repeat([]byte("x"), 100_000)
	response := func(declared int64) *http.Response {
		return &http.Response{Body: io.NopCloser(bytes.NewReader(body)), ContentLength: declared}
	}
	for _, declared := range []int64{int64(len(body)), -1} {
		got, err := httpReadCapped(response(declared), DefaultMaxResponseBytes)
		if err != nil || !bytes.Equal(got, body) {
			t.Fatalf("declared %d: read %d bytes, %v; want the whole body", declared, len(got), err)
		}
	}
	var r *http.Response
	allocs := testing.AllocsPerRun(20, func() {
		r = response(int64(len(body)))
		if _, err := httpReadCapped(r, DefaultMaxResponseBytes); err != nil {
			t.Fatal(err)
		}
	})
	// The response, its reader and NopCloser, the LimitReader and the body.
	if allocs > 5 {
		t.Errorf("reading a 100 KB body of declared length: %v allocations, want at most 5 (one buffer)", allocs)
	}
	if _, err := httpReadCapped(response(-1), 1000); !errors.As(err, new(*ResponseTooLargeError)) {
		t.Errorf("an undeclared body past the cap: %v, want *ResponseTooLargeError", err)
	}
}

// bodyTransport answers every request with 200 and body, of declared
// length or not (chunked).
type bodyTransport struct {
	body     []byte
	declared bool
}

func (b bodyTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	n := int64(-1)
	if b.declared {
		n = int64(len(b.body))
	}
	return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(bytes.NewReader(b.body)), ContentLength: n, Request: r}, nil
}

// TestResponseBodyBufferReused: a body given back with Release is the
// buffer the next answer is read into, declared length or not, so a client
// reading page after page does not allocate a body per page.
func TestResponseBodyBufferReused(t *testing.T) {
	ctPoolReuseDeterministic(t)
	body := bytes.Repeat([]byte(" "), 100_000)
	for _, declared := range []bool{true, false} {
		tr := &httpTransport{BaseURL: &url.URL{Scheme: "http", Host: "api.test"}, HTTPClient: &http.Client{Transport: bodyTransport{body, declared}}}
		first := ctGet(t, tr, body)
		at := &first.Body[0]
		first.Release()
		if first.Body != nil {
			t.Error("Release left Body set")
		}
		if second := ctGet(t, tr, body); &second.Body[0] != at {
			t.Errorf("declared %v: the next answer was read into a new buffer, not the released one", declared)
		}
	}
}

// TestTakeBodyOwnsItsBytes: a body the caller keeps (TakeBody, a binary
// answer) is never read over by a later answer; one much smaller than the
// pooled buffer it was read into is copied out, and the buffer reused, so
// that a small answer does not keep a page-sized buffer alive.
func TestTakeBodyOwnsItsBytes(t *testing.T) {
	ctPoolReuseDeterministic(t)
	page := bytes.Repeat([]byte("p"), 100_000)
	small := []byte("RIFF")
	pages := &httpTransport{BaseURL: &url.URL{Scheme: "http", Host: "api.test"}, HTTPClient: &http.Client{Transport: bodyTransport{page, true}}}
	smalls := &httpTransport{BaseURL: pages.BaseURL, HTTPClient: &http.Client{Transport: bodyTransport{small, true}}}

	big := ctGet(t, pages, page)
	at := &big.Body[0]
	big.Release()
	resp := ctGet(t, smalls, small)
	if &resp.Body[0] != at {
		t.Fatal("the small answer was not read into the released page buffer: the test tests nothing")
	}
	kept := resp.TakeBody()
	if &kept[0] == at || cap(kept) > 2*len(kept)+4096 {
		t.Errorf("a 4-byte body kept from a 100 KB buffer: cap %d, same array %v; want a small copy", cap(kept), &kept[0] == at)
	}
	if next := ctGet(t, pages, page); &next.Body[0] != at {
		t.Error("the buffer the small body was copied out of did not go back to the pool")
	}
	if !bytes.Equal(kept, small) {
		t.Errorf("kept body %q, want %q", kept, small)
	}

	full := ctGet(t, pages, page)
	whole := full.TakeBody()
	if next := ctGet(t, pages, page); &next.Body[0] == &whole[0] {
		t.Error("an answer was read into a buffer handed to the caller")
	}
	if !bytes.Equal(whole, page) {
		t.Error("the kept page changed")
	}
}

// ctGet sends a GET through tr and checks that the body is want.
func ctGet(t *testing.T, tr *httpTransport, want []byte) *httpResponse {
	t.Helper()
	resp, err := tr.Do(context.Background(), &httpCall{Path: "/x"})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(resp.Body, want) {
		t.Fatalf("body of %d bytes, want %d", len(resp.Body), len(want))
	}
	return resp
}

// ctPoolReuseDeterministic makes a buffer put into a sync.Pool the one the
// next Get returns, for the rest of the test: one P (a pool hands a buffer
// back to the P that put it) and no garbage collection (which empties it).
// Under the race detector, which makes pools drop buffers on purpose, the
// test is skipped.
func ctPoolReuseDeterministic(t *testing.T) {
	if raceflag.Enabled {
		t.Skip("the race detector makes sync.Pool drop buffers on purpose")
	}
	procs := runtime.GOMAXPROCS(1)
	gc := debug.SetGCPercent(-1)
	t.Cleanup(func() {
		debug.SetGCPercent(gc)
		runtime.GOMAXPROCS(procs)
	})
}
