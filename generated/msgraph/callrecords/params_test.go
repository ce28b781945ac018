// Hand-written behaviour tests (not generated): validators of the generated
// query-parameter types (minimum and uniqueItems).

package callrecords

import (
	"testing"
)

func TestValidateQueryParams(t *testing.T) {
	checkViolations(t, (&SessionsListParams{
		Top: Some[int32](0), Skip: Some[int32](60),
		Select: Some([]string{"id", "segments"}), Expand: Some([]string{"segments"}),
	}).Validate(), nil)
	checkViolations(t, (&SessionsListParams{
		Top: Some[int32](-1), Skip: Some[int32](-2147483648),
		Select: Some([]string{"id", "caller", "id", "caller"}),
	}).Validate(), []Violation{
		{Path: "$top", Rule: "minimum", Message: "is -1, less than 0"},
		{Path: "$skip", Rule: "minimum", Message: "is -2147483648, less than 0"},
		{Path: "$select", Rule: "uniqueItems", Message: "items 0 and 2 are equal"},
		{Path: "$select", Rule: "uniqueItems", Message: "items 1 and 3 are equal"},
	})
	checkViolations(t, (&CallRecordsGetParams{Expand: Some([]string{"sessions", "sessions"})}).Validate(), []Violation{
		{Path: "$expand", Rule: "uniqueItems", Message: "items 0 and 1 are equal"},
	})
}
