// Hand-written behaviour tests (not generated): tri-state fields, unknown
// enum values, validators, decoder strictness and allocations.

package proxy_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	twc "github.com/sessiongen/sessiongen/generated/twilio/common"
	pr "github.com/sessiongen/sessiongen/generated/twilio/proxy"
)

const (
	sidKC = "KCaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	sidKS = "KSaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	sidAC = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
)

// at returns the offset of the only occurrence of marker in doc.
func at(t *testing.T, doc, marker string) int {
	t.Helper()
	i := strings.Index(doc, marker)
	if i < 0 || strings.Count(doc, marker) != 1 {
		t.Fatalf("marker %q must occur once in %.80s", marker, doc)
	}
	return i
}

// extractMember returns `"name":value` as found in enc, for messages.
func extractMember(enc []byte, name string) string {
	i := bytes.Index(enc, []byte(`"`+name+`":`))
	if i < 0 {
		return "(absent)"
	}
	j := i + len(name) + 3
	for j < len(enc) && enc[j] != ',' && enc[j] != '}' {
		j++
	}
	return string(enc[i:j])
}

// TestSDKFixtureStatusTypo: the twilio-python fixture sends "status":
// "in-progess" (sic). SessionStatus is open: the value decodes, is not
// known, is written back unchanged and passes Validate.
func TestSDKFixtureStatusTypo(t *testing.T) {
	data := readFixture(t, "sdk-tests/twilio-python.test_session.fetch_response.json")
	var s pr.Session
	if err := s.UnmarshalJSON(data); err != nil {
		t.Fatal(err)
	}
	st, ok := s.Status.Get()
	if !ok || st != "in-progess" || st.IsKnown() {
		t.Errorf("status = %q (set %v, known %v)", st, ok, st.IsKnown())
	}
	if pr.SessionStatusInProgress.IsKnown() != true {
		t.Error("in-progress is not known")
	}
	if err := s.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
	enc, err := s.AppendJSON(nil)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(enc, []byte(`"status":"in-progess"`)) {
		t.Errorf("re-encoded status: %s", extractMember(enc, "status"))
	}
	if cr, _ := s.ClosedReason.Get(); cr != "" || !s.ClosedReason.IsSet() || s.ClosedReason.IsNull() {
		t.Errorf(`closed_reason "" decoded as %v`, s.ClosedReason)
	}
	if ttl, _ := s.TTL.Get(); ttl != 3600 {
		t.Errorf("ttl = %d", ttl)
	}
	links, _ := s.Links.Get()
	if len(links) != 2 || !strings.HasSuffix(links["participants"], "/Participants") {
		t.Errorf("links = %v", links)
	}
	// A closed enum's unknown value also decodes and survives; only
	// Validate reports it.
	var c pr.Session
	if err := c.UnmarshalJSON([]byte(`{"mode":"video-only"}`)); err != nil {
		t.Fatal(err)
	}
	if m, _ := c.Mode.Get(); m != "video-only" || m.IsKnown() {
		t.Errorf("mode = %q", m)
	}
	if enc, _ := c.AppendJSON(nil); string(enc) != `{"mode":"video-only"}` {
		t.Errorf("re-encoded: %s", enc)
	}
	checkViolations(t, c.Validate(), []pr.Violation{{Path: "mode", Rule: "enum", Message: `unknown value "video-only"`}})
}

// ---------------------------------------------------------------- tri-state

func triState[O any, P generated[O], T any](t *testing.T, key string, field func(P) *pr.Optional[T], sample T, same func(a, b T) bool) {
	t.Helper()
	for _, st := range []struct {
		name string
		opt  pr.Optional[T]
	}{
		{"absent", pr.Optional[T]{}},
		{"null", pr.Null[T]()},
		{"value", pr.Some(sample)},
	} {
		v := P(new(O))
		*field(v) = st.opt
		enc, err := v.AppendJSON(nil)
		if err != nil {
			t.Fatalf("%s %s: AppendJSON: %v", key, st.name, err)
		}
		m, _ := parseAny(t, enc).(map[string]any)
		raw, present := m[key]
		switch {
		case st.name == "absent" && present,
			st.name == "null" && (!present || raw != nil),
			st.name == "value" && (!present || raw == nil):
			t.Errorf("%s %s: written as %s", key, st.name, extractMember(enc, key))
		}
		w := P(new(O))
		if err := w.UnmarshalJSON(enc); err != nil {
			t.Fatalf("%s %s: decoding %s: %v", key, st.name, enc, err)
		}
		got := *field(w)
		if got.IsSet() != st.opt.IsSet() || got.IsNull() != st.opt.IsNull() {
			t.Errorf("%s %s: decoded as %v (IsSet %v, IsNull %v)", key, st.name, got, got.IsSet(), got.IsNull())
		}
		gv, gok := got.Get()
		wv, wok := st.opt.Get()
		if gok != wok || (wok && !same(gv, wv)) {
			t.Errorf("%s %s: Get() = %v, %v; want %v, %v", key, st.name, gv, gok, wv, wok)
		}
	}
}

