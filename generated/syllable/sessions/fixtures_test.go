// Hand-written behaviour tests (not generated): every payload in testdata
// decodes into the right type, validates, and round-trips.

package sessions_test

import (
	"bytes"
	"reflect"
	"testing"
	"time"

	sy "github.com/sessiongen/sessiongen/generated/syllable/sessions"
)

// codec decodes, encodes and validates one kind of document.
type codec struct {
	decode   func([]byte) (any, error)
	encode   func(any) ([]byte, error)
	validate func(any) error
}

// generated is the method set of every generated object type.
type generated[T any] interface {
	*T
	UnmarshalJSON([]byte) error
	AppendJSON([]byte) ([]byte, error)
	Validate() error
}

// codecOf is the codec of the generated type T: UnmarshalJSON, AppendJSON
// and Validate.
func codecOf[T any, P generated[T]]() codec {
	return codec{
		decode: func(b []byte) (any, error) {
			v := P(new(T))
			return v, v.UnmarshalJSON(b)
		},
		encode:   func(v any) ([]byte, error) { return v.(P).AppendJSON(nil) },
		validate: func(v any) error { return v.(P).Validate() },
	}
}

// pageCodec decodes a list page with sy.DecodeSyllablePage (the helper that
// walks the envelope with the package's decoder, exported for these tests).
var pageCodec = codec{
	decode: func(b []byte) (any, error) {
		p, err := sy.DecodeSyllablePage(b)
		return &p, err
	},
	encode: func(v any) ([]byte, error) { return sy.AppendSyllablePage(nil, *v.(*sy.SyllablePage)) },
	validate: func(v any) error {
		for _, s := range v.(*sy.SyllablePage).Items {
			if err := s.Validate(); err != nil {
				return err
			}
		}
		return nil
	},
}

var (
	sessionCodec    = codecOf[sy.Session]()
	transcriptCodec = codecOf[sy.SessionTranscriptionResponse]()
	listCodec       = codecOf[sy.ListResponseSession]()
)

type fixtureCase struct {
	file  string
	codec codec
	// dropped lists the members of the fixture that the Go types do not
	// declare (dropped by non-open types); added lists the members the
	// encoder writes although the fixture lacks them. Both in the form of
	// countPaths.
	dropped, added []string
	check          func(*testing.T, any)
}

// No fixture of this package has a member its type does not declare, and
// the encoder adds none: dropped and added are nil for every entry, which
// checkDiff asserts (a member dropped or invented later fails the test).
var syllableFixtures = []fixtureCase{
	{file: "session-get-by-id.docs-example.200.response.json", codec: sessionCodec, check: func(t *testing.T, v any) {
		s := v.(*sy.Session)
		d, _ := s.Duration.Get()
		src, _ := s.Source.Get()
		if !s.Timestamp.Equal(time.Date(2023, 11, 7, 5, 31, 56, 0, time.UTC)) || d != 123 || src != "+18042221111" ||
			s.PromptVersionNumber.IsSet() || s.IsOutbound.IsSet() {
			t.Errorf("decoded %+v", s)
		}
	}},
	{file: "session-transcript.docs-example.200.response.json", codec: transcriptCodec, check: func(t *testing.T, v any) {
		r := v.(*sy.SessionTranscriptionResponse)
		lang, _ := r.Transcription[0].Lang.Get()
		if r.SessionID != "<string>" || len(r.Transcription) != 1 || lang != "en-US" || len(r.Actions) != 1 || r.Actions[0].DurationMs.IsSet() {
			t.Errorf("decoded %+v", r)
		}
	}},
	{file: "sessions-list.docs-example.200.response.json", codec: pageCodec, check: func(t *testing.T, v any) {
		p := v.(*sy.SyllablePage)
		tp, _ := p.TotalPages.Get()
		tc, _ := p.TotalCount.Get()
		if len(p.Items) != 1 || p.Page != 0 || p.PageSize != 25 || tp != 4 || tc != 100 {
			t.Errorf("decoded %+v", p)
		}
	}},
	// The same page through the generated envelope type.
	{file: "sessions-list.docs-example.200.response.json", codec: listCodec},
	{file: "bench/syllable_session.json", codec: sessionCodec, check: func(t *testing.T, v any) {
		s := v.(*sy.Session)
		if n, _ := s.PromptVersionNumber.Get(); n != 12 || !s.ChannelManagerSID.IsNull() || !s.OverrideTimestamp.IsNull() {
			t.Errorf("decoded %+v", s)
		}
		if got := s.Timestamp.Format(time.RFC3339Nano); got != "2025-03-14T17:42:10.216988Z" {
			t.Errorf("timestamp %s", got)
		}
	}},
	{file: "bench/syllable_session_docs.json", codec: sessionCodec},
	{file: "bench/syllable_sessions_50.json", codec: pageCodec, check: func(t *testing.T, v any) {
		if p := v.(*sy.SyllablePage); len(p.Items) != 50 || len(p.Other) != 0 {
			t.Errorf("%d items, other %q", len(p.Items), p.Other)
		}
	}},
	{file: "bench/syllable_sessions_50.json", codec: listCodec},
	{file: "bench/syllable_sessions_50_docs.json", codec: pageCodec},
}

func TestFixtures(t *testing.T) {
	for _, fc := range syllableFixtures {
		t.Run(fc.file, func(t *testing.T) {
			runRoundTrip(t, fc, readFixture(t, fc.file))
		})
	}
}

func runRoundTrip(t *testing.T, fc fixtureCase, data []byte) {
	t.Helper()
	v, err := fc.codec.decode(data)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	if err := fc.codec.validate(v); err != nil {
		t.Errorf("Validate: %v", err)
	}
	enc, err := fc.codec.encode(v)
	if err != nil {
		t.Fatalf("AppendJSON: %v", err)
	}
	again, err := fc.codec.decode(enc)
	if err != nil {
		t.Fatalf("decoding the re-encoded JSON: %v\n%s", err, enc)
	}
	if !reflect.DeepEqual(v, again) {
		t.Errorf("decode(AppendJSON(v)) differs from v")
	}
	if enc2, err := fc.codec.encode(again); err != nil || !bytes.Equal(enc, enc2) {
		t.Errorf("re-encoding is not stable (err %v):\n%s\n%s", err, enc, enc2)
	}
	checkDiff(t, data, enc, fc.dropped, fc.added)
	if fc.check != nil {
		fc.check(t, v)
	}
}

// TestPageHelperMatchesGeneratedEnvelope: the Decoder-driven helper and the
// generated ListResponseSession read the same items.
func TestPageHelperMatchesGeneratedEnvelope(t *testing.T) {
	for _, file := range []string{"sessions-list.docs-example.200.response.json", "bench/syllable_sessions_50.json", "bench/syllable_sessions_50_docs.json"} {
		data := readFixture(t, file)
		p, err := sy.DecodeSyllablePage(data)
		if err != nil {
			t.Fatal(err)
		}
		var l sy.ListResponseSession
		if err := l.UnmarshalJSON(data); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(p.Items, l.Items) || p.Page != l.Page || p.PageSize != l.PageSize ||
			p.TotalPages != l.TotalPages || p.TotalCount != l.TotalCount {
			t.Errorf("%s: helper and ListResponseSession disagree", file)
		}
	}
}
