// Client faults against httptest (hand-written, not generated). The same
// file exists beside every bundled package; keep the copies identical apart
// from the block marked "package-specific".
//
// Each fault is served to one GET and one POST method of the generated
// client, and must give a typed error (errors.Is / errors.As), be attempted
// as often as the retry rules allow and no more (a POST that is not
// retry-safe is sent once, whatever happens), return promptly, and leave no
// goroutine behind (runtime.NumGoroutine settles back to where it was).
package sessions_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	pk "github.com/sessiongen/sessiongen/generated/syllable/sessions"
)

// ---------------------------------------------------------- package-specific

// fltCalls makes the GET and POST calls of the fault tests; postRetrySafe
// says whether the schema marks the POST method retry-safe.
type fltCalls struct {
	get, post     func(context.Context) error
	postRetrySafe bool
	// notProcessed are statuses the API documents as never processed:
	// retried for every method.
	notProcessed []int
}

// fltOK is the start of a valid 200 body of both calls.
const fltOK = `{"session_id":"1","recording_urls":[]}`

// The only POST of the Syllable API, GenerateRecordingURLs, is marked
// retrySafe in the schema (it creates nothing addressable): it is retried
// like a GET, and the tests expect exactly that.
func fltClient(t *testing.T, srv *httptest.Server, opts ...pk.Option) fltCalls {
	t.Helper()
	base := []pk.Option{
		pk.WithBaseURL(srv.URL),
		pk.WithHTTPClient(srv.Client()),
		pk.WithAPIKey("key"),
		pk.WithRetryPolicy(pk.RetryPolicy{MaxAttempts: 3, InitialBackoff: time.Millisecond, MaxBackoff: time.Millisecond}),
	}
	c, err := pk.NewClient(append(base, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return fltCalls{
		get: func(ctx context.Context) error {
			_, err := c.Sessions.Get(ctx, "1")
			return err
		},
		post: func(ctx context.Context) error {
			_, err := c.Sessions.GenerateRecordingURLs(ctx, "1")
			return err
		},
		postRetrySafe: true,
	}
}

// fltTooLarge and fltDecodeError are the package's typed errors.
type (
	fltTooLarge    = pk.ResponseTooLargeError
	fltDecodeError = pk.DecodeError
)

// fltStatus returns the HTTP status of a typed status error, or 0.
func fltStatus(err error) int {
	var api *pk.APIError
	if errors.As(err, &api) {
		return api.StatusCode
	}
	var h *pk.HTTPError
	if errors.As(err, &h) {
		return h.StatusCode
	}
	return 0
}

// ------------------------------------------------------------ shared harness

// fltServer serves handler and counts requests by method.
type fltServer struct {
	*httptest.Server
	gets, posts atomic.Int32
	handlers    atomic.Int32 // handlers still running
}

func fltServe(t *testing.T, handler http.HandlerFunc) *fltServer {
	t.Helper()
	s := &fltServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.handlers.Add(1)
		defer s.handlers.Add(-1)
		switch r.Method {
		case http.MethodGet:
			s.gets.Add(1)
		case http.MethodPost:
			s.posts.Add(1)
		}
		io.Copy(io.Discard, r.Body)
		handler(w, r)
	}))
	return s
}

// fltHijack takes over the connection, writes raw (if any) and closes it.
func fltHijack(w http.ResponseWriter, raw string) {
	conn, buf, err := w.(http.Hijacker).Hijack()
	if err != nil {
		panic(err)
	}
	if raw != "" {
		buf.WriteString(raw)
		buf.Flush()
	}
	conn.Close()
}

