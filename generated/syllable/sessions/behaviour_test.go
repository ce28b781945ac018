// Hand-written behaviour tests (not generated): tri-state fields of Session,
// open enums, validators, decoder strictness and allocations.

package sessions_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	sy "github.com/sessiongen/sessiongen/generated/syllable/sessions"
)

var ts = time.Date(2023, 11, 7, 5, 31, 56, 0, time.UTC)

// TestSessionAllAbsent: a Session with every optional field absent is
// written as its one required member.
func TestSessionAllAbsent(t *testing.T) {
	s := sy.Session{Timestamp: ts}
	enc, err := s.AppendJSON(nil)
	if err != nil {
		t.Fatal(err)
	}
	if string(enc) != `{"timestamp":"2023-11-07T05:31:56Z"}` {
		t.Errorf("got %s", enc)
	}
	var back sy.Session
	if err := back.UnmarshalJSON(enc); err != nil || !reflect.DeepEqual(back, s) {
		t.Errorf("decoded %+v, %v", back, err)
	}
	// MarshalJSON (and so encoding/json) writes the same.
	if b, err := s.MarshalJSON(); err != nil || !bytes.Equal(b, enc) {
		t.Errorf("MarshalJSON: %s, %v", b, err)
	}
}

// optField is one Optional field of Session: its wire name, its Go name, and
// a test of its three states.
type optField struct {
	key, goName string
	run         func(t *testing.T)
}

func opt[T any](key, goName string, field func(*sy.Session) *sy.Optional[T], sample T) optField {
	return optField{key, goName, func(t *testing.T) {
		for _, st := range []struct {
			name string
			o    sy.Optional[T]
		}{
			{"absent", sy.Optional[T]{}},
			{"null", sy.Null[T]()},
			{"value", sy.Some(sample)},
		} {
			s := sy.Session{Timestamp: ts}
			*field(&s) = st.o
			enc, err := s.AppendJSON(nil)
			if err != nil {
				t.Fatalf("%s: AppendJSON: %v", st.name, err)
			}
			// Exactly one more member than the timestamp unless absent.
			m := parseAny(t, enc).(map[string]any)
			raw, present := m[key]
			wantLen := 2
			if st.name == "absent" {
				wantLen = 1
			}
			if len(m) != wantLen || present != (st.name != "absent") || (present && (raw == nil) != (st.name == "null")) {
				t.Errorf("%s: encoded as %s", st.name, enc)
			}
			var back sy.Session
			if err := back.UnmarshalJSON(enc); err != nil {
				t.Fatalf("%s: decoding %s: %v", st.name, enc, err)
			}
			got := *field(&back)
			if got.IsSet() != st.o.IsSet() || got.IsNull() != st.o.IsNull() || got.IsZero() != st.o.IsZero() {
				t.Errorf("%s: decoded as %v", st.name, got)
			}
			gv, gok := got.Get()
			wv, wok := st.o.Get()
			if gok != wok || !reflect.DeepEqual(gv, wv) {
				t.Errorf("%s: Get() = %v, %v; want %v, %v", st.name, gv, gok, wv, wok)
			}
			if !reflect.DeepEqual(back, s) {
				t.Errorf("%s: whole session differs after the round trip", st.name)
			}
		}
	}}
}

