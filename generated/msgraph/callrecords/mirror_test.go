// Hand-written (not generated): plain structs with json tags mirroring the
// generated types, so that encoding/json decodes and encodes the benchmark
// payloads into an equivalent Go value: the same fields and JSON names, a
// pointer for every optional or nullable scalar or object (nil slices and
// maps stand for absent), time.Time for date-times, string for enums,
// durations and dates, json.RawMessage for json values. The tags are the
// generated ones (omitzero on every optional field).
//
// Polymorphic hierarchies (Endpoint, UserAgent, Identity, IdentitySet) have
// no plain-struct equivalent: each is mirrored by one struct with the union
// of its members' properties and "@odata.type" as a plain field, the way
// hand-written encoding/json clients of Graph do it.

package callrecords

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
	"time"
)

// mirrorPage mirrors an OData page of sessions.
type mirrorPage struct {
	Context  *string         `json:"@odata.context,omitzero"`
	Value    []mirrorSession `json:"value"`
	NextLink *string         `json:"@odata.nextLink,omitzero"`
}

// mirrorSession mirrors Session.
type mirrorSession struct {
	ODataType     *string            `json:"@odata.type,omitzero"` // written by AppendJSON as a constant
	ID            string             `json:"id"`
	Callee        *mirrorEndpoint    `json:"callee,omitzero"`
	Caller        *mirrorEndpoint    `json:"caller,omitzero"`
	EndDateTime   time.Time          `json:"endDateTime"`
	FailureInfo   *mirrorFailureInfo `json:"failureInfo,omitzero"`
	IsTest        *bool              `json:"isTest,omitzero"`
	Modalities    []string           `json:"modalities"`
	StartDateTime time.Time          `json:"startDateTime"`
	Segments      []mirrorSegment    `json:"segments,omitzero"`
}

// mirrorEndpoint mirrors the Endpoint hierarchy as one struct: the union of the properties of
// EndpointBase, ParticipantEndpoint, ServiceEndpoint, with the discriminator as a plain field
// (encoding/json cannot choose a Go type by a member's value).
type mirrorEndpoint struct {
	ODataType              *string             `json:"@odata.type,omitzero"`
	UserAgent              *mirrorUserAgent    `json:"userAgent,omitzero"`
	AssociatedIdentity     *mirrorIdentity     `json:"associatedIdentity,omitzero"`
	CPUCoresCount          *int32              `json:"cpuCoresCount,omitzero"`
	CPUName                *string             `json:"cpuName,omitzero"`
	CPUProcessorSpeedInMhz *int32              `json:"cpuProcessorSpeedInMhz,omitzero"`
	Feedback               *mirrorUserFeedback `json:"feedback,omitzero"`
	Identity               *mirrorIdentitySet  `json:"identity,omitzero"`
	Name                   *string             `json:"name,omitzero"`
}

// mirrorFailureInfo mirrors FailureInfo.
type mirrorFailureInfo struct {
	Reason *string `json:"reason,omitzero"`
	Stage  *string `json:"stage,omitzero"`
}

// mirrorSegment mirrors Segment.
type mirrorSegment struct {
	ODataType     *string            `json:"@odata.type,omitzero"` // written by AppendJSON as a constant
	ID            string             `json:"id"`
	Callee        *mirrorEndpoint    `json:"callee,omitzero"`
	Caller        *mirrorEndpoint    `json:"caller,omitzero"`
	EndDateTime   time.Time          `json:"endDateTime"`
	FailureInfo   *mirrorFailureInfo `json:"failureInfo,omitzero"`
	Media         []mirrorMedia      `json:"media,omitzero"`
	StartDateTime time.Time          `json:"startDateTime"`
}

// mirrorUserAgent mirrors the UserAgent hierarchy as one struct: the union of the properties of
// ClientUserAgent, ServiceUserAgent, with the discriminator as a plain field
// (encoding/json cannot choose a Go type by a member's value). platform and
// productFamily, required in ClientUserAgent, are omitzero here because
// ServiceUserAgent has neither.
type mirrorUserAgent struct {
	ODataType              *string `json:"@odata.type,omitzero"`
	ApplicationVersion     *string `json:"applicationVersion,omitzero"`
	HeaderValue            *string `json:"headerValue,omitzero"`
	AzureADAppID           *string `json:"azureADAppId,omitzero"`
	CommunicationServiceID *string `json:"communicationServiceId,omitzero"`
	Platform               string  `json:"platform,omitzero"`
	ProductFamily          string  `json:"productFamily,omitzero"`
	Role                   *string `json:"role,omitzero"`
}

