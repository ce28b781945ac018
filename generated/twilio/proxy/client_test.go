// Hand-written HTTP client tests (not generated): the exact request of every
// method (built from the spec's form examples, answered with the spec's
// response examples), paging through meta.next_page_url, error bodies,
// retries (429 is "never processed"), credentials kept out of errors and logs,
// and the response size cap. Every server is an httptest server in this
// process.

package proxy_test

import (
	"bytes"
	"context"
	"encoding/base64"
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
	"sync/atomic"
	"testing"
	"time"

	pr "github.com/sessiongen/sessiongen/generated/twilio/proxy"
)

const (
	ctAccountSID = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	// ctCanary is the auth token (the basic-auth password): it must reach the
	// server and never show up in an error string or a log record.
	ctCanary        = "canary-auth-token-5ec7e7"
	ctUserAgent     = "client-test/1.0"
	ctServiceSID    = "KSaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	ctSessionSID    = "KCaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	ctParticipant   = "KPaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	ctInteraction   = "KIaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	ctPhoneSID      = "PNaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	ctFormType      = "application/x-www-form-urlencoded"
	ctSessionsPath  = "/v1/Services/" + ctServiceSID + "/Sessions"
	ctSessionPath   = ctSessionsPath + "/" + ctSessionSID
	ctParticipantsP = ctSessionPath + "/Participants"
)

// ---------------------------------------------------------------- helpers

// clRequest is one request an clStub received.
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
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// clQuickRetry retries at once (microsecond backoffs), three attempts.
func clQuickRetry() pr.RetryPolicy {
	return pr.RetryPolicy{MaxAttempts: 3, InitialBackoff: time.Microsecond, MaxBackoff: 10 * time.Microsecond}
}

