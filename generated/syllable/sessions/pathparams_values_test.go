// Hand-written (not generated): valid path parameter values for
// TestPathParametersValidated, by wire name.

package sessions_test

var pathParamValues = map[string]string{
	"session_id": "12345",
}
