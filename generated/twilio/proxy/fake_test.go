// Hand-written tests of the generated fake (not generated): the real client
// against httptest.NewServer(NewFakeServer()), through whole lifecycles.

package proxy_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"testing"

	pr "github.com/sessiongen/sessiongen/generated/twilio/proxy"
	"github.com/sessiongen/sessiongen/generated/twilio/proxy/proxyfake"
)

// fkServe starts the fake and a client of it with the canary credentials.
func fkServe(t *testing.T) (*proxyfake.FakeServer, *pr.Client) {
	t.Helper()
	fake := proxyfake.NewFakeServer()
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	return fake, clNewClient(t, srv.URL, pr.WithRetryPolicy(pr.NoRetry()))
}

// fkRequests returns the fake's log as "METHOD path?query" lines.
func fkRequests(fake *proxyfake.FakeServer) []string {
	var out []string
	for _, r := range fake.Requests() {
		line := r.Method + " " + r.Path
		if r.RawQuery != "" {
			line += "?" + r.RawQuery
		}
		out = append(out, line)
	}
	return out
}

func fkIs404(t *testing.T, what string, err error) {
	t.Helper()
	var ae *pr.APIError
	if !errors.As(err, &ae) || ae.StatusCode != http.StatusNotFound {
		t.Errorf("%s: %v, want *APIError 404", what, err)
	}
}

