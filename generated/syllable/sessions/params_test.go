// Hand-written behaviour tests (not generated): validators of the generated
// query-parameter types (minimum, closed enum).

package sessions

import (
	"testing"
)

func TestValidateListParams(t *testing.T) {
	checkViolations(t, (&SessionsListParams{
		Page: Some[int64](0), Limit: Some[int64](25),
		OrderBy:          Some[SessionProperties]("a_future_field"), // open enum
		OrderByDirection: Some(OrderByDirectionDesc),
	}).Validate(), nil)
	checkViolations(t, (&SessionsListParams{
		Page: Some[int64](-1), Limit: Some[int64](-25),
		OrderByDirection: Some[OrderByDirection]("descending"), // closed enum
	}).Validate(), []Violation{
		{Path: "page", Rule: "minimum", Message: "is -1, less than 0"},
		{Path: "limit", Rule: "minimum", Message: "is -25, less than 0"},
		{Path: "order_by_direction", Rule: "enum", Message: `unknown value "descending"`},
	})
}