func sessionOptionalFields() []optField {
	str := func(key, goName string, f func(*sy.Session) *sy.Optional[string]) optField {
		return opt(key, goName, f, key+" \"value\" é\u2028")
	}
	boolean := func(key, goName string, f func(*sy.Session) *sy.Optional[bool]) optField {
		return opt(key, goName, f, false) // false: a zero value is still a value
	}
	return []optField{
		str("session_id", "SessionID", func(s *sy.Session) *sy.Optional[string] { return &s.SessionID }),
		str("conversation_id", "ConversationID", func(s *sy.Session) *sy.Optional[string] { return &s.ConversationID }),
		str("channel_manager_service", "ChannelManagerService", func(s *sy.Session) *sy.Optional[string] { return &s.ChannelManagerService }),
		str("channel_manager_type", "ChannelManagerType", func(s *sy.Session) *sy.Optional[string] { return &s.ChannelManagerType }),
		str("channel_manager_sid", "ChannelManagerSID", func(s *sy.Session) *sy.Optional[string] { return &s.ChannelManagerSID }),
		str("agent_id", "AgentID", func(s *sy.Session) *sy.Optional[string] { return &s.AgentID }),
		str("agent_name", "AgentName", func(s *sy.Session) *sy.Optional[string] { return &s.AgentName }),
		str("agent_type", "AgentType", func(s *sy.Session) *sy.Optional[string] { return &s.AgentType }),
		str("agent_timezone", "AgentTimezone", func(s *sy.Session) *sy.Optional[string] { return &s.AgentTimezone }),
		str("prompt_id", "PromptID", func(s *sy.Session) *sy.Optional[string] { return &s.PromptID }),
		str("prompt_name", "PromptName", func(s *sy.Session) *sy.Optional[string] { return &s.PromptName }),
		str("prompt_version", "PromptVersion", func(s *sy.Session) *sy.Optional[string] { return &s.PromptVersion }),
		opt("prompt_version_number", "PromptVersionNumber", func(s *sy.Session) *sy.Optional[int64] { return &s.PromptVersionNumber }, int64(-9223372036854775808)),
		opt("duration", "Duration", func(s *sy.Session) *sy.Optional[float64] { return &s.Duration }, 457.896),
		str("session_label_id", "SessionLabelID", func(s *sy.Session) *sy.Optional[string] { return &s.SessionLabelID }),
		str("source", "Source", func(s *sy.Session) *sy.Optional[string] { return &s.Source }),
		str("target", "Target", func(s *sy.Session) *sy.Optional[string] { return &s.Target }),
		boolean("is_legacy", "IsLegacy", func(s *sy.Session) *sy.Optional[bool] { return &s.IsLegacy }),
		boolean("is_test", "IsTest", func(s *sy.Session) *sy.Optional[bool] { return &s.IsTest }),
		boolean("is_outbound", "IsOutbound", func(s *sy.Session) *sy.Optional[bool] { return &s.IsOutbound }),
		boolean("user_terminated", "UserTerminated", func(s *sy.Session) *sy.Optional[bool] { return &s.UserTerminated }),
		boolean("transfer_voicemail_detected", "TransferVoicemailDetected", func(s *sy.Session) *sy.Optional[bool] { return &s.TransferVoicemailDetected }),
		str("override_timestamp", "OverrideTimestamp", func(s *sy.Session) *sy.Optional[string] { return &s.OverrideTimestamp }),
	}
}

// TestSessionTriState: absent, null and value of every Optional field of
// Session survive AppendJSON then UnmarshalJSON.
func TestSessionTriState(t *testing.T) {
	fields := sessionOptionalFields()
	// The table must cover every Optional field of Session, with its json
	// name: a new field fails here until it is added.
	var want, got []string
	st := reflect.TypeOf(sy.Session{})
	for i := 0; i < st.NumField(); i++ {
		f := st.Field(i)
		if strings.HasPrefix(f.Type.Name(), "Optional[") {
			want = append(want, f.Name+" "+strings.TrimSuffix(f.Tag.Get("json"), ",omitzero"))
		}
	}
	for _, f := range fields {
		got = append(got, f.goName+" "+f.key)
	}
	sort.Strings(want)
	sort.Strings(got)
	if !reflect.DeepEqual(want, got) {
		t.Fatalf("Optional fields of Session:\n have %q\n test %q", want, got)
	}
	if len(fields) != 23 {
		t.Errorf("%d optional fields, want 23", len(fields))
	}
	for _, f := range fields {
		t.Run(f.key, f.run)
	}
}