// TestFakeSessionLifecycle: create a service, create sessions from the
// spec's form examples, get, list across pages, update, delete, and get
// again (404).
func TestFakeSessionLifecycle(t *testing.T) {
	fake, c := fkServe(t)
	ctx := context.Background()

	svc, err := c.Services.Create(ctx, clRequestFixture[pr.ServicesCreateRequest](t, "CreateService.create.request-form-params.json"))
	if err != nil {
		t.Fatal(err)
	}
	ksid, _ := svc.SID.Get()
	name, _ := svc.UniqueName.Get()
	ttl, _ := svc.DefaultTTL.Get()
	chat, _ := svc.ChatInstanceSID.Get()
	if !strings.HasPrefix(ksid, "KS") || len(ksid) != 34 || name != "My Service" || ttl != 3600 || chat != "ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" {
		t.Errorf("created service %+v", svc)
	}
	if got, err := c.Services.Get(ctx, ksid); err != nil || !reflect.DeepEqual(got, svc) {
		t.Errorf("Get service: %+v, %v; want %+v", got, err, svc)
	}

	sessions := c.Services.Sessions(ksid)
	created, err := sessions.Create(ctx, clRequestFixture[pr.SessionsCreateRequest](t, "CreateSession.create.request-form-params.json"))
	if err != nil {
		t.Fatal(err)
	}
	sid := clSID(created)
	if uname, _ := created.UniqueName.Get(); !strings.HasPrefix(sid, "KC") || len(sid) != 34 || uname != "Order #1234" || created.TTL.Or(0) != 3600 {
		t.Errorf("created session %+v", created)
	}
	// The fake stored what the form said, and the client sent the form.
	if stored, ok := fake.Get("/v1/Services/" + ksid + "/Sessions/" + sid); !ok || !strings.Contains(string(stored), `"unique_name":"Order #1234"`) {
		t.Errorf("stored %s, %v", stored, ok)
	}
	last := fake.Requests()[len(fake.Requests())-1]
	if sent, _ := url.ParseQuery(string(last.Body)); last.Header.Get("Content-Type") != ctFormType ||
		!reflect.DeepEqual(sent, clFormFixture(t, "CreateSession.create.request-form-params.json")) {
		t.Errorf("the fake received %q (%s)", last.Body, last.Header.Get("Content-Type"))
	}

	got, err := sessions.Get(ctx, sid)
	if err != nil || !reflect.DeepEqual(got, created) {
		t.Errorf("Get: %+v, %v; want %+v", got, err, created)
	}

	// Six more sessions: seven in all, three pages of three.
	want := []string{sid}
	for i := range 6 {
		s, err := sessions.Create(ctx, &pr.SessionsCreateRequest{UniqueName: pr.Some(fmt.Sprintf("order-%d", i)), TTL: pr.Some[int32](60)})
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, clSID(s))
	}
	before := len(fake.Requests())
	items, err := clCollect(sessions.List(ctx, &pr.SessionsListParams{PageSize: pr.Some[int64](3)}))
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	for _, s := range items {
		listed = append(listed, clSID(s))
	}
	if !reflect.DeepEqual(listed, want) {
		t.Errorf("listed %v, want %v", listed, want)
	}
	if n := len(fake.Requests()) - before; n != 3 {
		t.Errorf("the list took %d requests, want 3: %v", n, fkRequests(fake)[before:])
	}
	page, err := sessions.ListPage(ctx, &pr.SessionsListParams{PageSize: pr.Some[int64](3)})
	var sizes []int
	for page != nil && err == nil && len(sizes) < 5 {
		sizes = append(sizes, len(page.Items))
		page, err = page.Next(ctx)
	}
	if err != nil || fmt.Sprint(sizes) != "[3 3 1]" {
		t.Errorf("pages %v, %v; want [3 3 1]", sizes, err)
	}

	updated, err := sessions.Update(ctx, sid, clRequestFixture[pr.SessionsUpdateRequest](t, "UpdateSession.update.request-form-params.json"))
	if err != nil {
		t.Fatal(err)
	}
	if st, _ := updated.Status.Get(); st != pr.SessionStatusInProgress || updated.TTL.Or(0) != 3600 || updated.UniqueName != created.UniqueName {
		t.Errorf("updated %+v", updated)
	}
	if got, err := sessions.Get(ctx, sid); err != nil || !reflect.DeepEqual(got, updated) {
		t.Errorf("Get after update: %+v, %v", got, err)
	}

	if err := sessions.Delete(ctx, sid); err != nil {
		t.Fatal(err)
	}
	_, err = sessions.Get(ctx, sid)
	fkIs404(t, "Get after Delete", err)
	fkIs404(t, "Delete again", sessions.Delete(ctx, sid))
	_, err = sessions.Update(ctx, sid, &pr.SessionsUpdateRequest{TTL: pr.Some[int32](1)})
	fkIs404(t, "Update after Delete", err)
	if _, ok := fake.Get("/v1/Services/" + ksid + "/Sessions/" + sid); ok {
		t.Error("still stored after Delete")
	}
	if items, err := clCollect(sessions.List(ctx, nil)); err != nil || len(items) != 6 {
		t.Errorf("after Delete: %d sessions, %v; want 6", len(items), err)
	}

	// Every request carried the credentials.
	for _, r := range fake.Requests() {
		if _, pass, ok := (&http.Request{Header: r.Header}).BasicAuth(); !ok || pass != ctCanary {
			t.Errorf("%s %s without basic auth", r.Method, r.Path)
		}
	}
}

