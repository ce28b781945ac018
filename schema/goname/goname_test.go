package goname

import "testing"

func TestExported(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"unique_name", "UniqueName"},
		{"sid", "Sid"}, // an API's word: see TestNamerInitialisms
		{"account_sid", "AccountSid"},
		{"ttl", "TTL"},
		{"url", "URL"},
		{"id", "ID"},
		{"callRecord", "CallRecord"},
		{"participants_v2", "ParticipantsV2"},
		{"@odata.type", "OdataType"},
		{"in-progress", "InProgress"},
		{"voice-and-message", "VoiceAndMessage"},
		{"azureADAppId", "AzureADAppID"},
		{"reflexiveIPAddress", "ReflexiveIPAddress"},
		{"HTTPServer", "HTTPServer"},
		{"macOS", "MacOS"},
		{"iOS", "IOS"},
		{"g7221c", "G7221c"},
		{"2fa", "X2fa"},
		{"", "X"},
		{"$select", "Select"},
		{"user_id", "UserID"},
		{"userId", "UserID"},
		{"größe", "Größe"},
		{"名前", "X名前"},
		{"ß", "Xß"},
		{"StartTime<", "StartTimeBefore"}, // Twilio's range filters
		{"StartTime>", "StartTimeAfter"},
		{"DateCreated<", "DateCreatedBefore"},
		{"<", "X"},
	} {
		if got := Exported(tc.in); got != tc.want {
			t.Errorf("Exported(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestNamerInitialisms pins that an API's own initialisms apply only through
// its Namer, in any case, on top of the common ones.
func TestNamerInitialisms(t *testing.T) {
	n := NewNamer([]string{"SID", "tts"})
	for _, tc := range []struct{ in, want, unexported string }{
		{"sid", "SID", "sid"},
		{"account_sid", "AccountSID", "accountSID"},
		{"tts_voice", "TTSVoice", "ttsVoice"},
		{"user_id", "UserID", "userID"},
		{"stt", "Stt", "stt"},
	} {
		if got := n.Exported(tc.in); got != tc.want {
			t.Errorf("Exported(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if got := n.Unexported(tc.in); got != tc.unexported {
			t.Errorf("Unexported(%q) = %q, want %q", tc.in, got, tc.unexported)
		}
	}
	if got := Exported("account_sid"); got != "AccountSid" {
		t.Errorf("package Exported(account_sid) = %q: an API's initialism leaked into the common list", got)
	}
}

func TestUnexported(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"callRecord", "callRecord"},
		{"id", "id"},
		{"URLList", "urlList"},
		{"type", "type_"},
		{"string", "string_"},
		{"sid", "sid"},
	} {
		if got := Unexported(tc.in); got != tc.want {
			t.Errorf("Unexported(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestIsPackageName(t *testing.T) {
	for in, want := range map[string]bool{
		"callrecords": true, "proxy": true, "v1": true, "1v": false, "Proxy": false,
		"type": false, "": false, "call_records": false, "string": false,
	} {
		if got := IsPackageName(in); got != want {
			t.Errorf("IsPackageName(%q) = %v, want %v", in, got, want)
		}
	}
}