// TestSessionAllNullAndAllSet: every optional field null at once, then every
// one set, round-trips and is written in the schema's order.
func TestSessionAllNullAndAllSet(t *testing.T) {
	data := readFixture(t, "bench/syllable_session.json")
	var s sy.Session
	if err := s.UnmarshalJSON(data); err != nil {
		t.Fatal(err)
	}
	enc, _ := s.AppendJSON(nil)
	if !bytes.Equal(enc, bytes.TrimSpace(data)) {
		t.Errorf("bench session is not re-encoded byte for byte:\n got  %s\n want %s", enc, data)
	}
	var nulls bytes.Buffer
	nulls.WriteString(`{"timestamp":"2023-11-07T05:31:56Z"`)
	for _, f := range sessionOptionalFields() {
		nulls.WriteString(`,"` + f.key + `":null`)
	}
	nulls.WriteString(`}`)
	var n sy.Session
	if err := n.UnmarshalJSON(nulls.Bytes()); err != nil {
		t.Fatal(err)
	}
	if enc, _ := n.AppendJSON(nil); !bytes.Equal(enc, nulls.Bytes()) {
		t.Errorf("all-null session re-encoded as %s", enc)
	}
	if n.SessionID.IsSet() != true || n.SessionID.IsNull() != true || n.Duration.Or(-1) != -1 {
		t.Errorf("all-null session: %+v", n)
	}
}

// TestNonFiniteNotAllowed: duration is a plain number (not nonFinite): NaN
// cannot be encoded and the string "NaN" does not decode.
func TestNonFiniteNotAllowed(t *testing.T) {
	_, err := (&sy.Session{Timestamp: ts, Duration: sy.Some(math.NaN())}).AppendJSON(nil)
	var nf *sy.NonFiniteError
	if !errors.As(err, &nf) || err.Error() != "json: unsupported value NaN" {
		t.Errorf("AppendJSON with NaN: %v", err)
	}
	err = new(sy.Session).UnmarshalJSON([]byte(`{"timestamp":"2023-11-07T05:31:56Z","duration":"NaN"}`))
	if err == nil || err.Error() != `json: duration: expected number, found string at offset 47` {
		t.Errorf("decoding \"NaN\": %v", err)
	}
	// An integer literal is a number: the docs example sends "duration": 123.
	var s sy.Session
	if err := s.UnmarshalJSON([]byte(`{"timestamp":"2023-11-07T05:31:56Z","duration":123}`)); err != nil || s.Duration.Or(0) != 123 {
		t.Errorf("duration 123: %v %v", s.Duration, err)
	}
}

// ----------------------------------------------------------- enums, errors

// TestOpenEnumsAcceptUnknownValues: the latency and timeline enums are open:
// new values decode, are not known, re-encode unchanged and pass Validate.
func TestOpenEnumsAcceptUnknownValues(t *testing.T) {
	const doc = `{"session_id":"s","timeline":[{"timestamp":"2023-11-07T05:31:56Z","measurement_start":"2023-11-07T05:31:55.5Z","category":"vad","label":"l","metadata":null,"unit_type":"picoseconds","value":1.5,"value_str":"1.5","time_delta":"00:01"}],"summary":[{"category":"llm","sub_category":null,"event_count":3,"sum_ms":30,"sum_str":"30ms","average_ms":10,"average_str":"10ms"}]}`
	var r sy.InspectLatencyResponse
	if err := r.UnmarshalJSON([]byte(doc)); err != nil {
		t.Fatal(err)
	}
	e := r.Timeline[0]
	if e.Category != "vad" || e.Category.IsKnown() || e.UnitType != "picoseconds" || e.UnitType.IsKnown() {
		t.Errorf("decoded %+v", e)
	}
	summary := r.Summary
	if !summary[0].Category.IsKnown() || summary[0].Category != sy.LatencyCategoryLlm {
		t.Errorf("summary category %q", summary[0].Category)
	}
	if err := r.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
	enc, _ := r.AppendJSON(nil)
	checkDiff(t, []byte(doc), enc, nil, nil)

	var ev sy.TimelineEvent
	if err := ev.UnmarshalJSON([]byte(`{"kind":"dtmf","timestamp":"2023-11-07T05:31:56Z","offset":"00:04"}`)); err != nil {
		t.Fatal(err)
	}
	if ev.Kind != "dtmf" || ev.Kind.IsKnown() || ev.Validate() != nil {
		t.Errorf("kind %q", ev.Kind)
	}
	if !sy.SessionPropertiesIsOutbound.IsKnown() || sy.SessionProperties("is_new").IsKnown() {
		t.Error("SessionProperties.IsKnown")
	}
	if !sy.OrderByDirectionAsc.IsKnown() || sy.OrderByDirection("up").IsKnown() {
		t.Error("OrderByDirection.IsKnown")
	}
}