// clNewClient returns a client of baseURL with the canary credentials, a
// fixed User-Agent and quick retries; opts come last and so win.
func clNewClient(t *testing.T, baseURL string, opts ...pr.Option) *pr.Client {
	t.Helper()
	all := append([]pr.Option{
		pr.WithBaseURL(baseURL),
		pr.WithBasicAuth(ctAccountSID, ctCanary),
		pr.WithUserAgent(ctUserAgent),
		pr.WithRetryPolicy(clQuickRetry()),
	}, opts...)
	c, err := pr.NewClient(all...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// clCheckHeaders checks the headers every request carries, and Content-Type.
func clCheckHeaders(t *testing.T, r clRequest, wantContentType string) {
	t.Helper()
	user, pass, ok := (&http.Request{Header: r.Header}).BasicAuth()
	if !ok || user != ctAccountSID || pass != ctCanary {
		t.Errorf("%s %s: basic auth = %q, %q, %v; want the account SID and the auth token", r.Method, r.Path, user, pass, ok)
	}
	if got := r.Header.Get("Accept"); got != "application/json" {
		t.Errorf("%s %s: Accept = %q", r.Method, r.Path, got)
	}
	if got := r.Header.Get("User-Agent"); got != ctUserAgent {
		t.Errorf("%s %s: User-Agent = %q", r.Method, r.Path, got)
	}
	if got := r.Header.Get("Content-Type"); got != wantContentType {
		t.Errorf("%s %s: Content-Type = %q, want %q", r.Method, r.Path, got, wantContentType)
	}
}

// clFormFixture returns the form fields of a *.request-form-params.json
// fixture (a JSON object of field names to scalars) as they go on the wire.
func clFormFixture(t *testing.T, name string) url.Values {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(readFixture(t, name)))
	d.UseNumber()
	var m map[string]any
	if err := d.Decode(&m); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	q := url.Values{}
	for k, v := range m {
		switch x := v.(type) {
		case string:
			q.Add(k, x)
		case json.Number:
			q.Add(k, x.String())
		case bool:
			q.Add(k, strconv.FormatBool(x))
		default:
			t.Fatalf("%s: field %s has a %T", name, k, v)
		}
	}
	return q
}

// clRequestFixture decodes a form-params fixture into a request type: the
// fixture's keys are the request type's wire (JSON) names.
func clRequestFixture[T any, P interface {
	*T
	UnmarshalJSON([]byte) error
}](t *testing.T, name string) P {
	t.Helper()
	p := P(new(T))
	if err := p.UnmarshalJSON(readFixture(t, name)); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return p
}

// clFixtureValue decodes a response fixture the way the client should.
func clFixtureValue[T any, P interface {
	*T
	UnmarshalJSON([]byte) error
}](t *testing.T, name string) P {
	t.Helper()
	p := P(new(T))
	if err := p.UnmarshalJSON(readFixture(t, name)); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return p
}

// clFixtureItems decodes the elements of the array member key of a page
// fixture.
func clFixtureItems[T any, P interface {
	*T
	UnmarshalJSON([]byte) error
}](t *testing.T, name, key string) []P {
	t.Helper()
	var page map[string]json.RawMessage
	if err := json.Unmarshal(readFixture(t, name), &page); err != nil {
		t.Fatal(err)
	}
	var raw []json.RawMessage
	if err := json.Unmarshal(page[key], &raw); err != nil {
		t.Fatalf("%s: member %s: %v", name, key, err)
	}
	out := []P{}
	for _, r := range raw {
		p := P(new(T))
		if err := p.UnmarshalJSON(r); err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}

// clCollect drains an iterator, stopping at the first error.
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

// clSessionJSON is the spec's session example with another SID.
func clSessionJSON(t *testing.T, sid string) []byte {
	return bytes.ReplaceAll(readFixture(t, "FetchSession.fetch.200.response.json"), []byte(ctSessionSID), []byte(sid))
}

// clPageBody is a list page in Twilio's envelope.
func clPageBody(key string, items [][]byte, next string) []byte {
	var b bytes.Buffer
	b.WriteString(`{"` + key + `":[`)
	b.Write(bytes.Join(items, []byte(",")))
	b.WriteString(`],"meta":{"page":0,"page_size":2,"key":"` + key + `","previous_page_url":null,"next_page_url":`)
	if next == "" {
		b.WriteString("null")
	} else {
		n, _ := json.Marshal(next)
		b.Write(n)
	}
	b.WriteString(`}}`)
	return b.Bytes()
}

func clSID(s *pr.Session) string { v, _ := s.SID.Get(); return v }

// clSettleGoroutines waits (boundedly) for the goroutine count to fall back
// to baseline.
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

// ---------------------------------------------------------------- requests

// clWireCase is one method call: the request it must send and the answer the
// server gives.
type clWireCase struct {
	name string
	call func(t *testing.T, ctx context.Context, c *pr.Client) (got any, err error)
	// want is what the call must return (nil for Delete).
	want func(t *testing.T) any

	method, path string
	query        string     // raw query, exactly
	form         url.Values // the form body, nil for none

	status   int
	response string // response fixture, "" for no body
}

func clWireCases() []clWireCase {
	var (
		services     = func(c *pr.Client) *pr.ServicesClient { return c.Services }
		phoneNumbers = func(c *pr.Client) *pr.PhoneNumbersClient { return c.Services.PhoneNumbers(ctServiceSID) }
		sessions     = func(c *pr.Client) *pr.SessionsClient { return c.Services.Sessions(ctServiceSID) }
		interactions = func(c *pr.Client) *pr.InteractionsClient {
			return c.Services.Sessions(ctServiceSID).Interactions(ctSessionSID)
		}
		participants = func(c *pr.Client) *pr.ParticipantsClient {
			return c.Services.Sessions(ctServiceSID).Participants(ctSessionSID)
		}
		messages = func(c *pr.Client) *pr.MessageInteractionsClient {
			return c.Services.Sessions(ctServiceSID).Participants(ctSessionSID).MessageInteractions(ctParticipant)
		}
	)
	expiry := time.Date(2015, 7, 30, 13, 0, 0, 500_000_000, time.FixedZone("PDT", -7*3600))
	return []clWireCase{
		// services
		{
			name: "Services.List",
			call: func(t *testing.T, ctx context.Context, c *pr.Client) (any, error) {
				return clCollect(services(c).List(ctx, &pr.ServicesListParams{PageSize: pr.Some[int64](50)}))
			},
			want: func(t *testing.T) any {
				return clFixtureItems[pr.Service](t, "ListService.readEmpty.200.response.json", "services")
			},
			method: "GET", path: "/v1/Services", query: "PageSize=50",
			status: 200, response: "ListService.readEmpty.200.response.json",
		},
		{
			name: "Services.Create",
			call: func(t *testing.T, ctx context.Context, c *pr.Client) (any, error) {
				return services(c).Create(ctx, clRequestFixture[pr.ServicesCreateRequest](t, "CreateService.create.request-form-params.json"))
			},
			want:   func(t *testing.T) any { return clFixtureValue[pr.Service](t, "CreateService.create.201.response.json") },
			method: "POST", path: "/v1/Services", form: url.Values{"CreateService.create.request-form-params.json": nil},
			status: 201, response: "CreateService.create.201.response.json",
		},
		{
			name: "Services.Get",
			call: func(t *testing.T, ctx context.Context, c *pr.Client) (any, error) {
				return services(c).Get(ctx, ctServiceSID)
			},
			want:   func(t *testing.T) any { return clFixtureValue[pr.Service](t, "FetchService.fetch.200.response.json") },
			method: "GET", path: "/v1/Services/" + ctServiceSID,
			status: 200, response: "FetchService.fetch.200.response.json",
		},
		{
			name: "Services.Update",
			call: func(t *testing.T, ctx context.Context, c *pr.Client) (any, error) {
				return services(c).Update(ctx, ctServiceSID, clRequestFixture[pr.ServicesUpdateRequest](t, "UpdateService.update.request-form-params.json"))
			},
			want:   func(t *testing.T) any { return clFixtureValue[pr.Service](t, "UpdateService.update.200.response.json") },
			method: "POST", path: "/v1/Services/" + ctServiceSID, form: url.Values{"UpdateService.update.request-form-params.json": nil},
			status: 200, response: "UpdateService.update.200.response.json",
		},
		{
			name: "Services.Delete",
			call: func(t *testing.T, ctx context.Context, c *pr.Client) (any, error) {
				return nil, services(c).Delete(ctx, ctServiceSID)
			},
			method: "DELETE", path: "/v1/Services/" + ctServiceSID,
			status: 204,
		},
		// phone numbers
		{
			name: "PhoneNumbers.List",
			call: func(t *testing.T, ctx context.Context, c *pr.Client) (any, error) {
				return clCollect(phoneNumbers(c).List(ctx, &pr.PhoneNumbersListParams{PageSize: pr.Some[int64](50), Page: pr.Some[int32](0)}))
			},
			want: func(t *testing.T) any {
				return clFixtureItems[pr.PhoneNumber](t, "ListPhoneNumber.readFull.200.response.json", "phone_numbers")
			},
			method: "GET", path: "/v1/Services/" + ctServiceSID + "/PhoneNumbers", query: "Page=0&PageSize=50",
			status: 200, response: "ListPhoneNumber.readFull.200.response.json",
		},
		{
			name: "PhoneNumbers.Create",
			call: func(t *testing.T, ctx context.Context, c *pr.Client) (any, error) {
				return phoneNumbers(c).Create(ctx, clRequestFixture[pr.PhoneNumbersCreateRequest](t, "CreatePhoneNumber.create.request-form-params.json"))
			},
			want: func(t *testing.T) any {
				return clFixtureValue[pr.PhoneNumber](t, "CreatePhoneNumber.create.201.response.json")
			},
			method: "POST", path: "/v1/Services/" + ctServiceSID + "/PhoneNumbers", form: url.Values{"CreatePhoneNumber.create.request-form-params.json": nil},
			status: 201, response: "CreatePhoneNumber.create.201.response.json",
		},
		{
			name: "PhoneNumbers.Get",
			call: func(t *testing.T, ctx context.Context, c *pr.Client) (any, error) {
				return phoneNumbers(c).Get(ctx, ctPhoneSID)
			},
			want: func(t *testing.T) any {
				return clFixtureValue[pr.PhoneNumber](t, "FetchPhoneNumber.fetch.200.response.json")
			},
			method: "GET", path: "/v1/Services/" + ctServiceSID + "/PhoneNumbers/" + ctPhoneSID,
			status: 200, response: "FetchPhoneNumber.fetch.200.response.json",
		},
		{
			name: "PhoneNumbers.Update",
			call: func(t *testing.T, ctx context.Context, c *pr.Client) (any, error) {
				return phoneNumbers(c).Update(ctx, ctPhoneSID, clRequestFixture[pr.PhoneNumbersUpdateRequest](t, "UpdatePhoneNumber.update.request-form-params.json"))
			},
			want: func(t *testing.T) any {
				return clFixtureValue[pr.PhoneNumber](t, "UpdatePhoneNumber.update.200.response.json")
			},
			method: "POST", path: "/v1/Services/" + ctServiceSID + "/PhoneNumbers/" + ctPhoneSID, form: url.Values{"UpdatePhoneNumber.update.request-form-params.json": nil},
			status: 200, response: "UpdatePhoneNumber.update.200.response.json",
		},
		{
			name: "PhoneNumbers.Delete",
			call: func(t *testing.T, ctx context.Context, c *pr.Client) (any, error) {
				return nil, phoneNumbers(c).Delete(ctx, ctPhoneSID)
			},
			method: "DELETE", path: "/v1/Services/" + ctServiceSID + "/PhoneNumbers/" + ctPhoneSID,
			status: 204,
		},
		// sessions
		{
			name: "Sessions.List",
			call: func(t *testing.T, ctx context.Context, c *pr.Client) (any, error) {
				return clCollect(sessions(c).List(ctx, &pr.SessionsListParams{PageSize: pr.Some[int64](50), PageToken: pr.Some("PT a&b")}))
			},
			want: func(t *testing.T) any {
				return clFixtureItems[pr.Session](t, "ListSession.readEmpty.200.response.json", "sessions")
			},
			method: "GET", path: ctSessionsPath, query: "PageSize=50&PageToken=PT+a%26b",
			status: 200, response: "ListSession.readEmpty.200.response.json",
		},
		{
			name: "Sessions.Create",
			call: func(t *testing.T, ctx context.Context, c *pr.Client) (any, error) {
				return sessions(c).Create(ctx, clRequestFixture[pr.SessionsCreateRequest](t, "CreateSession.create.request-form-params.json"))
			},
			want:   func(t *testing.T) any { return clFixtureValue[pr.Session](t, "CreateSession.create.201.response.json") },
			method: "POST", path: ctSessionsPath, form: url.Values{"CreateSession.create.request-form-params.json": nil},
			status: 201, response: "CreateSession.create.201.response.json",
		},
		{
			// Participants are JSON objects, one repeated form value each;
			// dates are RFC 3339 with the offset kept.
			name: "Sessions.Create/participants",
			call: func(t *testing.T, ctx context.Context, c *pr.Client) (any, error) {
				return sessions(c).Create(ctx, &pr.SessionsCreateRequest{
					UniqueName: pr.Some("Order #1234"),
					DateExpiry: pr.Some(expiry),
					Mode:       pr.Some(pr.SessionModeMessageOnly),
					Status:     pr.Some(pr.SessionStatusOpen),
					Participants: []json.RawMessage{
						json.RawMessage(`{"Identifier":"+15558675310","FriendlyName":"Alice"}`),
						json.RawMessage(`{"Identifier":"+15017122661"}`),
					},
				})
			},
			want:   func(t *testing.T) any { return clFixtureValue[pr.Session](t, "CreateSession.create.201.response.json") },
			method: "POST", path: ctSessionsPath,
			form: url.Values{
				"UniqueName": {"Order #1234"},
				"DateExpiry": {"2015-07-30T13:00:00.5-07:00"},
				"Mode":       {"message-only"},
				"Status":     {"open"},
				"Participants": {
					`{"Identifier":"+15558675310","FriendlyName":"Alice"}`,
					`{"Identifier":"+15017122661"}`,
				},
			},
			status: 201, response: "CreateSession.create.201.response.json",
		},
		{
			name: "Sessions.Get",
			call: func(t *testing.T, ctx context.Context, c *pr.Client) (any, error) {
				return sessions(c).Get(ctx, ctSessionSID)
			},
			want:   func(t *testing.T) any { return clFixtureValue[pr.Session](t, "FetchSession.fetch.200.response.json") },
			method: "GET", path: ctSessionPath,
			status: 200, response: "FetchSession.fetch.200.response.json",
		},
		{
			name: "Sessions.Update",
			call: func(t *testing.T, ctx context.Context, c *pr.Client) (any, error) {
				return sessions(c).Update(ctx, ctSessionSID, clRequestFixture[pr.SessionsUpdateRequest](t, "UpdateSession.update.request-form-params.json"))
			},
			want:   func(t *testing.T) any { return clFixtureValue[pr.Session](t, "UpdateSession.update.200.response.json") },
			method: "POST", path: ctSessionPath, form: url.Values{"UpdateSession.update.request-form-params.json": nil},
			status: 200, response: "UpdateSession.update.200.response.json",
		},
		{
			name: "Sessions.Update/dateExpiry",
			call: func(t *testing.T, ctx context.Context, c *pr.Client) (any, error) {
				return sessions(c).Update(ctx, ctSessionSID, &pr.SessionsUpdateRequest{
					DateExpiry: pr.Some(time.Date(2015, 7, 30, 20, 0, 0, 0, time.UTC)),
					Status:     pr.Some(pr.SessionStatusClosed),
				})
			},
			want:   func(t *testing.T) any { return clFixtureValue[pr.Session](t, "UpdateSession.update.200.response.json") },
			method: "POST", path: ctSessionPath,
			form:   url.Values{"DateExpiry": {"2015-07-30T20:00:00Z"}, "Status": {"closed"}},
			status: 200, response: "UpdateSession.update.200.response.json",
		},
		{
			name: "Sessions.Delete",
			call: func(t *testing.T, ctx context.Context, c *pr.Client) (any, error) {
				return nil, sessions(c).Delete(ctx, ctSessionSID)
			},
			method: "DELETE", path: ctSessionPath,
			status: 204,
		},
		// interactions
		{
			name: "Interactions.List",
			call: func(t *testing.T, ctx context.Context, c *pr.Client) (any, error) {
				return clCollect(interactions(c).List(ctx, nil))
			},
			want: func(t *testing.T) any {
				return clFixtureItems[pr.Interaction](t, "ListInteraction.readEmpty.200.response.json", "interactions")
			},
			method: "GET", path: ctSessionPath + "/Interactions",
			status: 200, response: "ListInteraction.readEmpty.200.response.json",
		},
		{
			name: "Interactions.Get",
			call: func(t *testing.T, ctx context.Context, c *pr.Client) (any, error) {
				return interactions(c).Get(ctx, ctInteraction)
			},
			want: func(t *testing.T) any {
				return clFixtureValue[pr.Interaction](t, "FetchInteraction.fetch.200.response.json")
			},
			method: "GET", path: ctSessionPath + "/Interactions/" + ctInteraction,
			status: 200, response: "FetchInteraction.fetch.200.response.json",
		},
		{
			name: "Interactions.Delete",
			call: func(t *testing.T, ctx context.Context, c *pr.Client) (any, error) {
				return nil, interactions(c).Delete(ctx, ctInteraction)
			},
			method: "DELETE", path: ctSessionPath + "/Interactions/" + ctInteraction,
			status: 204,
		},
		// participants
		{
			name: "Participants.List",
			call: func(t *testing.T, ctx context.Context, c *pr.Client) (any, error) {
				return clCollect(participants(c).List(ctx, &pr.ParticipantsListParams{PageSize: pr.Some[int64](1000)}))
			},
			want: func(t *testing.T) any {
				return clFixtureItems[pr.Participant](t, "ListParticipant.readEmpty.200.response.json", "participants")
			},
			method: "GET", path: ctParticipantsP, query: "PageSize=1000",
			status: 200, response: "ListParticipant.readEmpty.200.response.json",
		},
		{
			name: "Participants.Create",
			call: func(t *testing.T, ctx context.Context, c *pr.Client) (any, error) {
				return participants(c).Create(ctx, clRequestFixture[pr.ParticipantsCreateRequest](t, "CreateParticipant.create.request-form-params.json"))
			},
			want: func(t *testing.T) any {
				return clFixtureValue[pr.Participant](t, "CreateParticipant.create.201.response.json")
			},
			method: "POST", path: ctParticipantsP, form: url.Values{"CreateParticipant.create.request-form-params.json": nil},
			status: 201, response: "CreateParticipant.create.201.response.json",
		},
		{
			name: "Participants.Create/channel",
			call: func(t *testing.T, ctx context.Context, c *pr.Client) (any, error) {
				return participants(c).Create(ctx, clRequestFixture[pr.ParticipantsCreateRequest](t, "CreateParticipant.createChannel.request-form-params.json"))
			},
			want: func(t *testing.T) any {
				return clFixtureValue[pr.Participant](t, "CreateParticipant.createChannel.201.response.json")
			},
			method: "POST", path: ctParticipantsP, form: url.Values{"CreateParticipant.createChannel.request-form-params.json": nil},
			status: 201, response: "CreateParticipant.createChannel.201.response.json",
		},
		{
			name: "Participants.Get",
			call: func(t *testing.T, ctx context.Context, c *pr.Client) (any, error) {
				return participants(c).Get(ctx, ctParticipant)
			},
			want: func(t *testing.T) any {
				return clFixtureValue[pr.Participant](t, "FetchParticipant.fetch.200.response.json")
			},
			method: "GET", path: ctParticipantsP + "/" + ctParticipant,
			status: 200, response: "FetchParticipant.fetch.200.response.json",
		},
		{
			name: "Participants.Delete",
			call: func(t *testing.T, ctx context.Context, c *pr.Client) (any, error) {
				return nil, participants(c).Delete(ctx, ctParticipant)
			},
			method: "DELETE", path: ctParticipantsP + "/" + ctParticipant,
			status: 204,
		},
		// message interactions
		{
			name: "MessageInteractions.List",
			call: func(t *testing.T, ctx context.Context, c *pr.Client) (any, error) {
				return clCollect(messages(c).List(ctx, &pr.MessageInteractionsListParams{Page: pr.Some[int32](2)}))
			},
			want: func(t *testing.T) any {
				return clFixtureItems[pr.MessageInteraction](t, "ListMessageInteraction.readEmpty.200.response.json", "interactions")
			},
			method: "GET", path: ctParticipantsP + "/" + ctParticipant + "/MessageInteractions", query: "Page=2",
			status: 200, response: "ListMessageInteraction.readEmpty.200.response.json",
		},
		{
			name: "MessageInteractions.Create",
			call: func(t *testing.T, ctx context.Context, c *pr.Client) (any, error) {
				return messages(c).Create(ctx, clRequestFixture[pr.MessageInteractionsCreateRequest](t, "CreateMessageInteraction.create.request-form-params.json"))
			},
			want: func(t *testing.T) any {
				return clFixtureValue[pr.MessageInteraction](t, "CreateMessageInteraction.create.200.response.json")
			},
			method: "POST", path: ctParticipantsP + "/" + ctParticipant + "/MessageInteractions",
			form:   url.Values{"CreateMessageInteraction.create.request-form-params.json": nil},
			status: 200, response: "CreateMessageInteraction.create.200.response.json",
		},
		{
			name: "MessageInteractions.Create/media",
			call: func(t *testing.T, ctx context.Context, c *pr.Client) (any, error) {
				return messages(c).Create(ctx, &pr.MessageInteractionsCreateRequest{
					Body:     pr.Some("see attached"),
					MediaURL: []string{"https://example.com/a.png", "https://example.com/b.png?x=1&y=2"},
				})
			},
			want: func(t *testing.T) any {
				return clFixtureValue[pr.MessageInteraction](t, "CreateMessageInteraction.create.200.response.json")
			},
			method: "POST", path: ctParticipantsP + "/" + ctParticipant + "/MessageInteractions",
			form: url.Values{
				"Body":     {"see attached"},
				"MediaUrl": {"https://example.com/a.png", "https://example.com/b.png?x=1&y=2"},
			},
			status: 200, response: "CreateMessageInteraction.create.200.response.json",
		},
		{
			name: "MessageInteractions.Get",
			call: func(t *testing.T, ctx context.Context, c *pr.Client) (any, error) {
				return messages(c).Get(ctx, ctInteraction)
			},
			want: func(t *testing.T) any {
				return clFixtureValue[pr.MessageInteraction](t, "FetchMessageInteraction.fetch.200.response.json")
			},
			method: "GET", path: ctParticipantsP + "/" + ctParticipant + "/MessageInteractions/" + ctInteraction,
			status: 200, response: "FetchMessageInteraction.fetch.200.response.json",
		},
	}
}

// clWantForm resolves a case's form: a single key naming a fixture stands for
// that fixture's fields.
func clWantForm(t *testing.T, form url.Values) url.Values {
	if len(form) == 1 {
		for k, v := range form {
			if v == nil && strings.HasSuffix(k, ".request-form-params.json") {
				return clFormFixture(t, k)
			}
		}
	}
	return form
}

// TestClientRequests checks, for every method, the exact request (method, path,
// query, headers, form body) and that the spec's response example comes back
// decoded.
func TestClientRequests(t *testing.T) {
	for _, tc := range clWireCases() {
		t.Run(tc.name, func(t *testing.T) {
			var answer []byte
			if tc.response != "" {
				answer = readFixture(t, tc.response)
			}
			stub := clNewStub(t, func(w http.ResponseWriter, r *http.Request, n int) {
				clReply(w, tc.status, answer, "Twilio-Request-Id", "RQ0123")
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
			if r.Method != tc.method || r.Path != tc.path || r.RawQuery != tc.query {
				t.Errorf("request %s %s?%s, want %s %s?%s", r.Method, r.Path, r.RawQuery, tc.method, tc.path, tc.query)
			}
			form := clWantForm(t, tc.form)
			if form == nil {
				clCheckHeaders(t, r, "")
				if len(r.Body) != 0 {
					t.Errorf("body %q, want none", r.Body)
				}
			} else {
				clCheckHeaders(t, r, ctFormType)
				sent, err := url.ParseQuery(string(r.Body))
				if err != nil {
					t.Fatalf("body %q: %v", r.Body, err)
				}
				if !reflect.DeepEqual(sent, form) {
					t.Errorf("form fields\n got  %v\n want %v", sent, form)
				}
				if string(r.Body) != form.Encode() {
					t.Errorf("body bytes %q, want %q", r.Body, form.Encode())
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

// TestClientFormFixturesDecode checks that every field of the spec's form
// examples is one the request types know (decoding with unknown names would
// silently drop it and the request test above would then compare against
// fewer fields than the example has).
func TestClientFormFixturesDecode(t *testing.T) {
	for name, encode := range map[string]func(t *testing.T) (string, error){
		"CreateService.create.request-form-params.json": func(t *testing.T) (string, error) {
			b, err := clRequestFixture[pr.ServicesCreateRequest](t, "CreateService.create.request-form-params.json").AppendJSON(nil)
			return string(b), err
		},
		"UpdateSession.update.request-form-params.json": func(t *testing.T) (string, error) {
			b, err := clRequestFixture[pr.SessionsUpdateRequest](t, "UpdateSession.update.request-form-params.json").AppendJSON(nil)
			return string(b), err
		},
		"CreateParticipant.createChannel.request-form-params.json": func(t *testing.T) (string, error) {
			b, err := clRequestFixture[pr.ParticipantsCreateRequest](t, "CreateParticipant.createChannel.request-form-params.json").AppendJSON(nil)
			return string(b), err
		},
	} {
		enc, err := encode(t)
		if err != nil {
			t.Fatal(err)
		}
		checkDiff(t, readFixture(t, name), []byte(enc), nil, nil)
	}
}

// TestClientValidationSendsNothing: a body or query that breaks the schema
// is reported as *ValidationError and never reaches the server; a nil body
// is an error too.
func TestClientValidationSendsNothing(t *testing.T) {
	stub := clNewStub(t, func(w http.ResponseWriter, r *http.Request, n int) { clReply(w, 500, nil) })
	c := clNewClient(t, stub.srv.URL)
	ctx := context.Background()
	var ve *pr.ValidationError

	_, err := c.Services.Create(ctx, &pr.ServicesCreateRequest{UniqueName: "My Service", CallbackURL: pr.Some("www.example.com")})
	if !errors.As(err, &ve) || len(ve.Violations) != 1 || ve.Violations[0].Path != "CallbackUrl" {
		t.Errorf("Services.Create: %v, want a *ValidationError on CallbackUrl", err)
	}
	_, err = c.Services.Sessions(ctServiceSID).Create(ctx, &pr.SessionsCreateRequest{Mode: pr.Some[pr.SessionMode]("voice-and-video")})
	if !errors.As(err, &ve) {
		t.Errorf("Sessions.Create: %v, want a *ValidationError", err)
	}
	_, err = c.Services.Sessions(ctServiceSID).Update(ctx, ctSessionSID, &pr.SessionsUpdateRequest{TTL: pr.Null[int32]()})
	if !errors.As(err, &ve) {
		t.Errorf("Sessions.Update: %v, want a *ValidationError", err)
	}
	if _, err = c.Services.Create(ctx, nil); err == nil {
		t.Error("Services.Create(nil): no error")
	}
	items, err := clCollect(c.Services.Sessions(ctServiceSID).List(ctx, &pr.SessionsListParams{PageSize: pr.Some[int64](0)}))
	if !errors.As(err, &ve) || len(items) != 0 {
		t.Errorf("Sessions.List: %d items, %v; want a *ValidationError", len(items), err)
	}
	if _, err := c.Services.Sessions(ctServiceSID).ListPage(ctx, &pr.SessionsListParams{PageSize: pr.Some[int64](1001)}); !errors.As(err, &ve) {
		t.Errorf("Sessions.ListPage: %v, want a *ValidationError", err)
	}
	if n := stub.count(); n != 0 {
		t.Errorf("the server saw %d requests, want 0", n)
	}
}

// TestClientPathEscaping: a path argument stays one path segment, and
// one that is a dot segment is refused before anything is sent.
func TestClientPathEscaping(t *testing.T) {
	stub := clNewStub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		clReply(w, 200, readFixture(t, "FetchService.fetch.200.response.json"))
	})
	c := clNewClient(t, stub.srv.URL)
	if _, err := c.Services.Get(context.Background(), "KS a/b?c#d"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Services.Sessions("..").Get(context.Background(), ctSessionSID); err == nil {
		t.Error(`Sessions("..").Get: no error`)
	}
	reqs := stub.requests()
	if len(reqs) != 1 || reqs[0].Path != "/v1/Services/KS%20a%2Fb%3Fc%23d" || reqs[0].RawQuery != "" {
		t.Errorf("requests %+v, want only GET /v1/Services/KS%%20a%%2Fb%%3Fc%%23d", reqs)
	}
}

// ---------------------------------------------------------------- paging

// clThreePages serves five sessions in pages of 2, 2 and 1, linked by absolute
// meta.next_page_url values on the server's own origin.
func clThreePages(t *testing.T) *clStub {
	return clNewStub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		next := func(page int) string {
			return fmt.Sprintf("http://%s%s?PageSize=2&Page=%d&PageToken=PT%d", r.Host, ctSessionsPath, page, page)
		}
		switch r.URL.Query().Get("Page") {
		case "":
			clReply(w, 200, clPageBody("sessions", [][]byte{clSessionJSON(t, "KC01"), clSessionJSON(t, "KC02")}, next(1)))
		case "1":
			clReply(w, 200, clPageBody("sessions", [][]byte{clSessionJSON(t, "KC03"), clSessionJSON(t, "KC04")}, next(2)))
		case "2":
			clReply(w, 200, clPageBody("sessions", [][]byte{clSessionJSON(t, "KC05")}, ""))
		default:
			clReply(w, 404, []byte(`{"code":20404,"message":"no such page","status":404}`))
		}
	})
}

func clCheckThreePageRequests(t *testing.T, reqs []clRequest) {
	t.Helper()
	want := []string{"PageSize=2", "PageSize=2&Page=1&PageToken=PT1", "PageSize=2&Page=2&PageToken=PT2"}
	if len(reqs) != len(want) {
		t.Fatalf("%d requests, want %d", len(reqs), len(want))
	}
	for i, r := range reqs {
		if r.Method != "GET" || r.Path != ctSessionsPath || r.RawQuery != want[i] {
			t.Errorf("request %d: %s %s?%s, want GET %s?%s", i, r.Method, r.Path, r.RawQuery, ctSessionsPath, want[i])
		}
		clCheckHeaders(t, r, "")
	}
}

func TestClientPagingIterator(t *testing.T) {
	stub := clThreePages(t)
	c := clNewClient(t, stub.srv.URL)
	got, err := clCollect(c.Services.Sessions(ctServiceSID).List(context.Background(), &pr.SessionsListParams{PageSize: pr.Some[int64](2)}))
	if err != nil {
		t.Fatal(err)
	}
	var sids []string
	for _, s := range got {
		sids = append(sids, clSID(s))
	}
	if strings.Join(sids, ",") != "KC01,KC02,KC03,KC04,KC05" {
		t.Errorf("sessions %v", sids)
	}
	clCheckThreePageRequests(t, stub.requests())
}

func TestClientPagingPageNext(t *testing.T) {
	stub := clThreePages(t)
	c := clNewClient(t, stub.srv.URL)
	ctx := context.Background()
	page, err := c.Services.Sessions(ctServiceSID).ListPage(ctx, &pr.SessionsListParams{PageSize: pr.Some[int64](2)})
	var sizes []int
	for page != nil && err == nil {
		sizes = append(sizes, len(page.Items))
		if len(sizes) > 3 {
			t.Fatal("more than three pages")
		}
		if !page.HasNext() && len(sizes) < 3 {
			t.Errorf("page %d: HasNext false", len(sizes))
		}
		page, err = page.Next(ctx)
	}
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(sizes) != "[2 2 1]" {
		t.Errorf("page sizes %v, want [2 2 1]", sizes)
	}
	clCheckThreePageRequests(t, stub.requests())
}

// TestClientPagingBreakStopsFetching: breaking out of the loop fetches no further
// page and leaves no goroutine behind.
func TestClientPagingBreakStopsFetching(t *testing.T) {
	stub := clThreePages(t)
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	c := clNewClient(t, stub.srv.URL, pr.WithHTTPClient(&http.Client{Transport: tr}))
	before := runtime.NumGoroutine()
	n := 0
	for s, err := range c.Services.Sessions(ctServiceSID).List(context.Background(), &pr.SessionsListParams{PageSize: pr.Some[int64](2)}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
		if clSID(s) == "KC03" {
			break
		}
	}
	if n != 3 || stub.count() != 2 {
		t.Errorf("%d items and %d requests, want 3 and 2", n, stub.count())
	}
	tr.CloseIdleConnections()
	clSettleGoroutines(t, before)
}

// TestClientPagingContextCancel: a context cancelled during the loop ends it with
// the context's error, without another request.
func TestClientPagingContextCancel(t *testing.T) {
	stub := clThreePages(t)
	c := clNewClient(t, stub.srv.URL)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	n, errs := 0, 0
	var last error
	for _, err := range c.Services.Sessions(ctServiceSID).List(ctx, &pr.SessionsListParams{PageSize: pr.Some[int64](2)}) {
		if err != nil {
			errs++
			last = err
			continue // the iterator must stop by itself
		}
		n++
		cancel()
	}
	if n != 1 || errs != 1 || !errors.Is(last, context.Canceled) {
		t.Errorf("%d items, %d errors (last %v); want 1 item, then context.Canceled once", n, errs, last)
	}
	if stub.count() != 1 {
		t.Errorf("%d requests, want 1", stub.count())
	}
	// A context that has already ended sends nothing.
	if _, err := clCollect(c.Services.Sessions(ctServiceSID).List(ctx, nil)); !errors.Is(err, context.Canceled) || stub.count() != 1 {
		t.Errorf("with an ended context: %v after %d requests", err, stub.count())
	}
}

// TestClientPagingForeignNextLink: a next_page_url on another origin is refused
// with *ForeignURLError and never requested, so the credentials stay home.
func TestClientPagingForeignNextLink(t *testing.T) {
	var foreign atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		foreign.Add(1)
		clReply(w, 200, clPageBody("sessions", nil, ""))
	}))
	defer other.Close()
	for _, next := range []string{
		other.URL + ctSessionsPath + "?PageSize=2&Page=1",
		"https://" + strings.TrimPrefix(other.URL, "http://") + ctSessionsPath, // other scheme
		"//evil.example" + ctSessionsPath,                                      // scheme-relative
		"http://user:pass@" + strings.TrimPrefix(other.URL, "http://") + "/x",  // user info
	} {
		t.Run(next, func(t *testing.T) {
			stub := clNewStub(t, func(w http.ResponseWriter, r *http.Request, n int) {
				clReply(w, 200, clPageBody("sessions", [][]byte{clSessionJSON(t, "KC01")}, next))
			})
			c := clNewClient(t, stub.srv.URL)
			_, err := clCollect(c.Services.Sessions(ctServiceSID).List(context.Background(), nil))
			var fe *pr.ForeignURLError
			if !errors.As(err, &fe) {
				t.Errorf("iterator: %v, want *ForeignURLError", err)
			}
			if _, err := c.Services.Sessions(ctServiceSID).ListPage(context.Background(), nil); !errors.As(err, &fe) {
				t.Errorf("ListPage: %v, want *ForeignURLError", err)
			}
			if err != nil && strings.Contains(err.Error(), "pass") {
				t.Errorf("error %q shows the link's user info", err)
			}
			if stub.count() != 2 {
				t.Errorf("%d requests to the API, want 2", stub.count())
			}
		})
	}
	if n := foreign.Load(); n != 0 {
		t.Errorf("the other origin saw %d requests", n)
	}
}

// TestClientPagingRelativeNextLink: a relative next_page_url is resolved against
// the base URL.
func TestClientPagingRelativeNextLink(t *testing.T) {
	stub := clNewStub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 0 {
			clReply(w, 200, clPageBody("sessions", [][]byte{clSessionJSON(t, "KC01")}, ctSessionsPath+"?Page=1"))
			return
		}
		clReply(w, 200, clPageBody("sessions", [][]byte{clSessionJSON(t, "KC02")}, ""))
	})
	c := clNewClient(t, stub.srv.URL)
	got, err := clCollect(c.Services.Sessions(ctServiceSID).List(context.Background(), nil))
	reqs := stub.requests()
	if err != nil || len(got) != 2 || len(reqs) != 2 || reqs[1].Path != ctSessionsPath || reqs[1].RawQuery != "Page=1" {
		t.Errorf("%d items, %v, requests %+v", len(got), err, reqs)
	}
}

// TestClientPagingSamePageStops: a server that keeps announcing the page it just
// sent does not make the iterator loop forever.
func TestClientPagingSamePageStops(t *testing.T) {
	stub := clNewStub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		self := "http://" + r.Host + ctSessionsPath + "?Page=1"
		clReply(w, 200, clPageBody("sessions", [][]byte{clSessionJSON(t, "KC01")}, self))
	})
	c := clNewClient(t, stub.srv.URL)
	_, err := clCollect(c.Services.Sessions(ctServiceSID).List(context.Background(), nil))
	if err == nil || stub.count() > 3 {
		t.Errorf("%v after %d requests, want an error after at most 3", err, stub.count())
	}
}