func deepEqual[T any](a, b T) bool { return reflect.DeepEqual(a, b) }

func TestTriState(t *testing.T) {
	ts := time.Date(2015, 7, 30, 20, 0, 0, 0, time.UTC)
	triState(t, "sid", func(s *pr.Session) *pr.Optional[string] { return &s.SID }, sidKC, deepEqual[string])
	triState(t, "unique_name", func(s *pr.Session) *pr.Optional[string] { return &s.UniqueName }, "Order #1234 – ünïcödé", deepEqual[string])
	// "" is a value, distinct from null and from absent.
	triState(t, "closed_reason", func(s *pr.Session) *pr.Optional[string] { return &s.ClosedReason }, "", deepEqual[string])
	triState(t, "date_ended", func(s *pr.Session) *pr.Optional[time.Time] { return &s.DateEnded }, ts, func(a, b time.Time) bool { return a.Equal(b) })
	triState(t, "links", func(s *pr.Session) *pr.Optional[map[string]string] { return &s.Links },
		map[string]string{"participants": "https://proxy.twilio.com/v1/x", "interactions": "https://proxy.twilio.com/v1/y"}, deepEqual[map[string]string])
	triState(t, "identifier", func(p *pr.Participant) *pr.Optional[string] { return &p.Identifier }, "+14155551212", deepEqual[string])
	triState(t, "capabilities", func(p *pr.PhoneNumber) *pr.Optional[pr.PhoneNumberCapabilities] { return &p.Capabilities },
		pr.PhoneNumberCapabilities{SMS: pr.Some(true), AdditionalProperties: []pr.Member{{Name: "sms_outbound", Value: []byte("true")}}},
		deepEqual[pr.PhoneNumberCapabilities])
	triState(t, "is_reserved", func(p *pr.PhoneNumber) *pr.Optional[bool] { return &p.IsReserved }, false, deepEqual[bool])
	triState(t, "inbound_resource_status", func(i *pr.Interaction) *pr.Optional[pr.InteractionResourceStatus] { return &i.InboundResourceStatus },
		pr.InteractionResourceStatusDelivered, deepEqual[pr.InteractionResourceStatus])
}

// TestNonNullableOptional: status, ttl and mode may be absent but never
// null. Absent and value round-trip; a Go value holding null is reported by
// Validate (Rule "null") and its encoding is rejected by the decoder.
func TestNonNullableOptional(t *testing.T) {
	// Every response property of a resource may be null (see
	// TestEveryResponsePropertyMayBeNull); the error body's optional
	// members may not.
	for _, e := range []pr.RestError{{Code: 1, Message: "m"}, {Code: 1, Message: "m", MoreInfo: twc.Some("https://x.example/"), Status: twc.Some[int32](400), Details: map[string]json.RawMessage{}}} {
		enc, err := e.AppendJSON(nil)
		if err != nil {
			t.Fatal(err)
		}
		var got pr.RestError
		if err := got.UnmarshalJSON(enc); err != nil || !reflect.DeepEqual(got, e) {
			t.Errorf("%s: got %+v, %v", enc, got, err)
		}
		checkViolations(t, got.Validate(), nil)
	}
	e := pr.RestError{Code: 1, Message: "m", MoreInfo: twc.Null[string](), Status: twc.Null[int32]()}
	checkViolations(t, viaCommon(e.Validate()), []pr.Violation{
		{Path: "more_info", Rule: "null", Message: "must not be null"},
		{Path: "status", Rule: "null", Message: "must not be null"},
	})
	enc, _ := e.AppendJSON(nil)
	if string(enc) != `{"code":1,"message":"m","more_info":null,"status":null}` {
		t.Errorf("encoded %s", enc)
	}
	err := new(pr.RestError).UnmarshalJSON(enc)
	var de *twc.DecodeError // the error body is generated in twilio/common
	if !errors.As(err, &de) || de.Path != "more_info" || de.Msg != "null is not allowed here" {
		t.Errorf("decoding %s: %v", enc, err)
	}
}

