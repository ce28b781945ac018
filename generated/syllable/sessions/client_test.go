// Hand-written HTTP client tests (not generated): the exact request of every
// method (Syllable-API-Key header, repeated query keys), answered with the
// published examples; page/limit paging that stops at total_pages; error
// bodies (FastAPI's 422); retries; the API key and recording tokens kept out
// of errors and logs; the response size cap. Every server is an httptest
// server in this process.

package sessions_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	sy "github.com/sessiongen/sessiongen/generated/syllable/sessions"
)

const (
	// ctCanary is the API key: it must reach the server and never show up
	// in an error string or a log record.
	ctCanary    = "sk-canary-api-key-31f5c0"
	ctUserAgent = "client-test/1.0"
	ctListPath  = "/api/v1/sessions/"
	ctSessionID = "3f2c5a1e"
)

// ---------------------------------------------------------------- helpers

type clRequest struct {
	Method   string
	Path     string // escaped, as sent
	RawQuery string
	Header   http.Header
	Body     []byte
}

// clStub is an httptest server that records every request and answers with
// respond; n is the 0-based number of the request.
type clStub struct {
	srv  *httptest.Server
	mu   sync.Mutex
	seen []clRequest
}

func clNewStub(t *testing.T, respond func(w http.ResponseWriter, r *http.Request, n int)) *clStub {
	t.Helper()
	s := &clStub{}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		s.mu.Lock()
		n := len(s.seen)
		s.seen = append(s.seen, clRequest{r.Method, r.URL.EscapedPath(), r.URL.RawQuery, r.Header.Clone(), body})
		s.mu.Unlock()
		respond(w, r, n)
	}))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *clStub) requests() []clRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]clRequest(nil), s.seen...)
}

func (s *clStub) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.seen)
}

