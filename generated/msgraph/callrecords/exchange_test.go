// Hand-written tests (not generated): Graph's request headers, documented
// success statuses and text/plain $count answers.

package callrecords_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	cr "github.com/sessiongen/sessiongen/generated/msgraph/callrecords"
)

// TestClientCountTextPlain: every $count method (ODataCountResponse in
// Graph's OpenAPI: an integer in a text/plain body) asks for text/plain and
// returns the integer; white space around it is allowed; a body that is not
// one integer is an error that does not quote it; an empty 200 is an
// *EmptyResponseError, never a zero count.
func TestClientCountTextPlain(t *testing.T) {
	var answer []byte
	status := http.StatusOK
	stub := clNewStub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		w.Header().Set("Content-Type", "text/plain")
		w.WriteHeader(status)
		_, _ = w.Write(answer)
	})
	c := clNewClient(t, stub.srv.URL, cr.WithRetryPolicy(cr.NoRetry()))
	ctx := context.Background()
	sessions := c.CallRecords.Sessions(ctRecordID)
	counts := []struct {
		path  string
		count func() (int64, error)
	}{
		{"/communications/callRecords/$count", func() (int64, error) { return c.CallRecords.Count(ctx, nil) }},
		{"/communications/callRecords/" + ctRecordID + "/sessions/$count", func() (int64, error) { return sessions.Count(ctx, nil) }},
		{"/communications/callRecords/" + ctRecordID + "/sessions/" + ctSessionID + "/segments/$count", func() (int64, error) {
			return sessions.Segments(ctSessionID).Count(ctx, nil)
		}},
		{"/communications/callRecords/" + ctRecordID + "/participants_v2/$count", func() (int64, error) {
			return c.CallRecords.ParticipantsV2(ctRecordID).Count(ctx, nil)
		}},
	}
	for _, cnt := range counts {
		answer = []byte("9007199254740993\n") // beyond float64's exact integers
		got, err := cnt.count()
		if err != nil || got != 9007199254740993 {
			t.Errorf("%s: %d, %v", cnt.path, got, err)
		}
		reqs := stub.requests()
		last := reqs[len(reqs)-1]
		if last.Path != cnt.path || last.Header.Get("Accept") != "text/plain" {
			t.Errorf("sent %s Accept %q, want %s Accept text/plain", last.Path, last.Header.Get("Accept"), cnt.path)
		}
		for _, bad := range []string{"twelve", "12 13", "1.5", `"12"`} {
			answer = []byte(bad)
			if got, err := cnt.count(); err == nil || bytes.Contains([]byte(err.Error()), []byte(bad)) {
				t.Errorf("%s answered %q: %d, %v; want an error that does not quote the body", cnt.path, bad, got, err)
			}
		}
		answer = nil
		var ee *cr.EmptyResponseError
		if _, err := cnt.count(); !errors.As(err, &ee) {
			t.Errorf("%s answered an empty 200: %v, want *EmptyResponseError", cnt.path, err)
		}
	}
}

// TestClientDocumentedNoContent: Graph documents 201 or 204 for a create
// and 200 or 204 for an update (204 with Prefer: return=minimal): a 204 is
// then a success with no value, not an *EmptyResponseError; a 201 decodes;
// a 202, which neither documents, is an *UnexpectedStatusError with the
// body kept.
func TestClientDocumentedNoContent(t *testing.T) {
	session := clSession(t, ctSessionID)
	answers := []struct {
		status int
		body   []byte
	}{{204, nil}, {204, nil}, {201, session}, {202, session}}
	stub := clNewStub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		clReply(w, answers[n].status, answers[n].body)
	})
	c := clNewClient(t, stub.srv.URL, cr.WithRetryPolicy(cr.NoRetry()))
	ctx := context.Background()
	sessions := c.CallRecords.Sessions(ctRecordID)
	body := &cr.Session{StartDateTime: clStart, EndDateTime: clEnd, Modalities: []cr.Modality{}}
	if s, err := sessions.Create(ctx, body); err != nil || s != nil {
		t.Errorf("create answered 204: %v, %v; want nil, nil", s, err)
	}
	if s, err := sessions.Update(ctx, ctSessionID, &cr.SessionUpdate{EndDateTime: cr.Some(clEnd)}); err != nil || s != nil {
		t.Errorf("update answered 204: %v, %v; want nil, nil", s, err)
	}
	if s, err := sessions.Create(ctx, body); err != nil || s == nil || s.ID != ctSessionID {
		t.Errorf("create answered 201: %+v, %v", s, err)
	}
	s, err := sessions.Create(ctx, body)
	var ue *cr.UnexpectedStatusError
	if !errors.As(err, &ue) || s != nil || ue.StatusCode != 202 || !bytes.Equal(ue.Body, session) {
		t.Errorf("create answered 202: %v, %v; want *UnexpectedStatusError keeping the body", s, err)
	}
}

