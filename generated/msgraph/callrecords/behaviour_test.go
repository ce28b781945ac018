// Hand-written behaviour tests (not generated): duplicate names, date-time
// text, tri-state fields, unknown discriminators and enum values,
// validators, decoder strictness and allocations.

package callrecords_test

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	cr "github.com/sessiongen/sessiongen/generated/msgraph/callrecords"
)

// TestDuplicateODataTypeInPublishedFixture: the Microsoft Graph docs publish
// list-sessions example 2 with "@odata.type" written twice inside the callee
// of value[0].segments[0] (testdata line 93). Go's encoding/json keeps the
// last value of a duplicated name, other parsers keep the first or fail: when
// two components read the same document differently (a parser differential),
// an attacker can show a validator one value and the consumer another. Our
// decoders therefore reject any duplicate name, even with identical values,
// and this published payload must fail with the exact path and offset of the
// second occurrence. With the duplicate removed the document decodes.
func TestDuplicateODataTypeInPublishedFixture(t *testing.T) {
	data := readFixture(t, "list-sessions.example2-expand-segments.response.json")
	_, err := cr.DecodeGraphPage(data, cr.DecodeSessionElem)
	var de *cr.DecodeError
	if !errors.As(err, &de) {
		t.Fatalf("got %v, want a *DecodeError", err)
	}
	if de.Path != "value[0].segments[0].callee" || de.Offset != 4421 || de.Msg != `duplicate field "@odata.type"` {
		t.Errorf("got Path %q Offset %d Msg %q", de.Path, de.Offset, de.Msg)
	}
	if got, want := err.Error(), `json: value[0].segments[0].callee: duplicate field "@odata.type" at offset 4421`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	// The offset is that of the second of the two members, on line 93.
	if !bytes.HasPrefix(data[de.Offset:], []byte(`"@odata.type": "#microsoft.graph.callRecords.participantEndpoint"`)) ||
		bytes.Count(data[:de.Offset], []byte("\n"))+1 != 93 {
		t.Errorf("offset %d does not point at the duplicate on line 93", de.Offset)
	}

	// The same document with the duplicate removed decodes, and the callee
	// is the participantEndpoint both members name.
	fixed := dedupCallee(t, data)
	if len(fixed) != len(data)-len(",\n                        \"@odata.type\": \"#microsoft.graph.callRecords.participantEndpoint\"") {
		t.Fatalf("dedup removed %d bytes", len(data)-len(fixed))
	}
	p := cr.SessionPage(t, fixed)
	if len(p.Items) != 1 {
		t.Fatalf("got %d sessions", len(p.Items))
	}
	segs, _ := p.Items[0].Segments.Get()
	callee, _ := segs[0].Callee.Get()
	pe, ok := callee.(*cr.ParticipantEndpoint)
	if !ok {
		t.Fatalf("callee is %T", callee)
	}
	if name, _ := pe.Name.Get(); name != "machineName_2" {
		t.Errorf("callee name %q", name)
	}
	if n, _ := pe.CPUCoresCount.Get(); n != 2 {
		t.Errorf("callee cpuCoresCount %d", n)
	}

	// A duplicate is rejected wherever it is, with the path of its object
	// and the offset of its second occurrence: a declared field, an
	// undeclared one, and a member of an open type.
	for _, tc := range []struct{ doc, want, second string }{
		{`{"id":"a","id":"b","modalities":[],"startDateTime":"2020-02-25T18:52:21Z","endDateTime":"2020-02-25T18:52:21Z"}`,
			`json: duplicate field "id" at offset %d`, `"id":"b"`},
		{`{"id":"a","x":1,"x":2,"modalities":[],"startDateTime":"2020-02-25T18:52:21Z","endDateTime":"2020-02-25T18:52:21Z"}`,
			`json: duplicate field "x" at offset %d`, `"x":2`},
		{`{"id":"a","caller":{"@odata.type":"#microsoft.graph.callRecords.participantEndpoint","associatedIdentity":{"tenantId":"t","tenantId":"u"}},"modalities":[],"startDateTime":"2020-02-25T18:52:21Z","endDateTime":"2020-02-25T18:52:21Z"}`,
			`json: caller.associatedIdentity: duplicate field "tenantId" at offset %d`, `"tenantId":"u"`},
	} {
		var s cr.Session
		want := fmt.Sprintf(tc.want, at(t, tc.doc, tc.second))
		if err := s.UnmarshalJSON([]byte(tc.doc)); err == nil || err.Error() != want {
			t.Errorf("%s\n got  %v\n want %s", tc.doc, err, want)
		}
	}
}

// at returns the offset of the first occurrence of marker in doc, to spell
// out the offsets errors must report.
func at(t *testing.T, doc, marker string) int {
	t.Helper()
	i := strings.Index(doc, marker)
	if i < 0 || strings.Count(doc, marker) != 1 {
		t.Fatalf("marker %q must occur once in %.80s", marker, doc)
	}
	return i
}