// ---------------------------------------------------------------- validators

// viaCommon returns a *twc.ValidationError (the error body RestError is
// generated in twilio/common) as a *pr.ValidationError, for checkViolations.
func viaCommon(err error) error {
	var ve *twc.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	out := &pr.ValidationError{}
	ve.EachViolation(func(path, rule, message string) {
		out.Violations = append(out.Violations, pr.Violation{Path: path, Rule: rule, Message: message})
	})
	return out
}

func checkViolations(t *testing.T, err error, want []pr.Violation) {
	t.Helper()
	if want == nil {
		if err != nil {
			t.Errorf("Validate: %v, want nil", err)
		}
		return
	}
	var ve *pr.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("Validate returned %v (%T), want *ValidationError", err, err)
	}
	if !reflect.DeepEqual(ve.Violations, want) {
		t.Errorf("violations:\n got  %+v\n want %+v", ve.Violations, want)
	}
}

func TestValidateLengthInCharacters(t *testing.T) {
	// 191 characters of 2 or 3 bytes each: 191 runes, 477 bytes.
	name191 := strings.Repeat("é漢", 95) + "ü"
	if n := len([]rune(name191)); n != 191 || len(name191) <= 191 {
		t.Fatalf("%d runes, %d bytes", n, len(name191))
	}
	for _, v := range []interface{ Validate() error }{
		&pr.Session{UniqueName: pr.Some(name191)},
		&pr.Service{UniqueName: pr.Some(name191)},
		&pr.Participant{Identifier: pr.Some(name191)},
	} {
		checkViolations(t, v.Validate(), nil)
	}
	name192 := name191 + "ß"
	checkViolations(t, (&pr.Session{UniqueName: pr.Some(name192)}).Validate(),
		[]pr.Violation{{Path: "unique_name", Rule: "maxLength", Message: "has 192 characters, more than 191"}})
	checkViolations(t, (&pr.Service{UniqueName: pr.Some(name192)}).Validate(),
		[]pr.Violation{{Path: "unique_name", Rule: "maxLength", Message: "has 192 characters, more than 191"}})
	// friendly_name: 255.
	checkViolations(t, (&pr.Participant{FriendlyName: pr.Some(strings.Repeat("Ω", 255))}).Validate(), nil)
	checkViolations(t, (&pr.Participant{FriendlyName: pr.Some(strings.Repeat("Ω", 256))}).Validate(),
		[]pr.Violation{{Path: "friendly_name", Rule: "maxLength", Message: "has 256 characters, more than 255"}})
}

