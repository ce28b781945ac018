// Hand-written tests (not generated): the body rule of the message
// interaction create (at least one of Body and MediaUrl, the spec's
// x-twilio.conditional), checked by Validate and by the client before it
// sends anything.

package proxy_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	pr "github.com/sessiongen/sessiongen/generated/twilio/proxy"
)

func TestMessageInteractionRuleValidate(t *testing.T) {
	want := []pr.Violation{{Rule: pr.RuleAtLeastOneOf, Message: "at least one of Body, MediaUrl must be set, none is"}}
	checkViolations(t, (&pr.MessageInteractionsCreateRequest{}).Validate(), want)
	// Null is not a value: it does not satisfy the rule (and is itself
	// refused on this non-nullable field).
	checkViolations(t, (&pr.MessageInteractionsCreateRequest{Body: pr.Null[string]()}).Validate(),
		append([]pr.Violation{{Path: "Body", Rule: "null", Message: "must not be null"}}, want...))
	checkViolations(t, (&pr.MessageInteractionsCreateRequest{Body: pr.Some("hi")}).Validate(), nil)
	checkViolations(t, (&pr.MessageInteractionsCreateRequest{MediaURL: []string{"https://example.com/a.png"}}).Validate(), nil)
	checkViolations(t, (&pr.MessageInteractionsCreateRequest{Body: pr.Some("hi"), MediaURL: []string{"https://example.com/a.png"}}).Validate(), nil)
}

func TestMessageInteractionRuleSendsNothing(t *testing.T) {
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		w.WriteHeader(http.StatusInternalServerError)
	}))
	defer srv.Close()
	c := clNewClient(t, srv.URL)
	messages := c.Services.Sessions(ctServiceSID).Participants(ctSessionSID).MessageInteractions(ctParticipant)
	_, err := messages.Create(context.Background(), &pr.MessageInteractionsCreateRequest{})
	var ve *pr.ValidationError
	if !errors.As(err, &ve) || len(ve.Violations) != 1 || ve.Violations[0].Rule != pr.RuleAtLeastOneOf {
		t.Fatalf("Create with neither Body nor MediaUrl: %v, want one atLeastOneOf violation", err)
	}
	if n := requests.Load(); n != 0 {
		t.Errorf("sent %d requests, want none", n)
	}
}