// TestDateTimeSevenDigitsKeepText: Graph sends date-times with 7 fractional
// digits; re-encoding must give back the identical text, including a
// trailing zero digit ("...05.3069770Z" must not become "...05.306977Z"),
// so that a value read and written back is byte-for-byte what Graph sent.
// TestDateTimeSevenDigits checks Graph's 7-digit date-times: the instant
// survives decoding and re-encoding exactly, and the text too unless it ends
// in zeros, which time.Time does not record (".3069770Z" comes back as
// ".306977Z": the same instant). AppendDateTime documents this.
func TestDateTimeSevenDigits(t *testing.T) {
	for _, tc := range []struct{ in, out string }{
		{"2020-02-25T18:52:21.2169889Z", "2020-02-25T18:52:21.2169889Z"}, // from the docs fixtures
		{"2025-03-14T18:47:05.3069770Z", "2025-03-14T18:47:05.306977Z"},  // from bench/graph_sessions_50.json
		{"2025-03-14T18:11:48.1001220Z", "2025-03-14T18:11:48.100122Z"},  // from bench/graph_session.json
		{"2020-02-25T18:52:21.0000000Z", "2020-02-25T18:52:21Z"},         // whole second written with 7 digits
	} {
		doc := `{"id":"a","modalities":[],"startDateTime":"` + tc.in + `","endDateTime":"2020-02-25T18:52:46.7640013Z"}`
		var s cr.Session
		if err := s.UnmarshalJSON([]byte(doc)); err != nil {
			t.Fatal(err)
		}
		want, err := time.Parse(time.RFC3339Nano, tc.in)
		if err != nil {
			t.Fatal(err)
		}
		if !s.StartDateTime.Equal(want) {
			t.Errorf("%s decoded as %v, want %v", tc.in, s.StartDateTime, want)
		}
		enc, err := s.AppendJSON(nil)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(enc, []byte(`"startDateTime":"`+tc.out+`"`)) {
			t.Errorf("%s re-encoded as %s, want %s", tc.in, extractMember(enc, "startDateTime"), tc.out)
		}
	}
	// Every 7-digit date-time of every fixture keeps its instant.
	for _, fc := range graphFixtures {
		data := readFixture(t, fc.file)
		if fc.dedup != nil {
			data = fc.dedup(t, data)
		}
		v, err := fc.codec.decode(data)
		if err != nil {
			t.Fatalf("%s: %v", fc.file, err)
		}
		enc, err := fc.codec.encode(v)
		if err != nil {
			t.Fatalf("%s: %v", fc.file, err)
		}
		want := instants(t, dateTimesWithFraction(parseAny(t, data), 7))
		got := instants(t, allDateTimes(parseAny(t, enc)))
		for _, w := range want {
			if !slices.ContainsFunc(got, w.Equal) {
				t.Errorf("%s: date-time %v lost in re-encoding", fc.file, w)
			}
		}
	}
}

// allDateTimes returns every string in v that is an RFC 3339 date-time.
func allDateTimes(v any) []string {
	var out []string
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for _, e := range x {
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		case string:
			if _, err := time.Parse(time.RFC3339Nano, x); err == nil {
				out = append(out, x)
			}
		}
	}
	walk(v)
	return out
}