// ---------------------------------------------------------------- errors

// TestClientErrorTextIsClean: a hostile error answer (a message with a
// newline, ESC and BEL, a 500 KiB request id header) gives an error string
// with no control character and at most 128 bytes of each piece of server
// text, while APIError's fields keep what the server sent.
func TestClientErrorTextIsClean(t *testing.T) {
	requestID := strings.Repeat("R", 500<<10)
	stub := clNewStub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		clReply(w, 404, []byte(`{"code":20404,"message":"gone\n2026-01-01 INFO forged line\u001b[2J\u0007","status":404}`), "Twilio-Request-Id", requestID)
	})
	c := clNewClient(t, stub.srv.URL)
	_, err := c.Services.Get(context.Background(), ctServiceSID)
	var ae *pr.APIError
	if !errors.As(err, &ae) || ae.Code != 20404 || ae.RequestID != requestID || !strings.Contains(ae.Message, "\n") {
		t.Fatalf("%v: want the APIError with the server's fields as sent", err)
	}
	text := err.Error()
	if want := "proxy: HTTP 404 20404: gone?2026-01-01 INFO forged line?[2J? (request id "; !strings.HasPrefix(text, want) {
		t.Errorf("Error() = %.200q, want prefix %q", text, want)
	}
	if strings.ContainsFunc(text, func(r rune) bool { return r < 0x20 || r == 0x7f }) || len(text) > 300 {
		t.Errorf("Error() has %d bytes or a control character: %.300q", len(text), text)
	}
}

