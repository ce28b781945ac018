package support

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// DefaultMaxResponseBytes is the cap on a response body that
// [httpTransport.MaxResponseBytes] falls back to when it is zero: 32 MiB.
const DefaultMaxResponseBytes int64 = 32 << 20

const (
	// httpDrainLimit bounds what is read from a response the client does not
	// need in full (one that is retried), so that its connection can be
	// reused without reading an unbounded body.
	httpDrainLimit = 64 << 10
	// httpMaxRedirects matches net/http's default redirect limit.
	httpMaxRedirects = 10
	// httpMaxErrorText bounds server-controlled text (reason phrase, request
	// id) copied into error strings.
	httpMaxErrorText = 128
)

// httpTransport sends the requests of one generated client: it builds each
// request from a [httpCall], authorizes it, retries what may be retried, caps
// what it reads and turns non-2xx responses into errors.
//
// Set the fields before the first request and do not change them afterwards;
// an httpTransport is then safe for concurrent use. [newHTTPTransport] returns one
// with working defaults.
type httpTransport struct {
	// BaseURL is the absolute URL of the API. A call's Path is appended to
	// its path, and its query, if any, is sent with every call that has a
	// Path. Next-page URLs must be on its scheme, host and port.
	BaseURL *url.URL
	// HTTPClient sends the requests. newHTTPTransport sets it to
	// [DefaultHTTPClient]; Do fails when it is nil.
	HTTPClient *http.Client
	// UserAgent is the User-Agent header; empty leaves net/http's default.
	UserAgent string
	// Authorize sets the credentials on each attempt's request, for example
	// an Authorization header. nil sends no credentials. Its error is
	// returned wrapped; it must not contain the credential.
	Authorize func(ctx context.Context, req *http.Request) error
	// Retry bounds retries; the zero value makes a single attempt.
	Retry RetryPolicy
	// MaxResponseBytes caps how much of a response body is read; a larger
	// body fails with [*ResponseTooLargeError]. 0 means
	// [DefaultMaxResponseBytes].
	MaxResponseBytes int64
	// Logger receives one Debug record per attempt (method, URL path,
	// status, attempt, duration) and one Warn record per retry (with the
	// wait). Headers, bodies, query strings and credentials are never
	// logged. nil logs nothing.
	Logger *slog.Logger
	// NotProcessed lists the statuses the API documents as never processed
	// (Twilio: 429). A response with one of them that is also a retryable
	// status (429, 502, 503, 504) is retried whatever the method.
	NotProcessed []int
	// RequestIDHeaders are the response headers that carry the API's request
	// id, tried in order (see [requestIDOf]).
	RequestIDHeaders []string
	// DecodeError builds the API's typed error from a non-2xx response:
	// status code, headers and the body (read up to MaxResponseBytes). It
	// also builds the error of each response that is retried, which Do
	// reports when ctx ends during the wait; such a body is nil when it was
	// longer than 64 KiB and so not read in full. nil, or a nil result,
	// gives an [*HTTPError].
	DecodeError func(status int, header http.Header, body []byte) error
	// CallHeaders returns the API-wide request headers of a call made with
	// ctx (the generated WithRequestHeaders), or an error (a
	// *ValidationError) that fails the call before anything is sent. A
	// call's own Header wins over them. nil sends none.
	CallHeaders func(ctx context.Context) (http.Header, error)

	// Test hooks; nil means the real thing.
	sleep  func(ctx context.Context, d time.Duration) error // waits d or until ctx ends
	now    func() time.Time                                 // the clock for MaxElapsed and Retry-After dates
	jitter func(n int64) int64                              // a uniform value in [0, n)
}

// newHTTPTransport returns an httpTransport for the API at baseURL, an absolute http
// or https URL without credentials (for example
// "https://graph.microsoft.com/v1.0"), with HTTPClient set to
// [DefaultHTTPClient] and Retry to [DefaultRetryPolicy].
func newHTTPTransport(baseURL string) (*httpTransport, error) {
	u, err := url.Parse(baseURL)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // without the URL text
		}
		return nil, fmt.Errorf("invalid base URL: %w", err)
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, errors.New("base URL must be an absolute http or https URL")
	case u.Host == "" || u.Opaque != "":
		return nil, errors.New("base URL has no host")
	case u.User != nil:
		return nil, errors.New("base URL must not carry credentials; use Authorize")
	}
	u.Fragment, u.RawFragment = "", ""
	return &httpTransport{
		BaseURL:    u,
		HTTPClient: DefaultHTTPClient(),
		Retry:      DefaultRetryPolicy(),
	}, nil
}