func TestValidateSIDs(t *testing.T) {
	hex32 := "0123456789abcdefABCDEF0123456789"
	for _, tc := range []struct {
		sid  string
		want []pr.Violation
	}{
		{"KC" + hex32, nil},
		{sidKC, nil},
		{"KS" + hex32, []pr.Violation{{Path: "sid", Rule: "pattern", Message: "does not match ^KC[0-9a-fA-F]{32}$"}}},
		{"kc" + hex32, []pr.Violation{{Path: "sid", Rule: "pattern", Message: "does not match ^KC[0-9a-fA-F]{32}$"}}},
		{"KC" + hex32[:31] + "g", []pr.Violation{{Path: "sid", Rule: "pattern", Message: "does not match ^KC[0-9a-fA-F]{32}$"}}},
		{"KC" + hex32[:31], []pr.Violation{
			{Path: "sid", Rule: "minLength", Message: "has 33 characters, fewer than 34"},
			{Path: "sid", Rule: "pattern", Message: "does not match ^KC[0-9a-fA-F]{32}$"},
		}},
		{"KC" + hex32 + "0", []pr.Violation{
			{Path: "sid", Rule: "maxLength", Message: "has 35 characters, more than 34"},
			{Path: "sid", Rule: "pattern", Message: "does not match ^KC[0-9a-fA-F]{32}$"},
		}},
		// 34 characters but 35 bytes: lengths count characters.
		{"KC" + hex32[:31] + "é", []pr.Violation{{Path: "sid", Rule: "pattern", Message: "does not match ^KC[0-9a-fA-F]{32}$"}}},
		{"KC" + hex32 + "\n", []pr.Violation{
			{Path: "sid", Rule: "maxLength", Message: "has 35 characters, more than 34"},
			{Path: "sid", Rule: "pattern", Message: "does not match ^KC[0-9a-fA-F]{32}$"},
		}},
	} {
		checkViolations(t, (&pr.Session{SID: pr.Some(tc.sid)}).Validate(), tc.want)
	}
	// Each SID field has its own prefix.
	checkViolations(t, (&pr.Session{ServiceSID: pr.Some(sidAC), AccountSID: pr.Some(sidKS)}).Validate(), []pr.Violation{
		{Path: "service_sid", Rule: "pattern", Message: "does not match ^KS[0-9a-fA-F]{32}$"},
		{Path: "account_sid", Rule: "pattern", Message: "does not match ^AC[0-9a-fA-F]{32}$"},
	})
	checkViolations(t, (&pr.Service{ChatInstanceSID: pr.Some("IS" + hex32)}).Validate(), nil)
	checkViolations(t, (&pr.Service{ChatInstanceSID: pr.Some("CH" + hex32)}).Validate(),
		[]pr.Violation{{Path: "chat_instance_sid", Rule: "pattern", Message: "does not match ^IS[0-9a-fA-F]{32}$"}})
	// Any two letters for resource SIDs.
	checkViolations(t, (&pr.Interaction{InboundResourceSID: pr.Some("SM" + hex32), OutboundResourceSID: pr.Some("CA" + hex32)}).Validate(), nil)
	checkViolations(t, (&pr.Interaction{InboundResourceSID: pr.Some("S1" + hex32)}).Validate(),
		[]pr.Violation{{Path: "inbound_resource_sid", Rule: "pattern", Message: "does not match ^[a-zA-Z]{2}[0-9a-fA-F]{32}$"}})
}

func TestValidateEnumsAndFormats(t *testing.T) {
	// Closed enums report unknown values; open ones accept them.
	checkViolations(t, (&pr.Service{
		NumberSelectionBehavior: pr.Some[pr.ServiceNumberSelectionBehavior]("sticky"),
		GeoMatchLevel:           pr.Some[pr.ServiceGeoMatchLevel]("extended-area-code"),
	}).Validate(), []pr.Violation{{Path: "number_selection_behavior", Rule: "enum", Message: `unknown value "sticky"`}})
	checkViolations(t, (&pr.Service{NumberSelectionBehavior: pr.Some(pr.ServiceNumberSelectionBehaviorPreferSticky)}).Validate(), nil)
	checkViolations(t, (&pr.Session{Status: pr.Some[pr.SessionStatus]("paused"), Mode: pr.Some(pr.SessionModeMessageOnly)}).Validate(), nil)
	checkViolations(t, (&pr.Interaction{Type: pr.Some[pr.InteractionType]("fax"), InboundResourceStatus: pr.Some[pr.InteractionResourceStatus]("read")}).Validate(), nil)

	// uri format.
	for _, ok := range []string{"https://proxy.twilio.com/v1/Services/KS1", "http://www.example.com", "urn:isbn:0451450523", "https://x.example/a%20b?q=1&r=2#f"} {
		checkViolations(t, (&pr.Service{CallbackURL: pr.Some(ok)}).Validate(), nil)
	}
	for _, bad := range []string{"", "/v1/Services", "www.example.com", "http://exa mple.com", "https://x.example/%zz", "1http://x"} {
		checkViolations(t, (&pr.Service{CallbackURL: pr.Some(bad)}).Validate(),
			[]pr.Violation{{Path: "callback_url", Rule: "format", Message: "is not an absolute URI"}})
	}
	// Map values are checked under their key, in key order.
	checkViolations(t, (&pr.Session{Links: pr.Some(map[string]string{
		"participants": "Participants", "interactions": "../Interactions", "ok": "https://x.example/",
	})}).Validate(), []pr.Violation{
		{Path: "links.interactions", Rule: "format", Message: "is not an absolute URI"},
		{Path: "links.participants", Rule: "format", Message: "is not an absolute URI"},
	})
	// Nested object (null is valid in a response), and the error body.
	checkViolations(t, (&pr.PhoneNumber{Capabilities: pr.Some(pr.PhoneNumberCapabilities{SMS: pr.Null[bool]()}), InUse: pr.Null[int32]()}).Validate(), nil)
	checkViolations(t, viaCommon((&pr.RestError{Code: 20001, Message: "Bad request", Status: twc.Null[int32]()}).Validate()),
		[]pr.Violation{{Path: "status", Rule: "null", Message: "must not be null"}})
	checkViolations(t, viaCommon((&pr.RestError{Code: 20001, Message: "Bad request", MoreInfo: twc.Some("twilio.com/docs/errors/20001")}).Validate()),
		[]pr.Violation{{Path: "more_info", Rule: "format", Message: "is not an absolute URI"}})

	// Several violations at once, in field order, and the Error text.
	err := (&pr.Session{SID: pr.Some("KC"), Mode: pr.Some[pr.SessionMode]("x"), URL: pr.Some("u")}).Validate()
	var ve *pr.ValidationError
	if !errors.As(err, &ve) || len(ve.Violations) != 4 {
		t.Fatalf("got %v", err)
	}
	if got, want := err.Error(), `validation failed: sid: has 2 characters, fewer than 34 (minLength); sid: does not match ^KC[0-9a-fA-F]{32}$ (pattern); mode: unknown value "x" (enum); url: is not an absolute URI (format)`; got != want {
		t.Errorf("Error():\n got  %s\n want %s", got, want)
	}
}