// fltSettle waits for the goroutine count to come back to base.
func fltSettle(t *testing.T, base int) {
	t.Helper()
	var n int
	for range 200 {
		if n = runtime.NumGoroutine(); n <= base {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	t.Errorf("%d goroutines still running, %d before the test:\n%s", n, base, buf)
}

// fltFault is one misbehaving server.
type fltFault struct {
	name    string
	handler http.HandlerFunc
	opts    []pk.Option
	timeout time.Duration // of the call's context; 0: 5s
	// check validates the error of a call.
	check func(t *testing.T, err error)
	// retriedGet and retriedPost say whether the fault may be retried.
	retriedGet, retriedPost bool
}

func fltFaults() []fltFault {
	return []fltFault{
		{
			name: "connection reset mid-body",
			handler: func(w http.ResponseWriter, r *http.Request) {
				fltHijack(w, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"+fltOK[:20])
			},
			check: func(t *testing.T, err error) {
				if !errors.Is(err, io.ErrUnexpectedEOF) {
					t.Errorf("got %v, want an error wrapping io.ErrUnexpectedEOF", err)
				}
			},
		},
		{
			name:    "connection closed before a response",
			handler: func(w http.ResponseWriter, r *http.Request) { fltHijack(w, "") },
			check: func(t *testing.T, err error) {
				if !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
					t.Errorf("got %v, want an error wrapping io.EOF", err)
				}
			},
			retriedGet: true, // nothing was received: GET may be sent again
		},
		{
			name: "truncated JSON",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				io.WriteString(w, fltOK[:strings.Index(fltOK, ",")+1]) // ends after a member
			},
			check: func(t *testing.T, err error) {
				var de *fltDecodeError
				if !errors.As(err, &de) || !strings.Contains(de.Msg, "unexpected end of input") {
					t.Errorf("got %v, want a *DecodeError for the end of input", err)
				}
			},
		},
		{
			name: "text/html instead of JSON",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				io.WriteString(w, "<!DOCTYPE html><html><body>Service Unavailable</body></html>")
			},
			check: func(t *testing.T, err error) {
				var de *fltDecodeError
				if !errors.As(err, &de) || de.Offset != 0 {
					t.Errorf("got %v, want a *DecodeError at offset 0", err)
				}
			},
		},
		{
			name: "502 text/html from a gateway",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				w.WriteHeader(http.StatusBadGateway)
				io.WriteString(w, "<html><body>Bad Gateway</body></html>")
			},
			check: func(t *testing.T, err error) {
				if s := fltStatus(err); s != http.StatusBadGateway {
					t.Errorf("got %v (status %d), want a typed 502 error", err, s)
				}
				if err != nil && strings.Contains(err.Error(), "<html>") {
					t.Errorf("the error quotes the body: %v", err)
				}
			},
			retriedGet: true,
		},
		{
			name: "slow body past the context deadline",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				io.WriteString(w, fltOK[:10])
				w.(http.Flusher).Flush()
				select {
				case <-r.Context().Done():
				case <-time.After(5 * time.Second):
				}
			},
			timeout: 150 * time.Millisecond,
			check: func(t *testing.T, err error) {
				if !errors.Is(err, context.DeadlineExceeded) {
					t.Errorf("got %v, want context.DeadlineExceeded", err)
				}
			},
		},
		{
			name: "endless body",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				chunk := []byte(`{"a":` + strings.Repeat(" ", 32<<10))
				for i := 0; i < 1<<14; i++ { // at most 512 MiB
					if _, err := w.Write(chunk); err != nil {
						return
					}
					chunk = []byte(strings.Repeat(" ", 32<<10))
				}
			},
			opts: []pk.Option{pk.WithMaxResponseBytes(64 << 10)},
			check: func(t *testing.T, err error) {
				var tl *fltTooLarge
				if !errors.As(err, &tl) || tl.Limit != 64<<10 {
					t.Errorf("got %v, want *ResponseTooLargeError with the 64 KiB limit", err)
				}
			},
		},
		{
			name: "declared Content-Length over the limit",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				w.Header().Set("Content-Length", "1073741824")
				w.(http.Flusher).Flush()
			},
			opts: []pk.Option{pk.WithMaxResponseBytes(64 << 10)},
			check: func(t *testing.T, err error) {
				var tl *fltTooLarge
				if !errors.As(err, &tl) {
					t.Errorf("got %v, want *ResponseTooLargeError", err)
				}
			},
		},
		{
			name: "503 Service Unavailable",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusServiceUnavailable)
				io.WriteString(w, `{"code":20503,"message":"try later","status":503}`)
			},
			check: func(t *testing.T, err error) {
				if s := fltStatus(err); s != http.StatusServiceUnavailable {
					t.Errorf("got %v, want a typed 503 error", err)
				}
			},
			retriedGet: true,
		},
	}
}

func TestClientFaults(t *testing.T) {
	for _, f := range fltFaults() {
		for _, method := range []string{http.MethodGet, http.MethodPost} {
			t.Run(f.name+"/"+method, func(t *testing.T) {
				base := runtime.NumGoroutine()
				srv := fltServe(t, f.handler)
				calls := fltClient(t, srv.Server, f.opts...)
				timeout := f.timeout
				if timeout == 0 {
					timeout = 5 * time.Second
				}
				ctx, cancel := context.WithTimeout(context.Background(), timeout)
				call, count := calls.get, &srv.gets
				retried := f.retriedGet
				if method == http.MethodPost {
					call, count = calls.post, &srv.posts
					retried = f.retriedPost || calls.postRetrySafe && f.retriedGet
				}
				start := time.Now()
				err := call(ctx)
				took := time.Since(start)
				cancel()
				if err == nil {
					t.Fatal("no error")
				}
				f.check(t, err)
				if took > timeout+2*time.Second {
					t.Errorf("took %v with a %v deadline", took, timeout)
				}
				if n := count.Load(); retried && n != 3 || !retried && n != 1 {
					t.Errorf("%d attempts, want %d (retried: %v)", n, map[bool]int{true: 3, false: 1}[retried], retried)
				}
				if len(err.Error()) > 1024 {
					t.Errorf("%d-byte error", len(err.Error()))
				}
				srv.Close()
				for i := 0; srv.handlers.Load() != 0 && i < 200; i++ {
					time.Sleep(5 * time.Millisecond)
				}
				if n := srv.handlers.Load(); n != 0 {
					t.Errorf("%d handlers still running: the client did not close the connection", n)
				}
				fltSettle(t, base)
			})
		}
	}
}

// TestClientRetriesNotProcessedForEveryMethod: a status the API documents as
// never processed (Twilio's 429) is retried for POST too; other errors on a
// POST that is not retry-safe never are.
func TestClientRetriesNotProcessedForEveryMethod(t *testing.T) {
	base := runtime.NumGoroutine()
	status := atomic.Int32{}
	srv := fltServe(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(int(status.Load()))
		io.WriteString(w, `{"code":20429,"message":"Too many requests","status":429}`)
	})
	defer srv.Close()
	calls := fltClient(t, srv.Server)
	for _, code := range append(slices.Clone(calls.notProcessed), http.StatusInternalServerError, http.StatusBadGateway, http.StatusGatewayTimeout) {
		status.Store(int32(code))
		srv.posts.Store(0)
		err := calls.post(context.Background())
		if s := fltStatus(err); s != code {
			t.Errorf("%d: got %v", code, err)
		}
		// The transport retries 429, 502, 503 and 504 for retry-safe
		// calls, and the never-processed statuses for every call.
		want := int32(1)
		if calls.postRetrySafe && (code == 429 || code == 502 || code == 503 || code == 504) || slices.Contains(calls.notProcessed, code) {
			want = 3
		}
		if n := srv.posts.Load(); n != want {
			t.Errorf("POST answered %d: %d attempts, want %d", code, n, want)
		}
	}
	srv.Close()
	fltSettle(t, base)
}