// DefaultHTTPClient returns a new HTTP client for API calls, never
// [http.DefaultClient]: a 100s overall timeout, a transport cloned from
// [http.DefaultTransport] with dial, TLS handshake, response header and idle
// timeouts, and a redirect policy that follows at most 10 redirects and
// refuses any redirect to another scheme, host or port, so that credentials
// never follow a redirect off the API.
func DefaultHTTPClient() *http.Client {
	var tr *http.Transport
	if dt, ok := http.DefaultTransport.(*http.Transport); ok {
		tr = dt.Clone()
	} else {
		tr = &http.Transport{Proxy: http.ProxyFromEnvironment, ForceAttemptHTTP2: true, MaxIdleConns: 100}
	}
	dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	tr.DialContext = dialer.DialContext
	tr.TLSHandshakeTimeout = 10 * time.Second
	tr.ResponseHeaderTimeout = 60 * time.Second
	tr.ExpectContinueTimeout = time.Second
	tr.IdleConnTimeout = 90 * time.Second
	tr.MaxIdleConnsPerHost = 16
	return &http.Client{
		Transport:     tr,
		Timeout:       100 * time.Second,
		CheckRedirect: httpCheckRedirect,
	}
}

// httpCheckRedirect follows redirects on the original request's origin only.
func httpCheckRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= httpMaxRedirects {
		return fmt.Errorf("stopped after %d redirects", httpMaxRedirects)
	}
	if len(via) > 0 && !httpSameOrigin(req.URL, via[0].URL) {
		return &httpRedirectError{origin: httpOrigin(req.URL)}
	}
	return nil
}

// httpRedirectError is a refused cross-origin redirect; it is never retried.
type httpRedirectError struct{ origin string }

func (e *httpRedirectError) Error() string {
	return "refused to follow a redirect to another origin (" + e.origin + ")"
}

// RetryPolicy bounds the retries of a [httpTransport].
type RetryPolicy struct {
	// MaxAttempts is the number of attempts, the first included; below 1
	// means 1.
	MaxAttempts int
	// InitialBackoff is the ceiling of the first wait; each retry doubles
	// it, up to MaxBackoff. The wait is uniformly random below the ceiling
	// ("full jitter"). 0 retries without waiting.
	InitialBackoff time.Duration
	// MaxBackoff caps the ceiling of a backoff wait; 0 means no cap. It
	// does not cap a server's Retry-After.
	MaxBackoff time.Duration
	// MaxElapsed bounds the time from the first attempt to the start of
	// the last one: a wait (backoff or Retry-After) that would end later
	// ends retrying and returns the last error. 0 means no bound; the
	// context and MaxAttempts still apply.
	MaxElapsed time.Duration
}

// DefaultRetryPolicy returns 4 attempts, a 500ms initial backoff, a 30s
// maximum backoff and 2 minutes in total.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{
		MaxAttempts:    4,
		InitialBackoff: 500 * time.Millisecond,
		MaxBackoff:     30 * time.Second,
		MaxElapsed:     2 * time.Minute,
	}
}

// NoRetry returns a policy of a single attempt.
func NoRetry() RetryPolicy {
	return RetryPolicy{MaxAttempts: 1}
}

// httpCall is one request for [httpTransport.Do].
type httpCall struct {
	// Method is the HTTP method; empty means GET.
	Method string
	// Path is the path relative to the transport's BaseURL, already escaped
	// (each parameter with url.PathEscape). It is ignored when URL is set.
	// "." and ".." segments are rejected.
	Path string
	// URL is the absolute URL of a next page that the server supplied (see
	// [httpTransport.Next]). It must be on BaseURL's scheme, host and port, and
	// carry no user info, else Do returns a [*ForeignURLError] and sends
	// nothing.
	URL *url.URL
	// Query holds the query parameters. With Path they are added to
	// BaseURL's query; with URL they replace the parameters of the same
	// name.
	Query url.Values
	// Header holds extra headers, such as an idempotency key; they replace
	// the defaults (Accept, User-Agent, Content-Type) of the same name.
	Header http.Header
	// Body is the request body, sent again on each attempt; nil sends none.
	Body []byte
	// ContentType is the Content-Type of Body; empty sets none.
	ContentType string
	// Retryable reports that the request may be retried on 429, 502, 503
	// and 504 responses and on errors before any response: true for GET,
	// PUT and DELETE, or when the schema marks the method retry-safe.
	Retryable bool
	// Statuses are the success statuses the method documents; a 2xx answer
	// with another status is an [*UnexpectedStatusError]. Empty accepts any
	// 2xx.
	Statuses []int
}

// httpResponse is a successful (2xx) response; its body was read in full (up to
// the transport's cap) and closed.
type httpResponse struct {
	// StatusCode is the HTTP status code, 200 to 299.
	StatusCode int
	// Header holds the response headers.
	Header http.Header
	// Body is the whole response body. A caller that only decodes it gives
	// its buffer back with [httpResponse.Release]; one that hands it out
	// (a binary answer) takes it with [httpResponse.TakeBody].
	Body []byte
	// buf holds Body's buffer, from responseBodies.
	buf *[]byte
}

// responseBodies holds the buffers that response bodies are read into, so
// that a client reading page after page reuses one buffer instead of
// allocating (and the runtime zeroing, and later returning to the OS) a
// body-sized one per answer: a page of 50 sessions is 30-300 KB. A buffer
// comes back through Release once the body is decoded (or through TakeBody
// when a body handed out is copied out of it). Decoders never keep the
// bytes they read (strings are copied out, and any other Unmarshaler they
// call must copy what it keeps, as encoding/json's contract says), so a
// decoded value does not alias its body.
// clientcheck.ResultsOwnTheirBytes checks that over every client method.
var responseBodies = sync.Pool{New: func() any { return new([]byte) }}