// instants parses RFC 3339 texts.
func instants(t *testing.T, texts []string) []time.Time {
	t.Helper()
	var out []time.Time
	for _, s := range texts {
		v, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		out = append(out, v)
	}
	return out
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

// ---------------------------------------------------------------- tri-state

// triState checks that the absent, null and value states of one Optional
// field each survive AppendJSON then UnmarshalJSON, and how each is written.
func triState[O any, P generated[O], T any](t *testing.T, key string, base func() P, field func(P) *cr.Optional[T], sample T, same func(a, b T) bool) {
	t.Helper()
	states := []struct {
		name string
		opt  cr.Optional[T]
	}{
		{"absent", cr.Optional[T]{}},
		{"null", cr.Null[T]()},
		{"value", cr.Some(sample)},
	}
	for _, st := range states {
		v := base()
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

func baseSession() *cr.Session {
	ts := time.Date(2020, 2, 25, 18, 52, 21, 216988900, time.UTC)
	return &cr.Session{ID: "s1", Modalities: []cr.Modality{cr.ModalityAudio}, StartDateTime: ts, EndDateTime: ts.Add(25 * time.Second)}
}

func baseStream() *cr.MediaStream {
	return &cr.MediaStream{StreamDirection: cr.MediaStreamDirectionCallerToCallee}
}

func TestTriState(t *testing.T) {
	ts := time.Date(2020, 2, 25, 18, 52, 46, 764001300, time.UTC)
	triState(t, "isTest", baseSession, func(s *cr.Session) *cr.Optional[bool] { return &s.IsTest }, true, deepEqual[bool])
	triState(t, "failureInfo", baseSession, func(s *cr.Session) *cr.Optional[cr.FailureInfo] { return &s.FailureInfo },
		cr.FailureInfo{Reason: cr.Some("busy"), Stage: cr.Some(cr.FailureStageCallSetup)}, deepEqual[cr.FailureInfo])
	triState(t, "callee", baseSession, func(s *cr.Session) *cr.Optional[cr.Endpoint] { return &s.Callee },
		cr.Endpoint(&cr.ParticipantEndpoint{Name: cr.Some("machineName_1"), CPUCoresCount: cr.Some[int32](8)}), deepEqual[cr.Endpoint])
	triState(t, "segments", baseSession, func(s *cr.Session) *cr.Optional[[]cr.Segment] { return &s.Segments },
		[]cr.Segment{{ID: "g1", StartDateTime: ts, EndDateTime: ts}}, deepEqual[[]cr.Segment])
	triState(t, "averageAudioDegradation", baseStream, func(s *cr.MediaStream) *cr.Optional[float32] { return &s.AverageAudioDegradation },
		1.25, deepEqual[float32])
	triState(t, "averageAudioDegradation", baseStream, func(s *cr.MediaStream) *cr.Optional[float32] { return &s.AverageAudioDegradation },
		float32(math.NaN()), func(a, b float32) bool { return a != a && b != b })
	triState(t, "averageJitter", baseStream, func(s *cr.MediaStream) *cr.Optional[cr.Duration] { return &s.AverageJitter },
		cr.Duration{Nanos: 16000000}, deepEqual[cr.Duration])
	triState(t, "endDateTime", baseStream, func(s *cr.MediaStream) *cr.Optional[time.Time] { return &s.EndDateTime },
		ts, func(a, b time.Time) bool { return a.Equal(b) })
	triState(t, "audioCodec", baseStream, func(s *cr.MediaStream) *cr.Optional[cr.AudioCodec] { return &s.AudioCodec },
		cr.AudioCodecOpus, deepEqual[cr.AudioCodec])
	triState(t, "port", func() *cr.NetworkInfo { return &cr.NetworkInfo{} }, func(s *cr.NetworkInfo) *cr.Optional[int32] { return &s.Port },
		-2147483648, deepEqual[int32])
	triState(t, "displayName", func() *cr.IdentityBase { return &cr.IdentityBase{} }, func(s *cr.IdentityBase) *cr.Optional[string] { return &s.DisplayName },
		"Abbie Wilkins \u2028 \"quoted\"", deepEqual[string])
	triState(t, "endpointType", func() *cr.CommunicationsIdentitySet { return &cr.CommunicationsIdentitySet{} },
		func(s *cr.CommunicationsIdentitySet) *cr.Optional[cr.EndpointType] { return &s.EndpointType },
		cr.EndpointTypeSkypeForBusinessVoipPhone, deepEqual[cr.EndpointType])
}

// TestNonFiniteFloats: float32 fields marked nonFinite accept Graph's "NaN",
// "INF" and "-INF" strings (and "Infinity"), and write NaN and infinities
// back as those strings; any other string is an error.
func TestNonFiniteFloats(t *testing.T) {
	const doc = `{"streamDirection":"callerToCallee","averagePacketLossRate":"NaN","maxPacketLossRate":"INF","lowFrameRateRatio":"-INF","maxRatioOfConcealedSamples":"Infinity","averageVideoFrameRate":0.5}`
	var m cr.MediaStream
	if err := m.UnmarshalJSON([]byte(doc)); err != nil {
		t.Fatal(err)
	}
	a, _ := m.AveragePacketLossRate.Get()
	b, _ := m.MaxPacketLossRate.Get()
	c, _ := m.LowFrameRateRatio.Get()
	d, _ := m.MaxRatioOfConcealedSamples.Get()
	if !math.IsNaN(float64(a)) || !math.IsInf(float64(b), 1) || !math.IsInf(float64(c), -1) || !math.IsInf(float64(d), 1) {
		t.Errorf("decoded %v %v %v %v", a, b, c, d)
	}
	enc, err := m.AppendJSON(nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"averagePacketLossRate":"NaN","averageVideoFrameRate":0.5,"lowFrameRateRatio":"-INF","maxPacketLossRate":"INF","maxRatioOfConcealedSamples":"INF","streamDirection":"callerToCallee"}`; string(enc) != want {
		t.Errorf("re-encoded\n got  %s\n want %s", enc, want)
	}
	const bad = `{"streamDirection":"callerToCallee","averagePacketLossRate":"nan"}`
	err = new(cr.MediaStream).UnmarshalJSON([]byte(bad))
	if err == nil || err.Error() != fmt.Sprintf(`json: averagePacketLossRate: expected number or "NaN", "INF" or "-INF", found string "nan" at offset %d`, at(t, bad, `"nan"`)) {
		t.Errorf("got %v", err)
	}
}

// ---------------------------------------------------- unknown values survive

// TestUnknownEndpointSurvives: a discriminator value this package does not
// know decodes into *UnknownEndpoint with Type set, and the object is written
// back byte for byte, whitespace and member order included.
func TestUnknownEndpointSurvives(t *testing.T) {
	const future = `{ "@odata.type": "#microsoft.graph.callRecords.futureEndpoint",  "name":"bot-7", "quality": {"mos": 4.25, "tags": ["a", "\u00e9"]}, "cpuCoresCount": 2147483648 }`
	doc := `{"id":"s1","modalities":["audio"],"startDateTime":"2020-02-25T18:52:21.2169889Z","endDateTime":"2020-02-25T18:52:46.7640013Z","callee":` + future + `}`
	var s cr.Session
	if err := s.UnmarshalJSON([]byte(doc)); err != nil {
		t.Fatal(err)
	}
	callee, _ := s.Callee.Get()
	u, ok := callee.(*cr.UnknownEndpoint)
	if !ok {
		t.Fatalf("callee decoded as %T, want *UnknownEndpoint", callee)
	}
	if u.Type != "#microsoft.graph.callRecords.futureEndpoint" {
		t.Errorf("Type = %q", u.Type)
	}
	if string(u.Raw) != future {
		t.Errorf("Raw = %s", u.Raw)
	}
	if err := s.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
	enc, err := s.AppendJSON(nil)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(enc, []byte(`"callee":`+future)) {
		t.Errorf("unknown endpoint not written back byte-identical:\n%s", enc)
	}
	// The same through UnmarshalEndpoint.
	e, err := cr.UnmarshalEndpoint([]byte(future))
	if err != nil {
		t.Fatal(err)
	}
	if b, err := e.AppendJSON(nil); err != nil || string(b) != future {
		t.Errorf("UnmarshalEndpoint+AppendJSON = %s, %v", b, err)
	}

	// Unknown user agent and identity subtypes, nested in a known endpoint.
	const ua = `{"@odata.type":"#microsoft.graph.callRecords.robotUserAgent","platform":"mars"}`
	const id = `{"@odata.type":"#microsoft.graph.futureIdentity","id":"x"}`
	e, err = cr.UnmarshalEndpoint([]byte(`{"@odata.type":"#microsoft.graph.callRecords.participantEndpoint","userAgent":` + ua + `,"associatedIdentity":` + id + `}`))
	if err != nil {
		t.Fatal(err)
	}
	pe := e.(*cr.ParticipantEndpoint)
	gotUA, _ := pe.UserAgent.Get()
	if u, ok := gotUA.(*cr.UnknownUserAgent); !ok || u.Type != "#microsoft.graph.callRecords.robotUserAgent" || string(u.Raw) != ua {
		t.Errorf("userAgent = %#v", gotUA)
	}
	gotID, _ := pe.AssociatedIdentity.Get()
	if u, ok := gotID.(*cr.UnknownIdentity); !ok || u.Type != "#microsoft.graph.futureIdentity" || string(u.Raw) != id {
		t.Errorf("associatedIdentity = %#v", gotID)
	}
	b, _ := pe.AppendJSON(nil)
	if !bytes.Contains(b, []byte(`"userAgent":`+ua)) || !bytes.Contains(b, []byte(`"associatedIdentity":`+id)) {
		t.Errorf("re-encoded: %s", b)
	}

	// An endpoint without "@odata.type" is the concrete base type.
	e, err = cr.UnmarshalEndpoint([]byte(`{"userAgent":null}`))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := e.(*cr.EndpointBase); !ok {
		t.Errorf("no discriminator: decoded as %T, want *EndpointBase", e)
	}
}

// TestUnknownEnumValuesSurvive: values an enum does not list decode, report
// IsKnown false and are written back unchanged, open or closed. Validate
// accepts them for open enums and reports closed ones with Rule "enum".
func TestUnknownEnumValuesSurvive(t *testing.T) {
	const doc = `{"id":"s1","modalities":["audio","hologram"],"startDateTime":"2020-02-25T18:52:21Z","endDateTime":"2020-02-25T18:52:46Z",` +
		`"caller":{"@odata.type":"#microsoft.graph.callRecords.participantEndpoint","userAgent":{"@odata.type":"#microsoft.graph.callRecords.clientUserAgent","platform":"quantumOS","productFamily":"azureCommunicationServices"}},` +
		`"segments":[{"id":"g","startDateTime":"2020-02-25T18:52:21Z","endDateTime":"2020-02-25T18:52:46Z","media":[{"streams":[{"streamDirection":"sideways","audioCodec":"lyra"}]}]}]}`
	var s cr.Session
	if err := s.UnmarshalJSON([]byte(doc)); err != nil {
		t.Fatal(err)
	}
	if m := s.Modalities[1]; m != "hologram" || m.IsKnown() || !s.Modalities[0].IsKnown() {
		t.Errorf("modalities = %q", s.Modalities)
	}
	caller, _ := s.Caller.Get()
	ua, _ := caller.(*cr.ParticipantEndpoint).UserAgent.Get()
	cua := ua.(*cr.ClientUserAgent)
	if cua.Platform != "quantumOS" || cua.Platform.IsKnown() {
		t.Errorf("platform = %q", cua.Platform)
	}
	// Declared after the sentinel unknownFutureValue, but declared: known.
	if cua.ProductFamily != cr.ProductFamilyAzureCommunicationServices || !cua.ProductFamily.IsKnown() {
		t.Errorf("productFamily = %q", cua.ProductFamily)
	}
	segs, _ := s.Segments.Get()
	media, _ := segs[0].Media.Get()
	streams, _ := media[0].Streams.Get()
	if streams[0].StreamDirection != "sideways" || streams[0].StreamDirection.IsKnown() {
		t.Errorf("streamDirection = %q", streams[0].StreamDirection)
	}
	enc, err := s.AppendJSON(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, frag := range []string{`"modalities":["audio","hologram"]`, `"platform":"quantumOS"`, `"streamDirection":"sideways"`, `"audioCodec":"lyra"`} {
		if !bytes.Contains(enc, []byte(frag)) {
			t.Errorf("re-encoded JSON lacks %s: %s", frag, enc)
		}
	}
	// Only the closed enum (mediaStreamDirection) is reported.
	checkViolations(t, s.Validate(), []cr.Violation{
		{Path: "segments[0].media[0].streams[0].streamDirection", Rule: "enum", Message: `unknown value "sideways"`},
	})
}

// ---------------------------------------------------------------- validators

// checkViolations asserts that err is a *ValidationError (found with
// errors.As) holding exactly want, in order; want nil means err is nil.
func checkViolations(t *testing.T, err error, want []cr.Violation) {
	t.Helper()
	if want == nil {
		if err != nil {
			t.Errorf("Validate: %v, want nil", err)
		}
		return
	}
	var ve *cr.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("Validate returned %v (%T), want *ValidationError", err, err)
	}
	if !reflect.DeepEqual(ve.Violations, want) {
		t.Errorf("violations:\n got  %+v\n want %+v", ve.Violations, want)
	}
}

// callRecordWith returns a call record whose sessions[0].segments[1] has
// the given caller endpoint and stream.
func callRecordWith(caller cr.Endpoint, stream cr.MediaStream, failure cr.Optional[cr.FailureInfo]) *cr.CallRecord {
	ts := time.Date(2020, 2, 25, 18, 52, 21, 0, time.UTC)
	seg := func(id string) cr.Segment { return cr.Segment{ID: id, StartDateTime: ts, EndDateTime: ts} }
	s1 := seg("g1")
	s1.Caller = cr.Some(caller)
	s1.Media = cr.Some([]cr.Media{{Streams: cr.Some([]cr.MediaStream{stream})}})
	return &cr.CallRecord{
		ID: "r", StartDateTime: ts, EndDateTime: ts, LastModifiedDateTime: ts, Type: cr.CallTypeGroupCall, Version: 1,
		Modalities: []cr.Modality{cr.ModalityAudio},
		Sessions: cr.Some([]cr.Session{{
			ID: "s", StartDateTime: ts, EndDateTime: ts, Modalities: []cr.Modality{},
			FailureInfo: failure,
			Segments:    cr.Some([]cr.Segment{seg("g0"), s1}),
		}}),
	}
}

func TestValidate(t *testing.T) {
	good := callRecordWith(
		&cr.ServiceEndpoint{UserAgent: cr.Some[cr.UserAgent](&cr.ServiceUserAgent{Role: cr.Some(cr.ServiceRoleGateway)})},
		cr.MediaStream{StreamDirection: cr.MediaStreamDirectionCalleeToCaller},
		cr.Some(cr.FailureInfo{Stage: cr.Some(cr.FailureStageMidcall)}),
	)
	checkViolations(t, good.Validate(), nil)

	// Nested paths: null in non-nullable optional fields, closed enum.
	bad := callRecordWith(
		&cr.ServiceEndpoint{UserAgent: cr.Some[cr.UserAgent](&cr.ServiceUserAgent{Role: cr.Null[cr.ServiceRole]()})},
		cr.MediaStream{StreamDirection: "both"},
		cr.Some(cr.FailureInfo{Stage: cr.Null[cr.FailureStage]()}),
	)
	checkViolations(t, bad.Validate(), []cr.Violation{
		{Path: "sessions[0].failureInfo.stage", Rule: "null", Message: "must not be null"},
		{Path: "sessions[0].segments[1].caller.userAgent.role", Rule: "null", Message: "must not be null"},
		{Path: "sessions[0].segments[1].media[0].streams[0].streamDirection", Rule: "enum", Message: `unknown value "both"`},
	})
	var ve *cr.ValidationError
	if err := bad.Validate(); !errors.As(err, &ve) || !strings.HasPrefix(err.Error(), "validation failed: sessions[0].failureInfo.stage: must not be null (null); ") {
		t.Errorf("Error() = %v", err)
	}

	// Closed enum at the top level; open enum values pass.
	checkViolations(t, (&cr.PstnCallLogRow{CallDurationSource: cr.Some[cr.PstnCallDurationSource]("carrier")}).Validate(),
		[]cr.Violation{{Path: "callDurationSource", Rule: "enum", Message: `unknown value "carrier"`}})
	checkViolations(t, (&cr.PstnCallLogRow{CallDurationSource: cr.Some(cr.PstnCallDurationSourceOperator)}).Validate(), nil)
	checkViolations(t, (&cr.ClientUserAgent{Platform: "quantumOS", ProductFamily: "neverHeardOf"}).Validate(), nil)

	// Null where not nullable: networkInfo's non-nullable optional fields and
	// the error body's details / innerError.
	checkViolations(t, (&cr.NetworkInfo{
		ConnectionType: cr.Null[cr.NetworkConnectionType](),
		WifiBand:       cr.Null[cr.WifiBand](), Port: cr.Null[int32](),
	}).Validate(), []cr.Violation{
		{Path: "connectionType", Rule: "null", Message: "must not be null"},
		{Path: "wifiBand", Rule: "null", Message: "must not be null"},
	})
	checkViolations(t, (&cr.ODataError{Error: cr.MainError{Code: "c", Message: "m",
		InnerError: cr.Null[cr.InnerError]()}}).Validate(), []cr.Violation{
		{Path: "error.innerError", Rule: "null", Message: "must not be null"},
	})
}

// TestDecodeRejectsNullAndMissing: the decoder enforces required and
// non-nullable fields itself (Validate cannot see a missing required field:
// its Go field holds the zero value). No property of the three schemas is
// both required and nullable, so "required" always means "present and not
// null". The offsets of the null errors are checked by
// TestNullErrorOffsetPointsAtNull.
func TestDecodeRejectsNullAndMissing(t *testing.T) {
	const times = `"startDateTime":"2020-02-25T18:52:21Z","endDateTime":"2020-02-25T18:52:21Z"`
	for _, tc := range []struct{ doc, path, msg string }{
		{`{"id":null,"modalities":[],` + times + `}`, `id`, `null is not allowed here`},
		{`{"id":"x","modalities":null,` + times + `}`, `modalities`, `null is not allowed here`},
		{`{"id":"x","modalities":[null],` + times + `}`, `modalities[0]`, `null is not allowed here`},
		{`{"id":"x","modalities":[],` + times + `,"segments":[{"id":"g",` + times + `,"caller":{"@odata.type":"#microsoft.graph.callRecords.serviceEndpoint","userAgent":{"@odata.type":"#microsoft.graph.callRecords.serviceUserAgent","role":null}}}]}`,
			`segments[0].caller.userAgent.role`, `null is not allowed here`},
		// Missing required fields are reported just after the object.
		{`{"modalities":[],` + times + `}`, ``, `missing required field "id"`},
		{`{"id":"x",` + times + `}`, ``, `missing required field "modalities"`},
		// "ID" is not "id": names are matched exactly (encoding/json would
		// match case-insensitively), so the required id stays missing.
		{`{"ID":"x","modalities":[],` + times + `}`, ``, `missing required field "id"`},
	} {
		err := new(cr.Session).UnmarshalJSON([]byte(tc.doc))
		var de *cr.DecodeError
		if !errors.As(err, &de) || de.Path != tc.path || de.Msg != tc.msg {
			t.Errorf("%.70s...\n got  %v\n want path %q msg %q", tc.doc, err, tc.path, tc.msg)
			continue
		}
		if strings.HasPrefix(tc.msg, "missing") && de.Offset != len(tc.doc) {
			t.Errorf("%s: offset %d, want %d (just after the object)", tc.msg, de.Offset, len(tc.doc))
		}
	}
	// The error body: MainError.message is required.
	const body = `{"error":{"code":"c"}}`
	if err := new(cr.ODataError).UnmarshalJSON([]byte(body)); err == nil ||
		err.Error() != `json: error: missing required field "message" at offset 21` {
		t.Errorf("got %v", err)
	}
	// The undeclared "ID" is dropped, never copied into ID.
	var s cr.Session
	if err := s.UnmarshalJSON([]byte(`{"ID":"upper","id":"lower","modalities":[],` + times + `}`)); err != nil || s.ID != "lower" {
		t.Errorf("got ID %q, err %v", s.ID, err)
	}
}

// TestNullErrorOffsetPointsAtNull: Decoder.ErrNullNotAllowed documents "Call
// it before consuming the null so the offset points at it", but the
// generated decoders call it after d.ConsumeNull(), so the offset points
// just past the null (at the next ',' or '}').
func TestNullErrorOffsetPointsAtNull(t *testing.T) {
	for _, doc := range []string{
		`{"id":null,"modalities":[],"startDateTime":"2020-02-25T18:52:21Z","endDateTime":"2020-02-25T18:52:21Z"}`,
		`{"id":"x","modalities":[null],"startDateTime":"2020-02-25T18:52:21Z","endDateTime":"2020-02-25T18:52:21Z"}`,
	} {
		err := new(cr.Session).UnmarshalJSON([]byte(doc))
		var de *cr.DecodeError
		if !errors.As(err, &de) {
			t.Fatalf("got %v", err)
		}
		if want := strings.Index(doc, "null"); de.Offset != want {
			t.Errorf("%s: offset %d (%q), want %d (the null)", err, de.Offset, doc[de.Offset:de.Offset+1], want)
		}
	}
}

// ---------------------------------------------------------------- strictness

// TestStrictDecoding: RFC 8259 violations and out-of-range values are
// rejected with the path of the value and the offset of the problem.
func TestStrictDecoding(t *testing.T) {
	const head = `{"id":"s","modalities":[],"startDateTime":"2020-02-25T18:52:21Z","endDateTime":"2020-02-25T18:52:21Z"`
	const seg = `,"segments":[{"id":"g","startDateTime":"2020-02-25T18:52:21Z","endDateTime":"2020-02-25T18:52:21Z","media":[`
	for _, tc := range []struct{ name, doc, want, marker string }{
		{"trailing data", head + `} {}`, `json: unexpected data after top-level value: object at offset %d`, `{}`},
		{"trailing comma", head + `,}`, `json: trailing comma in object at offset %d`, `}`},
		{"leading zero", head + seg + `{"callerNetwork":{"port":08}}]}]}`,
			`json: segments[0].media[0].callerNetwork.port: leading zero in number "08" at offset %d`, `08`},
		{"int32 overflow", head + seg + `{"callerNetwork":{"port":2147483648}}]}]}`,
			`json: segments[0].media[0].callerNetwork.port: number "2147483648" overflows int32 at offset %d`, `2147483648`},
		{"int32 fraction", head + seg + `{"callerNetwork":{"port":1.0}}]}]}`,
			`json: segments[0].media[0].callerNetwork.port: number "1.0" is not an integer (int32) at offset %d`, `1.0`},
		{"invalid UTF-8", head + seg + `{"label":"a` + "\xff" + `"}]}]}`,
			`json: segments[0].media[0].label: invalid UTF-8 in string at offset %d`, "\xff"},
		{"lone surrogate", head + seg + `{"label":"\ud800"}]}]}`,
			`json: segments[0].media[0].label: unpaired surrogate "\\ud800" in string at offset %d`, `\ud800`},
		{"float32 overflow", head + seg + `{"streams":[{"streamDirection":"callerToCallee","averagePacketLossRate":1e39}]}]}]}`,
			`json: segments[0].media[0].streams[0].averagePacketLossRate: number "1e39" overflows float32 at offset %d`, `1e39`},
		{"bad duration", head + seg + `{"streams":[{"streamDirection":"callerToCallee","averageJitter":"0.016S"}]}]}]}`,
			`json: segments[0].media[0].streams[0].averageJitter: invalid duration "0.016S": want 'P' at offset %d`, `"0.016S"`},
		{"bad date-time", head[:len(head)-1] + `0"}`, ``, ``},
		{"wrong kind", head + `,"isTest":"true"}`, `json: isTest: expected boolean, found string at offset %d`, `"true"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := ""
			if tc.name == "bad date-time" {
				want = fmt.Sprintf(`json: endDateTime: invalid date-time "2020-02-25T18:52:21Z0": want 'Z' or ±hh:mm offset at the end at offset %d`, strings.LastIndex(tc.doc, `"2020`))
			} else {
				want = fmt.Sprintf(tc.want, at(t, tc.doc, tc.marker))
			}
			var s cr.Session
			err := s.UnmarshalJSON([]byte(tc.doc))
			if err == nil || err.Error() != want {
				t.Errorf("got  %v\nwant %s", err, want)
			}
		})
	}
}

