// Hand-written behaviour tests (not generated): validators of the generated
// query-parameter and request-body types (minimum, maximum, and the string
// and enum rules on request fields).

package proxy

import (
	"strings"
	"testing"
)

func TestValidateListParams(t *testing.T) {
	// PageSize: minimum 1, maximum 1000; Page: minimum 0.
	for _, ok := range []ServicesListParams{
		{},
		{PageSize: Some[int64](1), Page: Some[int32](0)},
		{PageSize: Some[int64](1000), Page: Some[int32](2147483647), PageToken: Some("PAKC")},
	} {
		checkViolations(t, ok.Validate(), nil)
	}
	checkViolations(t, (&ServicesListParams{PageSize: Some[int64](0), Page: Some[int32](-1)}).Validate(), []Violation{
		{Path: "PageSize", Rule: "minimum", Message: "is 0, less than 1"},
		{Path: "Page", Rule: "minimum", Message: "is -1, less than 0"},
	})
	checkViolations(t, (&SessionsListParams{PageSize: Some[int64](1001)}).Validate(), []Violation{
		{Path: "PageSize", Rule: "maximum", Message: "is 1001, more than 1000"},
	})
	checkViolations(t, (&PhoneNumbersListParams{PageToken: Null[string]()}).Validate(), []Violation{
		{Path: "PageToken", Rule: "null", Message: "must not be null"},
	})
}

func TestValidateRequests(t *testing.T) {
	name191 := strings.Repeat("ü", 191)
	checkViolations(t, (&SessionsCreateRequest{UniqueName: Some(name191), Mode: Some(SessionModeVoiceAndMessage)}).Validate(), nil)
	checkViolations(t, (&SessionsCreateRequest{UniqueName: Some(name191 + "ü"), Mode: Some[SessionMode]("voice-and-video")}).Validate(), []Violation{
		{Path: "UniqueName", Rule: "maxLength", Message: "has 192 characters, more than 191"},
		{Path: "Mode", Rule: "enum", Message: `unknown value "voice-and-video"`},
	})
	checkViolations(t, (&ServicesCreateRequest{UniqueName: "My Service", CallbackURL: Some("http://www.example.com"), ChatInstanceSID: Some("ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")}).Validate(), nil)
	checkViolations(t, (&ServicesCreateRequest{UniqueName: "My Service", CallbackURL: Some("www.example.com"), ChatInstanceSID: Some("IS")}).Validate(), []Violation{
		{Path: "CallbackUrl", Rule: "format", Message: "is not an absolute URI"},
		{Path: "ChatInstanceSid", Rule: "minLength", Message: "has 2 characters, fewer than 34"},
		{Path: "ChatInstanceSid", Rule: "pattern", Message: "does not match ^IS[0-9a-fA-F]{32}$"},
	})
}