// maxKeptBody is the largest body buffer kept for the next answer, so that
// one huge body does not keep its size alive in the pool.
const maxKeptBody = 1 << 20

// Release gives r's body buffer back for a later answer. r.Body must not be
// used after it, nor anything that aliases it.
func (r *httpResponse) Release() {
	if r.buf != nil {
		putBodyBuffer(r.buf, r.Body)
	}
	r.buf, r.Body = nil, nil
}

// TakeBody returns r's body for the caller to keep (a binary answer); r
// no longer holds it. See [ownBody].
func (r *httpResponse) TakeBody() []byte {
	b := ownBody(r.buf, r.Body)
	r.buf, r.Body = nil, nil
	return b
}

// ownBody returns body, read into the pooled buffer buf (nil: not pooled),
// for a caller to keep: a copy, with the buffer put back, when the buffer
// is more than twice the body plus 4 KiB (a 4-byte answer read into the
// buffer of an earlier 300 KB page must not keep that alive), else body
// itself, whose buffer then never returns to the pool.
func ownBody(buf *[]byte, body []byte) []byte {
	if buf == nil || cap(body) <= 2*len(body)+4096 {
		return body
	}
	out := bytes.Clone(body)
	putBodyBuffer(buf, body)
	return out
}

// putBodyBuffer puts body's array, held by buf, back into responseBodies,
// unless it is larger than maxKeptBody.
func putBodyBuffer(buf *[]byte, body []byte) {
	if cap(body) <= maxKeptBody {
		*buf = body[:0]
		responseBodies.Put(buf)
	}
}

// send sends call and gives the answer's buffer back: the exchange of a
// method that returns no value.
func send(ctx context.Context, t *httpTransport, call *httpCall) error {
	resp, err := t.Do(ctx, call)
	if err != nil {
		return err
	}
	resp.Release()
	return nil
}

// HTTPError is a non-2xx response, returned by [httpTransport.Do] when the
// transport has no DecodeError. Its Error method reports the status and the
// request id only, never the headers or the body.
type HTTPError struct {
	// StatusCode is the HTTP status code.
	StatusCode int
	// Status is the status line text, such as "404 Not Found".
	Status string
	// requestIDOf is the server's request id, if any (see [requestIDOf]).
	RequestID string
	// Header holds the response headers.
	Header http.Header
	// Body is the response body, read up to the transport's cap; nil when
	// it was not read in full (a response that was then retried).
	Body []byte
}

// Error returns the status and the request id.
func (e *HTTPError) Error() string {
	status := httpCleanText(e.Status)
	if status == "" {
		status = strconv.Itoa(e.StatusCode)
		if text := http.StatusText(e.StatusCode); text != "" {
			status += " " + text
		}
	}
	msg := "HTTP " + status
	if id := httpCleanText(e.RequestID); id != "" {
		msg += " (request id " + id + ")"
	}
	return msg
}

// UnexpectedStatusError is a successful (2xx) answer whose status the method
// does not document, such as a 202 Accepted to a create documented as 201:
// what the answer means is unknown, so it is not decoded. The request may
// have been processed: do not resend a create blindly.
type UnexpectedStatusError struct {
	// StatusCode is the HTTP status code.
	StatusCode int
	// Header holds the response headers.
	Header http.Header
	// Body is the whole response body, kept for the caller to inspect.
	Body []byte
}

// Error names the status only, never the body.
func (e *UnexpectedStatusError) Error() string {
	return "HTTP " + strconv.Itoa(e.StatusCode) + " is not a status this method documents"
}

// ResponseTooLargeError reports a response body longer than the transport's
// cap. The connection is closed rather than drained.
type ResponseTooLargeError struct {
	// Limit is the cap in bytes.
	Limit int64
}

// Error reports the cap.
func (e *ResponseTooLargeError) Error() string {
	return "response body exceeds the limit of " + strconv.FormatInt(e.Limit, 10) + " bytes"
}

// ForeignURLError reports a URL, such as a server-supplied next page, that is
// not on the API's scheme, host and port, or that carries user info: sending
// it would send the credentials elsewhere. Nothing was sent.
type ForeignURLError struct {
	// URL is the URL as given. It may carry tokens in its query: do not log
	// it.
	URL string
}

// Error names the URL's scheme and host only, never its query or user info.
func (e *ForeignURLError) Error() string {
	u, err := url.Parse(e.URL)
	if err != nil || u.Host == "" {
		return "refused a URL that is not on the API's origin"
	}
	return "refused a URL on another origin or with user info (" + httpOrigin(u) + ")"
}

// requestIDOf returns the server's request id from response headers: the
// first non-empty of the named headers, which the API's definition declares.
func requestIDOf(h http.Header, names []string) string {
	for _, name := range names {
		if v := h.Get(name); v != "" {
			return v
		}
	}
	return ""
}