// mirrorIdentity mirrors the Identity hierarchy as one struct: the union of
// the properties of IdentityBase, UserIdentity, CommunicationsApplicationIdentity,
// CommunicationsApplicationInstanceIdentity, CommunicationsEncryptedIdentity,
// CommunicationsGuestIdentity, CommunicationsPhoneIdentity,
// CommunicationsUserIdentity, AzureCommunicationServicesUserIdentity and
// GraphUserIdentity, with the discriminator as a plain field (encoding/json
// cannot choose a Go type by a member's value). The union's fields also catch
// what the open IdentityBase keeps as AdditionalProperties (tenantId).
type mirrorIdentity struct {
	ODataType                            *string `json:"@odata.type,omitzero"`
	DisplayName                          *string `json:"displayName,omitzero"`
	ID                                   *string `json:"id,omitzero"`
	UserPrincipalName                    *string `json:"userPrincipalName,omitzero"`
	ApplicationType                      *string `json:"applicationType,omitzero"`
	Hidden                               *bool   `json:"hidden,omitzero"`
	TenantID                             *string `json:"tenantId,omitzero"`
	Email                                *string `json:"email,omitzero"`
	AzureCommunicationServicesResourceID *string `json:"azureCommunicationServicesResourceId,omitzero"`
	IPAddress                            *string `json:"ipAddress,omitzero"`
}

// mirrorUserFeedback mirrors UserFeedback.
type mirrorUserFeedback struct {
	Rating string                  `json:"rating"`
	Text   *string                 `json:"text,omitzero"`
	Tokens *mirrorFeedbackTokenSet `json:"tokens,omitzero"`
}

// mirrorIdentitySet mirrors the IdentitySet hierarchy as one struct: the union of the properties of
// IdentitySetBase, CommunicationsIdentitySet, with the discriminator as a plain field
// (encoding/json cannot choose a Go type by a member's value).
type mirrorIdentitySet struct {
	ODataType                      *string         `json:"@odata.type,omitzero"`
	Application                    *mirrorIdentity `json:"application,omitzero"`
	Device                         *mirrorIdentity `json:"device,omitzero"`
	User                           *mirrorIdentity `json:"user,omitzero"`
	ApplicationInstance            *mirrorIdentity `json:"applicationInstance,omitzero"`
	AssertedIdentity               *mirrorIdentity `json:"assertedIdentity,omitzero"`
	AzureCommunicationServicesUser *mirrorIdentity `json:"azureCommunicationServicesUser,omitzero"`
	Encrypted                      *mirrorIdentity `json:"encrypted,omitzero"`
	EndpointType                   *string         `json:"endpointType,omitzero"`
	Guest                          *mirrorIdentity `json:"guest,omitzero"`
	OnPremises                     *mirrorIdentity `json:"onPremises,omitzero"`
	Phone                          *mirrorIdentity `json:"phone,omitzero"`
}

// mirrorMedia mirrors Media.
type mirrorMedia struct {
	CalleeDevice  *mirrorDeviceInfo   `json:"calleeDevice,omitzero"`
	CalleeNetwork *mirrorNetworkInfo  `json:"calleeNetwork,omitzero"`
	CallerDevice  *mirrorDeviceInfo   `json:"callerDevice,omitzero"`
	CallerNetwork *mirrorNetworkInfo  `json:"callerNetwork,omitzero"`
	Label         *string             `json:"label,omitzero"`
	Streams       []mirrorMediaStream `json:"streams,omitzero"`
}

// mirrorFeedbackTokenSet mirrors FeedbackTokenSet.
// It is an open type with no declared properties: a map keeps its members.
type mirrorFeedbackTokenSet map[string]json.RawMessage

// mirrorDeviceInfo mirrors DeviceInfo.
type mirrorDeviceInfo struct {
	CaptureDeviceDriver              *string  `json:"captureDeviceDriver,omitzero"`
	CaptureDeviceName                *string  `json:"captureDeviceName,omitzero"`
	CaptureNotFunctioningEventRatio  *float32 `json:"captureNotFunctioningEventRatio,omitzero"`
	CPUInsufficentEventRatio         *float32 `json:"cpuInsufficentEventRatio,omitzero"`
	DeviceClippingEventRatio         *float32 `json:"deviceClippingEventRatio,omitzero"`
	DeviceGlitchEventRatio           *float32 `json:"deviceGlitchEventRatio,omitzero"`
	HowlingEventCount                *int32   `json:"howlingEventCount,omitzero"`
	InitialSignalLevelRootMeanSquare *float32 `json:"initialSignalLevelRootMeanSquare,omitzero"`
	LowSpeechLevelEventRatio         *float32 `json:"lowSpeechLevelEventRatio,omitzero"`
	LowSpeechToNoiseEventRatio       *float32 `json:"lowSpeechToNoiseEventRatio,omitzero"`
	MicGlitchRate                    *float32 `json:"micGlitchRate,omitzero"`
	ReceivedNoiseLevel               *int32   `json:"receivedNoiseLevel,omitzero"`
	ReceivedSignalLevel              *int32   `json:"receivedSignalLevel,omitzero"`
	RenderDeviceDriver               *string  `json:"renderDeviceDriver,omitzero"`
	RenderDeviceName                 *string  `json:"renderDeviceName,omitzero"`
	RenderMuteEventRatio             *float32 `json:"renderMuteEventRatio,omitzero"`
	RenderNotFunctioningEventRatio   *float32 `json:"renderNotFunctioningEventRatio,omitzero"`
	RenderZeroVolumeEventRatio       *float32 `json:"renderZeroVolumeEventRatio,omitzero"`
	SentNoiseLevel                   *int32   `json:"sentNoiseLevel,omitzero"`
	SentSignalLevel                  *int32   `json:"sentSignalLevel,omitzero"`
	SpeakerGlitchRate                *float32 `json:"speakerGlitchRate,omitzero"`
}