// TestSyntaxErrorPaths: a syntax error's Path names the value that holds it
// (DecodeError: "Path locates the value in the document ... such as
// caller.userAgent.platform"). Two places lose the innermost names:
//   - inside a polymorphic object (callee, caller, userAgent, identities...),
//     whose whole text Decoder.Discriminator scans before any field is
//     decoded, so the error only carries the path of the object itself;
//   - inside an undeclared member of a non-open type, whose Skip error is
//     returned without WithField (the Decoder doc's own example wraps it).
//
// The offsets are right; the paths are not.
func TestSyntaxErrorPaths(t *testing.T) {
	const head = `{"id":"s","modalities":[],"startDateTime":"2020-02-25T18:52:21Z","endDateTime":"2020-02-25T18:52:21Z"`
	for _, tc := range []struct{ name, doc, want, marker string }{
		{"leading zero in polymorphic object", head + `,"caller":{"@odata.type":"#microsoft.graph.callRecords.participantEndpoint","cpuCoresCount":08}}`,
			`json: caller.cpuCoresCount: leading zero in number "08" at offset %d`, `08`},
		{"invalid UTF-8 two levels down", head + `,"caller":{"@odata.type":"#microsoft.graph.callRecords.participantEndpoint","userAgent":{"@odata.type":"#microsoft.graph.callRecords.clientUserAgent","platform":"a` + "\xff" + `","productFamily":"teams"}}}`,
			`json: caller.userAgent.platform: invalid UTF-8 in string at offset %d`, "\xff"},
		{"lone surrogate in polymorphic object", head + `,"callee":{"name":"\ud800"}}`,
			`json: callee.name: unpaired surrogate "\\ud800" in string at offset %d`, `\ud800`},
		// An undeclared member is checked as a kept one is, with the path
		// inside it.
		{"undeclared member", head + `,"x-extra":[1,tru]}`,
			`json: x-extra[1]: invalid literal "tru" at offset %d`, `tru`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := fmt.Sprintf(tc.want, at(t, tc.doc, tc.marker))
			var s cr.Session
			err := s.UnmarshalJSON([]byte(tc.doc))
			if err == nil || err.Error() != want {
				t.Errorf("got  %v\nwant %s", err, want)
			}
		})
	}
}