// TestFakeOtherResources: phone numbers, participants and message
// interactions are created, read and deleted; interactions (read-only in the
// API) are seeded with Put.
func TestFakeOtherResources(t *testing.T) {
	fake, c := fkServe(t)
	ctx := context.Background()
	svc, err := c.Services.Create(ctx, &pr.ServicesCreateRequest{UniqueName: "svc"})
	if err != nil {
		t.Fatal(err)
	}
	ksid, _ := svc.SID.Get()

	numbers := c.Services.PhoneNumbers(ksid)
	pn, err := numbers.Create(ctx, &pr.PhoneNumbersCreateRequest{PhoneNumber: pr.Some("+1987654321"), IsReserved: pr.Some(false)})
	if err != nil {
		t.Fatal(err)
	}
	pnSID, _ := pn.SID.Get()
	up, err := numbers.Update(ctx, pnSID, clRequestFixture[pr.PhoneNumbersUpdateRequest](t, "UpdatePhoneNumber.update.request-form-params.json"))
	if reserved, _ := up.IsReserved.Get(); err != nil || !reserved || up.PhoneNumber != pn.PhoneNumber {
		t.Errorf("Update phone number: %+v, %v", up, err)
	}
	if list, err := clCollect(numbers.List(ctx, nil)); err != nil || len(list) != 1 || !reflect.DeepEqual(list[0], up) {
		t.Errorf("List phone numbers: %v, %v", list, err)
	}
	if err := numbers.Delete(ctx, pnSID); err != nil {
		t.Error(err)
	}

	session, err := c.Services.Sessions(ksid).Create(ctx, &pr.SessionsCreateRequest{UniqueName: pr.Some("s")})
	if err != nil {
		t.Fatal(err)
	}
	kcsid := clSID(session)
	participants := c.Services.Sessions(ksid).Participants(kcsid)
	for _, name := range []string{"CreateParticipant.create.request-form-params.json", "CreateParticipant.createChannel.request-form-params.json"} {
		if _, err := participants.Create(ctx, clRequestFixture[pr.ParticipantsCreateRequest](t, name)); err != nil {
			t.Fatal(err)
		}
	}
	ps, err := clCollect(participants.List(ctx, &pr.ParticipantsListParams{PageSize: pr.Some[int64](1)}))
	if err != nil || len(ps) != 2 {
		t.Fatalf("participants %v, %v", ps, err)
	}
	if id, _ := ps[1].Identifier.Get(); id != "messenger:123456" || ps[1].ProxyIdentifier.Or("") != "messenger:987654532" {
		t.Errorf("second participant %+v", ps[1])
	}
	kpsid, _ := ps[0].SID.Get()
	messages := participants.MessageInteractions(kpsid)
	mi, err := messages.Create(ctx, clRequestFixture[pr.MessageInteractionsCreateRequest](t, "CreateMessageInteraction.create.request-form-params.json"))
	if err != nil {
		t.Fatal(err)
	}
	kisid, _ := mi.SID.Get()
	if got, err := messages.Get(ctx, kisid); err != nil || !reflect.DeepEqual(got, mi) {
		t.Errorf("Get message interaction: %+v, %v", got, err)
	}
	if err := participants.Delete(ctx, kpsid); err != nil {
		t.Error(err)
	}
	_, err = participants.Get(ctx, kpsid)
	fkIs404(t, "Get deleted participant", err)

	// Interactions cannot be created through the API: seed one.
	interactions := c.Services.Sessions(ksid).Interactions(kcsid)
	fake.Put("/v1/Services/"+ksid+"/Sessions/"+kcsid+"/Interactions/"+ctInteraction, readFixture(t, "FetchInteraction.fetch.200.response.json"))
	want := clFixtureValue[pr.Interaction](t, "FetchInteraction.fetch.200.response.json")
	if got, err := interactions.Get(ctx, ctInteraction); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("Get seeded interaction: %+v, %v", got, err)
	}
	if list, err := clCollect(interactions.List(ctx, nil)); err != nil || len(list) != 1 || !reflect.DeepEqual(list[0], want) {
		t.Errorf("List interactions: %v, %v", list, err)
	}
	if err := interactions.Delete(ctx, ctInteraction); err != nil {
		t.Error(err)
	}
	_, err = interactions.Get(ctx, ctInteraction)
	fkIs404(t, "Get deleted interaction", err)
}

