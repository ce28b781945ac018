// Hand-written tests (not generated): the success statuses Twilio's spec
// documents per method (status: in the definition), in the client and the
// fake.

package proxy_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"

	pr "github.com/sessiongen/sessiongen/generated/twilio/proxy"
	"github.com/sessiongen/sessiongen/generated/twilio/proxy/proxyfake"
)

// stStatuses records the status of every answer a client receives.
type stStatuses struct {
	mu   sync.Mutex
	seen []string
}

func (s *stStatuses) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := http.DefaultTransport.RoundTrip(r)
	if err == nil {
		s.mu.Lock()
		s.seen = append(s.seen, r.Method+" "+http.StatusText(resp.StatusCode))
		s.mu.Unlock()
	}
	return resp, err
}

// TestFakeAnswersDocumentedStatuses: the fake answers each method with the
// first status the spec documents for it: 201 for creates, 200 for updates
// and the message-interaction create, 204 for deletes, 200 for the
// participant delete (documented [200, 204]).
func TestFakeAnswersDocumentedStatuses(t *testing.T) {
	srv := httptest.NewServer(proxyfake.NewFakeServer())
	t.Cleanup(srv.Close)
	rec := &stStatuses{}
	c := clNewClient(t, srv.URL, pr.WithRetryPolicy(pr.NoRetry()), pr.WithHTTPClient(&http.Client{Transport: rec}))
	ctx := context.Background()
	svc, err := c.Services.Create(ctx, &pr.ServicesCreateRequest{UniqueName: "svc"})
	if err != nil {
		t.Fatal(err)
	}
	ksid, _ := svc.SID.Get()
	if _, err := c.Services.Update(ctx, ksid, &pr.ServicesUpdateRequest{UniqueName: pr.Some("svc2")}); err != nil {
		t.Fatal(err)
	}
	session, err := c.Services.Sessions(ksid).Create(ctx, &pr.SessionsCreateRequest{UniqueName: pr.Some("s")})
	if err != nil {
		t.Fatal(err)
	}
	participants := c.Services.Sessions(ksid).Participants(clSID(session))
	p, err := participants.Create(ctx, clRequestFixture[pr.ParticipantsCreateRequest](t, "CreateParticipant.create.request-form-params.json"))
	if err != nil {
		t.Fatal(err)
	}
	kpsid, _ := p.SID.Get()
	if _, err := participants.MessageInteractions(kpsid).Create(ctx, clRequestFixture[pr.MessageInteractionsCreateRequest](t, "CreateMessageInteraction.create.request-form-params.json")); err != nil {
		t.Fatal(err)
	}
	if err := participants.Delete(ctx, kpsid); err != nil {
		t.Fatal(err)
	}
	if err := c.Services.Delete(ctx, ksid); err != nil {
		t.Fatal(err)
	}
	want := []string{"POST Created", "POST OK", "POST Created", "POST Created", "POST OK", "DELETE OK", "DELETE No Content"}
	if got := rec.seen; !slices.Equal(got, want) {
		t.Errorf("statuses\n got %q\nwant %q", got, want)
	}
}

// TestClientUndocumentedStatus: a create documented 201 that is answered
// 200 with the published create example is an *UnexpectedStatusError that
// keeps the body and headers, not a decoded session; answered 201 it
// decodes. A delete documented 204 answered 202 is an error too.
func TestClientUndocumentedStatus(t *testing.T) {
	created := readFixture(t, "CreateSession.create.201.response.json")
	stub := clNewStub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		switch n {
		case 0:
			clReply(w, http.StatusOK, created, "Twilio-Request-Id", "RQ1")
		case 1:
			clReply(w, http.StatusCreated, created)
		default:
			clReply(w, http.StatusAccepted, nil)
		}
	})
	c := clNewClient(t, stub.srv.URL, pr.WithRetryPolicy(pr.NoRetry()))
	ctx := context.Background()
	req := clRequestFixture[pr.SessionsCreateRequest](t, "CreateSession.create.request-form-params.json")
	s, err := c.Services.Sessions(ctServiceSID).Create(ctx, req)
	var ue *pr.UnexpectedStatusError
	if !errors.As(err, &ue) || s != nil {
		t.Fatalf("200 to a create documented 201: %v, %v; want *UnexpectedStatusError", s, err)
	}
	if ue.StatusCode != 200 || !bytes.Equal(ue.Body, created) || ue.Header.Get("Twilio-Request-Id") != "RQ1" {
		t.Errorf("UnexpectedStatusError %d %q %v: want 200, the body and headers as sent", ue.StatusCode, ue.Body, ue.Header)
	}
	if bytes.Contains([]byte(err.Error()), []byte("KC")) {
		t.Errorf("Error() %q quotes the body", err)
	}
	s, err = c.Services.Sessions(ctServiceSID).Create(ctx, req)
	if err != nil || clSID(s) != ctSessionSID {
		t.Errorf("201: %v, %v", s, err)
	}
	err = c.Services.Sessions(ctServiceSID).Delete(ctx, ctSessionSID)
	if !errors.As(err, &ue) || ue.StatusCode != http.StatusAccepted {
		t.Errorf("202 to a delete documented 204: %v", err)
	}
}