// Next parses a server-supplied next-page URL for [httpCall.URL]. A relative URL
// is resolved against BaseURL (RFC 3986); the result must be on BaseURL's
// scheme, host and port (default ports count as equal) and carry no user
// info, else the error is a [*ForeignURLError]. The fragment is dropped.
func (t *httpTransport) Next(rawURL string) (*url.URL, error) {
	base, err := t.baseURL()
	if err != nil {
		return nil, err
	}
	if rawURL == "" {
		return nil, errors.New("empty next-page URL")
	}
	ref, err := url.Parse(rawURL)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // without the URL text, which may hold tokens
		}
		return nil, fmt.Errorf("invalid next-page URL: %w", err)
	}
	u := base.ResolveReference(ref)
	if ref.User != nil || u.User != nil || u.Opaque != "" || !httpSameOrigin(u, base) {
		return nil, &ForeignURLError{URL: rawURL}
	}
	u.Fragment, u.RawFragment = "", ""
	return u, nil
}

// Do sends the call and returns its 2xx response. A non-2xx response gives
// the error DecodeError builds (or an [*HTTPError]); a body over the cap a
// [*ResponseTooLargeError]; a URL off the API's origin a [*ForeignURLError]
// with nothing sent.
//
// A 429, 502, 503 or 504 response is retried when c.Retryable is set or the
// status is in NotProcessed; an error before any response is retried when
// c.Retryable is set. Retries are bounded by the transport's RetryPolicy and
// wait for the server's Retry-After (seconds or an HTTP date) or else an
// exponential backoff with full jitter. When ctx ends during a wait, Do
// returns at once with an error that wraps both ctx.Err() and the last
// error. Authorize runs on every attempt.
func (t *httpTransport) Do(ctx context.Context, c *httpCall) (*httpResponse, error) {
	if c == nil {
		return nil, errors.New("nil call")
	}
	client := t.HTTPClient
	if client == nil {
		return nil, errors.New("the transport has no HTTP client")
	}
	u, err := t.callURL(c)
	if err != nil {
		return nil, err
	}
	method := c.Method
	if method == "" {
		method = http.MethodGet
	}
	var apiHeader http.Header
	if t.CallHeaders != nil {
		if apiHeader, err = t.CallHeaders(ctx); err != nil {
			return nil, err
		}
	}
	maxAttempts := max(t.Retry.MaxAttempts, 1)
	start := t.clock()
	var lastErr error
	for attempt := 1; ; attempt++ {
		if err := ctx.Err(); err != nil {
			return nil, httpWaitError(err, lastErr)
		}
		req, err := t.newRequest(ctx, method, u, c, apiHeader)
		if err != nil {
			return nil, err
		}
		began := t.clock()
		hr, err := client.Do(req)
		if err != nil {
			err = httpRedactError(err)
			t.logAttempt(ctx, method, u, 0, attempt, t.clock().Sub(began), err)
			var redirect *httpRedirectError
			if !c.Retryable || attempt >= maxAttempts || ctx.Err() != nil || errors.As(err, &redirect) {
				return nil, err
			}
			wait, ok := t.nextWait(attempt, start, 0, false)
			if !ok {
				return nil, err
			}
			lastErr = err
			t.logRetry(ctx, method, u, 0, attempt, wait, err)
			if err := t.wait(ctx, wait); err != nil {
				return nil, httpWaitError(err, lastErr)
			}
			continue
		}
		t.logAttempt(ctx, method, u, hr.StatusCode, attempt, t.clock().Sub(began), nil)
		if hr.StatusCode >= 200 && hr.StatusCode <= 299 {
			buf := responseBodies.Get().(*[]byte)
			body, err := httpReadCappedInto(hr, t.maxResponseBytes(), *buf)
			if err != nil {
				return nil, err
			}
			if len(c.Statuses) > 0 && !slices.Contains(c.Statuses, hr.StatusCode) {
				return nil, &UnexpectedStatusError{StatusCode: hr.StatusCode, Header: hr.Header, Body: ownBody(buf, body)}
			}
			*buf = body
			return &httpResponse{StatusCode: hr.StatusCode, Header: hr.Header, Body: body, buf: buf}, nil
		}
		if attempt < maxAttempts && t.retryableStatus(c, hr.StatusCode) {
			after, hasAfter := httpRetryAfter(hr.Header, t.clock())
			if wait, ok := t.nextWait(attempt, start, after, hasAfter); ok {
				body, complete := httpDrain(hr.Body)
				if !complete {
					body = nil
				}
				lastErr = t.statusError(hr, body)
				t.logRetry(ctx, method, u, hr.StatusCode, attempt, wait, nil)
				if err := t.wait(ctx, wait); err != nil {
					return nil, httpWaitError(err, lastErr)
				}
				continue
			}
		}
		body, err := httpReadCapped(hr, t.maxResponseBytes())
		if err != nil {
			return nil, fmt.Errorf("HTTP %d response: %w", hr.StatusCode, err)
		}
		return nil, t.statusError(hr, body)
	}
}

// baseURL returns BaseURL after checking that it is usable.
func (t *httpTransport) baseURL() (*url.URL, error) {
	b := t.BaseURL
	if b == nil || b.Scheme == "" || b.Host == "" || b.Opaque != "" {
		return nil, errors.New("the base URL must be an absolute URL")
	}
	return b, nil
}