// TestFakeErrorBodyIsTwilioShape: the fake's error answers decode as the
// API's error body (RestError, whose code is an integer) with Twilio's codes,
// as the real API's do: {"code": 20404, "message": ..., "more_info": ...,
// "status": 404}; the sample is twilio-go's (testdata/sdk-tests, see
// testdata/SOURCE.md). APIError.Code has Body.Code's type and value, and the
// error string names the code once.
func TestFakeErrorBodyIsTwilioShape(t *testing.T) {
	fake := proxyfake.NewFakeServer()
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	c := clNewClient(t, srv.URL, pr.WithRetryPolicy(pr.NoRetry()))
	ctx := context.Background()

	var sample pr.RestError
	if err := sample.UnmarshalJSON(readFixture(t, "sdk-tests/twilio-go.error_test.error-20001-compact.json")); err != nil {
		t.Fatal(err)
	}
	services := "/v1/Services"
	for _, tc := range []struct {
		name      string
		call      func() error
		status    int
		code      int32
		errPrefix string
	}{
		{"get missing", func() error { _, err := c.Services.Get(ctx, ctServiceSID); return err }, 404, 20404, "proxy: HTTP 404 20404: "},
		{"bad form", func() error { return rawCall(srv.URL, "POST", services, "UniqueName=x&DefaultTtl=abc") }, 400, sample.Code, "proxy: HTTP 400 20001: "},
		// No Twilio code is configured for 405: the status stands in, and
		// the error string does not repeat it.
		{"method not allowed", func() error { return rawCall(srv.URL, "DELETE", services, "") }, 405, 405, "proxy: HTTP 405: "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			var ae *pr.APIError
			if !errors.As(err, &ae) || ae.StatusCode != tc.status {
				t.Fatalf("%v, want *APIError %d", err, tc.status)
			}
			if ae.Body == nil {
				t.Fatalf("APIError.Body is nil: the fake's body (code %d, message %q) does not decode as RestError", ae.Code, ae.Message)
			}
			if ae.Code != tc.code || ae.Body.Code != ae.Code || ae.Body.Message == "" || ae.Message != ae.Body.Message {
				t.Errorf("APIError.Code %d, Body %+v: want code %d and a message", ae.Code, ae.Body, tc.code)
			}
			if !strings.HasPrefix(err.Error(), tc.errPrefix) {
				t.Errorf("Error() = %q, want prefix %q", err, tc.errPrefix)
			}
		})
	}
}

// rawCall sends a request the client would refuse to build and returns the
// fake's error answer as the client's decoder reads it.
func rawCall(base, method, path, form string) error {
	req, err := http.NewRequest(method, base+path, strings.NewReader(form))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	return pr.DecodeAPIErrorForTest(resp.StatusCode, resp.Header, body)
}

// TestFakeConcurrentUse: one client and one fake under concurrent creates:
// every session gets its own SID and the list holds them all.
func TestFakeConcurrentUse(t *testing.T) {
	_, c := fkServe(t)
	ctx := context.Background()
	svc, err := c.Services.Create(ctx, &pr.ServicesCreateRequest{UniqueName: "svc"})
	if err != nil {
		t.Fatal(err)
	}
	ksid, _ := svc.SID.Get()
	sessions := c.Services.Sessions(ksid)
	const workers, each = 8, 5
	sids := make(chan string, workers*each)
	errs := make(chan error, workers*each)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				s, err := sessions.Create(ctx, &pr.SessionsCreateRequest{UniqueName: pr.Some(fmt.Sprintf("w%d-%d", w, i))})
				if err != nil {
					errs <- err
					continue
				}
				sids <- clSID(s)
			}
		}()
	}
	wg.Wait()
	close(sids)
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	seen := map[string]bool{}
	for sid := range sids {
		if seen[sid] {
			t.Errorf("SID %s given twice", sid)
		}
		seen[sid] = true
	}
	listed, err := clCollect(sessions.List(ctx, &pr.SessionsListParams{PageSize: pr.Some[int64](7)}))
	if err != nil || len(listed) != workers*each {
		t.Errorf("listed %d, %v; want %d", len(listed), err, workers*each)
	}
	for _, s := range listed {
		if !seen[clSID(s)] {
			t.Errorf("listed %s, which no create returned", clSID(s))
		}
	}
}