// mirrorNetworkInfo mirrors NetworkInfo.
type mirrorNetworkInfo struct {
	BandwidthLowEventRatio     *float32              `json:"bandwidthLowEventRatio,omitzero"`
	BasicServiceSetIdentifier  *string               `json:"basicServiceSetIdentifier,omitzero"`
	ConnectionType             *string               `json:"connectionType,omitzero"`
	DelayEventRatio            *float32              `json:"delayEventRatio,omitzero"`
	DNSSuffix                  *string               `json:"dnsSuffix,omitzero"`
	IPAddress                  *string               `json:"ipAddress,omitzero"`
	LinkSpeed                  *int64                `json:"linkSpeed,omitzero"`
	MacAddress                 *string               `json:"macAddress,omitzero"`
	NetworkTransportProtocol   *string               `json:"networkTransportProtocol,omitzero"`
	Port                       *int32                `json:"port,omitzero"`
	ReceivedQualityEventRatio  *float32              `json:"receivedQualityEventRatio,omitzero"`
	ReflexiveIPAddress         *string               `json:"reflexiveIPAddress,omitzero"`
	RelayIPAddress             *string               `json:"relayIPAddress,omitzero"`
	RelayPort                  *int32                `json:"relayPort,omitzero"`
	SentQualityEventRatio      *float32              `json:"sentQualityEventRatio,omitzero"`
	Subnet                     *string               `json:"subnet,omitzero"`
	TraceRouteHops             []mirrorTraceRouteHop `json:"traceRouteHops,omitzero"`
	WifiBand                   *string               `json:"wifiBand,omitzero"`
	WifiBatteryCharge          *int32                `json:"wifiBatteryCharge,omitzero"`
	WifiChannel                *int32                `json:"wifiChannel,omitzero"`
	WifiMicrosoftDriver        *string               `json:"wifiMicrosoftDriver,omitzero"`
	WifiMicrosoftDriverVersion *string               `json:"wifiMicrosoftDriverVersion,omitzero"`
	WifiRadioType              *string               `json:"wifiRadioType,omitzero"`
	WifiSignalStrength         *int32                `json:"wifiSignalStrength,omitzero"`
	WifiVendorDriver           *string               `json:"wifiVendorDriver,omitzero"`
	WifiVendorDriverVersion    *string               `json:"wifiVendorDriverVersion,omitzero"`
}