// clReply writes an answer (JSON unless a Content-Type is given in header,
// name and value pairs).
func clReply(w http.ResponseWriter, status int, body []byte, header ...string) {
	if body != nil {
		w.Header().Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		w.Header().Set(header[i], header[i+1])
	}
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

func clQuickRetry() sy.RetryPolicy {
	return sy.RetryPolicy{MaxAttempts: 3, InitialBackoff: time.Microsecond, MaxBackoff: 10 * time.Microsecond}
}

// clNewClient returns a client of baseURL with the canary key, a fixed
// User-Agent and quick retries; opts come last and so win.
func clNewClient(t *testing.T, baseURL string, opts ...sy.Option) *sy.Client {
	t.Helper()
	all := append([]sy.Option{
		sy.WithBaseURL(baseURL),
		sy.WithAPIKey(ctCanary),
		sy.WithUserAgent(ctUserAgent),
		sy.WithRetryPolicy(clQuickRetry()),
	}, opts...)
	c, err := sy.NewClient(all...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func clCheckHeaders(t *testing.T, r clRequest) {
	t.Helper()
	if got := r.Header.Values("Syllable-API-Key"); len(got) != 1 || got[0] != ctCanary {
		t.Errorf("%s %s: Syllable-API-Key = %q, want the key once", r.Method, r.Path, got)
	}
	if got := r.Header.Get("Authorization"); got != "" {
		t.Errorf("%s %s: Authorization = %q, want none", r.Method, r.Path, got)
	}
	if got := r.Header.Get("User-Agent"); got != ctUserAgent {
		t.Errorf("%s %s: User-Agent = %q", r.Method, r.Path, got)
	}
	if got := r.Header.Get("Content-Type"); got != "" || len(r.Body) != 0 {
		t.Errorf("%s %s: Content-Type %q, body %q; no method has a body", r.Method, r.Path, got, r.Body)
	}
}

func clDecode[T any, P interface {
	*T
	UnmarshalJSON([]byte) error
}](t *testing.T, raw []byte) P {
	t.Helper()
	p := P(new(T))
	if err := p.UnmarshalJSON(raw); err != nil {
		t.Fatal(err)
	}
	return p
}

func clCollect[T any](seq iter.Seq2[T, error]) ([]T, error) {
	out := []T{}
	for v, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, v)
	}
	return out, nil
}

func clSettleGoroutines(t *testing.T, baseline int) {
	t.Helper()
	n := runtime.NumGoroutine()
	for i := 0; i < 500 && n > baseline; i++ {
		time.Sleep(2 * time.Millisecond)
		n = runtime.NumGoroutine()
	}
	if n > baseline {
		t.Errorf("%d goroutines after the loop, %d before: the iterator left some running", n, baseline)
	}
}

// clSession is the published session example with a session id.
func clSession(t *testing.T, id string) []byte {
	return bytes.Replace(readFixture(t, "session-get-by-id.docs-example.200.response.json"),
		[]byte(`"session_id": "<string>"`), []byte(`"session_id": "`+id+`"`), 1)
}

// clListBody is a ListResponse page; totalPages < 0 leaves the totals null.
func clListBody(page, size, totalPages, totalCount int, items ...[]byte) []byte {
	total := func(n int) string {
		if n < 0 {
			return "null"
		}
		return strconv.Itoa(n)
	}
	return []byte(fmt.Sprintf(`{"items":[%s],"page":%d,"page_size":%d,"total_pages":%s,"total_count":%s}`,
		bytes.Join(items, []byte(",")), page, size, total(totalPages), total(totalCount)))
}

func clIDs(items []*sy.Session) string {
	var ids []string
	for _, s := range items {
		ids = append(ids, s.SessionID.Or("?"))
	}
	return strings.Join(ids, ",")
}

// ---------------------------------------------------------------- requests

const (
	clSummaryBody  = `{"summary":"The caller asked about opening hours and was transferred.","rating":"good"}`
	clLatencyBody  = `{"session_id":"3f2c5a1e","timeline":[{"timestamp":"2023-11-07T05:31:56Z","measurement_start":"2023-11-07T05:31:55.5Z","category":"llm","label":"first token","metadata":["gpt-4.1"],"unit_type":"milliseconds","value":512.5,"value_str":"512.5ms","time_delta":"00:01"}],"summary":[{"category":"llm","event_count":1,"sum_ms":512.5,"sum_str":"512.5ms","average_ms":512.5,"average_str":"512.5ms"}]}`
	clTimelineBody = `{"session_id":"3f2c5a1e","session_start":"2023-11-07T05:31:56Z","events":[{"kind":"tool","timestamp":"2023-11-07T05:32:00Z","offset":"00:04","turn_index":1,"category":"tool","label":"holiday_check","metadata":["Gpt-4.1","OpenAI"],"duration_ms":123,"tool_request":"{}","tool_result":"{\"open\":true}"}]}`
	clRecordingURL = `{"session_id":"3f2c5a1e","recordings":["https://api.syllable.cloud/api/v1/sessions/recording/stream?token=tok-1"]}`
)

// TestClientRequests checks, for every method, the exact request (method,
// path, repeated query keys, the API key header, no body) and that the
// answer comes back decoded, or as the raw bytes for recordingStream.
func TestClientRequests(t *testing.T) {
	listFixture := readFixture(t, "sessions-list.docs-example.200.response.json")
	audio := []byte("RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00\x01\x00\x00\xff")
	for _, tc := range []struct {
		name   string
		call   func(ctx context.Context, c *sy.Client) (any, error)
		want   func(t *testing.T) any
		method string
		path   string
		query  url.Values
		answer []byte
		ctype  string
	}{
		{
			name: "ListPage",
			call: func(ctx context.Context, c *sy.Client) (any, error) {
				p, err := c.Sessions.ListPage(ctx, &sy.SessionsListParams{
					Page:              sy.Some[int64](0),
					Limit:             sy.Some[int64](25),
					SearchFields:      []sy.SessionProperties{sy.SessionPropertiesSource, sy.SessionPropertiesTarget},
					SearchFieldValues: []string{"+18042221111", "Some Object Name"},
					OrderBy:           sy.Some(sy.SessionPropertiesTimestamp),
					OrderByDirection:  sy.Some(sy.OrderByDirectionDesc),
					Fields:            []sy.SessionProperties{sy.SessionPropertiesSessionID, sy.SessionPropertiesSource},
					StartDatetime:     sy.Some(time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)),
					EndDatetime:       sy.Some(time.Date(2024, 1, 1, 0, 0, 0, 0, time.FixedZone("", -5*3600))),
				})
				if err != nil {
					return nil, err
				}
				if !p.HasNext() {
					t.Error("HasNext is false on page 0 of 4")
				}
				return p.Items, nil
			},
			want: func(t *testing.T) any {
				return []*sy.Session{clDecode[sy.Session](t, clFirstItem(t, listFixture))}
			},
			method: "GET", path: ctListPath,
			query: url.Values{
				"page": {"0"}, "limit": {"25"},
				"search_fields":       {"source", "target"},
				"search_field_values": {"+18042221111", "Some Object Name"},
				"order_by":            {"timestamp"}, "order_by_direction": {"desc"},
				"fields":         {"session_id", "source"},
				"start_datetime": {"2023-01-01T00:00:00Z"},
				"end_datetime":   {"2024-01-01T00:00:00-05:00"},
			},
			answer: listFixture,
		},
		{
			name: "Get",
			call: func(ctx context.Context, c *sy.Client) (any, error) { return c.Sessions.Get(ctx, ctSessionID) },
			want: func(t *testing.T) any {
				return clDecode[sy.Session](t, readFixture(t, "session-get-by-id.docs-example.200.response.json"))
			},
			method: "GET", path: ctListPath + ctSessionID,
			answer: readFixture(t, "session-get-by-id.docs-example.200.response.json"),
		},
		{
			name: "Get/escaped",
			call: func(ctx context.Context, c *sy.Client) (any, error) { return c.Sessions.Get(ctx, "a/b c?d") },
			want: func(t *testing.T) any {
				return clDecode[sy.Session](t, readFixture(t, "session-get-by-id.docs-example.200.response.json"))
			},
			method: "GET", path: ctListPath + "a%2Fb%20c%3Fd",
			answer: readFixture(t, "session-get-by-id.docs-example.200.response.json"),
		},
		{
			name: "Transcript",
			call: func(ctx context.Context, c *sy.Client) (any, error) { return c.Sessions.Transcript(ctx, ctSessionID) },
			want: func(t *testing.T) any {
				return clDecode[sy.SessionTranscriptionResponse](t, readFixture(t, "session-transcript.docs-example.200.response.json"))
			},
			method: "GET", path: "/api/v1/sessions/transcript/" + ctSessionID,
			answer: readFixture(t, "session-transcript.docs-example.200.response.json"),
		},
		{
			name:   "FullSummary",
			call:   func(ctx context.Context, c *sy.Client) (any, error) { return c.Sessions.FullSummary(ctx, ctSessionID) },
			want:   func(t *testing.T) any { return clDecode[sy.SessionSummaryResponse](t, []byte(clSummaryBody)) },
			method: "GET", path: "/api/v1/sessions/full-summary/" + ctSessionID,
			answer: []byte(clSummaryBody),
		},
		{
			name:   "Latency",
			call:   func(ctx context.Context, c *sy.Client) (any, error) { return c.Sessions.Latency(ctx, ctSessionID) },
			want:   func(t *testing.T) any { return clDecode[sy.InspectLatencyResponse](t, []byte(clLatencyBody)) },
			method: "GET", path: "/api/v1/sessions/latency/" + ctSessionID,
			answer: []byte(clLatencyBody),
		},
		{
			name:   "Timeline",
			call:   func(ctx context.Context, c *sy.Client) (any, error) { return c.Sessions.Timeline(ctx, ctSessionID) },
			want:   func(t *testing.T) any { return clDecode[sy.SessionTimelineResponse](t, []byte(clTimelineBody)) },
			method: "GET", path: "/api/v1/sessions/timeline/" + ctSessionID,
			answer: []byte(clTimelineBody),
		},
		{
			name: "GenerateRecordingURLs",
			call: func(ctx context.Context, c *sy.Client) (any, error) {
				return c.Sessions.GenerateRecordingURLs(ctx, ctSessionID)
			},
			want:   func(t *testing.T) any { return clDecode[sy.SessionRecordingResponse](t, []byte(clRecordingURL)) },
			method: "POST", path: "/api/v1/sessions/recording/" + ctSessionID,
			answer: []byte(clRecordingURL),
		},
		{
			name: "RecordingStream",
			call: func(ctx context.Context, c *sy.Client) (any, error) {
				return c.Sessions.RecordingStream(ctx, &sy.SessionsRecordingStreamParams{Token: "tok-1/+="})
			},
			want:   func(t *testing.T) any { return audio },
			method: "GET", path: "/api/v1/sessions/recording/stream",
			query:  url.Values{"token": {"tok-1/+="}},
			answer: audio, ctype: "audio/wav",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stub := clNewStub(t, func(w http.ResponseWriter, r *http.Request, n int) {
				if tc.ctype != "" {
					clReply(w, 200, tc.answer, "Content-Type", tc.ctype)
					return
				}
				clReply(w, 200, tc.answer)
			})
			c := clNewClient(t, stub.srv.URL)
			got, err := tc.call(context.Background(), c)
			if err != nil {
				t.Fatalf("call: %v", err)
			}
			reqs := stub.requests()
			if len(reqs) != 1 {
				t.Fatalf("%d requests, want 1", len(reqs))
			}
			r := reqs[0]
			if r.Method != tc.method || r.Path != tc.path {
				t.Errorf("request %s %s, want %s %s", r.Method, r.Path, tc.method, tc.path)
			}
			q, _ := url.ParseQuery(r.RawQuery)
			if !(len(q) == 0 && len(tc.query) == 0) && !reflect.DeepEqual(q, tc.query) {
				t.Errorf("query %q\n got  %v\n want %v", r.RawQuery, q, tc.query)
			}
			clCheckHeaders(t, r)
			if want := tc.want(t); !reflect.DeepEqual(got, want) {
				t.Errorf("result\n got  %+v\n want %+v", got, want)
			}
		})
	}
}

