// Hand-written behaviour tests (not generated): every payload in testdata
// decodes into the right type, validates, and round-trips.

package proxy_test

import (
	"bytes"
	"reflect"
	"testing"

	pr "github.com/sessiongen/sessiongen/generated/twilio/proxy"
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

// exported is the exported codec of a generated object type, which a type
// of another package (the error body, from twilio/common) has too.
type exported[T any] interface {
	*T
	UnmarshalJSON([]byte) error
	AppendJSON([]byte) ([]byte, error)
	Validate() error
}

// codecOf is the codec of the generated type T: UnmarshalJSON, AppendJSON
// and Validate.
func codecOf[T any, P exported[T]]() codec {
	return codec{
		decode: func(b []byte) (any, error) {
			v := P(new(T))
			return v, v.UnmarshalJSON(b)
		},
		encode:   func(v any) ([]byte, error) { return v.(P).AppendJSON(nil) },
		validate: func(v any) error { return v.(P).Validate() },
	}
}

// pageCodecOf is the codec of a list page whose items, under key, are Ts.
func pageCodecOf[T any, P generated[T]](key string) codec {
	elem := pr.ElemOf[T, P]()
	return codec{
		decode: func(b []byte) (any, error) {
			p, err := pr.DecodeTwilioPage(b, key, elem)
			return &p, err
		},
		encode: func(v any) ([]byte, error) { return pr.AppendTwilioPage(nil, *v.(*pr.TwilioPage[P])) },
		validate: func(v any) error {
			for _, e := range v.(*pr.TwilioPage[P]).Items {
				if err := e.Validate(); err != nil {
					return err
				}
			}
			return nil
		},
	}
}

var (
	sessionCodec            = codecOf[pr.Session]()
	participantCodec        = codecOf[pr.Participant]()
	interactionCodec        = codecOf[pr.Interaction]()
	messageInteractionCodec = codecOf[pr.MessageInteraction]()
	serviceCodec            = codecOf[pr.Service]()
	phoneNumberCodec        = codecOf[pr.PhoneNumber]()
	restErrorCodec          = codecOf[pr.RestError]()
)

type fixtureCase struct {
	file  string
	codec codec
	// dropped lists the members of the fixture that the Go types do not
	// declare (dropped by non-open types); added lists the members the
	// encoder writes although the fixture lacks them. Both in the form of
	// countPaths.
	dropped, added []string
	// wantErr, when set, is the exact error of decoding the fixture, which
	// is then not round-tripped.
	wantErr string
	// check spot-checks decoded values.
	check func(*testing.T, any)
}

// No fixture of this package has a member its type does not declare, and
// the encoder adds none: dropped and added are nil for every entry, which
// checkDiff asserts (a member dropped or invented later fails the test).
var twilioFixtures = []fixtureCase{
	{file: "CreateMessageInteraction.create.200.response.json", codec: messageInteractionCodec},
	{file: "CreateParticipant.create.201.response.json", codec: participantCodec},
	{file: "CreateParticipant.createChannel.201.response.json", codec: participantCodec},
	{file: "CreatePhoneNumber.create.201.response.json", codec: phoneNumberCodec},
	{file: "CreateService.create.201.response.json", codec: serviceCodec},
	{file: "CreateSession.create.201.response.json", codec: sessionCodec},
	{file: "FetchInteraction.fetch.200.response.json", codec: interactionCodec},
	{file: "FetchMessageInteraction.fetch.200.response.json", codec: messageInteractionCodec},
	{file: "FetchParticipant.fetch.200.response.json", codec: participantCodec},
	{file: "FetchParticipant.fetchChannel.200.response.json", codec: participantCodec},
	{file: "FetchPhoneNumber.fetch.200.response.json", codec: phoneNumberCodec},
	{file: "FetchService.fetch.200.response.json", codec: serviceCodec},
	{file: "FetchSession.fetch.200.response.json", codec: sessionCodec},
	{file: "ListInteraction.readEmpty.200.response.json", codec: pageCodecOf[pr.Interaction]("interactions")},
	{file: "ListMessageInteraction.readEmpty.200.response.json", codec: pageCodecOf[pr.MessageInteraction]("interactions")},
	{file: "ListParticipant.readEmpty.200.response.json", codec: pageCodecOf[pr.Participant]("participants")},
	{file: "ListPhoneNumber.readFull.200.response.json", codec: pageCodecOf[pr.PhoneNumber]("phone_numbers")},
	{file: "ListService.readEmpty.200.response.json", codec: pageCodecOf[pr.Service]("services")},
	{file: "ListSession.readEmpty.200.response.json", codec: pageCodecOf[pr.Session]("sessions")},
	{file: "UpdatePhoneNumber.update.200.response.json", codec: phoneNumberCodec},
	{file: "UpdateService.update.200.response.json", codec: serviceCodec},
	{file: "UpdateSession.update.200.response.json", codec: sessionCodec},
	{file: "sdk-tests/twilio-go.client_test.error-400-20001.json", codec: restErrorCodec},
	{file: "sdk-tests/twilio-go.client_test.error-400-20001-with-details.json", codec: restErrorCodec},
	{file: "sdk-tests/twilio-go.client_test.error-400-20001-trailing-comma.INVALID.json.txt", codec: restErrorCodec,
		wantErr: `json: trailing comma in object at offset 116`},
	{file: "sdk-tests/twilio-go.error_test.error-20001-compact.json", codec: restErrorCodec},
	{file: "sdk-tests/twilio-python.test_session.fetch_response.json", codec: sessionCodec},
	{file: "sdk-tests/twilio-python.test_session.read_empty_response.json", codec: pageCodecOf[pr.Session]("sessions")},
	{file: "bench/twilio_session.json", codec: sessionCodec},
	{file: "bench/twilio_session_docs.json", codec: sessionCodec},
	{file: "bench/twilio_sessions_50.json", codec: pageCodecOf[pr.Session]("sessions")},
	{file: "bench/twilio_sessions_50_docs.json", codec: pageCodecOf[pr.Session]("sessions")},
}

func TestFixtures(t *testing.T) {
	for _, fc := range twilioFixtures {
		t.Run(fc.file, func(t *testing.T) {
			data := readFixture(t, fc.file)
			if fc.wantErr != "" {
				_, err := fc.codec.decode(data)
				if err == nil || err.Error() != fc.wantErr {
					t.Errorf("got error %v, want %s", err, fc.wantErr)
				}
				return
			}
			runRoundTrip(t, fc, data)
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
