// Hand-written tests of the generated fake (not generated): the real client
// against httptest.NewServer(NewFakeServer()), seeded with the published
// examples.

package callrecords_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	cr "github.com/sessiongen/sessiongen/generated/msgraph/callrecords"
	"github.com/sessiongen/sessiongen/generated/msgraph/callrecords/callrecordsfake"
)

// fkServe starts the fake and a client of it. NewFakeServer panicking is
// reported as this test's failure rather than crashing the test binary.
func fkServe(t *testing.T) (*callrecordsfake.FakeServer, *cr.Client) {
	t.Helper()
	var fake *callrecordsfake.FakeServer
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("NewFakeServer panicked: %v", r)
			}
		}()
		fake = callrecordsfake.NewFakeServer()
	}()
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	return fake, clNewClient(t, srv.URL, cr.WithRetryPolicy(cr.NoRetry()))
}

func fkIs404(t *testing.T, what string, err error) {
	t.Helper()
	var ae *cr.APIError
	if !errors.As(err, &ae) || ae.StatusCode != http.StatusNotFound {
		t.Errorf("%s: %v, want *APIError 404", what, err)
	}
}

// TestFakeServerConstructs: NewFakeServer must not panic (it did on the
// route of getPstnCalls(fromDateTime={fromDateTime},toDateTime={toDateTime}),
// two parameters in one path segment).
func TestFakeServerConstructs(t *testing.T) {
	fkServe(t)
}

// TestFakeSeededSessions: call records and sessions seeded with Put (the
// published examples) are listed across pages, read, updated with PATCH;
// a seeded segment is deleted.
func TestFakeSeededSessions(t *testing.T) {
	fake, c := fkServe(t)
	ctx := context.Background()
	record := readFixture(t, "get-callrecord.example1-basic.response.json")
	fake.Put(ctRecordsPath+"/"+ctRecordID, record)
	ids := []string{"s1", "s2", "s3", "s4", "s5"}
	for _, id := range ids {
		fake.Put(ctSessionsP+"/"+id, clSession(t, id))
	}

	got, err := c.CallRecords.Get(ctx, ctRecordID, nil)
	if err != nil || !reflect.DeepEqual(got, clDecode[cr.CallRecord](t, record)) {
		t.Errorf("Get call record: %+v, %v", got, err)
	}

	sessions := c.CallRecords.Sessions(ctRecordID)
	before := len(fake.Requests())
	all, err := clCollect(sessions.List(ctx, &cr.SessionsListParams{Top: cr.Some[int32](2)}))
	if err != nil || clIDs(all) != strings.Join(ids, ",") {
		t.Errorf("List: %s, %v", clIDs(all), err)
	}
	reqs := fake.Requests()[before:]
	if len(reqs) != 3 {
		t.Errorf("the list took %d requests, want 3", len(reqs))
	}
	for _, r := range reqs {
		if r.Path != ctSessionsP || r.Header.Get("Authorization") != "Bearer "+ctCanary {
			t.Errorf("%s %s?%s (Authorization %q)", r.Method, r.Path, r.RawQuery, r.Header.Get("Authorization"))
		}
	}
	page, err := sessions.ListPage(ctx, &cr.SessionsListParams{Top: cr.Some[int32](2)})
	var sizes []int
	for page != nil && err == nil && len(sizes) < 5 {
		sizes = append(sizes, len(page.Items))
		page, err = page.Next(ctx)
	}
	if err != nil || fmt.Sprint(sizes) != "[2 2 1]" {
		t.Errorf("pages %v, %v; want [2 2 1]", sizes, err)
	}

	s3, err := sessions.Get(ctx, "s3", nil)
	if err != nil || !reflect.DeepEqual(s3, clDecode[cr.Session](t, clSession(t, "s3"))) {
		t.Fatalf("Get s3: %+v, %v", s3, err)
	}
	s3.IsTest = cr.Some(true)
	s3.Modalities = append(s3.Modalities, cr.ModalityVideo)
	patch := &cr.SessionUpdate{IsTest: s3.IsTest, Modalities: s3.Modalities}
	updated, err := sessions.Update(ctx, "s3", patch)
	switch {
	case err != nil:
		t.Errorf("Update (PATCH): %v", err) // the segment checks below still run
	case updated.ID != "s3" || !updated.IsTest.Or(false) || len(updated.Modalities) != 2 || !reflect.DeepEqual(updated.Caller, s3.Caller):
		t.Errorf("updated %+v", updated)
	default:
		if again, err := sessions.Get(ctx, "s3", nil); err != nil || !reflect.DeepEqual(again, updated) {
			t.Errorf("Get after Update: %+v, %v", again, err)
		}
	}
	if _, err := sessions.Update(ctx, "missing", patch); err == nil {
		t.Error("Update of a missing session: no error")
	}

	segPath := ctSessionsP + "/s3/segments/" + ctSegmentID
	fake.Put(segPath, clSegment(t))
	segments := sessions.Segments("s3")
	if seg, err := segments.Get(ctx, ctSegmentID, nil); err != nil || !reflect.DeepEqual(seg, clDecode[cr.Segment](t, clSegment(t))) {
		t.Errorf("Get segment: %+v, %v", seg, err)
	}
	if list, err := clCollect(segments.List(ctx, nil)); err != nil || len(list) != 1 {
		t.Errorf("List segments: %d, %v", len(list), err)
	}
	if err := segments.Delete(ctx, ctSegmentID, nil); err != nil {
		t.Fatalf("Delete segment: %v", err)
	}
	_, err = segments.Get(ctx, ctSegmentID, nil)
	fkIs404(t, "Get deleted segment", err)
	fkIs404(t, "Delete again", segments.Delete(ctx, ctSegmentID, nil))
	if _, ok := fake.Get(segPath); ok {
		t.Error("segment still stored")
	}
	if list, err := clCollect(segments.List(ctx, nil)); err != nil || len(list) != 0 {
		t.Errorf("List segments after Delete: %d, %v", len(list), err)
	}
}