// clFirstItem returns the first element of a ListResponse page as raw JSON.
func clFirstItem(t *testing.T, page []byte) []byte {
	t.Helper()
	var p struct{ Items []json.RawMessage }
	if err := json.Unmarshal(page, &p); err != nil || len(p.Items) == 0 {
		t.Fatalf("list page: %v", err)
	}
	return p.Items[0]
}

// TestClientBaseURLWithPath: a base URL with a path prefix keeps it.
func TestClientBaseURLWithPath(t *testing.T) {
	stub := clNewStub(t, func(w http.ResponseWriter, r *http.Request, n int) { clReply(w, 200, clSession(t, "x")) })
	c := clNewClient(t, stub.srv.URL+"/gateway/")
	if _, err := c.Sessions.Get(context.Background(), "x"); err != nil {
		t.Fatal(err)
	}
	if p := stub.requests()[0].Path; p != "/gateway/api/v1/sessions/x" {
		t.Errorf("path %s, want /gateway/api/v1/sessions/x", p)
	}
}

// TestClientValidationSendsNothing: query parameters that break the schema
// give *ValidationError and never reach the server.
func TestClientValidationSendsNothing(t *testing.T) {
	stub := clNewStub(t, func(w http.ResponseWriter, r *http.Request, n int) { clReply(w, 500, nil) })
	c := clNewClient(t, stub.srv.URL)
	var ve *sy.ValidationError
	for _, params := range []*sy.SessionsListParams{
		{Limit: sy.Some[int64](-1)},
		{Page: sy.Some[int64](-1)},
		{OrderByDirection: sy.Some[sy.OrderByDirection]("sideways")},
	} {
		if _, err := clCollect(c.Sessions.List(context.Background(), params)); !errors.As(err, &ve) {
			t.Errorf("List(%+v): %v, want a *ValidationError", params, err)
		}
		if _, err := c.Sessions.ListPage(context.Background(), params); !errors.As(err, &ve) {
			t.Errorf("ListPage(%+v): %v, want a *ValidationError", params, err)
		}
	}
	if n := stub.count(); n != 0 {
		t.Errorf("the server saw %d requests, want 0", n)
	}
}