// TestValidationErrorBody: the FastAPI 422 body decodes, keeps loc items and
// input verbatim, and round-trips.
func TestValidationErrorBody(t *testing.T) {
	const doc = `{"detail":[{"loc":["query","limit"],"msg":"Input should be a valid integer","type":"int_parsing","input":"ten"},{"loc":["body",0,"x"],"msg":"m","type":"t","ctx":{"gt":0,"pattern":"^a"}}]}`
	var e sy.HTTPValidationError
	if err := e.UnmarshalJSON([]byte(doc)); err != nil {
		t.Fatal(err)
	}
	detail := e.Detail
	in, _ := detail[0].Input.Get()
	ctx := detail[1].Ctx
	if len(detail) != 2 || string(in) != `"ten"` || string(ctx["gt"]) != "0" {
		t.Errorf("decoded %+v", e)
	}
	if i, ok := detail[1].Loc[1].AsInt64(); !ok || i != 0 || detail[1].Loc[1].IsString() {
		t.Errorf("loc[1] = %+v, want the integer 0", detail[1].Loc[1])
	}
	if s, ok := detail[0].Loc[0].AsString(); !ok || s != "query" || detail[0].Loc[0].IsInt64() {
		t.Errorf("loc[0] = %+v, want the string query", detail[0].Loc[0])
	}
	if err := e.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
	enc, _ := e.AppendJSON(nil)
	checkDiff(t, []byte(doc), enc, nil, nil)
}

// TestValidationErrorLoc: loc items are the string | integer union of the
// spec, decoded strictly (a boolean, a fraction or null is an error at its
// index), built with constructors, and a zero item is reported by Validate
// and refused by the encoder.
func TestValidationErrorLoc(t *testing.T) {
	for in, want := range map[string]string{
		`{"loc":["body",true],"msg":"m","type":"t"}`: `json: loc[1]: expected string or int64, found true at offset 15`,
		`{"loc":[1.5],"msg":"m","type":"t"}`:         `json: loc[0]: number "1.5" is not an integer (int64) at offset 8`,
		`{"loc":[null],"msg":"m","type":"t"}`:        `json: loc[0]: null is not allowed here at offset 8`,
		`{"loc":[{}],"msg":"m","type":"t"}`:          `json: loc[0]: expected string or int64, found object at offset 8`,
	} {
		var e sy.RequestValidationError
		if err := e.UnmarshalJSON([]byte(in)); err == nil || err.Error() != want {
			t.Errorf("%s: got %v, want %s", in, err, want)
		}
	}
	e := sy.RequestValidationError{
		Loc:  []sy.RequestValidationErrorLocItem{sy.RequestValidationErrorLocItemFromString("body"), sy.RequestValidationErrorLocItemFromInt64(-3)},
		Msg:  "m",
		Type: "t",
	}
	enc, err := e.AppendJSON(nil)
	if err != nil || string(enc) != `{"loc":["body",-3],"msg":"m","type":"t"}` {
		t.Errorf("AppendJSON = %s, %v", enc, err)
	}
	e.Loc = append(e.Loc, sy.RequestValidationErrorLocItem{})
	var ve *sy.ValidationError
	if err := e.Validate(); !errors.As(err, &ve) || len(ve.Violations) != 1 || ve.Violations[0].Path != "loc[2]" || ve.Violations[0].Rule != sy.RuleRequired {
		t.Errorf("Validate of a zero item: %v", err)
	}
	var unset *sy.UnsetUnionError
	if _, err := e.AppendJSON(nil); !errors.As(err, &unset) || unset.Type != "RequestValidationErrorLocItem" {
		t.Errorf("AppendJSON of a zero item: %v", err)
	}
}