// TestFakeCreateAndPatchFromClient: what the client sends on create (POST)
// and update (PATCH) never carries the read-only id; the fake must accept
// it, assign the id on create and keep it on update.
func TestFakeCreateAndPatchFromClient(t *testing.T) {
	_, c := fkServe(t)
	ctx := context.Background()
	sessions := c.CallRecords.Sessions(ctRecordID)
	body := &cr.Session{StartDateTime: clStart, EndDateTime: clEnd, Modalities: []cr.Modality{cr.ModalityAudio}}
	created, err := sessions.Create(ctx, body)
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if created.ID == "" || !created.StartDateTime.Equal(clStart) {
		t.Errorf("created %+v", created)
	}
	updated, err := sessions.Update(ctx, created.ID, &cr.SessionUpdate{IsTest: cr.Some(true)})
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	if updated.ID != created.ID || !updated.IsTest.Or(false) {
		t.Errorf("updated %+v", updated)
	}
	// The fake applies a partial update as a merge patch: null removes a
	// nullable member, unset members keep their stored value.
	removed, err := sessions.Update(ctx, created.ID, &cr.SessionUpdate{IsTest: cr.Null[bool]()})
	if err != nil || removed.IsTest.IsSet() || !removed.StartDateTime.Equal(clStart) || len(removed.Modalities) != 1 {
		t.Errorf("Update with a null: %+v, %v; want isTest removed, the rest kept", removed, err)
	}
	seg, err := sessions.Segments(created.ID).Create(ctx, &cr.Segment{StartDateTime: clStart, EndDateTime: clEnd})
	if err != nil {
		t.Fatalf("Create segment: %v", err)
	}
	if err := sessions.Segments(created.ID).Delete(ctx, seg.ID, nil); err != nil {
		t.Errorf("Delete segment: %v", err)
	}
}

// TestFakeErrorBodyIsODataError: the fake's errors decode as Graph's.
func TestFakeErrorBodyIsODataError(t *testing.T) {
	_, c := fkServe(t)
	_, err := c.CallRecords.Get(context.Background(), "no-such-record", nil)
	var ae *cr.APIError
	if !errors.As(err, &ae) || ae.StatusCode != 404 || ae.Body == nil || ae.Code != "itemNotFound" || ae.Body.Error.Code != ae.Code {
		t.Errorf("%v (%+v), want a 404 with an OData error body and Graph's code itemNotFound", err, ae)
	}
	if want := "callrecords: HTTP 404 itemNotFound: "; !strings.HasPrefix(err.Error(), want) {
		t.Errorf("Error() = %q, want prefix %q", err, want)
	}
}

// TestFakeFunctionResults: the rows of getPstnCalls and getDirectRoutingCalls
// are the objects seeded under the function call's path (parameters in
// the path as the client writes them), listed in pages.
func TestFakeFunctionResults(t *testing.T) {
	fake, c := fkServe(t)
	ctx := context.Background()
	from := time.Date(2019, 11, 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(2019, 12, 1, 0, 0, 0, 0, time.UTC)
	pstn := ctRecordsPath + "/microsoft.graph.callRecords.getPstnCalls(fromDateTime=2019-11-01T00:00:00Z,toDateTime=2019-12-01T00:00:00Z)"
	for i := range 3 {
		fake.Put(fmt.Sprintf("%s/row%d", pstn, i), []byte(fmt.Sprintf(`{"id":"row%d","callId":"call-%d","duration":%d}`, i, i, 10*i)))
	}
	rows, err := clCollect(c.CallRecords.GetPstnCalls(ctx, from, to, &cr.CallRecordsGetPstnCallsParams{Top: cr.Some[int32](2)}))
	if err != nil || len(rows) != 3 || rows[2].ID.Or("") != "row2" || rows[2].Duration.Or(0) != 20 {
		t.Errorf("getPstnCalls: %d rows, %v", len(rows), err)
	}
	// Another time range is another call: nothing seeded there.
	if rows, err := clCollect(c.CallRecords.GetPstnCalls(ctx, from, to.AddDate(0, 1, 0), nil)); err != nil || len(rows) != 0 {
		t.Errorf("getPstnCalls, other range: %d rows, %v", len(rows), err)
	}
	routing := ctRecordsPath + "/microsoft.graph.callRecords.getDirectRoutingCalls(fromDateTime=2019-11-01T00:00:00Z,toDateTime=2019-12-01T00:00:00Z)"
	fake.Put(routing+"/r1", []byte(`{"id":"r1","finalSipCode":0,"finalSipCodePhrase":"BYE"}`))
	if rows, err := clCollect(c.CallRecords.GetDirectRoutingCalls(ctx, from, to, nil)); err != nil || len(rows) != 1 || rows[0].FinalSIPCodePhrase.Or("") != "BYE" {
		t.Errorf("getDirectRoutingCalls: %v, %v", rows, err)
	}
}