// ---------------------------------------------------------------- paging

// clThreePages serves five sessions in pages of 2, 2 and 1 by the page
// parameter, with total_pages 3 (or null totals when noTotals).
func clThreePages(t *testing.T, noTotals bool) *clStub {
	pages := [][][]byte{
		{clSession(t, "s1"), clSession(t, "s2")},
		{clSession(t, "s3"), clSession(t, "s4")},
		{clSession(t, "s5")},
		{},
	}
	return clNewStub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		page := 0
		if p := r.URL.Query().Get("page"); p != "" {
			page, _ = strconv.Atoi(p)
		}
		if page >= len(pages) {
			clReply(w, 422, readFixture(t, "fastapi.handling-errors.422-request-validation.json"))
			return
		}
		totalPages, totalCount := 3, 5
		if noTotals {
			totalPages, totalCount = -1, -1
		}
		clReply(w, 200, clListBody(page, 2, totalPages, totalCount, pages[page]...))
	})
}

var clPagingParams = &sy.SessionsListParams{
	Limit:             sy.Some[int64](2),
	SearchFields:      []sy.SessionProperties{sy.SessionPropertiesSource, sy.SessionPropertiesIsTest},
	SearchFieldValues: []string{"+18042221111", "false"},
}

func clCheckPageRequests(t *testing.T, reqs []clRequest, pages int) {
	t.Helper()
	if len(reqs) != pages {
		t.Fatalf("%d requests, want %d", len(reqs), pages)
	}
	for i, r := range reqs {
		q, _ := url.ParseQuery(r.RawQuery)
		want := url.Values{
			"limit":               {"2"},
			"search_fields":       {"source", "is_test"},
			"search_field_values": {"+18042221111", "false"},
		}
		if i > 0 {
			want.Set("page", strconv.Itoa(i))
		}
		if r.Method != "GET" || r.Path != ctListPath || !reflect.DeepEqual(q, want) {
			t.Errorf("request %d: %s %s?%s, want GET %s?%s", i, r.Method, r.Path, r.RawQuery, ctListPath, want.Encode())
		}
		clCheckHeaders(t, r)
	}
}

