package proxy_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/sessiongen/sessiongen/generated/twilio/proxy"
)

// Example decodes a Twilio Proxy session, reads its tri-state fields and
// validates a change before sending it back. README.md shows this program.
func Example() {
	var s proxy.Session
	err := s.UnmarshalJSON([]byte(`{"sid": "KCaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "status": "in-progress",
		"unique_name": null, "ttl": 3600, "date_expiry": "2015-07-30T20:00:00.1234567Z"}`))
	if err != nil {
		panic(err)
	}
	status, _ := s.Status.Get()
	expiry, _ := s.DateExpiry.Get()
	fmt.Println(status, status.IsKnown(), s.UniqueName.IsNull(), s.Mode.IsSet(), expiry.Nanosecond())

	s.UniqueName = proxy.Some(strings.Repeat("é", 192)) // 192 characters, 384 bytes
	var invalid *proxy.ValidationError
	if errors.As(s.Validate(), &invalid) {
		fmt.Println(invalid.Violations[0].Path, invalid.Violations[0].Rule)
	}
	// Output:
	// in-progress true true false 123456700
	// unique_name maxLength
}
