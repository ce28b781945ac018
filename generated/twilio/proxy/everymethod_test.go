// Hand-written tests (not generated): the checks of internal/clientcheck
// over every method of this package's client, found by reflection.

package proxy_test

import (
	"errors"
	"net/http"
	"testing"

	pr "github.com/sessiongen/sessiongen/generated/twilio/proxy"
	"github.com/sessiongen/sessiongen/generated/twilio/proxy/proxyfake"
	"github.com/sessiongen/sessiongen/internal/clientcheck"
)

// everyMethod describes the package to clientcheck. PathValues are valid
// path parameter values, by resource client and wire name (or wire name
// alone): Twilio SIDs, a two-letter prefix and 32 hex digits.
var everyMethod = clientcheck.API{
	NewClient: func(baseURL string) (any, error) {
		return pr.NewClient(pr.WithBaseURL(baseURL), pr.WithRetryPolicy(pr.NoRetry()))
	},
	NewFake:     func() http.Handler { return proxyfake.NewFakeServer() },
	PagingPaths: pr.FakePagingPathsForTest(),
	PathValues: map[string]string{
		"ServiceSid":                    "KSaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		"SessionSid":                    "KCaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		"ParticipantSid":                "KPaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		"ServicesClient.Sid":            "KSaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		"PhoneNumbersClient.Sid":        "PNaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		"SessionsClient.Sid":            "KCaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		"InteractionsClient.Sid":        "KIaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		"ParticipantsClient.Sid":        "KPaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		"MessageInteractionsClient.Sid": "KIaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	},
	// Every resource the checks address, from the published examples.
	Seed: func(t *testing.T, h http.Handler) {
		fake := h.(*proxyfake.FakeServer)
		service := "/v1/Services/KSaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		session := service + "/Sessions/KCaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		participant := session + "/Participants/KPaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		for path, fixture := range map[string]string{
			service: "FetchService.fetch.200.response.json",
			service + "/PhoneNumbers/PNaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa": "FetchPhoneNumber.fetch.200.response.json",
			session: "FetchSession.fetch.200.response.json",
			session + "/Interactions/KIaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa": "FetchInteraction.fetch.200.response.json",
			participant: "FetchParticipant.fetch.200.response.json",
			participant + "/MessageInteractions/KIaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa": "FetchMessageInteraction.fetch.200.response.json",
		} {
			fake.Put(path, readFixture(t, fixture))
		}
	},
	Violations: func(err error) ([]clientcheck.Violation, bool) {
		var ve *pr.ValidationError
		if !errors.As(err, &ve) {
			return nil, false
		}
		out := make([]clientcheck.Violation, len(ve.Violations))
		for i, v := range ve.Violations {
			out[i] = clientcheck.Violation{Path: v.Path, Rule: v.Rule}
		}
		return out, true
	},
	EmptyStatus: func(err error) (int, bool) {
		var e *pr.EmptyResponseError
		if !errors.As(err, &e) {
			return 0, false
		}
		return e.StatusCode, true
	},
	UnexpectedStatus: func(err error) (int, bool) {
		var e *pr.UnexpectedStatusError
		if !errors.As(err, &e) {
			return 0, false
		}
		return e.StatusCode, true
	},
	// Statuses are the success statuses of Twilio's published OpenAPI
	// (twilio_proxy_v1.yaml): 201 creates, 200 updates, 204 deletes; the
	// message-interaction create answers 200 and a participant delete 200 or 204.
	Statuses: map[string][]int{
		"Services.Create":                                           {201},
		"Services.Update":                                           {200},
		"Services.Delete":                                           {204},
		"Services.PhoneNumbers.Create":                              {201},
		"Services.PhoneNumbers.Update":                              {200},
		"Services.PhoneNumbers.Delete":                              {204},
		"Services.Sessions.Create":                                  {201},
		"Services.Sessions.Update":                                  {200},
		"Services.Sessions.Delete":                                  {204},
		"Services.Sessions.Interactions.Delete":                     {204},
		"Services.Sessions.Participants.Create":                     {201},
		"Services.Sessions.Participants.Delete":                     {200, 204},
		"Services.Sessions.Participants.MessageInteractions.Create": {200},
	},
	// The message-interaction create refuses an empty body (at least one of
	// Body and MediaUrl: a body rule), so the checks send a message.
	Bodies: map[string]func() any{
		"Services.Sessions.Participants.MessageInteractions.Create": func() any {
			return &pr.MessageInteractionsCreateRequest{Body: pr.Some("hello")}
		},
	},
	DecodeErrorPath: func(err error) (string, bool) {
		var de *pr.DecodeError
		if !errors.As(err, &de) {
			return "", false
		}
		return de.Path, true
	},
}

// TestPathParametersValidated: every path parameter of every method is
// validated before sending (empty, "." and ".." are *ValidationErrors naming
// it; declared rules hold) and escaped inside its segment.
func TestPathParametersValidated(t *testing.T) { clientcheck.PathParameters(t, everyMethod) }

// TestEmptyAnswers: an answer without a body to a method that returns a
// value is an *EmptyResponseError.
func TestEmptyAnswers(t *testing.T) { clientcheck.EmptyAnswers(t, everyMethod) }

// TestPageReadersStrict: every list's page reader refuses repeated members
// and a page without its items member.
func TestPageReadersStrict(t *testing.T) { clientcheck.PageReadersStrict(t, everyMethod) }

// TestResultsOwnTheirBytes: what every method returns stays the same while
// the client reads other answers into the buffer it reuses.
func TestResultsOwnTheirBytes(t *testing.T) { clientcheck.ResultsOwnTheirBytes(t, everyMethod) }