func TestClientErrorBodies(t *testing.T) {
	for _, tc := range []struct {
		file    string
		status  int
		details bool
		decodes bool
	}{
		{"sdk-tests/twilio-go.client_test.error-400-20001.json", 400, false, true},
		{"sdk-tests/twilio-go.client_test.error-400-20001-with-details.json", 400, true, true},
		{"sdk-tests/twilio-go.error_test.error-20001-compact.json", 400, false, true},
		// Invalid JSON (a trailing comma): Code and Message are still read,
		// Body stays nil.
		{"sdk-tests/twilio-go.client_test.error-400-20001-trailing-comma.INVALID.json.txt", 400, false, false},
	} {
		t.Run(tc.file, func(t *testing.T) {
			body := readFixture(t, tc.file)
			stub := clNewStub(t, func(w http.ResponseWriter, r *http.Request, n int) {
				clReply(w, tc.status, body, "Twilio-Request-Id", "RQ0123456789abcdef")
			})
			c := clNewClient(t, stub.srv.URL)
			for _, call := range []func() error{
				func() error { _, err := c.Services.Get(context.Background(), ctServiceSID); return err },
				func() error {
					_, err := c.Services.Sessions(ctServiceSID).Create(context.Background(), &pr.SessionsCreateRequest{})
					return err
				},
				func() error { return c.Services.Delete(context.Background(), ctServiceSID) },
				func() error { _, err := clCollect(c.Services.List(context.Background(), nil)); return err },
			} {
				err := call()
				var ae *pr.APIError
				if !errors.As(err, &ae) {
					t.Fatalf("%v, want *APIError", err)
				}
				if ae.StatusCode != 400 || ae.Code != 20001 || ae.Message != "Bad request" || ae.RequestID != "RQ0123456789abcdef" {
					t.Errorf("APIError %+v", ae)
				}
				if want := "proxy: HTTP 400 20001: Bad request (request id RQ0123456789abcdef)"; err.Error() != want {
					t.Errorf("Error() = %q, want %q", err.Error(), want)
				}
				if !tc.decodes {
					if ae.Body != nil {
						t.Errorf("Body %+v from invalid JSON", ae.Body)
					}
					continue
				}
				if ae.Body == nil {
					t.Fatal("Body is nil")
				}
				status, _ := ae.Body.Status.Get()
				more, _ := ae.Body.MoreInfo.Get()
				details := ae.Body.Details
				if ae.Body.Code != 20001 || ae.Body.Message != "Bad request" || status != 400 || more != "https://www.twilio.com/docs/errors/20001" {
					t.Errorf("Body %+v", ae.Body)
				}
				if tc.details != (string(details["foo"]) == `"bar"`) {
					t.Errorf("Body.Details %s", details)
				}
			}
			if n := stub.count(); n != 4 {
				t.Errorf("%d requests, want 4 (400 is not retried)", n)
			}
		})
	}
}

