// Hand-written HTTP client tests (not generated): the exact request of every
// method (bearer token, OData query options, JSON bodies), answered with the
// published response examples; paging through @odata.nextLink; error bodies;
// retries; the token kept out of errors and logs; the response size cap.
// Every server is an httptest server in this process.

package callrecords_test

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
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	cr "github.com/sessiongen/sessiongen/generated/msgraph/callrecords"
)

const (
	// ctCanary is the access token: it must reach the server and never
	// show up in an error string or a log record.
	ctCanary      = "eyJ0eXAiOiJKV1QiLCJjYW5hcnkiOiI5ZDQxIn0.canary-access-token"
	ctUserAgent   = "client-test/1.0"
	ctRecordID    = "e523d2ed-2966-4b6b-925b-754a88034cc5"
	ctSessionID   = "e523d2ed-2966-4b6b-925b-754a88034cc5"
	ctSegmentID   = "e523d2ed-2966-4b6b-925b-754a88034cc5"
	ctParticipant = "821809f5-0000-0000-0000-3b5136c0e777"
	ctRecordsPath = "/communications/callRecords"
	ctRecordPath  = ctRecordsPath + "/" + ctRecordID
	ctSessionsP   = ctRecordPath + "/sessions"
	ctSegmentsP   = ctSessionsP + "/" + ctSessionID + "/segments"
	ctJSON        = "application/json"
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

// clReply writes a JSON answer; header is name, value pairs.
func clReply(w http.ResponseWriter, status int, body []byte, header ...string) {
	for i := 0; i+1 < len(header); i += 2 {
		w.Header().Set(header[i], header[i+1])
	}
	if body != nil {
		w.Header().Set("Content-Type", ctJSON)
	}
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

func clQuickRetry() cr.RetryPolicy {
	return cr.RetryPolicy{MaxAttempts: 3, InitialBackoff: time.Microsecond, MaxBackoff: 10 * time.Microsecond}
}

func clCanarySource(context.Context) (string, error) { return ctCanary, nil }

// clNewClient returns a client of baseURL with the canary token, a fixed
// User-Agent and quick retries; opts come last and so win.
func clNewClient(t *testing.T, baseURL string, opts ...cr.Option) *cr.Client {
	t.Helper()
	all := append([]cr.Option{
		cr.WithBaseURL(baseURL),
		cr.WithTokenSource(clCanarySource),
		cr.WithUserAgent(ctUserAgent),
		cr.WithRetryPolicy(clQuickRetry()),
	}, opts...)
	c, err := cr.NewClient(all...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func clCheckHeaders(t *testing.T, r clRequest, wantToken, wantContentType string) {
	t.Helper()
	if got := r.Header.Get("Authorization"); got != "Bearer "+wantToken {
		t.Errorf("%s %s: Authorization = %q, want the bearer token", r.Method, r.Path, got)
	}
	if got := r.Header.Get("Accept"); got != ctJSON {
		t.Errorf("%s %s: Accept = %q", r.Method, r.Path, got)
	}
	if got := r.Header.Get("User-Agent"); got != ctUserAgent {
		t.Errorf("%s %s: User-Agent = %q", r.Method, r.Path, got)
	}
	if got := r.Header.Get("Content-Type"); got != wantContentType {
		t.Errorf("%s %s: Content-Type = %q, want %q", r.Method, r.Path, got, wantContentType)
	}
}

// clRaw returns the raw JSON at path (member names and array indexes) in a
// fixture, byte for byte.
func clRaw(t *testing.T, file string, path ...any) json.RawMessage {
	t.Helper()
	raw := json.RawMessage(readFixture(t, file))
	for _, p := range path {
		switch k := p.(type) {
		case string:
			var m map[string]json.RawMessage
			if err := json.Unmarshal(raw, &m); err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			raw = m[k]
		case int:
			var a []json.RawMessage
			if err := json.Unmarshal(raw, &a); err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			raw = a[k]
		}
		if raw == nil {
			t.Fatalf("%s: no %v", file, path)
		}
	}
	return raw
}

// clDecode decodes raw JSON the way the client should.
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

// clPage is an OData collection page; next "" leaves out @odata.nextLink.
func clPage(next string, items ...json.RawMessage) []byte {
	var b bytes.Buffer
	b.WriteString(`{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#communications/callRecords","value":[`)
	for i, it := range items {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(it)
	}
	b.WriteByte(']')
	if next != "" {
		n, _ := json.Marshal(next)
		b.WriteString(`,"@odata.nextLink":`)
		b.Write(n)
	}
	b.WriteByte('}')
	return b.Bytes()
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

// clSession is the published session example (list-sessions example 1) with
// another id.
func clSession(t *testing.T, id string) json.RawMessage {
	raw := clRaw(t, "list-sessions.example1.response.json", "value", 0)
	return bytes.Replace(raw, []byte(`"id": "`+ctSessionID+`"`), []byte(`"id": "`+id+`"`), 1)
}

func clSegment(t *testing.T) json.RawMessage {
	return clRaw(t, "get-callrecord.example2-expand-sessions-segments.response.json", "sessions", 0, "segments", 0)
}

var (
	clStart = time.Date(2020, 2, 25, 18, 52, 21, 216988900, time.UTC)
	clEnd   = time.Date(2020, 2, 25, 18, 52, 46, 764001300, time.UTC)
)

// ---------------------------------------------------------------- requests

type clWireCase struct {
	name string
	call func(t *testing.T, ctx context.Context, c *cr.Client) (got any, err error)
	want func(t *testing.T) any // nil: no result

	method, path string
	query        url.Values // parsed query, nil for none
	body         string     // exact JSON body, "" for none

	status int
	answer func(t *testing.T) []byte
}

func clWireCases() []clWireCase {
	sessions := func(c *cr.Client) *cr.SessionsClient { return c.CallRecords.Sessions(ctRecordID) }
	segments := func(c *cr.Client) *cr.SegmentsClient { return c.CallRecords.Sessions(ctRecordID).Segments(ctSessionID) }
	participants := func(c *cr.Client) *cr.ParticipantsV2Client { return c.CallRecords.ParticipantsV2(ctRecordID) }
	fixture := func(name string, path ...any) func(t *testing.T) []byte {
		return func(t *testing.T) []byte { return clRaw(t, name, path...) }
	}
	pstnRow := json.RawMessage(`{"id":"9c4984c7-6c3c-427d-a30c-bd0b2eacee90","callId":"1835317186_112562680@61.221.3.176","callType":"user_out_international","calleeNumber":"+86156****8811","callerNumber":"+1234567890","startDateTime":"2019-11-01T00:00:08.2589935Z","endDateTime":"2019-11-01T00:03:47.2589935Z","duration":219,"charge":0.66,"currency":"USD","callDurationSource":"microsoft"}`)
	routingRow := json.RawMessage(`{"id":"9e8bba57-dc14-533a-a7dd-f0da6575eed1","correlationId":"c98e1515-a937-4b81-b8a8-3992afde64e0","callType":"ByotIn","calleeNumber":"+12345678***","callerNumber":"+12345678***","startDateTime":"2019-11-01T00:00:25.105Z","endDateTime":"2019-11-01T00:00:30.905Z","duration":5,"finalSipCode":0,"finalSipCodePhrase":"BYE","mediaBypassEnabled":false}`)
	from := time.Date(2019, 11, 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(2019, 12, 1, 0, 0, 0, 0, time.UTC)
	east := time.FixedZone("", 2*3600)

	newSession := func() *cr.Session {
		return &cr.Session{
			ID:            "read-only id: never sent",
			StartDateTime: clStart,
			EndDateTime:   clEnd,
			Modalities:    []cr.Modality{cr.ModalityAudio, cr.ModalityVideo},
			IsTest:        cr.Some(false),
			FailureInfo:   cr.Some(cr.FailureInfo{Reason: cr.Some("Unexpected"), Stage: cr.Some(cr.FailureStageMidcall)}),
		}
	}
	const sessionBody = `{"@odata.type":"#microsoft.graph.callRecords.session","endDateTime":"2020-02-25T18:52:46.7640013Z",` +
		`"failureInfo":{"reason":"Unexpected","stage":"midcall"},` +
		`"isTest":false,"modalities":["audio","video"],"startDateTime":"2020-02-25T18:52:21.2169889Z"}`
	newSegment := func() *cr.Segment {
		return &cr.Segment{ID: "read-only", StartDateTime: clStart, EndDateTime: clEnd}
	}
	const segmentBody = `{"@odata.type":"#microsoft.graph.callRecords.segment","endDateTime":"2020-02-25T18:52:46.7640013Z","startDateTime":"2020-02-25T18:52:21.2169889Z"}`

	return []clWireCase{
		{
			name: "CallRecords.List",
			call: func(t *testing.T, ctx context.Context, c *cr.Client) (any, error) {
				return clCollect(c.CallRecords.List(ctx, &cr.CallRecordsListParams{
					Top:     cr.Some[int32](10),
					Skip:    cr.Some[int32](0),
					Filter:  cr.Some("startDateTime ge 2020-02-25T00:00:00Z and participants_v2/any(p:p/id eq '821809f5')"),
					Count:   cr.Some(true),
					Orderby: []string{"startDateTime desc", "id"},
					Select:  []string{"id", "type", "modalities"},
				}))
			},
			want: func(t *testing.T) any {
				return []*cr.CallRecord{clDecode[cr.CallRecord](t, readFixture(t, "get-callrecord.example1-basic.response.json"))}
			},
			method: "GET", path: ctRecordsPath,
			query: url.Values{
				"$top": {"10"}, "$skip": {"0"}, "$count": {"true"},
				"$filter":  {"startDateTime ge 2020-02-25T00:00:00Z and participants_v2/any(p:p/id eq '821809f5')"},
				"$orderby": {"startDateTime desc,id"},
				"$select":  {"id,type,modalities"},
			},
			status: 200,
			answer: func(t *testing.T) []byte {
				return clPage("", readFixture(t, "get-callrecord.example1-basic.response.json"))
			},
		},
		{
			name: "CallRecords.Get",
			call: func(t *testing.T, ctx context.Context, c *cr.Client) (any, error) {
				return c.CallRecords.Get(ctx, ctRecordID, &cr.CallRecordsGetParams{
					Select: []string{"id", "version", "sessions"},
					Expand: []string{"sessions($expand=segments)", "participants_v2"},
				})
			},
			want: func(t *testing.T) any {
				return clDecode[cr.CallRecord](t, readFixture(t, "get-callrecord.example2-expand-sessions-segments.response.json"))
			},
			method: "GET", path: ctRecordPath,
			query:  url.Values{"$select": {"id,version,sessions"}, "$expand": {"sessions($expand=segments),participants_v2"}},
			status: 200, answer: fixture("get-callrecord.example2-expand-sessions-segments.response.json"),
		},
		{
			name: "CallRecords.Get/noParams",
			call: func(t *testing.T, ctx context.Context, c *cr.Client) (any, error) {
				return c.CallRecords.Get(ctx, ctRecordID, nil)
			},
			want: func(t *testing.T) any {
				return clDecode[cr.CallRecord](t, readFixture(t, "get-callrecord.example3-expand-participants_v2.response.json"))
			},
			method: "GET", path: ctRecordPath,
			status: 200, answer: fixture("get-callrecord.example3-expand-participants_v2.response.json"),
		},
		{
			name: "CallRecords.GetPstnCalls",
			call: func(t *testing.T, ctx context.Context, c *cr.Client) (any, error) {
				return clCollect(c.CallRecords.GetPstnCalls(ctx, from, to, &cr.CallRecordsGetPstnCallsParams{Top: cr.Some[int32](100)}))
			},
			want:   func(t *testing.T) any { return []*cr.PstnCallLogRow{clDecode[cr.PstnCallLogRow](t, pstnRow)} },
			method: "GET", path: ctRecordsPath + "/microsoft.graph.callRecords.getPstnCalls(fromDateTime=2019-11-01T00:00:00Z,toDateTime=2019-12-01T00:00:00Z)",
			query:  url.Values{"$top": {"100"}},
			status: 200, answer: func(t *testing.T) []byte { return clPage("", pstnRow) },
		},
		{
			name: "CallRecords.GetDirectRoutingCalls",
			call: func(t *testing.T, ctx context.Context, c *cr.Client) (any, error) {
				return clCollect(c.CallRecords.GetDirectRoutingCalls(ctx, from.In(east), to.Add(time.Second/2), nil))
			},
			want: func(t *testing.T) any {
				return []*cr.DirectRoutingLogRow{clDecode[cr.DirectRoutingLogRow](t, routingRow)}
			},
			method: "GET", path: ctRecordsPath + "/microsoft.graph.callRecords.getDirectRoutingCalls(fromDateTime=2019-11-01T02:00:00+02:00,toDateTime=2019-12-01T00:00:00.5Z)",
			status: 200, answer: func(t *testing.T) []byte { return clPage("", routingRow) },
		},
		{
			name: "Sessions.List",
			call: func(t *testing.T, ctx context.Context, c *cr.Client) (any, error) {
				return clCollect(sessions(c).List(ctx, &cr.SessionsListParams{Top: cr.Some[int32](60), Expand: []string{"segments"}}))
			},
			want: func(t *testing.T) any {
				return []*cr.Session{clDecode[cr.Session](t, clSession(t, ctSessionID))}
			},
			method: "GET", path: ctSessionsP,
			query:  url.Values{"$top": {"60"}, "$expand": {"segments"}},
			status: 200, answer: func(t *testing.T) []byte { return clPage("", clSession(t, ctSessionID)) },
		},
		{
			name: "Sessions.Create",
			call: func(t *testing.T, ctx context.Context, c *cr.Client) (any, error) {
				return sessions(c).Create(ctx, newSession())
			},
			want:   func(t *testing.T) any { return clDecode[cr.Session](t, clSession(t, ctSessionID)) },
			method: "POST", path: ctSessionsP, body: sessionBody,
			status: 201, answer: func(t *testing.T) []byte { return clSession(t, ctSessionID) },
		},
		{
			name: "Sessions.Get",
			call: func(t *testing.T, ctx context.Context, c *cr.Client) (any, error) {
				return sessions(c).Get(ctx, ctSessionID, &cr.SessionsGetParams{Select: []string{"id", "modalities"}})
			},
			want:   func(t *testing.T) any { return clDecode[cr.Session](t, clSession(t, ctSessionID)) },
			method: "GET", path: ctSessionsP + "/" + ctSessionID,
			query:  url.Values{"$select": {"id,modalities"}},
			status: 200, answer: func(t *testing.T) []byte { return clSession(t, ctSessionID) },
		},
		{
			name: "Sessions.Update",
			call: func(t *testing.T, ctx context.Context, c *cr.Client) (any, error) {
				// A partial update (issue 12): exactly the fields set, a null
				// removes a nullable one, a nested object is itself a patch;
				// never the zero-valued required startDateTime or modalities.
				return sessions(c).Update(ctx, ctSessionID, &cr.SessionUpdate{
					EndDateTime: cr.Some(clEnd),
					IsTest:      cr.Null[bool](),
					FailureInfo: cr.Some(cr.FailureInfoUpdate{Stage: cr.Some(cr.FailureStageMidcall)}),
				})
			},
			want:   func(t *testing.T) any { return clDecode[cr.Session](t, clSession(t, ctSessionID)) },
			method: "PATCH", path: ctSessionsP + "/" + ctSessionID,
			body:   `{"endDateTime":"2020-02-25T18:52:46.7640013Z","failureInfo":{"stage":"midcall"},"isTest":null}`,
			status: 200, answer: func(t *testing.T) []byte { return clSession(t, ctSessionID) },
		},
		{
			name: "Segments.List",
			call: func(t *testing.T, ctx context.Context, c *cr.Client) (any, error) {
				return clCollect(segments(c).List(ctx, &cr.SegmentsListParams{Top: cr.Some[int32](1), Select: []string{"id", "media"}}))
			},
			want:   func(t *testing.T) any { return []*cr.Segment{clDecode[cr.Segment](t, clSegment(t))} },
			method: "GET", path: ctSegmentsP,
			query:  url.Values{"$top": {"1"}, "$select": {"id,media"}},
			status: 200, answer: func(t *testing.T) []byte { return clPage("", clSegment(t)) },
		},
		{
			name: "Segments.Create",
			call: func(t *testing.T, ctx context.Context, c *cr.Client) (any, error) {
				return segments(c).Create(ctx, newSegment())
			},
			want:   func(t *testing.T) any { return clDecode[cr.Segment](t, clSegment(t)) },
			method: "POST", path: ctSegmentsP, body: segmentBody,
			status: 201, answer: func(t *testing.T) []byte { return clSegment(t) },
		},
		{
			name: "Segments.Get",
			call: func(t *testing.T, ctx context.Context, c *cr.Client) (any, error) {
				return segments(c).Get(ctx, ctSegmentID, nil)
			},
			want:   func(t *testing.T) any { return clDecode[cr.Segment](t, clSegment(t)) },
			method: "GET", path: ctSegmentsP + "/" + ctSegmentID,
			status: 200, answer: func(t *testing.T) []byte { return clSegment(t) },
		},
		{
			name: "Segments.Update",
			call: func(t *testing.T, ctx context.Context, c *cr.Client) (any, error) {
				return segments(c).Update(ctx, ctSegmentID, &cr.SegmentUpdate{StartDateTime: cr.Some(clStart)})
			},
			want:   func(t *testing.T) any { return clDecode[cr.Segment](t, clSegment(t)) },
			method: "PATCH", path: ctSegmentsP + "/" + ctSegmentID,
			body:   `{"startDateTime":"2020-02-25T18:52:21.2169889Z"}`,
			status: 200, answer: func(t *testing.T) []byte { return clSegment(t) },
		},
		{
			name: "Segments.Delete",
			call: func(t *testing.T, ctx context.Context, c *cr.Client) (any, error) {
				return nil, segments(c).Delete(ctx, ctSegmentID, nil)
			},
			method: "DELETE", path: ctSegmentsP + "/" + ctSegmentID,
			status: 204,
		},
		{
			name: "ParticipantsV2.List",
			call: func(t *testing.T, ctx context.Context, c *cr.Client) (any, error) {
				return clCollect(participants(c).List(ctx, &cr.ParticipantsV2ListParams{Top: cr.Some[int32](130)}))
			},
			want: func(t *testing.T) any {
				var out []*cr.Participant
				for i := range 2 {
					out = append(out, clDecode[cr.Participant](t, clRaw(t, "get-callrecord.example3-expand-participants_v2.response.json", "participants_v2", i)))
				}
				return out
			},
			method: "GET", path: ctRecordPath + "/participants_v2",
			query:  url.Values{"$top": {"130"}},
			status: 200,
			answer: func(t *testing.T) []byte {
				const f = "get-callrecord.example3-expand-participants_v2.response.json"
				return clPage("", clRaw(t, f, "participants_v2", 0), clRaw(t, f, "participants_v2", 1))
			},
		},
		{
			name: "ParticipantsV2.Get",
			call: func(t *testing.T, ctx context.Context, c *cr.Client) (any, error) {
				return participants(c).Get(ctx, ctParticipant, &cr.ParticipantsV2GetParams{Select: []string{"id", "identity"}})
			},
			want: func(t *testing.T) any {
				return clDecode[cr.Participant](t, clRaw(t, "get-callrecord.example3-expand-participants_v2.response.json", "participants_v2", 0))
			},
			method: "GET", path: ctRecordPath + "/participants_v2/" + ctParticipant,
			query:  url.Values{"$select": {"id,identity"}},
			status: 200, answer: fixture("get-callrecord.example3-expand-participants_v2.response.json", "participants_v2", 0),
		},
	}
}

// TestClientRequests checks, for every method, the exact request (method,
// path, OData query options, bearer token, JSON body) and that the published
// response example comes back decoded.
func TestClientRequests(t *testing.T) {
	for _, tc := range clWireCases() {
		t.Run(tc.name, func(t *testing.T) {
			var answer []byte
			if tc.answer != nil {
				answer = tc.answer(t)
			}
			stub := clNewStub(t, func(w http.ResponseWriter, r *http.Request, n int) {
				clReply(w, tc.status, answer, "request-id", "0a1b2c3d-0000-4000-8000-000000000000")
			})
			c := clNewClient(t, stub.srv.URL)
			got, err := tc.call(t, context.Background(), c)
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
			q, err := url.ParseQuery(r.RawQuery)
			if err != nil {
				t.Fatal(err)
			}
			if want := tc.query; !(len(q) == 0 && len(want) == 0) && !reflect.DeepEqual(q, want) {
				t.Errorf("query %q\n got  %v\n want %v", r.RawQuery, q, want)
			}
			if tc.body == "" {
				clCheckHeaders(t, r, ctCanary, "")
				if len(r.Body) != 0 {
					t.Errorf("body %q, want none", r.Body)
				}
			} else {
				clCheckHeaders(t, r, ctCanary, ctJSON)
				if string(r.Body) != tc.body {
					t.Errorf("body\n got  %s\n want %s", r.Body, tc.body)
				}
			}
			if tc.want == nil {
				if got != nil {
					t.Errorf("result %v, want none", got)
				}
				return
			}
			if want := tc.want(t); !reflect.DeepEqual(got, want) {
				t.Errorf("result\n got  %+v\n want %+v", got, want)
			}
		})
	}
}

// TestClientTokenPerAttempt: the token source is called for every attempt,
// retries included, and each attempt carries the token it returned; a token
// source error sends nothing.
func TestClientTokenPerAttempt(t *testing.T) {
	stub := clNewStub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n < 2 {
			clReply(w, 503, readFixture(t, "error.429-throttled.ms-answers-648796.json"))
			return
		}
		clReply(w, 200, clSession(t, ctSessionID))
	})
	var calls atomic.Int32
	source := func(ctx context.Context) (string, error) {
		return fmt.Sprintf("token-%d", calls.Add(1)), nil
	}
	c := clNewClient(t, stub.srv.URL, cr.WithTokenSource(source))
	if _, err := c.CallRecords.Sessions(ctRecordID).Get(context.Background(), ctSessionID, nil); err != nil {
		t.Fatal(err)
	}
	reqs := stub.requests()
	if len(reqs) != 3 || calls.Load() != 3 {
		t.Fatalf("%d requests, %d token calls; want 3 and 3", len(reqs), calls.Load())
	}
	for i, r := range reqs {
		clCheckHeaders(t, r, fmt.Sprintf("token-%d", i+1), "")
	}

	noToken := errors.New("the identity platform is down")
	c = clNewClient(t, stub.srv.URL, cr.WithTokenSource(func(context.Context) (string, error) { return "", noToken }))
	_, err := c.CallRecords.Get(context.Background(), ctRecordID, nil)
	if !errors.Is(err, noToken) || stub.count() != 3 {
		t.Errorf("%v after %d requests; want the token source's error and no request", err, stub.count()-3)
	}
}

// TestClientValidationSendsNothing: bodies and query options that break the
// schema give *ValidationError and never reach the server.
func TestClientValidationSendsNothing(t *testing.T) {
	stub := clNewStub(t, func(w http.ResponseWriter, r *http.Request, n int) { clReply(w, 500, nil) })
	c := clNewClient(t, stub.srv.URL)
	ctx := context.Background()
	var ve *cr.ValidationError

	bad := &cr.Session{StartDateTime: clStart, EndDateTime: clEnd, Modalities: []cr.Modality{},
		FailureInfo: cr.Some(cr.FailureInfo{Stage: cr.Null[cr.FailureStage]()})}
	if _, err := c.CallRecords.Sessions(ctRecordID).Create(ctx, bad); !errors.As(err, &ve) || ve.Violations[0].Path != "failureInfo.stage" {
		t.Errorf("Sessions.Create: %v, want a *ValidationError on failureInfo.stage", err)
	}
	// A patch may not remove a property that is not nullable, nested or not.
	badPatch := &cr.SessionUpdate{FailureInfo: cr.Some(cr.FailureInfoUpdate{Stage: cr.Null[cr.FailureStage]()}), StartDateTime: cr.Null[time.Time]()}
	if _, err := c.CallRecords.Sessions(ctRecordID).Update(ctx, ctSessionID, badPatch); !errors.As(err, &ve) || len(ve.Violations) != 2 {
		t.Errorf("Sessions.Update: %v, want a *ValidationError on failureInfo.stage and startDateTime", err)
	}
	if _, err := c.CallRecords.Sessions(ctRecordID).Create(ctx, nil); err == nil {
		t.Error("Sessions.Create(nil): no error")
	}
	dup := &cr.CallRecordsListParams{Select: []string{"id", "id"}, Top: cr.Some[int32](-1)}
	if _, err := clCollect(c.CallRecords.List(ctx, dup)); !errors.As(err, &ve) || len(ve.Violations) != 2 {
		t.Errorf("CallRecords.List: %v, want a *ValidationError with 2 violations", err)
	}
	if _, err := c.CallRecords.ListPage(ctx, dup); !errors.As(err, &ve) {
		t.Errorf("CallRecords.ListPage: %v, want a *ValidationError", err)
	}
	if n := stub.count(); n != 0 {
		t.Errorf("the server saw %d requests, want 0", n)
	}
}

// ---------------------------------------------------------------- paging

// clThreePages serves five sessions in pages of 2, 2 and 1 linked by
// absolute @odata.nextLink values with a $skiptoken, as Graph does.
func clThreePages(t *testing.T) *clStub {
	return clNewStub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		next := func(token string) string {
			return "http://" + r.Host + ctSessionsP + "?$top=2&$skiptoken=" + token
		}
		switch r.URL.Query().Get("$skiptoken") {
		case "":
			clReply(w, 200, clPage(next("p1"), clSession(t, "s1"), clSession(t, "s2")))
		case "p1":
			clReply(w, 200, clPage(next("p2"), clSession(t, "s3"), clSession(t, "s4")))
		case "p2":
			clReply(w, 200, clPage("", clSession(t, "s5")))
		default:
			clReply(w, 400, readFixture(t, "error.example-invalidRange.json"))
		}
	})
}

func clCheckThreePages(t *testing.T, reqs []clRequest) {
	t.Helper()
	want := []string{"%24top=2", "$top=2&$skiptoken=p1", "$top=2&$skiptoken=p2"}
	if len(reqs) != len(want) {
		t.Fatalf("%d requests, want %d", len(reqs), len(want))
	}
	for i, r := range reqs {
		if r.Method != "GET" || r.Path != ctSessionsP || r.RawQuery != want[i] {
			t.Errorf("request %d: %s %s?%s, want GET %s?%s", i, r.Method, r.Path, r.RawQuery, ctSessionsP, want[i])
		}
		clCheckHeaders(t, r, ctCanary, "")
	}
}

func clIDs(items []*cr.Session) string {
	var ids []string
	for _, s := range items {
		ids = append(ids, s.ID)
	}
	return strings.Join(ids, ",")
}

func TestClientPagingIterator(t *testing.T) {
	stub := clThreePages(t)
	c := clNewClient(t, stub.srv.URL)
	got, err := clCollect(c.CallRecords.Sessions(ctRecordID).List(context.Background(), &cr.SessionsListParams{Top: cr.Some[int32](2)}))
	if err != nil || clIDs(got) != "s1,s2,s3,s4,s5" {
		t.Errorf("sessions %s, %v", clIDs(got), err)
	}
	clCheckThreePages(t, stub.requests())
}

func TestClientPagingPageNext(t *testing.T) {
	stub := clThreePages(t)
	c := clNewClient(t, stub.srv.URL)
	ctx := context.Background()
	page, err := c.CallRecords.Sessions(ctRecordID).ListPage(ctx, &cr.SessionsListParams{Top: cr.Some[int32](2)})
	var all []*cr.Session
	var sizes []int
	for page != nil && err == nil && len(sizes) < 5 {
		sizes = append(sizes, len(page.Items))
		all = append(all, page.Items...)
		page, err = page.Next(ctx)
	}
	if err != nil || fmt.Sprint(sizes) != "[2 2 1]" || clIDs(all) != "s1,s2,s3,s4,s5" {
		t.Errorf("pages %v (%s), %v", sizes, clIDs(all), err)
	}
	clCheckThreePages(t, stub.requests())
}

func TestClientPagingBreakStopsFetching(t *testing.T) {
	stub := clThreePages(t)
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	c := clNewClient(t, stub.srv.URL, cr.WithHTTPClient(&http.Client{Transport: tr}))
	before := runtime.NumGoroutine()
	n := 0
	for s, err := range c.CallRecords.Sessions(ctRecordID).List(context.Background(), &cr.SessionsListParams{Top: cr.Some[int32](2)}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
		if s.ID == "s3" {
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
	stub := clThreePages(t)
	c := clNewClient(t, stub.srv.URL)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	n, errs := 0, 0
	var last error
	for _, err := range c.CallRecords.Sessions(ctRecordID).List(ctx, &cr.SessionsListParams{Top: cr.Some[int32](2)}) {
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

// clHostRecorder is a RoundTripper that records the host of every request
// before sending it on.
type clHostRecorder struct {
	mu    sync.Mutex
	hosts []string
}

func (h *clHostRecorder) RoundTrip(r *http.Request) (*http.Response, error) {
	h.mu.Lock()
	h.hosts = append(h.hosts, r.URL.Host)
	h.mu.Unlock()
	return http.DefaultTransport.RoundTrip(r)
}

// TestClientPagingForeignNextLink: an @odata.nextLink off the API's origin is
// refused with *ForeignURLError and never requested: another test server,
// and the published example's own link to graph.microsoft.com when the
// example is served from elsewhere.
func TestClientPagingForeignNextLink(t *testing.T) {
	var foreign atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		foreign.Add(1)
		clReply(w, 200, clPage(""))
	}))
	defer other.Close()

	for name, page := range map[string]func(t *testing.T) []byte{
		"other-server": func(t *testing.T) []byte {
			return clPage(other.URL+ctSessionsP+"?$skiptoken=abc", clSession(t, "s1"))
		},
		"published-example": func(t *testing.T) []byte { return readFixture(t, "list-sessions.example1.response.json") },
	} {
		t.Run(name, func(t *testing.T) {
			body := page(t)
			stub := clNewStub(t, func(w http.ResponseWriter, r *http.Request, n int) { clReply(w, 200, body) })
			rec := &clHostRecorder{}
			c := clNewClient(t, stub.srv.URL, cr.WithHTTPClient(&http.Client{Transport: rec}))
			_, err := clCollect(c.CallRecords.Sessions(ctRecordID).List(context.Background(), nil))
			var fe *cr.ForeignURLError
			if !errors.As(err, &fe) {
				t.Errorf("iterator: %v, want *ForeignURLError", err)
			}
			if _, err := c.CallRecords.Sessions(ctRecordID).ListPage(context.Background(), nil); !errors.As(err, &fe) {
				t.Errorf("ListPage: %v, want *ForeignURLError", err)
			}
			if err != nil && strings.Contains(err.Error(), "skiptoken") {
				t.Errorf("error %q shows the link's query", err)
			}
			want := strings.TrimPrefix(stub.srv.URL, "http://")
			if fmt.Sprint(rec.hosts) != fmt.Sprint([]string{want, want}) {
				t.Errorf("requests went to %v, want only %s (twice)", rec.hosts, want)
			}
		})
	}
	if foreign.Load() != 0 {
		t.Errorf("the other origin saw %d requests", foreign.Load())
	}
}

// ---------------------------------------------------------------- errors

func TestClientErrorBodies(t *testing.T) {
	t.Run("invalidRange", func(t *testing.T) {
		body := readFixture(t, "error.example-invalidRange.json")
		for _, header := range [][]string{nil, {"request-id", "f0e1d2c3-from-header"}} {
			stub := clNewStub(t, func(w http.ResponseWriter, r *http.Request, n int) { clReply(w, 416, body, header...) })
			c := clNewClient(t, stub.srv.URL)
			_, err := c.CallRecords.Get(context.Background(), ctRecordID, nil)
			var ae *cr.APIError
			if !errors.As(err, &ae) {
				t.Fatalf("%v, want *APIError", err)
			}
			wantID := "request-id" // the example's innerError.request-id placeholder
			if header != nil {
				wantID = header[1]
			}
			if ae.StatusCode != 416 || ae.Code != "invalidRange" || ae.Message != "Uploaded fragment overlaps with existing data." || ae.RequestID != wantID {
				t.Errorf("APIError %+v", ae)
			}
			if want := "callrecords: HTTP 416 invalidRange: Uploaded fragment overlaps with existing data. (request id " + wantID + ")"; err.Error() != want {
				t.Errorf("Error() = %q, want %q", err, want)
			}
			inner, _ := ae.Body.Error.InnerError.Get()
			if ae.Body == nil || ae.Body.Error.Code != "invalidRange" || inner.Date.Or("") != "date-time" {
				t.Errorf("Body %+v", ae.Body)
			}
		}
	})
	t.Run("throttled", func(t *testing.T) {
		body := readFixture(t, "error.429-throttled.ms-answers-648796.json")
		stub := clNewStub(t, func(w http.ResponseWriter, r *http.Request, n int) { clReply(w, 429, body, "Retry-After", "41") })
		c := clNewClient(t, stub.srv.URL, cr.WithRetryPolicy(cr.NoRetry()))
		_, err := clCollect(c.CallRecords.List(context.Background(), nil))
		var ae *cr.APIError
		if !errors.As(err, &ae) {
			t.Fatalf("%v, want *APIError", err)
		}
		if ae.StatusCode != 429 || ae.Code != "activityLimitReached" || ae.Message != "The request has been throttled" ||
			ae.RequestID != "01c3bdb8-fbb1-4613-96ad-be961ba99e11" {
			t.Errorf("APIError %+v", ae)
		}
		inner, _ := ae.Body.Error.InnerError.Get()
		innermost, _ := inner.InnerError.Get()
		if inner.Code.Or("") != "throttledRequest" || innermost == nil || innermost.Code.Or("") != "quota" ||
			inner.ClientRequestID.Or("") != "01c3bdb8-fbb1-4613-96ad-be961ba99e11" {
			t.Errorf("innerError %+v", inner)
		}
	})
	t.Run("not-json", func(t *testing.T) {
		stub := clNewStub(t, func(w http.ResponseWriter, r *http.Request, n int) {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(502)
			_, _ = io.WriteString(w, "<html>Bad Gateway</html>")
		})
		c := clNewClient(t, stub.srv.URL, cr.WithRetryPolicy(cr.NoRetry()))
		_, err := c.CallRecords.Get(context.Background(), ctRecordID, nil)
		var ae *cr.APIError
		if !errors.As(err, &ae) || ae.StatusCode != 502 || ae.Body != nil || ae.Code != "" {
			t.Errorf("%v (%+v), want a bare *APIError 502", err, ae)
		}
	})
}

// ---------------------------------------------------------------- retries

func TestClientRetry(t *testing.T) {
	throttled := readFixture(t, "error.429-throttled.ms-answers-648796.json")
	seq := func(t *testing.T, statuses ...int) *clStub {
		return clNewStub(t, func(w http.ResponseWriter, r *http.Request, n int) {
			if n < len(statuses) {
				clReply(w, statuses[n], throttled, "Retry-After", "0")
				return
			}
			if r.Method == http.MethodDelete { // documented 204: any other 2xx is an *UnexpectedStatusError
				clReply(w, http.StatusNoContent, nil)
				return
			}
			if strings.HasSuffix(r.URL.Path, "/sessions") { // the list: a page, which its reader requires
				clReply(w, 200, append(append([]byte(`{"value":[`), clSession(t, ctSessionID)...), "]}"...))
				return
			}
			clReply(w, 200, clSession(t, ctSessionID))
		})
	}
	ctx := context.Background()
	sessions := func(c *cr.Client) *cr.SessionsClient { return c.CallRecords.Sessions(ctRecordID) }

	stub := seq(t, 503, 503)
	if _, err := sessions(clNewClient(t, stub.srv.URL)).Get(ctx, ctSessionID, nil); err != nil || stub.count() != 3 {
		t.Errorf("GET 503, 503, 200: %v after %d requests, want success after 3", err, stub.count())
	}
	stub = seq(t, 429, 504)
	if _, err := clCollect(sessions(clNewClient(t, stub.srv.URL)).List(ctx, nil)); err != nil || stub.count() != 3 {
		t.Errorf("list 429, 504, 200: %v after %d requests, want success after 3", err, stub.count())
	}
	stub = seq(t, 503, 503, 503)
	_, err := sessions(clNewClient(t, stub.srv.URL)).Get(ctx, ctSessionID, nil)
	var ae *cr.APIError
	if !errors.As(err, &ae) || ae.StatusCode != 503 || stub.count() != 3 {
		t.Errorf("three 503s: %v after %d requests, want the 503 after 3", err, stub.count())
	}
	// Graph documents no "never processed" status: POST and PATCH are sent
	// once whatever the answer; DELETE is retried.
	body := &cr.Session{StartDateTime: clStart, EndDateTime: clEnd, Modalities: []cr.Modality{}}
	for _, status := range []int{429, 503} {
		stub = seq(t, status)
		if _, err := sessions(clNewClient(t, stub.srv.URL)).Create(ctx, body); err == nil || stub.count() != 1 {
			t.Errorf("POST on %d: %v after %d requests, want an error after 1", status, err, stub.count())
		}
		stub = seq(t, status)
		if _, err := sessions(clNewClient(t, stub.srv.URL)).Update(ctx, ctSessionID, &cr.SessionUpdate{IsTest: cr.Some(true)}); err == nil || stub.count() != 1 {
			t.Errorf("PATCH on %d: %v after %d requests, want an error after 1", status, err, stub.count())
		}
	}
	stub = seq(t, 503)
	if err := sessions(clNewClient(t, stub.srv.URL)).Segments(ctSessionID).Delete(ctx, ctSegmentID, nil); err != nil || stub.count() != 2 {
		t.Errorf("DELETE 503, 204: %v after %d requests, want success after 2", err, stub.count())
	}
	// Retry-After replaces the backoff: a backoff of up to 1000 hours would
	// exceed MaxElapsed, so success shows "Retry-After: 0" was used.
	stub = seq(t, 429)
	c := clNewClient(t, stub.srv.URL, cr.WithRetryPolicy(cr.RetryPolicy{MaxAttempts: 2, InitialBackoff: 1000 * time.Hour, MaxElapsed: time.Minute}))
	if _, err := sessions(c).Get(ctx, ctSessionID, nil); err != nil || stub.count() != 2 {
		t.Errorf("Retry-After: 0: %v after %d requests, want success after 2", err, stub.count())
	}
	// The fixture's real "Retry-After: 41" is beyond MaxElapsed: no retry.
	stub = clNewStub(t, func(w http.ResponseWriter, r *http.Request, n int) { clReply(w, 429, throttled, "Retry-After", "41") })
	c = clNewClient(t, stub.srv.URL, cr.WithRetryPolicy(cr.RetryPolicy{MaxAttempts: 3, MaxElapsed: 10 * time.Second}))
	if _, err := sessions(c).Get(ctx, ctSessionID, nil); !errors.As(err, &ae) || ae.StatusCode != 429 || stub.count() != 1 {
		t.Errorf("Retry-After: 41: %v after %d requests, want the 429 after 1", err, stub.count())
	}
}

// ---------------------------------------------------------------- secrets

// TestClientTokenNeverLeaks: the access token reaches the server but never
// an error string or a log record (Debug level included).
func TestClientTokenNeverLeaks(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	var foreign atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { foreign.Add(1) }))
	defer other.Close()
	stub := clNewStub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		switch r.URL.Query().Get("case") {
		case "ok":
			clReply(w, 200, clSession(t, ctSessionID))
		case "4xx":
			clReply(w, 401, []byte(`{"error":{"code":"InvalidAuthenticationToken","message":"Access token validation failure."}}`))
		case "5xx":
			clReply(w, 503, readFixture(t, "error.429-throttled.ms-answers-648796.json"))
		case "foreign":
			clReply(w, 200, clPage(other.URL+"/communications/callRecords?$skiptoken="+ctCanary, clSession(t, "s1")))
		}
	})
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()

	for _, tc := range []struct {
		name, base string
		list       bool
	}{
		{"ok", stub.srv.URL + "?case=ok", false},
		{"4xx", stub.srv.URL + "?case=4xx", false},
		{"5xx-retried", stub.srv.URL + "?case=5xx", false},
		{"foreign-next", stub.srv.URL + "?case=foreign", true},
		{"connection-refused", closed.URL, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			logs.Reset()
			c := clNewClient(t, tc.base, cr.WithLogger(logger))
			var err error
			if tc.list {
				_, err = clCollect(c.CallRecords.Sessions(ctRecordID).List(context.Background(), nil))
			} else {
				_, err = c.CallRecords.Sessions(ctRecordID).Get(context.Background(), ctSessionID, nil)
			}
			if (err == nil) != (tc.name == "ok") {
				t.Fatalf("error %v", err)
			}
			text := logs.String()
			if err != nil {
				text += "\n" + err.Error() + "\n" + fmt.Sprintf("%+v", err)
			}
			if strings.Contains(text, ctCanary) || strings.Contains(text, "canary-access-token") {
				t.Errorf("the token leaks into:\n%s", text)
			}
			if logs.Len() == 0 {
				t.Error("nothing was logged: the check would be vacuous")
			}
		})
	}
	for _, r := range stub.requests() {
		if r.Header.Get("Authorization") != "Bearer "+ctCanary {
			t.Errorf("%s %s without the token", r.Method, r.Path)
		}
	}
	if stub.count() != 1+1+3+1 || foreign.Load() != 0 {
		t.Errorf("%d requests to the API (want 6), %d to the other origin (want 0)", stub.count(), foreign.Load())
	}
}