// ---------------------------------------------------------------- strictness

func TestStrictDecoding(t *testing.T) {
	for _, tc := range []struct{ name, doc, want, marker string }{
		{"trailing data", `{"sid":null}x`, `json: unexpected data after top-level value: invalid character 'x' at offset %d`, `x`},
		{"two documents", `{} {}`, `json: unexpected data after top-level value: object at offset %d`, ` {`},
		{"leading zero", `{"ttl":0123}`, `json: ttl: leading zero in number "0123" at offset %d`, `0123`},
		{"int32 overflow", `{"ttl":2147483648}`, `json: ttl: number "2147483648" overflows int32 at offset %d`, `2147483648`},
		{"int32 underflow", `{"ttl":-2147483649}`, `json: ttl: number "-2147483649" overflows int32 at offset %d`, `-2147483649`},
		{"exponent in int", `{"ttl":3.6e3}`, `json: ttl: number "3.6e3" is not an integer (int32) at offset %d`, `3.6e3`},
		{"invalid UTF-8", `{"unique_name":"Order ` + "\xc3\x28" + `"}`, `json: unique_name: invalid UTF-8 in string at offset %d`, "\xc3"},
		{"lone surrogate", `{"unique_name":"\ud800x"}`, `json: unique_name: unpaired surrogate "\\ud800" in string at offset %d`, `\ud800`},
		{"lone low surrogate", `{"unique_name":"\udc00"}`, `json: unique_name: unpaired surrogate "\\udc00" in string at offset %d`, `\udc00`},
		{"control character", "{\"unique_name\":\"a\tb\"}", `json: unique_name: control character '\t' in string at offset %d`, "\t"},
		{"single quotes", `{'sid':null}`, `json: expected field name, found invalid character '\'' at offset %d`, `'sid'`},
		{"NaN literal", `{"ttl":NaN}`, `json: ttl: expected integer, found invalid character 'N' at offset %d`, `NaN`},
		{"map duplicate key", `{"links":{"a":"https://x","a":"https://y"}}`, `json: links: duplicate field "a" at offset %d`, `"a":"https://y"`},
		{"wrong kind", `{"is_reserved":"true"}`, ``, ``},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.name == "wrong kind" {
				err := new(pr.PhoneNumber).UnmarshalJSON([]byte(tc.doc))
				if want := `json: is_reserved: expected boolean, found string at offset 15`; err == nil || err.Error() != want {
					t.Errorf("got  %v\nwant %s", err, want)
				}
				return
			}
			off := at(t, tc.doc, tc.marker)
			if tc.marker == " {" {
				off++
			}
			want := fmt.Sprintf(tc.want, off)
			err := new(pr.Session).UnmarshalJSON([]byte(tc.doc))
			if err == nil || err.Error() != want {
				t.Errorf("got  %v\nwant %s", err, want)
			}
		})
	}
}