// callURL returns the URL a call is sent to.
func (t *httpTransport) callURL(c *httpCall) (*url.URL, error) {
	base, err := t.baseURL()
	if err != nil {
		return nil, err
	}
	if c.URL != nil {
		if c.URL.User != nil || c.URL.Opaque != "" || !httpSameOrigin(c.URL, base) {
			return nil, &ForeignURLError{URL: c.URL.String()}
		}
		u := *c.URL
		u.Fragment, u.RawFragment = "", ""
		if len(c.Query) > 0 {
			q := u.Query()
			for k, vs := range c.Query {
				q[k] = vs
			}
			u.RawQuery = q.Encode()
		}
		return &u, nil
	}
	for seg := range strings.SplitSeq(c.Path, "/") {
		if s, err := url.PathUnescape(seg); err != nil || s == "." || s == ".." {
			return nil, errors.New("the request path has a dot segment or invalid escaping")
		}
	}
	joined := base.EscapedPath()
	if c.Path != "" {
		joined = strings.TrimSuffix(joined, "/") + "/" + strings.TrimPrefix(c.Path, "/")
	}
	unescaped, err := url.PathUnescape(joined)
	if err != nil {
		return nil, errors.New("the request path has invalid escaping")
	}
	u := *base
	u.Path, u.RawPath = unescaped, joined
	u.Fragment, u.RawFragment = "", ""
	if len(c.Query) > 0 {
		q := base.Query()
		for k, vs := range c.Query {
			q[k] = append(q[k], vs...)
		}
		u.RawQuery = q.Encode()
	}
	return &u, nil
}

// newRequest builds one attempt's request and authorizes it.
func (t *httpTransport) newRequest(ctx context.Context, method string, u *url.URL, c *httpCall, apiHeader http.Header) (*http.Request, error) {
	var body io.Reader
	if c.Body != nil {
		body = bytes.NewReader(c.Body)
	}
	// The URL is set afterwards so that no parse error can quote it.
	req, err := http.NewRequestWithContext(ctx, method, "", body)
	if err != nil {
		return nil, fmt.Errorf("building request: %w", err)
	}
	uc := *u // Authorize may change it
	req.URL = &uc
	req.Host = ""
	req.Header.Set("Accept", "application/json")
	if t.UserAgent != "" {
		req.Header.Set("User-Agent", t.UserAgent)
	}
	if c.ContentType != "" {
		req.Header.Set("Content-Type", c.ContentType)
	}
	for k, vs := range apiHeader {
		req.Header[http.CanonicalHeaderKey(k)] = slices.Clone(vs)
	}
	for k, vs := range c.Header {
		req.Header[http.CanonicalHeaderKey(k)] = slices.Clone(vs)
	}
	if t.Authorize != nil {
		if err := t.Authorize(ctx, req); err != nil {
			return nil, fmt.Errorf("authorizing request: %w", err)
		}
	}
	return req, nil
}

// retryableStatus reports whether a response with this status may be
// retried for c.
func (t *httpTransport) retryableStatus(c *httpCall, status int) bool {
	switch status {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return c.Retryable || slices.Contains(t.NotProcessed, status)
	}
	return false
}

// nextWait returns the wait before the retry that follows attempt (1-based)
// and whether to retry at all: not when the wait would end after MaxElapsed.
func (t *httpTransport) nextWait(attempt int, start time.Time, after time.Duration, hasAfter bool) (time.Duration, bool) {
	wait := after
	if !hasAfter {
		wait = t.backoff(attempt)
	}
	if limit := t.Retry.MaxElapsed; limit > 0 {
		if elapsed := t.clock().Sub(start); wait > limit-elapsed {
			return 0, false
		}
	}
	return wait, true
}

// backoff returns a random wait below the exponential ceiling for the retry
// that follows attempt (1-based).
func (t *httpTransport) backoff(attempt int) time.Duration {
	p := t.Retry
	ceiling := p.InitialBackoff
	if ceiling <= 0 {
		return 0
	}
	for i := 1; i < attempt; i++ {
		if ceiling > math.MaxInt64/2 || (p.MaxBackoff > 0 && ceiling >= p.MaxBackoff) {
			break
		}
		ceiling *= 2
	}
	if p.MaxBackoff > 0 && ceiling > p.MaxBackoff {
		ceiling = p.MaxBackoff
	}
	jitter := t.jitter
	if jitter == nil {
		jitter = rand.Int64N
	}
	n := int64(ceiling)
	if n < math.MaxInt64 {
		n++ // the ceiling itself is a possible wait
	}
	return time.Duration(jitter(n))
}

// wait sleeps for d or until ctx ends.
func (t *httpTransport) wait(ctx context.Context, d time.Duration) error {
	if t.sleep != nil {
		return t.sleep(ctx, d)
	}
	return httpSleep(ctx, d)
}

// httpSleep waits for d or until ctx ends, whichever is first.
func httpSleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}

// clock returns the current time.
func (t *httpTransport) clock() time.Time {
	if t.now != nil {
		return t.now()
	}
	return time.Now()
}

// maxResponseBytes returns the effective body cap.
func (t *httpTransport) maxResponseBytes() int64 {
	if t.MaxResponseBytes > 0 {
		return t.MaxResponseBytes
	}
	return DefaultMaxResponseBytes
}

