// Hand-written behaviour tests (not generated): validators of the generated
// query-parameter types (minimum and uniqueItems).

package callrecords_test

import (
	"testing"

	cr "github.com/sessiongen/sessiongen/generated/msgraph/callrecords"
)

func TestValidateQueryParams(t *testing.T) {
	checkViolations(t, (&cr.SessionsListParams{
		Top: cr.Some[int32](0), Skip: cr.Some[int32](60),
		Select: []string{"id", "segments"}, Expand: []string{"segments"},
	}).Validate(), nil)
	checkViolations(t, (&cr.SessionsListParams{
		Top: cr.Some[int32](-1), Skip: cr.Some[int32](-2147483648),
		Select: []string{"id", "caller", "id", "caller"},
	}).Validate(), []cr.Violation{
		{Path: "$top", Rule: "minimum", Message: "is -1, less than 0"},
		{Path: "$skip", Rule: "minimum", Message: "is -2147483648, less than 0"},
		{Path: "$select", Rule: "uniqueItems", Message: "items 0 and 2 are equal"},
		{Path: "$select", Rule: "uniqueItems", Message: "items 1 and 3 are equal"},
	})
	checkViolations(t, (&cr.CallRecordsGetParams{Expand: []string{"sessions", "sessions"}}).Validate(), []cr.Violation{
		{Path: "$expand", Rule: "uniqueItems", Message: "items 0 and 1 are equal"},
	})
}