// ---------------------------------------------------------------- size cap

func TestClientResponseTooLarge(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		const chunk, maxChunks = 64 << 10, 512 // 32 MiB at most
		w.Header().Set("Content-Type", ctJSON)
		w.WriteHeader(200)
		_, _ = io.WriteString(w, `{"value":[`)
		buf := bytes.Repeat([]byte(" "), chunk)
		rc := http.NewResponseController(w)
		for i := 0; i < maxChunks; i++ {
			if _, err := w.Write(buf); err != nil || rc.Flush() != nil {
				return // the client went away
			}
		}
	}))
	defer srv.Close()
	c := clNewClient(t, srv.URL, cr.WithMaxResponseBytes(1<<20), cr.WithRetryPolicy(cr.NoRetry()))
	var tl *cr.ResponseTooLargeError
	if _, err := c.CallRecords.Get(context.Background(), ctRecordID, nil); !errors.As(err, &tl) || tl.Limit != 1<<20 {
		t.Errorf("Get: %v, want *ResponseTooLargeError{1 MiB}", err)
	}
	if _, err := clCollect(c.CallRecords.List(context.Background(), nil)); !errors.As(err, &tl) {
		t.Errorf("List: %v, want *ResponseTooLargeError", err)
	}
	if _, err := c.CallRecords.Sessions(ctRecordID).ListPage(context.Background(), nil); !errors.As(err, &tl) {
		t.Errorf("ListPage: %v, want *ResponseTooLargeError", err)
	}
}
