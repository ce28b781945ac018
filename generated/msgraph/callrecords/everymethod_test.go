// Hand-written tests (not generated): the checks of internal/clientcheck
// over every method of this package's client, found by reflection.

package callrecords_test

import (
	"errors"
	"net/http"
	"testing"

	cr "github.com/sessiongen/sessiongen/generated/msgraph/callrecords"
	"github.com/sessiongen/sessiongen/generated/msgraph/callrecords/callrecordsfake"
	"github.com/sessiongen/sessiongen/internal/clientcheck"
)

// everyMethod describes the package to clientcheck. PathValues are valid
// path parameter values, by resource client and wire name (or wire name
// alone): Graph identifiers are GUIDs.
var everyMethod = clientcheck.API{
	NewClient: func(baseURL string) (any, error) {
		return cr.NewClient(cr.WithBaseURL(baseURL), cr.WithRetryPolicy(cr.NoRetry()))
	},
	NewFake:     func() http.Handler { return callrecordsfake.NewFakeServer() },
	PagingPaths: cr.FakePagingPathsForTest(),
	PathValues: map[string]string{
		"callRecordId":  "e523d2ed-2966-4b6b-925b-754a88034cc5",
		"sessionId":     "e523d2ed-2966-4b6b-925b-754a88034cc5",
		"segmentId":     "e523d2ed-2966-4b6b-925b-754a88034cc5",
		"participantId": "e523d2ed-2966-4b6b-925b-754a88034cc5",
	},
	// A call record with sessions and a segment, from the published examples.
	Seed: func(t *testing.T, h http.Handler) {
		fake := h.(*callrecordsfake.FakeServer)
		fake.Put(ctRecordPath, readFixture(t, "get-callrecord.example1-basic.response.json"))
		fake.Put(ctSessionsP+"/"+ctSessionID, clSession(t, ctSessionID))
		fake.Put(ctSessionsP+"/s2", clSession(t, "s2"))
		fake.Put(ctSegmentsP+"/"+ctSegmentID, clSegment(t))
	},
	Violations: func(err error) ([]clientcheck.Violation, bool) {
		var ve *cr.ValidationError
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
		var e *cr.EmptyResponseError
		if !errors.As(err, &e) {
			return 0, false
		}
		return e.StatusCode, true
	},
	UnexpectedStatus: func(err error) (int, bool) {
		var e *cr.UnexpectedStatusError
		if !errors.As(err, &e) {
			return 0, false
		}
		return e.StatusCode, true
	},
	// Statuses are the success statuses of Graph's generated OpenAPI for
	// the contained sessions and segments: a create answers 201 (or 204 with
	// Prefer: return=minimal), an update 200 or 204, a segment delete 204.
	Statuses: map[string][]int{
		"CallRecords.Sessions.Create":          {201, 204},
		"CallRecords.Sessions.Update":          {200, 204},
		"CallRecords.Sessions.Segments.Create": {201, 204},
		"CallRecords.Sessions.Segments.Update": {200, 204},
		"CallRecords.Sessions.Segments.Delete": {204},
	},
	DecodeErrorPath: func(err error) (string, bool) {
		var de *cr.DecodeError
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