// ---------------------------------------------------------------- validators

func checkViolations(t *testing.T, err error, want []sy.Violation) {
	t.Helper()
	if want == nil {
		if err != nil {
			t.Errorf("Validate: %v, want nil", err)
		}
		return
	}
	var ve *sy.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("Validate returned %v (%T), want *ValidationError", err, err)
	}
	if !reflect.DeepEqual(ve.Violations, want) {
		t.Errorf("violations:\n got  %+v\n want %+v", ve.Violations, want)
	}
}

// TestValidate: Syllable's only Validate rule is "null" on optional,
// non-nullable fields (its enums are open or only used in query
// parameters; lengths, patterns and ranges are not used in its types).
func TestValidate(t *testing.T) {
	checkViolations(t, (&sy.InspectLatencyResponse{SessionID: "s", Summary: []sy.SummaryEntry{}}).Validate(), nil)
	bad := &sy.HTTPValidationError{Detail: []sy.RequestValidationError{
		{Msg: "ok", Type: "t", Input: sy.Some(json.RawMessage(`1`))},
		{Msg: "m", Type: "t", Input: sy.Null[json.RawMessage]()},
	}}
	checkViolations(t, bad.Validate(), []sy.Violation{
		{Path: "detail[1].input", Rule: "null", Message: "must not be null"},
	})
	// Sessions have no constraints beyond their types: any value is valid.
	checkViolations(t, (&sy.Session{Timestamp: ts, SessionID: sy.Null[string](), Duration: sy.Some(-1.0)}).Validate(), nil)
	checkViolations(t, (&sy.ListResponseSession{Items: []sy.Session{{}, {}}, Page: -1}).Validate(), nil)
}

// ---------------------------------------------------------------- strictness

func at(t *testing.T, doc, marker string) int {
	t.Helper()
	i := strings.Index(doc, marker)
	if i < 0 || strings.Count(doc, marker) != 1 {
		t.Fatalf("marker %q must occur once in %.80s", marker, doc)
	}
	return i
}