func TestClientPagingIterator(t *testing.T) {
	stub := clThreePages(t, false)
	c := clNewClient(t, stub.srv.URL)
	got, err := clCollect(c.Sessions.List(context.Background(), clPagingParams))
	if err != nil || clIDs(got) != "s1,s2,s3,s4,s5" {
		t.Errorf("sessions %s, %v", clIDs(got), err)
	}
	clCheckPageRequests(t, stub.requests(), 3) // stops at total_pages: no request for page 3
}

func TestClientPagingPageNext(t *testing.T) {
	stub := clThreePages(t, false)
	c := clNewClient(t, stub.srv.URL)
	ctx := context.Background()
	page, err := c.Sessions.ListPage(ctx, clPagingParams)
	var sizes []int
	var all []*sy.Session
	for page != nil && err == nil && len(sizes) < 5 {
		sizes = append(sizes, len(page.Items))
		all = append(all, page.Items...)
		if page.HasNext() != (len(sizes) < 3) {
			t.Errorf("page %d: HasNext %v", len(sizes), page.HasNext())
		}
		page, err = page.Next(ctx)
	}
	if err != nil || fmt.Sprint(sizes) != "[2 2 1]" || clIDs(all) != "s1,s2,s3,s4,s5" {
		t.Errorf("pages %v (%s), %v", sizes, clIDs(all), err)
	}
	clCheckPageRequests(t, stub.requests(), 3)
}

// TestClientPagingWithoutTotals: with null totals the iterator goes on until
// an empty page.
func TestClientPagingWithoutTotals(t *testing.T) {
	stub := clThreePages(t, true)
	c := clNewClient(t, stub.srv.URL)
	got, err := clCollect(c.Sessions.List(context.Background(), clPagingParams))
	if err != nil || clIDs(got) != "s1,s2,s3,s4,s5" {
		t.Errorf("sessions %s, %v", clIDs(got), err)
	}
	if n := stub.count(); n < 3 || n > 4 {
		t.Errorf("%d requests, want 3 or 4", n)
	}
}

