// Hand-written (not generated): valid path parameter values for
// TestPathParametersValidated, by wire name: Graph identifiers are GUIDs.

package callrecords_test

var pathParamValues = map[string]string{
	"callRecordId":  "e523d2ed-2966-4b6b-925b-754a88034cc5",
	"sessionId":     "e523d2ed-2966-4b6b-925b-754a88034cc5",
	"segmentId":     "e523d2ed-2966-4b6b-925b-754a88034cc5",
	"participantId": "e523d2ed-2966-4b6b-925b-754a88034cc5",
}
