// Hand-written behaviour tests (not generated): validators of the generated
// query-parameter and request-body types (minimum, maximum, and the string
// and enum rules on request fields).

package proxy_test

import (
	"strings"
	"testing"

	pr "github.com/sessiongen/sessiongen/generated/twilio/proxy"
)

func TestValidateListParams(t *testing.T) {
	// PageSize: minimum 1, maximum 1000; Page: minimum 0.
	for _, ok := range []pr.ServicesListParams{
		{},
		{PageSize: pr.Some[int64](1), Page: pr.Some[int32](0)},
		{PageSize: pr.Some[int64](1000), Page: pr.Some[int32](2147483647), PageToken: pr.Some("PAKC")},
	} {
		checkViolations(t, ok.Validate(), nil)
	}
	checkViolations(t, (&pr.ServicesListParams{PageSize: pr.Some[int64](0), Page: pr.Some[int32](-1)}).Validate(), []pr.Violation{
		{Path: "PageSize", Rule: "minimum", Message: "is 0, less than 1"},
		{Path: "Page", Rule: "minimum", Message: "is -1, less than 0"},
	})
	checkViolations(t, (&pr.SessionsListParams{PageSize: pr.Some[int64](1001)}).Validate(), []pr.Violation{
		{Path: "PageSize", Rule: "maximum", Message: "is 1001, more than 1000"},
	})
	checkViolations(t, (&pr.PhoneNumbersListParams{PageToken: pr.Null[string]()}).Validate(), []pr.Violation{
		{Path: "PageToken", Rule: "null", Message: "must not be null"},
	})
}

func TestValidateRequests(t *testing.T) {
	name191 := strings.Repeat("ü", 191)
	checkViolations(t, (&pr.SessionsCreateRequest{UniqueName: pr.Some(name191), Mode: pr.Some(pr.SessionModeVoiceAndMessage)}).Validate(), nil)
	checkViolations(t, (&pr.SessionsCreateRequest{UniqueName: pr.Some(name191 + "ü"), Mode: pr.Some[pr.SessionMode]("voice-and-video")}).Validate(), []pr.Violation{
		{Path: "UniqueName", Rule: "maxLength", Message: "has 192 characters, more than 191"},
		{Path: "Mode", Rule: "enum", Message: `unknown value "voice-and-video"`},
	})
	checkViolations(t, (&pr.ServicesCreateRequest{UniqueName: "My Service", CallbackURL: pr.Some("http://www.example.com"), ChatInstanceSID: pr.Some("ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")}).Validate(), nil)
	checkViolations(t, (&pr.ServicesCreateRequest{UniqueName: "My Service", CallbackURL: pr.Some("www.example.com"), ChatInstanceSID: pr.Some("IS")}).Validate(), []pr.Violation{
		{Path: "CallbackUrl", Rule: "format", Message: "is not an absolute URI"},
		{Path: "ChatInstanceSid", Rule: "minLength", Message: "has 2 characters, fewer than 34"},
		{Path: "ChatInstanceSid", Rule: "pattern", Message: "does not match ^IS[0-9a-fA-F]{32}$"},
	})
}