// TestClientPagingStartPage: a caller's page is where the iterator starts.
func TestClientPagingStartPage(t *testing.T) {
	stub := clThreePages(t, false)
	c := clNewClient(t, stub.srv.URL)
	got, err := clCollect(c.Sessions.List(context.Background(), &sy.SessionsListParams{Page: sy.Some[int64](1), Limit: sy.Some[int64](2)}))
	if err != nil || clIDs(got) != "s3,s4,s5" || stub.count() != 2 {
		t.Errorf("sessions %s, %v after %d requests", clIDs(got), err, stub.count())
	}
}

func TestClientPagingBreakStopsFetching(t *testing.T) {
	stub := clThreePages(t, false)
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	c := clNewClient(t, stub.srv.URL, sy.WithHTTPClient(&http.Client{Transport: tr}))
	before := runtime.NumGoroutine()
	n := 0
	for s, err := range c.Sessions.List(context.Background(), clPagingParams) {
		if err != nil {
			t.Fatal(err)
		}
		n++
		if s.SessionID.Or("") == "s3" {
			break
		}
	}
	if n != 3 || stub.count() != 2 {
		t.Errorf("%d items and %d requests, want 3 and 2", n, stub.count())
	}
	tr.CloseIdleConnections()
	clSettleGoroutines(t, before)
}

func TestClientPagingContextCancel(t *testing.T) {
	stub := clThreePages(t, false)
	c := clNewClient(t, stub.srv.URL)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	n, errs := 0, 0
	var last error
	for _, err := range c.Sessions.List(ctx, clPagingParams) {
		if err != nil {
			errs++
			last = err
			continue
		}
		n++
		cancel()
	}
	if n != 1 || errs != 1 || !errors.Is(last, context.Canceled) || stub.count() != 1 {
		t.Errorf("%d items, %d errors (last %v), %d requests; want 1, then context.Canceled once, 1 request", n, errs, last, stub.count())
	}
}

// ---------------------------------------------------------------- errors

// TestClientErrorBodies: FastAPI's 422 (the published default validation
// error) decodes into Body.Detail; other statuses carry a string detail,
// which becomes the message.
func TestClientErrorBodies(t *testing.T) {
	body422 := readFixture(t, "fastapi.handling-errors.422-request-validation.json")
	stub := clNewStub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		switch n {
		case 0:
			clReply(w, 422, body422, "X-Request-Id", "req-7f3a")
		case 1:
			clReply(w, 404, []byte(`{"detail":"Not Found"}`))
		default:
			clReply(w, 401, []byte(`{"detail":"Invalid API key"}`))
		}
	})
	c := clNewClient(t, stub.srv.URL)

	_, err := clCollect(c.Sessions.List(context.Background(), nil))
	var ae *sy.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("%v, want *APIError", err)
	}
	// 422 selects the FastAPI validation shape: its typed body, not the other statuses' one.
	if ae.StatusCode != 422 || ae.RequestID != "req-7f3a" || ae.HTTPValidationError == nil || ae.Body != nil {
		t.Fatalf("APIError %+v", ae)
	}
	detail := ae.HTTPValidationError.Detail
	if len(detail) != 1 || len(detail[0].Loc) != 2 || detail[0].Loc[0] != sy.RequestValidationErrorLocItemFromString("path") ||
		detail[0].Loc[1] != sy.RequestValidationErrorLocItemFromString("item_id") ||
		detail[0].Msg != "value is not a valid integer" || detail[0].Type != "type_error.integer" {
		t.Errorf("Body.Detail %+v", detail)
	}
	if !strings.Contains(ae.Message, "value is not a valid integer") {
		t.Errorf("Message %q: want the detail's text", ae.Message)
	}

	_, err = c.Sessions.Get(context.Background(), "nope")
	// Any other status selects the HTTPException shape: {"detail": ...} kept as JSON.
	if !errors.As(err, &ae) || ae.StatusCode != 404 || ae.Message != "Not Found" || ae.HTTPValidationError != nil || ae.Body == nil {
		t.Fatalf("404: %v (%+v)", err, ae)
	}
	if d, _ := ae.Body.Detail.Get(); string(d) != `"Not Found"` {
		t.Errorf("404 Body.Detail %s", d)
	}
	if err.Error() != "sessions: HTTP 404: Not Found" {
		t.Errorf("Error() = %q", err)
	}
	_, err = c.Sessions.Transcript(context.Background(), "x")
	if !errors.As(err, &ae) || ae.StatusCode != 401 || ae.Message != "Invalid API key" {
		t.Errorf("401: %v", err)
	}
}

