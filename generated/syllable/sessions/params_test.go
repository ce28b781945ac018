// Hand-written behaviour tests (not generated): validators of the generated
// query-parameter types (minimum, closed enum).

package sessions_test

import (
	"testing"

	sy "github.com/sessiongen/sessiongen/generated/syllable/sessions"
)

func TestValidateListParams(t *testing.T) {
	checkViolations(t, (&sy.SessionsListParams{
		Page: sy.Some[int64](0), Limit: sy.Some[int64](25),
		OrderBy:          sy.Some[sy.SessionProperties]("a_future_field"), // open enum
		OrderByDirection: sy.Some(sy.OrderByDirectionDesc),
	}).Validate(), nil)
	checkViolations(t, (&sy.SessionsListParams{
		Page: sy.Some[int64](-1), Limit: sy.Some[int64](-25),
		OrderByDirection: sy.Some[sy.OrderByDirection]("descending"), // closed enum
	}).Validate(), []sy.Violation{
		{Path: "page", Rule: "minimum", Message: "is -1, less than 0"},
		{Path: "limit", Rule: "minimum", Message: "is -25, less than 0"},
		{Path: "order_by_direction", Rule: "enum", Message: `unknown value "descending"`},
	})
}