// TestErrorMessagesStayShort: whatever the input, the error text stays under
// 1 KiB (a hostile 1 MB body must not become a 1 MB log line).
func TestErrorMessagesStayShort(t *testing.T) {
	const mb = 1 << 20
	rnd := make([]byte, mb)
	x := uint32(2463534242)
	for i := range rnd {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		rnd[i] = byte(x)
	}
	longName := strings.Repeat("n", mb)
	inputs := map[string][]byte{
		"random bytes":         rnd,
		"unterminated string":  []byte(`{"id":"` + strings.Repeat("a", mb)),
		"deep nesting":         []byte(`{"id":"s","x":` + strings.Repeat("[", mb)),
		"long undeclared name": []byte(`{"` + longName + `":tru}`),
		// identity is an open type: undeclared members are kept, and their
		// errors carry the member name in the path.
		"long name in open type":      []byte(`{"id":"s","modalities":[],"startDateTime":"2020-02-25T18:52:21Z","endDateTime":"2020-02-25T18:52:21Z","caller":{"@odata.type":"#microsoft.graph.callRecords.participantEndpoint","associatedIdentity":{"` + longName + `":tru}}}`),
		"long string then bad escape": []byte(`{"id":"` + strings.Repeat("\\u00e9", mb/6) + `\x"}`),
	}
	for name, in := range inputs {
		var s cr.Session
		err := s.UnmarshalJSON(in)
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		if n := len(err.Error()); n >= 1024 {
			t.Errorf("%s: error text is %d bytes: %.200s...", name, n, err.Error())
		}
		var de *cr.DecodeError
		if !errors.As(err, &de) {
			t.Errorf("%s: %T is not a *DecodeError", name, err)
		}
		t.Logf("%s: %s", name, err)
	}
}

// ------------------------------------------------------------- allocations

func TestValidateDoesNotAllocate(t *testing.T) {
	for _, file := range []string{"bench/graph_session.json", "get-callrecord.example2-expand-sessions-segments.response.json"} {
		data := readFixture(t, file)
		var v interface{ Validate() error }
		if strings.HasPrefix(file, "bench/") {
			s := new(cr.Session)
			if err := s.UnmarshalJSON(data); err != nil {
				t.Fatal(err)
			}
			v = s
		} else {
			r := new(cr.CallRecord)
			if err := r.UnmarshalJSON(data); err != nil {
				t.Fatal(err)
			}
			v = r
		}
		if err := v.Validate(); err != nil {
			t.Fatal(err)
		}
		allocs := testing.AllocsPerRun(100, func() { _ = v.Validate() })
		t.Logf("%s: %v allocations per Validate", file, allocs)
		if allocs != 0 {
			t.Errorf("%s: Validate of a valid value allocates %v times, want 0", file, allocs)
		}
	}
}
