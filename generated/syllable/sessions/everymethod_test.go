// Hand-written tests (not generated): the checks of internal/clientcheck
// over every method of this package's client, found by reflection.

package sessions_test

import (
	"errors"
	"net/http"
	"testing"

	sy "github.com/sessiongen/sessiongen/generated/syllable/sessions"
	"github.com/sessiongen/sessiongen/generated/syllable/sessions/sessionsfake"
	"github.com/sessiongen/sessiongen/internal/clientcheck"
)

// everyMethod describes the package to clientcheck. PathValues are valid
// path parameter values, by resource client and wire name (or wire name
// alone): Syllable session ids are unconstrained strings.
var everyMethod = clientcheck.API{
	NewClient: func(baseURL string) (any, error) {
		return sy.NewClient(sy.WithBaseURL(baseURL), sy.WithRetryPolicy(sy.NoRetry()))
	},
	NewFake:     func() http.Handler { return sessionsfake.NewFakeServer() },
	PagingPaths: sy.FakePagingPathsForTest(),
	PathValues: map[string]string{
		"session_id": "12345",
	},
	// The fake starts empty: a session, its transcript and a recording
	// from the published examples.
	Seed: func(t *testing.T, h http.Handler) {
		fake := h.(*sessionsfake.FakeServer)
		fake.Put("/api/v1/sessions/12345", clSession(t, "12345"))
		fake.Put("/api/v1/sessions/transcript/12345", readFixture(t, "session-transcript.docs-example.200.response.json"))
		fake.PutRaw("/api/v1/sessions/recording/stream", "audio/wav", []byte("RIFF"))
	},
	Violations: func(err error) ([]clientcheck.Violation, bool) {
		var ve *sy.ValidationError
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
		var e *sy.EmptyResponseError
		if !errors.As(err, &e) {
			return 0, false
		}
		return e.StatusCode, true
	},
	UnexpectedStatus: func(err error) (int, bool) {
		var e *sy.UnexpectedStatusError
		if !errors.As(err, &e) {
			return 0, false
		}
		return e.StatusCode, true
	},
	// Statuses: Syllable's spec documents 200 for the recording POST.
	Statuses: map[string][]int{"Sessions.GenerateRecordingURLs": {200}},
	DecodeErrorPath: func(err error) (string, bool) {
		var de *sy.DecodeError
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