// TestNullErrorOffsetPointsAtNull: as in the Graph package, the generated
// decoders call Decoder.ErrNullNotAllowed after consuming the null (its doc
// says: before), so the offset points past the null. Path and message are
// right. Covers a struct field and a map value.
func TestNullErrorOffsetPointsAtNull(t *testing.T) {
	for _, tc := range []struct{ doc, path string }{
		{`{"code":1,"message":"m","status":null}`, "status"},
		{`{"links":{"a":null}}`, "links.a"},
	} {
		var err error
		if strings.HasPrefix(tc.doc, `{"code"`) {
			err = new(pr.RestError).UnmarshalJSON([]byte(tc.doc))
		} else {
			err = new(pr.Session).UnmarshalJSON([]byte(tc.doc))
		}
		// The error body is generated in twilio/common: its DecodeError
		// is that package's; Parts reads either.
		var de interface {
			error
			Parts() (offset int, path, msg string)
		}
		if !errors.As(err, &de) {
			t.Fatalf("%s: got %v", tc.doc, err)
		}
		off, path, msg := de.Parts()
		if path != tc.path || msg != "null is not allowed here" {
			t.Fatalf("%s: got %v", tc.doc, err)
		}
		if want := strings.Index(tc.doc, "null"); off != want {
			t.Errorf("%s: offset %d, want %d (the null)", err, off, want)
		}
	}
}

// TestNamesAreCaseSensitive: "SID" is not "sid". The undeclared member is
// skipped and the field stays absent (encoding/json would fill it).
func TestNamesAreCaseSensitive(t *testing.T) {
	var s pr.Session
	if err := s.UnmarshalJSON([]byte(`{"SID":"` + sidKC + `","Unique_Name":"x"}`)); err != nil {
		t.Fatal(err)
	}
	if s.SID.IsSet() || s.UniqueName.IsSet() {
		t.Errorf("case-different names filled fields: %+v", s)
	}
	if enc, _ := s.AppendJSON(nil); string(enc) != `{}` {
		t.Errorf("re-encoded %s", enc)
	}
	// A required field spelt differently stays missing.
	err := new(pr.RestError).UnmarshalJSON([]byte(`{"Code":20001,"message":"m"}`))
	if err == nil || err.Error() != `json: missing required field "code" at offset 28` {
		t.Errorf("got %v", err)
	}
	err = new(pr.RestError).UnmarshalJSON([]byte(`{"code":null,"message":"m"}`))
	var de *twc.DecodeError
	if !errors.As(err, &de) || de.Path != "code" || de.Msg != "null is not allowed here" {
		t.Errorf("got %v", err)
	}
}

func TestErrorMessagesStayShort(t *testing.T) {
	const mb = 1 << 20
	garbage := bytes.Repeat([]byte{0xfe, '"', '{', '\\'}, mb/4)
	for name, in := range map[string][]byte{
		"binary garbage":      garbage,
		"huge number":         []byte(`{"ttl":` + strings.Repeat("9", mb) + `}`),
		"huge unknown key":    []byte(`{"` + strings.Repeat("k", mb) + `":[}`),
		"huge map key":        []byte(`{"links":{"` + strings.Repeat("k", mb) + `":1}}`),
		"huge quoted map key": []byte(`{"links":{"` + strings.Repeat("k.", mb/2) + `":1}}`),
		"unterminated":        []byte(`{"unique_name":"` + strings.Repeat("é", mb/2)),
	} {
		err := new(pr.Session).UnmarshalJSON(in)
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		if n := len(err.Error()); n >= 1024 {
			t.Errorf("%s: error text is %d bytes: %.200s...", name, n, err.Error())
		}
		t.Logf("%s: %.300s", name, err)
	}
}

// ------------------------------------------------------------- allocations

func TestValidateDoesNotAllocate(t *testing.T) {
	for _, file := range []string{"bench/twilio_session.json", "FetchSession.fetch.200.response.json"} {
		var s pr.Session
		if err := s.UnmarshalJSON(readFixture(t, file)); err != nil {
			t.Fatal(err)
		}
		if err := s.Validate(); err != nil {
			t.Fatal(err)
		}
		allocs := testing.AllocsPerRun(100, func() { _ = s.Validate() })
		t.Logf("%s: %v allocations per Validate", file, allocs)
		if allocs != 0 {
			t.Errorf("%s: Validate of a valid session allocates %v times, want 0", file, allocs)
		}
	}
}