// TestClientErrorWithoutBody: a status with no body or a non-JSON body is still an
// *APIError with the status.
func TestClientErrorWithoutBody(t *testing.T) {
	stub := clNewStub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 0 {
			clReply(w, 404, nil)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(500)
		_, _ = io.WriteString(w, "<html>oops</html>")
	})
	c := clNewClient(t, stub.srv.URL)
	for _, want := range []int{404, 500} {
		_, err := c.Services.Get(context.Background(), ctServiceSID)
		var ae *pr.APIError
		if !errors.As(err, &ae) || ae.StatusCode != want || ae.Body != nil || ae.Code != 0 {
			t.Errorf("%v (%+v), want a bare *APIError %d", err, ae, want)
		}
	}
	if stub.count() != 2 {
		t.Errorf("%d requests, want 2 (500 is not retried)", stub.count())
	}
}

// ---------------------------------------------------------------- retries

// clStatusSequence answers with the given statuses in turn, then the
// documented success status (clDocumentedStatus) with ok; a status below 0 means 429 with the Retry-After header
// value -status-1000 (so -1000 is "Retry-After: 0").
func clStatusSequence(t *testing.T, ok []byte, statuses ...int) *clStub {
	return clNewStub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n >= len(statuses) {
			clReply(w, clDocumentedStatus(r), ok)
			return
		}
		body := []byte(`{"code":20429,"message":"Too Many Requests","more_info":"https://www.twilio.com/docs/errors/20429","status":429}`)
		switch s := statuses[n]; {
		case s < 0:
			clReply(w, 429, body, "Retry-After", strconv.Itoa(-s-1000))
		case s == 429:
			clReply(w, 429, body)
		default:
			clReply(w, s, []byte(`{"code":20500,"message":"Internal","status":`+strconv.Itoa(s)+`}`))
		}
	})
}