// statusError builds the error of a non-2xx response.
func (t *httpTransport) statusError(hr *http.Response, body []byte) error {
	if t.DecodeError != nil {
		if err := t.DecodeError(hr.StatusCode, hr.Header, body); err != nil {
			return err
		}
	}
	return &HTTPError{
		StatusCode: hr.StatusCode,
		Status:     hr.Status,
		RequestID:  requestIDOf(hr.Header, t.RequestIDHeaders),
		Header:     hr.Header,
		Body:       body,
	}
}

// logAttempt writes the Debug record of one attempt.
func (t *httpTransport) logAttempt(ctx context.Context, method string, u *url.URL, status, attempt int, d time.Duration, err error) {
	l := t.Logger
	if l == nil || !l.Enabled(ctx, slog.LevelDebug) {
		return
	}
	attrs := []slog.Attr{
		slog.String("method", method),
		slog.String("path", u.EscapedPath()),
		slog.Int("status", status),
		slog.Int("attempt", attempt),
		slog.Duration("duration", d),
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", err.Error()))
	}
	l.LogAttrs(ctx, slog.LevelDebug, "http request", attrs...)
}

// logRetry writes the Warn record of a retry.
func (t *httpTransport) logRetry(ctx context.Context, method string, u *url.URL, status, attempt int, wait time.Duration, err error) {
	l := t.Logger
	if l == nil || !l.Enabled(ctx, slog.LevelWarn) {
		return
	}
	attrs := []slog.Attr{
		slog.String("method", method),
		slog.String("path", u.EscapedPath()),
		slog.Int("status", status),
		slog.Int("attempt", attempt),
		slog.Duration("wait", wait),
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", err.Error()))
	}
	l.LogAttrs(ctx, slog.LevelWarn, "retrying http request", attrs...)
}

// httpWaitError is the error when ctx ends before a (re)try: ctxErr, with the
// last attempt's error if there was one.
func httpWaitError(ctxErr, last error) error {
	if last == nil {
		return ctxErr
	}
	return fmt.Errorf("%w while waiting to retry; last attempt: %w", ctxErr, last)
}

// httpReadCapped reads and closes a response body of at most limit bytes.
// A longer body is not drained: closing it early closes the connection.
func httpReadCapped(hr *http.Response, limit int64) ([]byte, error) {
	return httpReadCappedInto(hr, limit, nil)
}

// httpReadCappedInto is httpReadCapped reading into buf when its capacity
// is enough for a declared length (an undeclared one, into any buffer).
func httpReadCappedInto(hr *http.Response, limit int64, buf []byte) ([]byte, error) {
	if hr.ContentLength > limit {
		hr.Body.Close()
		return nil, &ResponseTooLargeError{Limit: limit}
	}
	n := limit
	if n < math.MaxInt64 {
		n++
	}
	// A declared length sizes the buffer once (one byte more, so that the
	// read reaching EOF, or a body longer than declared, needs no growth):
	// io.ReadAll starts from 512 bytes and copies a 100 KB page some ten times.
	// Up to the default cap only: a declared length is a promise, not bytes.
	size := int64(512)
	declared := hr.ContentLength > 0 && hr.ContentLength < n && hr.ContentLength <= DefaultMaxResponseBytes
	if declared {
		size = hr.ContentLength + 1
	}
	// An undeclared length grows whatever buffer it is given.
	if int64(cap(buf)) < size && (declared || cap(buf) == 0) {
		buf = make([]byte, 0, size)
	}
	body, err := httpReadAll(io.LimitReader(hr.Body, n), buf[:0])
	hr.Body.Close()
	if err != nil {
		return nil, fmt.Errorf("reading response body: %w", err)
	}
	if int64(len(body)) > limit {
		return nil, &ResponseTooLargeError{Limit: limit}
	}
	return body, nil
}

// httpReadAll is io.ReadAll into buf, which the caller sized.
func httpReadAll(r io.Reader, buf []byte) ([]byte, error) {
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		m, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+m]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

// httpDrain reads at most httpDrainLimit bytes of a body, so that a short
// body's connection can be reused, and closes it. complete reports that the
// whole body was read.
func httpDrain(body io.ReadCloser) (b []byte, complete bool) {
	b, err := io.ReadAll(io.LimitReader(body, httpDrainLimit+1))
	body.Close()
	return b, err == nil && len(b) <= httpDrainLimit
}

// httpRetryAfter parses a Retry-After header: delta-seconds or an HTTP date
// (a date in the past means no wait).
func httpRetryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	secs, err := strconv.ParseUint(v, 10, 64)
	if err == nil && secs <= uint64(math.MaxInt64/int64(time.Second)) {
		return time.Duration(secs) * time.Second, true
	}
	if err == nil || errors.Is(err, strconv.ErrRange) {
		return math.MaxInt64, true // more digits than any wait: "never"
	}
	if at, err := http.ParseTime(v); err == nil {
		return max(at.Sub(now), 0), true
	}
	return 0, false
}

