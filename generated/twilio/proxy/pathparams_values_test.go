// Hand-written (not generated): valid path parameter values for
// TestPathParametersValidated, by resource client and wire name (or wire
// name alone): Twilio SIDs, a two-letter prefix and 32 hex digits.

package proxy_test

var pathParamValues = map[string]string{
	"ServiceSid":                    "KSaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	"SessionSid":                    "KCaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	"ParticipantSid":                "KPaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	"ServicesClient.Sid":            "KSaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	"PhoneNumbersClient.Sid":        "PNaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	"SessionsClient.Sid":            "KCaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	"InteractionsClient.Sid":        "KIaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	"ParticipantsClient.Sid":        "KPaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	"MessageInteractionsClient.Sid": "KIaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
}