func TestClientRetryGet(t *testing.T) {
	for _, statuses := range [][]int{{503, 503}, {502, 504}, {429, 429}} {
		stub := clStatusSequence(t, readFixture(t, "FetchService.fetch.200.response.json"), statuses...)
		c := clNewClient(t, stub.srv.URL)
		s, err := c.Services.Get(context.Background(), ctServiceSID)
		if err != nil || s == nil || stub.count() != 3 {
			t.Errorf("%v: %v after %d requests, want success after 3", statuses, err, stub.count())
		}
	}
	// Attempts are bounded: three 503s give the third one's error.
	stub := clStatusSequence(t, nil, 503, 503, 503, 503)
	c := clNewClient(t, stub.srv.URL)
	_, err := c.Services.Get(context.Background(), ctServiceSID)
	var ae *pr.APIError
	if !errors.As(err, &ae) || ae.StatusCode != 503 || stub.count() != 3 {
		t.Errorf("%v after %d requests, want the 503 after 3", err, stub.count())
	}
	// 500 is not retried, nor is any status under NoRetry.
	stub = clStatusSequence(t, nil, 500)
	c = clNewClient(t, stub.srv.URL)
	if _, err := c.Services.Get(context.Background(), ctServiceSID); err == nil || stub.count() != 1 {
		t.Errorf("500: %v after %d requests, want an error after 1", err, stub.count())
	}
	stub = clStatusSequence(t, nil, 503)
	c = clNewClient(t, stub.srv.URL, pr.WithRetryPolicy(pr.NoRetry()))
	if _, err := c.Services.Get(context.Background(), ctServiceSID); err == nil || stub.count() != 1 {
		t.Errorf("NoRetry: %v after %d requests, want an error after 1", err, stub.count())
	}
}