// httpRedactError removes the query and user info from the URL that net/http
// puts in its errors: the query may hold an API key or a page token.
func httpRedactError(err error) error {
	var ue *url.Error
	if !errors.As(err, &ue) {
		return err
	}
	redacted := "(unparsable URL)"
	if u, perr := url.Parse(ue.URL); perr == nil {
		redacted = httpOrigin(u) + u.EscapedPath()
	}
	// http.Client returns the *url.Error itself; should it ever be wrapped,
	// it is reported alone, since the outer text may quote the URL too.
	return &url.Error{Op: ue.Op, URL: redacted, Err: ue.Err}
}

// httpOrigin returns scheme://host of u (no user info).
func httpOrigin(u *url.URL) string {
	return u.Scheme + "://" + u.Host
}

// httpSameOrigin reports whether a and b have the same scheme, host and port,
// a missing port counting as the scheme's default.
func httpSameOrigin(a, b *url.URL) bool {
	if !strings.EqualFold(a.Scheme, b.Scheme) || !strings.EqualFold(a.Hostname(), b.Hostname()) {
		return false
	}
	return httpPort(a) == httpPort(b)
}

// httpPort returns u's port, or its scheme's default.
func httpPort(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	switch strings.ToLower(u.Scheme) {
	case "http":
		return "80"
	case "https":
		return "443"
	}
	return ""
}

// httpCleanText bounds server-controlled text for an error string: printable
// ASCII only, at most httpMaxErrorText bytes.
func httpCleanText(s string) string {
	if len(s) > httpMaxErrorText {
		s = s[:httpMaxErrorText]
	}
	clean := true
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	b := []byte(s)
	for i, c := range b {
		if c < 0x20 || c > 0x7e {
			b[i] = '?'
		}
	}
	return string(b)
}

// bodyUnmarshaler is a pointer to a generated object type, as
// [receiveInto] fills it. An interface rather than a type parameter: a
// generic receiver would be compiled once per response type of every
// package.
type bodyUnmarshaler interface {
	UnmarshalJSON(data []byte) error
}

// EmptyResponseError reports a successful answer without a body (such as
// 204 No Content) to a method that returns a value: there is no value to
// return, and returning nil with no error would pass for success. Find it
// with errors.As. The request was processed: do not resend a create.
type EmptyResponseError struct {
	// StatusCode is the HTTP status of the answer, such as 204.
	StatusCode int
}

// Error names the status.
func (e *EmptyResponseError) Error() string {
	return "HTTP " + strconv.Itoa(e.StatusCode) + " answer has no body where a value was expected"
}

// emptyBody reports whether a response body holds no JSON value at all:
// nothing, or only JSON whitespace.
func emptyBody(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return true
}

// receiveInto sends call and decodes the JSON answer into v. It reports
// whether v holds the answer: false with the error, or false and no error
// for an answer without a body that the method documents (204 No Content).
// An undocumented answer without a body is an [*EmptyResponseError].
func receiveInto(ctx context.Context, t *httpTransport, call *httpCall, v bodyUnmarshaler) (bool, error) {
	resp, err := t.Do(ctx, call)
	if err != nil {
		return false, err
	}
	return decodeInto(call, resp, v)
}

// decodeInto decodes the JSON answer of call into v, as [receiveInto]
// does.
func decodeInto(call *httpCall, resp *httpResponse, v bodyUnmarshaler) (bool, error) {
	defer resp.Release()
	if emptyBody(resp.Body) {
		if documentedNoContent(call, resp) {
			return false, nil
		}
		return false, &EmptyResponseError{StatusCode: resp.StatusCode}
	}
	if err := v.UnmarshalJSON(resp.Body); err != nil {
		return false, err
	}
	return true, nil
}

// receivePolymorphic sends call and decodes the JSON answer with unmarshal,
// which picks the Go type by the discriminator. An answer without a body
// is an [*EmptyResponseError].
func receivePolymorphic[I any](ctx context.Context, t *httpTransport, call *httpCall, unmarshal func([]byte) (I, error)) (I, error) {
	resp, err := t.Do(ctx, call)
	if err != nil {
		var zero I
		return zero, err
	}
	return decodePolymorphic(call, resp, unmarshal)
}

// decodePolymorphic decodes the JSON answer of call with unmarshal, as
// [receivePolymorphic] does.
func decodePolymorphic[I any](call *httpCall, resp *httpResponse, unmarshal func([]byte) (I, error)) (I, error) {
	defer resp.Release()
	var zero I
	if emptyBody(resp.Body) {
		if documentedNoContent(call, resp) {
			return zero, nil
		}
		return zero, &EmptyResponseError{StatusCode: resp.StatusCode}
	}
	return unmarshal(resp.Body)
}

// documentedNoContent reports whether resp is a 204 No Content that the
// call documents: a success with no value, not an [*EmptyResponseError].
func documentedNoContent(call *httpCall, resp *httpResponse) bool {
	return resp.StatusCode == http.StatusNoContent && slices.Contains(call.Statuses, http.StatusNoContent)
}

// receiveText sends call and parses its text/plain answer with parse (a
// count: "42"). An answer without a body is an [*EmptyResponseError] unless
// it is a documented 204, which gives the zero value.
func receiveText[T any](ctx context.Context, t *httpTransport, call *httpCall, parse func([]byte) (T, error)) (T, error) {
	resp, err := t.Do(ctx, call)
	if err != nil {
		var zero T
		return zero, err
	}
	return decodeText(call, resp, parse)
}