// TestClientErrorMessageIsCompact: a detail that is not a string (FastAPI's
// array) becomes the message as compact JSON, as errorText documents, so
// that Error() is one line whatever the server's indentation.
func TestClientErrorMessageIsCompact(t *testing.T) {
	stub := clNewStub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		clReply(w, 422, readFixture(t, "fastapi.handling-errors.422-request-validation.json"))
	})
	_, err := clNewClient(t, stub.srv.URL).Sessions.Get(context.Background(), "x")
	var ae *sy.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("%v, want *APIError", err)
	}
	const want = `[{"loc":["path","item_id"],"msg":"value is not a valid integer","type":"type_error.integer"}]`
	if ae.Message != want || strings.Contains(err.Error(), "\n") {
		t.Errorf("Message %q\nwant    %q\n(Error() %q)", ae.Message, want, err)
	}
}

// ---------------------------------------------------------------- retries

func TestClientRetry(t *testing.T) {
	seq := func(t *testing.T, ok []byte, statuses ...int) *clStub {
		return clNewStub(t, func(w http.ResponseWriter, r *http.Request, n int) {
			if n < len(statuses) {
				clReply(w, statuses[n], []byte(`{"detail":"try later"}`))
				return
			}
			clReply(w, 200, ok)
		})
	}
	ctx := context.Background()
	stub := seq(t, clSession(t, "s"), 503, 503)
	if _, err := clNewClient(t, stub.srv.URL).Sessions.Get(ctx, "s"); err != nil || stub.count() != 3 {
		t.Errorf("GET 503, 503, 200: %v after %d requests, want success after 3", err, stub.count())
	}
	stub = seq(t, clListBody(0, 2, 1, 1, clSession(t, "s")), 429, 502)
	if got, err := clCollect(clNewClient(t, stub.srv.URL).Sessions.List(ctx, nil)); err != nil || len(got) != 1 || stub.count() != 3 {
		t.Errorf("list 429, 502, 200: %v after %d requests, want success after 3", err, stub.count())
	}
	// generateRecordingURLs is a POST the schema marks retry-safe.
	stub = seq(t, []byte(clRecordingURL), 503)
	if _, err := clNewClient(t, stub.srv.URL).Sessions.GenerateRecordingURLs(ctx, "s"); err != nil || stub.count() != 2 {
		t.Errorf("POST recording 503, 200: %v after %d requests, want success after 2", err, stub.count())
	}
	stub = seq(t, []byte("bytes"), 504, 504, 504)
	_, err := clNewClient(t, stub.srv.URL).Sessions.RecordingStream(ctx, &sy.SessionsRecordingStreamParams{Token: "t"})
	var ae *sy.APIError
	if !errors.As(err, &ae) || ae.StatusCode != 504 || stub.count() != 3 {
		t.Errorf("three 504s: %v after %d requests, want the 504 after 3", err, stub.count())
	}
	stub = seq(t, clSession(t, "s"), 500)
	if _, err := clNewClient(t, stub.srv.URL).Sessions.Get(ctx, "s"); err == nil || stub.count() != 1 {
		t.Errorf("500: %v after %d requests, want an error after 1", err, stub.count())
	}
	// Retry-After: 0 replaces a backoff that would exceed MaxElapsed.
	stub = clNewStub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 0 {
			clReply(w, 429, []byte(`{"detail":"slow down"}`), "Retry-After", "0")
			return
		}
		clReply(w, 200, clSession(t, "s"))
	})
	c := clNewClient(t, stub.srv.URL, sy.WithRetryPolicy(sy.RetryPolicy{MaxAttempts: 2, InitialBackoff: 1000 * time.Hour, MaxElapsed: time.Minute}))
	if _, err := c.Sessions.Get(ctx, "s"); err != nil || stub.count() != 2 {
		t.Errorf("Retry-After: 0: %v after %d requests, want success after 2", err, stub.count())
	}
}