// TestClientRetryPostOnlyWhenNotProcessed: a POST is retried on 429 (Twilio
// documents it as never processed), with the same body, but sent once on 503.
func TestClientRetryPostOnlyWhenNotProcessed(t *testing.T) {
	req := clRequestFixture[pr.SessionsCreateRequest](t, "CreateSession.create.request-form-params.json")
	created := readFixture(t, "CreateSession.create.201.response.json")

	stub := clStatusSequence(t, created, 429, 429)
	c := clNewClient(t, stub.srv.URL)
	s, err := c.Services.Sessions(ctServiceSID).Create(context.Background(), req)
	if err != nil || clSID(s) != ctSessionSID {
		t.Fatalf("Create after two 429s: %v", err)
	}
	reqs := stub.requests()
	if len(reqs) != 3 {
		t.Fatalf("%d requests, want 3", len(reqs))
	}
	for _, r := range reqs {
		if r.Method != "POST" || string(r.Body) != string(reqs[0].Body) || len(r.Body) == 0 {
			t.Errorf("attempt %s %q, want the same POST body %q", r.Method, r.Body, reqs[0].Body)
		}
		clCheckHeaders(t, r, ctFormType)
	}

	for _, status := range []int{502, 503, 504} {
		stub := clStatusSequence(t, created, status)
		c := clNewClient(t, stub.srv.URL)
		_, err := c.Services.Sessions(ctServiceSID).Create(context.Background(), req)
		var ae *pr.APIError
		if !errors.As(err, &ae) || ae.StatusCode != status || stub.count() != 1 {
			t.Errorf("POST on %d: %v after %d requests, want the %d after exactly 1", status, err, stub.count(), status)
		}
	}
	// Update is a POST too.
	stub = clStatusSequence(t, created, 503)
	c = clNewClient(t, stub.srv.URL)
	if _, err := c.Services.Sessions(ctServiceSID).Update(context.Background(), ctSessionSID, &pr.SessionsUpdateRequest{TTL: pr.Some[int32](1)}); err == nil || stub.count() != 1 {
		t.Errorf("Update on 503: %v after %d requests", err, stub.count())
	}
	// DELETE is idempotent: retried.
	stub = clStatusSequence(t, nil, 503)
	c = clNewClient(t, stub.srv.URL)
	if err := c.Services.Delete(context.Background(), ctServiceSID); err != nil || stub.count() != 2 {
		t.Errorf("Delete after a 503: %v after %d requests", err, stub.count())
	}
}

// TestClientRetryAfter: the server's Retry-After replaces the backoff. A backoff of
// up to 1000 hours would end retrying (MaxElapsed is a minute), so success
// after "Retry-After: 0" shows the header was used; a Retry-After beyond
// MaxElapsed ends retrying at once although the backoff would be zero.
func TestClientRetryAfter(t *testing.T) {
	created := readFixture(t, "CreateSession.create.201.response.json")
	slowBackoff := pr.RetryPolicy{MaxAttempts: 3, InitialBackoff: 1000 * time.Hour, MaxElapsed: time.Minute}
	stub := clStatusSequence(t, created, -1000)
	c := clNewClient(t, stub.srv.URL, pr.WithRetryPolicy(slowBackoff))
	if _, err := c.Services.Sessions(ctServiceSID).Create(context.Background(), &pr.SessionsCreateRequest{}); err != nil || stub.count() != 2 {
		t.Errorf("Retry-After: 0: %v after %d requests, want success after 2", err, stub.count())
	}

	noBackoff := pr.RetryPolicy{MaxAttempts: 3, MaxElapsed: time.Minute}
	stub = clStatusSequence(t, created, -1000-3600, -1000-3600)
	c = clNewClient(t, stub.srv.URL, pr.WithRetryPolicy(noBackoff))
	_, err := c.Services.Sessions(ctServiceSID).Create(context.Background(), &pr.SessionsCreateRequest{})
	var ae *pr.APIError
	if !errors.As(err, &ae) || ae.StatusCode != 429 || ae.Code != 20429 || stub.count() != 1 {
		t.Errorf("Retry-After: 3600: %v after %d requests, want the 429 after 1", err, stub.count())
	}
}

// clCancelOnRetry is a slog handler that cancels a context when the client
// logs that it is about to wait for a retry.
type clCancelOnRetry struct{ cancel context.CancelFunc }

func (h clCancelOnRetry) Enabled(context.Context, slog.Level) bool { return true }
func (h clCancelOnRetry) Handle(_ context.Context, r slog.Record) error {
	if r.Level == slog.LevelWarn {
		h.cancel()
	}
	return nil
}
func (h clCancelOnRetry) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h clCancelOnRetry) WithGroup(string) slog.Handler      { return h }

// TestClientRetryWaitEndsWithContext: a context that ends while the client waits
// out a long Retry-After returns at once, with both the context's error and
// the last response's.
func TestClientRetryWaitEndsWithContext(t *testing.T) {
	stub := clStatusSequence(t, nil, -1000-3600)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c := clNewClient(t, stub.srv.URL,
		pr.WithRetryPolicy(pr.RetryPolicy{MaxAttempts: 3}),
		pr.WithLogger(slog.New(clCancelOnRetry{cancel})))
	_, err := c.Services.Get(ctx, ctServiceSID)
	var ae *pr.APIError
	if !errors.Is(err, context.Canceled) || !errors.As(err, &ae) || ae.StatusCode != 429 || stub.count() != 1 {
		t.Errorf("%v after %d requests, want context.Canceled and the 429 after 1", err, stub.count())
	}
}

// ---------------------------------------------------------------- secrets