// TestClientGraphHeaders: the API-wide Prefer header (Graph's preferences)
// set with WithRequestHeaders is sent comma-joined on every request of a
// call, next pages included, and on no call without it; an element that
// would split the list is refused before anything is sent. Segments.Delete
// sends If-Match only when set.
func TestClientGraphHeaders(t *testing.T) {
	var stub *clStub
	stub = clNewStub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if r.Method == http.MethodDelete {
			clReply(w, http.StatusNoContent, nil)
			return
		}
		page := `{"value":[` + string(clSession(t, ctSessionID)) + `]`
		if !strings.Contains(r.URL.RawQuery, "skiptoken") {
			page += `,"@odata.nextLink":"` + stub.srv.URL + `/communications/callRecords/` + ctRecordID + `/sessions?$skiptoken=2"`
		}
		clReply(w, http.StatusOK, []byte(page+"}"))
	})
	c := clNewClient(t, stub.srv.URL, cr.WithRetryPolicy(cr.NoRetry()))
	prefer := []string{"include-unknown-enum-members", "odata.maxpagesize=1"}
	ctx := cr.WithRequestHeaders(context.Background(), cr.RequestHeaders{Prefer: prefer})
	items, err := clCollect(c.CallRecords.Sessions(ctRecordID).List(ctx, nil))
	if err != nil || len(items) != 2 {
		t.Fatalf("List: %d items, %v", len(items), err)
	}
	reqs := stub.requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests, want 2 pages", len(reqs))
	}
	for _, r := range reqs {
		if got := r.Header.Values("Prefer"); len(got) != 1 || got[0] != "include-unknown-enum-members, odata.maxpagesize=1" {
			t.Errorf("%s?%s sent Prefer %q", r.Path, r.RawQuery, got)
		}
	}
	if _, err := clCollect(c.CallRecords.Sessions(ctRecordID).List(context.Background(), nil)); err != nil {
		t.Fatal(err)
	}
	if r := stub.requests()[2]; r.Header.Get("Prefer") != "" {
		t.Errorf("Prefer %q sent without WithRequestHeaders", r.Header.Get("Prefer"))
	}
	n := stub.count()
	bad := cr.WithRequestHeaders(context.Background(), cr.RequestHeaders{Prefer: []string{"odata.maxpagesize=1,return=minimal"}})
	var ve *cr.ValidationError
	if _, err := clCollect(c.CallRecords.Sessions(ctRecordID).List(bad, nil)); !errors.As(err, &ve) || stub.count() != n {
		t.Errorf("a Prefer element with a comma: %v after %d more requests, want a *ValidationError and none", err, stub.count()-n)
	}

	segments := c.CallRecords.Sessions(ctRecordID).Segments(ctSessionID)
	if err := segments.Delete(ctx, ctSegmentID, &cr.SegmentsDeleteHeaders{IfMatch: cr.Some(`W/"etag-1"`)}); err != nil {
		t.Fatal(err)
	}
	reqs = stub.requests()
	if r := reqs[len(reqs)-1]; r.Header.Get("If-Match") != `W/"etag-1"` || r.Header.Get("Prefer") == "" {
		t.Errorf("Delete sent If-Match %q, Prefer %q", r.Header.Get("If-Match"), r.Header.Get("Prefer"))
	}
	if err := segments.Delete(context.Background(), ctSegmentID, nil); err != nil {
		t.Fatal(err)
	}
	reqs = stub.requests()
	if r := reqs[len(reqs)-1]; len(r.Header.Values("If-Match")) != 0 {
		t.Errorf("Delete without headers sent If-Match %q", r.Header.Values("If-Match"))
	}
}