// ---------------------------------------------------------------- secrets

// TestClientSecretsNeverLeak: neither the API key nor a recording token (a
// bearer-like credential in the query) shows up in an error string or a
// log record (Debug level included).
func TestClientSecretsNeverLeak(t *testing.T) {
	const recordingToken = "rec-token-canary-88a1"
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	stub := clNewStub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		switch r.URL.Query().Get("case") {
		case "ok":
			clReply(w, 200, []byte("audio"), "Content-Type", "audio/wav")
		case "4xx":
			clReply(w, 422, readFixture(t, "fastapi.handling-errors.422-request-validation.json"))
		case "5xx":
			clReply(w, 503, []byte(`{"detail":"Service Unavailable"}`))
		}
	})
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	for _, tc := range []struct{ name, base string }{
		{"ok", stub.srv.URL + "?case=ok"},
		{"4xx", stub.srv.URL + "?case=4xx"},
		{"5xx-retried", stub.srv.URL + "?case=5xx"},
		{"connection-refused", closed.URL},
	} {
		t.Run(tc.name, func(t *testing.T) {
			logs.Reset()
			c := clNewClient(t, tc.base, sy.WithLogger(logger))
			_, err := c.Sessions.RecordingStream(context.Background(), &sy.SessionsRecordingStreamParams{Token: recordingToken})
			if (err == nil) != (tc.name == "ok") {
				t.Fatalf("error %v", err)
			}
			text := logs.String()
			if err != nil {
				text += "\n" + err.Error() + "\n" + fmt.Sprintf("%+v", err)
			}
			for _, s := range []string{ctCanary, recordingToken} {
				if strings.Contains(text, s) {
					t.Errorf("%q leaks into:\n%s", s, text)
				}
			}
			if logs.Len() == 0 {
				t.Error("nothing was logged: the check would be vacuous")
			}
		})
	}
	for _, r := range stub.requests() {
		if r.Header.Get("Syllable-API-Key") != ctCanary || !strings.Contains(r.RawQuery, recordingToken) {
			t.Errorf("%s %s?%s without the key or the token", r.Method, r.Path, r.RawQuery)
		}
	}
	if stub.count() != 1+1+3 {
		t.Errorf("%d requests, want 5", stub.count())
	}
}

// ---------------------------------------------------------------- size cap

// TestClientResponseTooLarge: a recording of exactly the cap is returned, one
// byte more (or an endless stream) gives *ResponseTooLargeError.
func TestClientResponseTooLarge(t *testing.T) {
	const limit = 1 << 20
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		size, _ := strconv.Atoi(r.URL.Query().Get("token"))
		if size > 0 {
			_, _ = w.Write(bytes.Repeat([]byte{'a'}, size))
			return
		}
		const chunk, maxChunks = 64 << 10, 512 // endless: 32 MiB at most
		buf := bytes.Repeat([]byte{0}, chunk)
		rc := http.NewResponseController(w)
		for i := 0; i < maxChunks; i++ {
			if _, err := w.Write(buf); err != nil || rc.Flush() != nil {
				return
			}
		}
	}))
	defer srv.Close()
	c := clNewClient(t, srv.URL, sy.WithMaxResponseBytes(limit), sy.WithRetryPolicy(sy.NoRetry()))
	stream := func(size int) ([]byte, error) {
		return c.Sessions.RecordingStream(context.Background(), &sy.SessionsRecordingStreamParams{Token: strconv.Itoa(size)})
	}
	if b, err := stream(limit); err != nil || len(b) != limit {
		t.Errorf("exactly the cap: %d bytes, %v", len(b), err)
	}
	var tl *sy.ResponseTooLargeError
	for _, size := range []int{limit + 1, 0} {
		if b, err := stream(size); !errors.As(err, &tl) || tl.Limit != limit || b != nil {
			t.Errorf("size %d: %d bytes, %v; want *ResponseTooLargeError{1 MiB}", size, len(b), err)
		}
	}
}