// TestClientCredentialsNeverLeak: the auth token reaches the server but no error
// string and no log record (at Debug level) ever holds it, nor the
// Authorization header value.
func TestClientCredentialsNeverLeak(t *testing.T) {
	authValue := base64.StdEncoding.EncodeToString([]byte(ctAccountSID + ":" + ctCanary))
	secrets := []string{ctCanary, authValue}
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))

	var foreign atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { foreign.Add(1) }))
	defer other.Close()

	stub := clNewStub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		switch r.URL.Query().Get("case") {
		case "ok":
			clReply(w, 200, readFixture(t, "FetchService.fetch.200.response.json"))
		case "4xx":
			clReply(w, 401, []byte(`{"code":20003,"message":"Authenticate","more_info":"https://www.twilio.com/docs/errors/20003","status":401}`))
		case "5xx":
			clReply(w, 503, []byte(`{"code":20503,"message":"Service Unavailable","status":503}`))
		case "foreign":
			clReply(w, 200, clPageBody("services", nil, other.URL+"/v1/Services?Page=1"))
		case "429":
			clReply(w, 429, []byte(`{"code":20429,"message":"Too Many Requests","status":429}`))
		}
	})
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close() // connection refused

	run := func(name, base string, call func(c *pr.Client) error) {
		t.Run(name, func(t *testing.T) {
			logs.Reset()
			c := clNewClient(t, base, pr.WithLogger(logger))
			err := call(c)
			if err == nil && name != "ok" {
				t.Fatal("no error")
			}
			text := logs.String()
			if err != nil {
				text += "\n" + err.Error() + "\n" + fmt.Sprintf("%+v %#v", err, err)
			}
			for _, s := range secrets {
				if strings.Contains(text, s) {
					t.Errorf("%q leaks into:\n%s", s, text)
				}
			}
			if logs.Len() == 0 {
				t.Error("nothing was logged: the check would be vacuous")
			}
		})
	}
	run("ok", stub.srv.URL+"?case=ok", func(c *pr.Client) error { _, err := c.Services.Get(context.Background(), ctServiceSID); return err })
	run("4xx", stub.srv.URL+"?case=4xx", func(c *pr.Client) error { _, err := c.Services.Get(context.Background(), ctServiceSID); return err })
	run("5xx-retried", stub.srv.URL+"?case=5xx", func(c *pr.Client) error { _, err := c.Services.Get(context.Background(), ctServiceSID); return err })
	run("429-post-retried", stub.srv.URL+"?case=429", func(c *pr.Client) error {
		_, err := c.Services.Create(context.Background(), &pr.ServicesCreateRequest{UniqueName: "x"})
		return err
	})
	run("foreign-next", stub.srv.URL+"?case=foreign", func(c *pr.Client) error {
		_, err := clCollect(c.Services.List(context.Background(), nil))
		return err
	})
	run("connection-refused", closed.URL, func(c *pr.Client) error { _, err := c.Services.Get(context.Background(), ctServiceSID); return err })

	// The server did get the credentials (so the checks above are not
	// vacuous), and the other origin got nothing.
	seen := 0
	for _, r := range stub.requests() {
		if _, pass, ok := (&http.Request{Header: r.Header}).BasicAuth(); ok && pass == ctCanary {
			seen++
		}
	}
	if seen != stub.count() || seen < 1+1+3+3+1 {
		t.Errorf("%d of %d requests carried the token", seen, stub.count())
	}
	if foreign.Load() != 0 {
		t.Errorf("the other origin saw %d requests", foreign.Load())
	}
}

// TestClientRedirects: the default HTTP client follows a redirect on the API's
// origin (with the credentials) and refuses one to another origin, which
// then sees nothing.
func TestClientRedirects(t *testing.T) {
	var foreign atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { foreign.Add(1) }))
	defer other.Close()
	stub := clNewStub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		switch r.URL.Path {
		case "/v1/Services/KSold":
			http.Redirect(w, r, "/v1/Services/"+ctServiceSID, http.StatusTemporaryRedirect)
		case "/v1/Services/KSaway":
			http.Redirect(w, r, other.URL+"/v1/Services/"+ctServiceSID, http.StatusTemporaryRedirect)
		default:
			clReply(w, 200, readFixture(t, "FetchService.fetch.200.response.json"))
		}
	})
	c := clNewClient(t, stub.srv.URL) // DefaultHTTPClient
	if _, err := c.Services.Get(context.Background(), "KSold"); err != nil {
		t.Errorf("same-origin redirect: %v", err)
	}
	reqs := stub.requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests, want 2", len(reqs))
	}
	clCheckHeaders(t, reqs[1], "")

	_, err := c.Services.Get(context.Background(), "KSaway")
	if err == nil || strings.Contains(err.Error(), ctCanary) {
		t.Errorf("cross-origin redirect: %v", err)
	}
	if foreign.Load() != 0 || stub.count() != 3 {
		t.Errorf("the other origin saw %d requests, the API %d (want 0 and 3: no retry)", foreign.Load(), stub.count())
	}
}

// ---------------------------------------------------------------- size cap

// clHugeAnswer writes a 200 (or status) body in 64 KiB chunks until the client
// goes away, 32 MiB at most; declare sets a Content-Length of that size.
func clHugeAnswer(status int, declare bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		const chunk, maxChunks = 64 << 10, 512
		w.Header().Set("Content-Type", "application/json")
		if declare {
			w.Header().Set("Content-Length", strconv.Itoa(chunk*maxChunks))
		}
		w.WriteHeader(status)
		buf := bytes.Repeat([]byte(" "), chunk)
		rc := http.NewResponseController(w)
		for i := 0; i < maxChunks; i++ {
			if _, err := w.Write(buf); err != nil {
				return
			}
			if rc.Flush() != nil {
				return
			}
		}
	}
}

func TestClientResponseTooLarge(t *testing.T) {
	for _, tc := range []struct {
		name    string
		status  int
		declare bool
	}{
		{"streamed", 200, false},
		{"declared", 200, true},
		{"error-status", 400, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(clHugeAnswer(tc.status, tc.declare))
			defer srv.Close()
			c := clNewClient(t, srv.URL, pr.WithMaxResponseBytes(1<<20), pr.WithRetryPolicy(pr.NoRetry()))
			_, err := c.Services.Get(context.Background(), ctServiceSID)
			var tl *pr.ResponseTooLargeError
			if !errors.As(err, &tl) || tl.Limit != 1<<20 {
				t.Errorf("Get: %v, want *ResponseTooLargeError{1 MiB}", err)
			}
			_, err = clCollect(c.Services.List(context.Background(), nil))
			if !errors.As(err, &tl) {
				t.Errorf("List: %v, want *ResponseTooLargeError", err)
			}
		})
	}
}

// ---------------------------------------------------------------- options

// TestClientNewClientChecksBaseURL: NewClient refuses a base URL that the
// runtime's own transport constructor refuses (not http or https, user info
// in it: "base URL must not carry credentials; use Authorize"), and its
// error never quotes a credential.
func TestClientNewClientChecksBaseURL(t *testing.T) {
	for _, base := range []string{
		"ftp://proxy.twilio.com",
		"https://" + ctAccountSID + ":" + ctCanary + "@proxy.twilio.com",
		"http://" + ctAccountSID + ":" + ctCanary + "@[::1", // unparsable
		"proxy.twilio.com",
	} {
		c, err := pr.NewClient(pr.WithBaseURL(base))
		if err == nil || c != nil {
			t.Errorf("NewClient(WithBaseURL(%q)) accepted it", base)
			continue
		}
		if strings.Contains(err.Error(), ctCanary) {
			t.Errorf("NewClient(WithBaseURL(%q)): the error %q quotes the auth token", base, err)
		}
	}
	if _, err := pr.NewClient(); err != nil {
		t.Errorf("NewClient() with the default base URL: %v", err)
	}
}

// clDocumentedStatus is the success status Twilio's spec documents for a
// request of these tests: 204 for a DELETE, 201 for a POST to a collection
// (a create: the last segment is not a 34-character SID), 200 otherwise.
func clDocumentedStatus(r *http.Request) int {
	last := r.URL.Path[strings.LastIndex(r.URL.Path, "/")+1:]
	switch {
	case r.Method == http.MethodDelete:
		return http.StatusNoContent
	case r.Method == http.MethodPost && len(last) != 34:
		return http.StatusCreated
	}
	return http.StatusOK
}
