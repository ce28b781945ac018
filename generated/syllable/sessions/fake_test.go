// Hand-written tests of the generated fake (not generated): the real client
// against httptest.NewServer(NewFakeServer()), seeded with Put and PutRaw.

package sessions_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"testing"

	sy "github.com/sessiongen/sessiongen/generated/syllable/sessions"
	"github.com/sessiongen/sessiongen/generated/syllable/sessions/sessionsfake"
)

func fkServe(t *testing.T) (*sessionsfake.FakeServer, *httptest.Server, *sy.Client) {
	t.Helper()
	fake := sessionsfake.NewFakeServer()
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	return fake, srv, clNewClient(t, srv.URL, sy.WithRetryPolicy(sy.NoRetry()))
}

// TestFakeListPages: seeded sessions are listed with page/limit; the body
// carries the totals, and the client stops at total_pages.
func TestFakeListPages(t *testing.T) {
	fake, srv, c := fkServe(t)
	ctx := context.Background()
	var want []string
	for i := range 7 {
		id := fmt.Sprintf("s%d", i)
		want = append(want, id)
		fake.Put("/api/v1/sessions/"+id, clSession(t, id))
	}
	// Other answers under /api/v1/sessions/ are not sessions: not listed.
	fake.Put("/api/v1/sessions/transcript/s0", readFixture(t, "session-transcript.docs-example.200.response.json"))
	fake.PutRaw("/api/v1/sessions/recording/stream", "audio/wav", []byte("RIFF"))

	before := len(fake.Requests())
	got, err := clCollect(c.Sessions.List(ctx, &sy.SessionsListParams{Limit: sy.Some[int64](3)}))
	if err != nil || clIDs(got) != strings.Join(want, ",") {
		t.Errorf("listed %s, %v; want %v", clIDs(got), err, want)
	}
	var queries []string
	for _, r := range fake.Requests()[before:] {
		queries = append(queries, r.RawQuery)
		if r.Header.Get("Syllable-API-Key") != ctCanary {
			t.Errorf("%s %s without the API key", r.Method, r.Path)
		}
	}
	if fmt.Sprint(queries) != "[limit=3 limit=3&page=1 limit=3&page=2]" {
		t.Errorf("queries %v, want three pages and no more", queries)
	}
	if !reflect.DeepEqual(got[4], clDecode[sy.Session](t, clSession(t, "s4"))) {
		t.Errorf("s4 %+v", got[4])
	}

	page, err := c.Sessions.ListPage(ctx, &sy.SessionsListParams{Page: sy.Some[int64](1), Limit: sy.Some[int64](3)})
	if err != nil || clIDs(page.Items) != "s3,s4,s5" || !page.HasNext() {
		t.Fatalf("page 1: %v, %v", page, err)
	}
	if page, err = page.Next(ctx); err != nil || clIDs(page.Items) != "s6" || page.HasNext() {
		t.Errorf("page 2: %v, %v", page, err)
	}

	// The totals as the fake writes them.
	resp, err := http.Get(srv.URL + "/api/v1/sessions/?limit=3&page=2")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		Items      []json.RawMessage `json:"items"`
		TotalPages int               `json:"total_pages"`
		TotalCount int               `json:"total_count"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || len(body.Items) != 1 || body.TotalPages != 3 || body.TotalCount != 7 {
		t.Errorf("page 2 body: %+v, %v; want 1 item, total_pages 3, total_count 7", body, err)
	}
}

// TestFakeSeededAnswers: get, transcript, summary, latency, timeline and
// recording URLs come back as seeded with Put; the recording stream as
// seeded with PutRaw.
func TestFakeSeededAnswers(t *testing.T) {
	fake, _, c := fkServe(t)
	ctx := context.Background()
	session := readFixture(t, "session-get-by-id.docs-example.200.response.json")
	transcript := readFixture(t, "session-transcript.docs-example.200.response.json")
	fake.Put("/api/v1/sessions/"+ctSessionID, session)
	fake.Put("/api/v1/sessions/transcript/"+ctSessionID, transcript)
	fake.Put("/api/v1/sessions/full-summary/"+ctSessionID, []byte(clSummaryBody))
	fake.Put("/api/v1/sessions/latency/"+ctSessionID, []byte(clLatencyBody))
	fake.Put("/api/v1/sessions/timeline/"+ctSessionID, []byte(clTimelineBody))
	fake.Put("/api/v1/sessions/recording/"+ctSessionID, []byte(clRecordingURL))
	audio := []byte("RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00")
	fake.PutRaw("/api/v1/sessions/recording/stream", "audio/wav", audio)

	if got, err := c.Sessions.Get(ctx, ctSessionID); err != nil || !reflect.DeepEqual(got, clDecode[sy.Session](t, session)) {
		t.Errorf("Get: %+v, %v", got, err)
	}
	if got, err := c.Sessions.Transcript(ctx, ctSessionID); err != nil || !reflect.DeepEqual(got, clDecode[sy.SessionTranscriptionResponse](t, transcript)) {
		t.Errorf("Transcript: %+v, %v", got, err)
	}
	if got, err := c.Sessions.FullSummary(ctx, ctSessionID); err != nil || got.Rating.Or("") != "good" {
		t.Errorf("FullSummary: %+v, %v", got, err)
	}
	if got, err := c.Sessions.Latency(ctx, ctSessionID); err != nil || len(got.Timeline) != 1 || got.Timeline[0].Value != 512.5 {
		t.Errorf("Latency: %+v, %v", got, err)
	}
	if got, err := c.Sessions.Timeline(ctx, ctSessionID); err != nil || len(got.Events) != 1 || got.Events[0].Kind != sy.TimelineEventKindTool {
		t.Errorf("Timeline: %+v, %v", got, err)
	}
	rec, err := c.Sessions.GenerateRecordingURLs(ctx, ctSessionID)
	urls, _ := rec.Recordings.Get()
	if err != nil || len(urls) != 1 {
		t.Fatalf("GenerateRecordingURLs: %+v, %v", rec, err)
	}
	token := (func() string { u, _ := url.Parse(urls[0]); return u.Query().Get("token") })()
	if got, err := c.Sessions.RecordingStream(ctx, &sy.SessionsRecordingStreamParams{Token: token}); err != nil || string(got) != string(audio) {
		t.Errorf("RecordingStream: %q, %v", got, err)
	}
	last := fake.Requests()[len(fake.Requests())-1]
	if last.Path != "/api/v1/sessions/recording/stream" || last.RawQuery != "token=tok-1" {
		t.Errorf("last request %s?%s", last.Path, last.RawQuery)
	}
}

// TestFakeNotFound: what was not seeded is a 404 whose detail is the
// message, as FastAPI answers.
func TestFakeNotFound(t *testing.T) {
	_, _, c := fkServe(t)
	ctx := context.Background()
	for name, call := range map[string]func() error{
		"Get":        func() error { _, err := c.Sessions.Get(ctx, "nope"); return err },
		"Transcript": func() error { _, err := c.Sessions.Transcript(ctx, "nope"); return err },
		"Recording":  func() error { _, err := c.Sessions.GenerateRecordingURLs(ctx, "nope"); return err },
		"Stream": func() error {
			_, err := c.Sessions.RecordingStream(ctx, &sy.SessionsRecordingStreamParams{Token: "t"})
			return err
		},
	} {
		err := call()
		var ae *sy.APIError
		if !errors.As(err, &ae) || ae.StatusCode != 404 || ae.Message == "" {
			t.Errorf("%s: %v (%+v), want *APIError 404 with a message", name, err, ae)
		}
	}
	if got, err := clCollect(c.Sessions.List(ctx, nil)); err != nil || len(got) != 0 {
		t.Errorf("empty list: %d, %v", len(got), err)
	}
}