// mirrorMediaStream mirrors MediaStream.
type mirrorMediaStream struct {
	AudioCodec                               *string    `json:"audioCodec,omitzero"`
	AverageAudioDegradation                  *float32   `json:"averageAudioDegradation,omitzero"`
	AverageAudioNetworkJitter                *string    `json:"averageAudioNetworkJitter,omitzero"`
	AverageBandwidthEstimate                 *int64     `json:"averageBandwidthEstimate,omitzero"`
	AverageFreezeDuration                    *string    `json:"averageFreezeDuration,omitzero"`
	AverageJitter                            *string    `json:"averageJitter,omitzero"`
	AveragePacketLossRate                    *float32   `json:"averagePacketLossRate,omitzero"`
	AverageRatioOfConcealedSamples           *float32   `json:"averageRatioOfConcealedSamples,omitzero"`
	AverageReceivedFrameRate                 *float32   `json:"averageReceivedFrameRate,omitzero"`
	AverageRoundTripTime                     *string    `json:"averageRoundTripTime,omitzero"`
	AverageVideoFrameLossPercentage          *float32   `json:"averageVideoFrameLossPercentage,omitzero"`
	AverageVideoFrameRate                    *float32   `json:"averageVideoFrameRate,omitzero"`
	AverageVideoPacketLossRate               *float32   `json:"averageVideoPacketLossRate,omitzero"`
	EndDateTime                              *time.Time `json:"endDateTime,omitzero"`
	IsAudioForwardErrorCorrectionUsed        *bool      `json:"isAudioForwardErrorCorrectionUsed,omitzero"`
	LowFrameRateRatio                        *float32   `json:"lowFrameRateRatio,omitzero"`
	LowVideoProcessingCapabilityRatio        *float32   `json:"lowVideoProcessingCapabilityRatio,omitzero"`
	MaxAudioNetworkJitter                    *string    `json:"maxAudioNetworkJitter,omitzero"`
	MaxJitter                                *string    `json:"maxJitter,omitzero"`
	MaxPacketLossRate                        *float32   `json:"maxPacketLossRate,omitzero"`
	MaxRatioOfConcealedSamples               *float32   `json:"maxRatioOfConcealedSamples,omitzero"`
	MaxRoundTripTime                         *string    `json:"maxRoundTripTime,omitzero"`
	PacketUtilization                        *int64     `json:"packetUtilization,omitzero"`
	PostForwardErrorCorrectionPacketLossRate *float32   `json:"postForwardErrorCorrectionPacketLossRate,omitzero"`
	RmsFreezeDuration                        *string    `json:"rmsFreezeDuration,omitzero"`
	StartDateTime                            *time.Time `json:"startDateTime,omitzero"`
	StreamDirection                          string     `json:"streamDirection"`
	StreamID                                 *string    `json:"streamId,omitzero"`
	VideoCodec                               *string    `json:"videoCodec,omitzero"`
	WasMediaBypassed                         *bool      `json:"wasMediaBypassed,omitzero"`
}

// mirrorTraceRouteHop mirrors TraceRouteHop.
type mirrorTraceRouteHop struct {
	HopCount      *int32  `json:"hopCount,omitzero"`
	IPAddress     *string `json:"ipAddress,omitzero"`
	RoundTripTime *string `json:"roundTripTime,omitzero"`
}

// TestMirrorKeepsPayload checks that the mirror is a faithful baseline: what
// encoding/json decodes into it and encodes back carries every non-null
// member of each benchmark payload, and so does the generated codec's
// re-encoding (which adds "@odata.type" to types that have one, hence
// ignored there).
func TestMirrorKeepsPayload(t *testing.T) {
	for _, p := range loadBenchPayloads(t) {
		t.Run(p.name, func(t *testing.T) {
			v := decodeBenchValue(t, p)
			want := mirrorNormalize(t, p.data, false)
			out, err := json.Marshal(mirrorValue(v, p.page))
			if err != nil {
				t.Fatal(err)
			}
			if diff := mirrorDiff(mirrorNormalize(t, out, false), want); diff != "" {
				t.Errorf("encoding/json through the mirror loses data: %s", diff)
			}
			gen, err := v.appendJSON(nil, p.page)
			if err != nil {
				t.Fatal(err)
			}
			if diff := mirrorDiff(mirrorNormalize(t, gen, true), mirrorNormalize(t, p.data, true)); diff != "" {
				t.Errorf("sessiongen re-encoding differs: %s", diff)
			}
		})
	}
}

// mirrorNormalize decodes data generically, drops null members (absent and
// null are both nil in a mirror), optionally "@odata.type" members, and
// writes date-times as canonical UTC instants.
func mirrorNormalize(t *testing.T, data []byte, dropType bool) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	var walk func(v any) any
	walk = func(v any) any {
		switch v := v.(type) {
		case map[string]any:
			for k, e := range v {
				if e == nil || (dropType && k == "@odata.type") {
					delete(v, k)
					continue
				}
				v[k] = walk(e)
			}
		case []any:
			for i, e := range v {
				v[i] = walk(e)
			}
		case string:
			if ts, err := time.Parse(time.RFC3339Nano, v); err == nil {
				return ts.UTC().Format(time.RFC3339Nano)
			}
		}
		return v
	}
	return walk(v)
}

// mirrorDiff describes where two normalized documents first differ, or
// returns "" when they are equal.
func mirrorDiff(got, want any) string {
	if reflect.DeepEqual(got, want) {
		return ""
	}
	g, _ := json.Marshal(got) // sorted keys
	w, _ := json.Marshal(want)
	i := 0
	for i < len(g) && i < len(w) && g[i] == w[i] {
		i++
	}
	from := max(0, i-80)
	return fmt.Sprintf("at byte %d of the sorted form:\n got ...%s\nwant ...%s", i, g[from:min(len(g), i+80)], w[from:min(len(w), i+80)])
}