func TestStrictDecoding(t *testing.T) {
	const head = `{"timestamp":"2023-11-07T05:31:56Z"`
	for _, tc := range []struct{ name, doc, want, marker string }{
		{"trailing data", head + `}]`, `json: unexpected data after top-level value: invalid character ']' at offset %d`, `]`},
		{"leading zero", head + `,"prompt_version_number":012}`, `json: prompt_version_number: leading zero in number "012" at offset %d`, `012`},
		{"negative leading zero", head + `,"duration":-0.5e01,"prompt_version_number":-01}`, `json: prompt_version_number: leading zero in number "-01" at offset %d`, `-01`},
		{"int64 overflow", head + `,"prompt_version_number":9223372036854775808}`, `json: prompt_version_number: number "9223372036854775808" overflows int64 at offset %d`, `9223372036854775808`},
		{"float64 overflow", head + `,"duration":1e309}`, `json: duration: number "1e309" overflows float64 at offset %d`, `1e309`},
		{"invalid UTF-8", head + `,"agent_name":"` + "\xed\xa0\x80" + `"}`, `json: agent_name: invalid UTF-8 in string at offset %d`, "\xed"},
		{"lone surrogate", head + `,"agent_name":"\ud800"}`, `json: agent_name: unpaired surrogate "\\ud800" in string at offset %d`, `\ud800`},
		{"reversed surrogates", head + `,"agent_name":"\udd1e\ud834"}`, `json: agent_name: unpaired surrogate "\\udd1e" in string at offset %d`, `\udd1e`},
		{"bad date-time", `{"timestamp":"2023-11-07 05:31:56Z"}`, `json: timestamp: invalid date-time "2023-11-07 05:31:56Z": want 'T' between date and time at offset %d`, `"2023`},
		{"date-time without offset", `{"timestamp":"2023-11-07T05:31:56"}`, `json: timestamp: invalid date-time "2023-11-07T05:31:56": too short at offset %d`, `"2023`},
		{"missing timestamp", `{"session_id":"s"}`, `json: missing required field "timestamp" at offset %d`, ``},
		{"case-different timestamp", `{"Timestamp":"2023-11-07T05:31:56Z"}`, `json: missing required field "timestamp" at offset %d`, ``},
		{"wrong kind", head + `,"is_test":1}`, `json: is_test: expected boolean, found number at offset %d`, `1}`},
		{"comment", head + `/* c */}`, `json: expected ',' or '}' after object field, found invalid character '/' at offset %d`, `/*`},
		{"offset without colon", `{"timestamp":"2023-11-07T05:31:56+0100"}`, `json: timestamp: invalid date-time "2023-11-07T05:31:56+0100": want 'Z' or ±hh:mm offset at the end at offset %d`, `"2023`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			off := len(tc.doc)
			if tc.marker != "" {
				off = at(t, tc.doc, tc.marker)
			}
			want := fmt.Sprintf(tc.want, off)
			err := new(sy.Session).UnmarshalJSON([]byte(tc.doc))
			if err == nil || err.Error() != want {
				t.Errorf("got  %v\nwant %s", err, want)
			}
		})
	}
	// null into the required, non-nullable timestamp.
	err := new(sy.Session).UnmarshalJSON([]byte(`{"timestamp":null}`))
	var de *sy.DecodeError
	if !errors.As(err, &de) || de.Path != "timestamp" || de.Msg != "null is not allowed here" {
		t.Errorf("timestamp null: %v", err)
	}
	// "Session_ID" does not fill SessionID.
	var s sy.Session
	if err := s.UnmarshalJSON([]byte(head + `,"Session_ID":"x","SESSION_ID":"y"}`)); err != nil || s.SessionID.IsSet() {
		t.Errorf("case-different names: %+v, %v", s.SessionID, err)
	}
	// Errors in page items carry the item's index.
	const page = `{"items":[{"timestamp":"2023-11-07T05:31:56Z"},{"timestamp":"2023-11-07T05:31:56Z","is_test":"yes"}],"page":0,"page_size":2}`
	_, err = sy.DecodeSyllablePage([]byte(page))
	if err == nil || err.Error() != fmt.Sprintf(`json: items[1].is_test: expected boolean, found string at offset %d`, at(t, page, `"yes"`)) {
		t.Errorf("page item error: %v", err)
	}
}

func TestErrorMessagesStayShort(t *testing.T) {
	const mb = 1 << 20
	for name, in := range map[string][]byte{
		"nul bytes":           make([]byte, mb),
		"huge timestamp":      []byte(`{"timestamp":"` + strings.Repeat("2", mb) + `"}`),
		"huge number":         []byte(`{"timestamp":"2023-11-07T05:31:56Z","duration":1` + strings.Repeat("0", mb) + `}`),
		"deep page":           []byte(`{"items":` + strings.Repeat(`[{"x":`, mb/6)),
		"unterminated escape": []byte(`{"agent_name":"` + strings.Repeat(`\"`, mb/2-8) + `\u12`),
	} {
		var err error
		if name == "deep page" {
			_, err = sy.DecodeSyllablePage(in)
		} else {
			err = new(sy.Session).UnmarshalJSON(in)
		}
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
	var s sy.Session
	if err := s.UnmarshalJSON(readFixture(t, "bench/syllable_session.json")); err != nil {
		t.Fatal(err)
	}
	var l sy.ListResponseSession
	if err := l.UnmarshalJSON(readFixture(t, "bench/syllable_sessions_50.json")); err != nil {
		t.Fatal(err)
	}
	for name, v := range map[string]interface{ Validate() error }{"session": &s, "page of 50": &l} {
		if err := v.Validate(); err != nil {
			t.Fatal(err)
		}
		allocs := testing.AllocsPerRun(100, func() { _ = v.Validate() })
		t.Logf("%s: %v allocations per Validate", name, allocs)
		if allocs != 0 {
			t.Errorf("%s: Validate of a valid value allocates %v times, want 0", name, allocs)
		}
	}
}