// decodeText parses the text/plain answer of call with parse, as
// [receiveText] does.
func decodeText[T any](call *httpCall, resp *httpResponse, parse func([]byte) (T, error)) (T, error) {
	defer resp.Release()
	var zero T
	if len(resp.Body) == 0 {
		if documentedNoContent(call, resp) {
			return zero, nil
		}
		return zero, &EmptyResponseError{StatusCode: resp.StatusCode}
	}
	v, err := parse(resp.Body)
	if err != nil {
		return zero, fmt.Errorf("reading the text/plain answer: %w", err)
	}
	return v, nil
}

// parseTextValue parses a text body holding one number or boolean, written
// as in JSON, around which white space is allowed. The error never quotes
// the body.
func parseTextValue[T any](b []byte, read func(*decoder) (T, error)) (T, error) {
	v, ok := readJSONValue(bytes.TrimSpace(b), read)
	if !ok {
		return v, errors.New("not a single value of the documented type")
	}
	return v, nil
}

// checkHeaderValue records a request header value that cannot be sent as
// it is: a control character (CR and LF would split the header), or, for
// an element of a comma-joined list, a comma (it would split the element).
func checkHeaderValue(vs *violationList, p *valuePath, s string, listElement bool) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\t' || c == 0x7f {
			violated(vs, p, "", RuleFormat, "has a control character, which a header value cannot carry")
			return
		}
	}
	if listElement && strings.Contains(s, ",") {
		violated(vs, p, "", RuleFormat, "has a comma, which would split it in the comma-joined header")
	}
}

// responseHeaderError is the error of a response header the method
// documents that is missing (required) or not of its declared type. The
// request was processed: the answer's status was a success.
func responseHeaderError(name string, err error) error {
	if err == nil {
		return fmt.Errorf("response header %s is missing", name)
	}
	return fmt.Errorf("response header %s: %w", name, err)
}

// splitHeaderList splits a comma-separated header value into its trimmed,
// non-empty elements.
func splitHeaderList(v string) []string {
	var out []string
	for part := range strings.SplitSeq(v, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// parseTextString returns a text body as it is.
func parseTextString(b []byte) (string, error) { return string(b), nil }

// apiErrorMaxText bounds each piece of server text (code, message, request
// id) in an API error's string, as httpMaxErrorText does for [HTTPError].
const apiErrorMaxText = httpMaxErrorText

// apiErrorText renders a generated APIError: "pkg: HTTP status code:
// message (request id id)". The code is left out when it is empty or only
// repeats the status (an API that echoes the status as its code), and each
// piece of server text is cleaned with [cleanServerText].
func apiErrorText(pkg string, status int, code, message, requestID string) string {
	statusText := strconv.Itoa(status)
	b := make([]byte, 0, 64)
	b = append(b, pkg...)
	b = append(b, ": HTTP "...)
	b = append(b, statusText...)
	if code = cleanServerText(code, apiErrorMaxText); code != "" && code != statusText {
		b = append(b, ' ')
		b = append(b, code...)
	}
	if message = cleanServerText(message, apiErrorMaxText); message != "" {
		b = append(b, ": "...)
		b = append(b, message...)
	}
	if requestID = cleanServerText(requestID, apiErrorMaxText); requestID != "" {
		b = append(b, " (request id "...)
		b = append(b, requestID...)
		b = append(b, ')')
	}
	return string(b)
}

// errorCodeText is the text of an integer error code; 0, the zero value of
// an absent code, is "".
func errorCodeText(code int64) string {
	if code == 0 {
		return ""
	}
	return strconv.FormatInt(code, 10)
}

// cleanServerText makes server-controlled text safe for an error string or a
// log line: every control character (C0, DEL, C1, the Unicode line and
// paragraph separators, bidirectional overrides) and every invalid UTF-8
// byte becomes '?', and text longer than max bytes is cut on a character
// boundary and ends in "...". Unlike [httpCleanText] it keeps printable
// non-ASCII text: an API's message may be in any language.
func cleanServerText(s string, max int) string {
	clean := len(s) <= max
	for i := 0; clean && i < len(s); i++ {
		clean = s[i] >= 0x20 && s[i] < 0x7f
	}
	if clean {
		return s
	}
	b := make([]byte, 0, min(len(s), max))
	limit := len(s) > max
	for _, r := range s {
		if r == utf8.RuneError || !unicode.IsPrint(r) && r != ' ' || unicode.Is(unicode.Bidi_Control, r) {
			r = '?'
		}
		if limit && len(b)+utf8.RuneLen(r) > max-3 {
			return string(append(b, "..."...))
		}
		b = utf8.AppendRune(b, r)
	}
	return string(b)
}

// readJSONValue decodes raw, one JSON value, with read; false when it is not
// exactly one value of that type.
func readJSONValue[T any](raw []byte, read func(*decoder) (T, error)) (T, bool) {
	var d decoder
	d.reset(raw)
	v, err := read(&d)
	if err != nil || d.end() != nil {
		var zero T
		return zero, false
	}
	return v, true
}
