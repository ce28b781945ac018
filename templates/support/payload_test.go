package support

import (
	"time"
)

// This file holds a realistic payload (a Microsoft Graph callRecords session,
// about 2 KB) and a decoder for it written the way the generator writes
// decoders, used by the allocation tests and the benchmarks.

const graphSession = `{
  "@odata.type": "#microsoft.graph.callRecords.session",
  "id": "e523d2ed-2966-4b6b-925b-754a88034cc5",
  "modalities": ["audio", "video", "screenSharing"],
  "startDateTime": "2020-02-25T18:52:21.2169889Z",
  "endDateTime": "2020-02-25T18:52:46.7640013Z",
  "isTest": false,
  "caller": {
    "@odata.type": "#microsoft.graph.callRecords.participantEndpoint",
    "name": "Abbie Wilkins",
    "userAgent": {
      "@odata.type": "#microsoft.graph.callRecords.clientUserAgent",
      "headerValue": "RTCC/7.0.0.0 UCWA/7.0.0.0 AndroidLync/6.25.0.27 (SM-G930U Android 8.0.0)",
      "platform": "android",
      "productFamily": "skypeForBusiness"
    },
    "identity": {
      "user": {
        "id": "821809f5-0000-0000-0000-3b5136c0e777",
        "displayName": "Abbie Wilkins",
        "tenantId": "dc368399-474c-4d40-900c-6265431fd81f"
      }
    }
  },
  "callee": {
    "@odata.type": "#microsoft.graph.callRecords.participantEndpoint",
    "name": "Owen Fran\u00e7ois",
    "userAgent": {
      "@odata.type": "#microsoft.graph.callRecords.clientUserAgent",
      "headerValue": "UCCAPI/16.0.12527.20122 OC/16.0.12527.20194 (Skype for Business)",
      "platform": "windows",
      "productFamily": "skypeForBusiness"
    },
    "identity": {
      "user": {
        "id": "f69e2c00-0000-0000-0000-185e5f5f5d8a",
        "displayName": "Owen François",
        "tenantId": "dc368399-474c-4d40-900c-6265431fd81f"
      }
    }
  },
  "failureInfo": null,
  "segments": [
    {
      "id": "e523d2ed-2966-4b6b-925b-754a88034cc5",
      "startDateTime": "2020-02-25T18:52:21.2169889Z",
      "endDateTime": "2020-02-25T18:52:46.7640013Z",
      "media": [
        {
          "label": "main-audio",
          "streams": [
            {
              "streamId": "1504545584",
              "streamDirection": "callerToCallee",
              "averageAudioDegradation": null,
              "averageJitter": "PT0.016S",
              "maxJitter": "PT0.016S",
              "averagePacketLossRate": 0,
              "maxPacketLossRate": 0.0125,
              "averageRatioOfConcealedSamples": null,
              "averageRoundTripTime": "PT0.08S",
              "maxRoundTripTime": "PT0.08S",
              "packetUtilization": 67,
              "averageBandwidthEstimate": 9965083.5,
              "wasMediaBypassed": false,
              "lowVideoProcessingCapabilityRatio": "NaN"
            },
            {
              "streamId": "1785122252",
              "streamDirection": "calleeToCaller",
              "averageAudioDegradation": 1.160898,
              "averageJitter": "PT0.021S",
              "maxJitter": "PT0.039S",
              "averagePacketLossRate": 0.0092,
              "maxPacketLossRate": 0.062,
              "averageRatioOfConcealedSamples": 0.014,
              "averageRoundTripTime": "PT0.013S",
              "maxRoundTripTime": "PT0.019S",
              "packetUtilization": 440,
              "averageBandwidthEstimate": 15644878.5,
              "wasMediaBypassed": false,
              "lowVideoProcessingCapabilityRatio": 0.25
            }
          ]
        }
      ]
    }
  ]
}`

// The hand-written model of the payload, shaped like generated code.

type tUser struct {
	ID          string
	DisplayName Optional[string]
	TenantID    string
}

type tUserAgent struct {
	ODataType     string
	HeaderValue   Optional[string]
	Platform      string
	ProductFamily string
}

type tEndpoint struct {
	ODataType string
	Name      string
	UserAgent tUserAgent
	User      tUser
}

type tStream struct {
	StreamID                 string
	StreamDirection          string
	AverageAudioDegradation  Optional[float32]
	AverageJitter            Optional[Duration]
	MaxJitter                Optional[Duration]
	AveragePacketLossRate    Optional[float32]
	MaxPacketLossRate        Optional[float32]
	AverageConcealed         Optional[float32]
	AverageRoundTripTime     Optional[Duration]
	MaxRoundTripTime         Optional[Duration]
	PacketUtilization        Optional[int64]
	AverageBandwidthEstimate Optional[float64]
	WasMediaBypassed         Optional[bool]
	LowVideoRatio            Optional[float32]
}

type tMedia struct {
	Label   string
	Streams []tStream
}

type tSegment struct {
	ID            string
	StartDateTime time.Time
	EndDateTime   time.Time
	Media         []tMedia
}

type tSession struct {
	ODataType     string
	ID            string
	Modalities    []string
	StartDateTime time.Time
	EndDateTime   time.Time
	IsTest        bool
	Caller        tEndpoint
	Callee        tEndpoint
	FailureInfo   Optional[string]
	Segments      []tSegment
}

func decodeOptString(d *decoder, o *Optional[string]) error {
	if d.consumeNull() {
		*o = Null[string]()
		return nil
	}
	s, err := d.stringValue()
	*o = Some(s)
	return err
}

func decodeOptFloat32(d *decoder, o *Optional[float32], nonFinite bool) error {
	if d.consumeNull() {
		*o = Null[float32]()
		return nil
	}
	var f float32
	var err error
	if nonFinite {
		f, err = d.float32NonFinite()
	} else {
		f, err = d.float32Value()
	}
	*o = Some(f)
	return err
}

func decodeOptDuration(d *decoder, o *Optional[Duration]) error {
	if d.consumeNull() {
		*o = Null[Duration]()
		return nil
	}
	v, err := d.durationValue()
	*o = Some(v)
	return err
}

func (v *tUser) decode(d *decoder) error {
	if err := d.beginObject(); err != nil {
		return err
	}
	var seen uint8
	for {
		name, ok, err := d.nextField()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		switch string(name) {
		case "id":
			if seen&1 != 0 {
				return d.errDuplicate(name)
			}
			seen |= 1
			if v.ID, err = d.stringValue(); err != nil {
				return withField(err, "id")
			}
		case "displayName":
			if err := decodeOptString(d, &v.DisplayName); err != nil {
				return withField(err, "displayName")
			}
		case "tenantId":
			if v.TenantID, err = d.stringValue(); err != nil {
				return withField(err, "tenantId")
			}
		default:
			if err := d.skip(); err != nil {
				return err
			}
		}
	}
	if seen&1 == 0 {
		return d.errRequired("id")
	}
	return nil
}

func (v *tUserAgent) decode(d *decoder) error {
	if err := d.beginObject(); err != nil {
		return err
	}
	for {
		name, ok, err := d.nextField()
		if err != nil {
			return err
		}
		if !ok {
			return nil
		}
		switch string(name) {
		case "@odata.type":
			v.ODataType, err = d.stringValue()
		case "headerValue":
			err = decodeOptString(d, &v.HeaderValue)
		case "platform":
			v.Platform, err = d.stringValue()
		case "productFamily":
			v.ProductFamily, err = d.stringValue()
		default:
			err = d.skip()
		}
		if err != nil {
			return withField(err, string(name))
		}
	}
}

func (v *tEndpoint) decode(d *decoder) error {
	if err := d.beginObject(); err != nil {
		return err
	}
	for {
		name, ok, err := d.nextField()
		if err != nil {
			return err
		}
		if !ok {
			return nil
		}
		switch string(name) {
		case "@odata.type":
			if v.ODataType, err = d.stringValue(); err != nil {
				return withField(err, "@odata.type")
			}
		case "name":
			if v.Name, err = d.stringValue(); err != nil {
				return withField(err, "name")
			}
		case "userAgent":
			if err := v.UserAgent.decode(d); err != nil {
				return withField(err, "userAgent")
			}
		case "identity":
			if err := d.beginObject(); err != nil {
				return withField(err, "identity")
			}
			for {
				name, ok, err := d.nextField()
				if err != nil {
					return withField(err, "identity")
				}
				if !ok {
					break
				}
				if string(name) == "user" {
					if err := v.User.decode(d); err != nil {
						return withField(withField(err, "user"), "identity")
					}
				} else if err := d.skip(); err != nil {
					return withField(err, "identity")
				}
			}
		default:
			if err := d.skip(); err != nil {
				return err
			}
		}
	}
}

func (v *tStream) decode(d *decoder) error {
	if err := d.beginObject(); err != nil {
		return err
	}
	for {
		name, ok, err := d.nextField()
		if err != nil {
			return err
		}
		if !ok {
			return nil
		}
		switch string(name) {
		case "streamId":
			v.StreamID, err = d.stringValue()
		case "streamDirection":
			v.StreamDirection, err = d.stringValue()
		case "averageAudioDegradation":
			err = decodeOptFloat32(d, &v.AverageAudioDegradation, false)
		case "averageJitter":
			err = decodeOptDuration(d, &v.AverageJitter)
		case "maxJitter":
			err = decodeOptDuration(d, &v.MaxJitter)
		case "averagePacketLossRate":
			err = decodeOptFloat32(d, &v.AveragePacketLossRate, false)
		case "maxPacketLossRate":
			err = decodeOptFloat32(d, &v.MaxPacketLossRate, false)
		case "averageRatioOfConcealedSamples":
			err = decodeOptFloat32(d, &v.AverageConcealed, false)
		case "averageRoundTripTime":
			err = decodeOptDuration(d, &v.AverageRoundTripTime)
		case "maxRoundTripTime":
			err = decodeOptDuration(d, &v.MaxRoundTripTime)
		case "packetUtilization":
			var n int64
			n, err = d.int64Value()
			v.PacketUtilization = Some(n)
		case "averageBandwidthEstimate":
			var f float64
			f, err = d.float64Value()
			v.AverageBandwidthEstimate = Some(f)
		case "wasMediaBypassed":
			var b bool
			b, err = d.boolValue()
			v.WasMediaBypassed = Some(b)
		case "lowVideoProcessingCapabilityRatio":
			err = decodeOptFloat32(d, &v.LowVideoRatio, true)
		default:
			err = d.skip()
		}
		if err != nil {
			return withField(err, string(name))
		}
	}
}

func (v *tMedia) decode(d *decoder) error {
	if err := d.beginObject(); err != nil {
		return err
	}
	for {
		name, ok, err := d.nextField()
		if err != nil {
			return err
		}
		if !ok {
			return nil
		}
		switch string(name) {
		case "label":
			if v.Label, err = d.stringValue(); err != nil {
				return withField(err, "label")
			}
		case "streams":
			if err := d.beginArray(); err != nil {
				return withField(err, "streams")
			}
			v.Streams = v.Streams[:0]
			for i := 0; ; i++ {
				ok, err := d.nextElement()
				if err != nil {
					return withField(err, "streams")
				}
				if !ok {
					break
				}
				v.Streams = append(v.Streams, tStream{})
				if err := v.Streams[i].decode(d); err != nil {
					return withField(withIndex(err, i), "streams")
				}
			}
		default:
			if err := d.skip(); err != nil {
				return err
			}
		}
	}
}

func (v *tSegment) decode(d *decoder) error {
	if err := d.beginObject(); err != nil {
		return err
	}
	for {
		name, ok, err := d.nextField()
		if err != nil {
			return err
		}
		if !ok {
			return nil
		}
		switch string(name) {
		case "id":
			v.ID, err = d.stringValue()
		case "startDateTime":
			v.StartDateTime, err = d.dateTimeValue()
		case "endDateTime":
			v.EndDateTime, err = d.dateTimeValue()
		case "media":
			if err := d.beginArray(); err != nil {
				return withField(err, "media")
			}
			v.Media = v.Media[:0]
			for i := 0; ; i++ {
				ok, err := d.nextElement()
				if err != nil {
					return withField(err, "media")
				}
				if !ok {
					break
				}
				v.Media = append(v.Media, tMedia{})
				if err := v.Media[i].decode(d); err != nil {
					return withField(withIndex(err, i), "media")
				}
			}
		default:
			err = d.skip()
		}
		if err != nil {
			return withField(err, string(name))
		}
	}
}

func (v *tSession) decode(d *decoder) error {
	if err := d.beginObject(); err != nil {
		return err
	}
	for {
		name, ok, err := d.nextField()
		if err != nil {
			return err
		}
		if !ok {
			return nil
		}
		switch string(name) {
		case "@odata.type":
			v.ODataType, err = d.stringValue()
		case "id":
			v.ID, err = d.stringValue()
		case "modalities":
			if err = d.beginArray(); err != nil {
				break
			}
			v.Modalities = v.Modalities[:0]
			for i := 0; ; i++ {
				ok, err := d.nextElement()
				if err != nil {
					return withField(err, "modalities")
				}
				if !ok {
					break
				}
				s, err := d.stringValue()
				if err != nil {
					return withField(withIndex(err, i), "modalities")
				}
				v.Modalities = append(v.Modalities, s)
			}
		case "startDateTime":
			v.StartDateTime, err = d.dateTimeValue()
		case "endDateTime":
			v.EndDateTime, err = d.dateTimeValue()
		case "isTest":
			v.IsTest, err = d.boolValue()
		case "caller":
			err = v.Caller.decode(d)
		case "callee":
			err = v.Callee.decode(d)
		case "failureInfo":
			err = decodeOptString(d, &v.FailureInfo)
		case "segments":
			if err := d.beginArray(); err != nil {
				return withField(err, "segments")
			}
			v.Segments = v.Segments[:0]
			for i := 0; ; i++ {
				ok, err := d.nextElement()
				if err != nil {
					return withField(err, "segments")
				}
				if !ok {
					break
				}
				v.Segments = append(v.Segments, tSegment{})
				if err := v.Segments[i].decode(d); err != nil {
					return withField(withIndex(err, i), "segments")
				}
			}
		default:
			err = d.skip()
		}
		if err != nil {
			return withField(err, string(name))
		}
	}
}

func unmarshalSession(data []byte, v *tSession) error {
	var d decoder
	d.reset(data)
	if err := v.decode(&d); err != nil {
		return err
	}
	return d.end()
}

// The same model for encoding/json, for the comparison benchmarks.

type jUser struct {
	ID          string  `json:"id"`
	DisplayName *string `json:"displayName"`
	TenantID    string  `json:"tenantId"`
}

type jUserAgent struct {
	ODataType     string  `json:"@odata.type"`
	HeaderValue   *string `json:"headerValue"`
	Platform      string  `json:"platform"`
	ProductFamily string  `json:"productFamily"`
}

type jEndpoint struct {
	ODataType string     `json:"@odata.type"`
	Name      string     `json:"name"`
	UserAgent jUserAgent `json:"userAgent"`
	Identity  struct {
		User jUser `json:"user"`
	} `json:"identity"`
}

type jStream struct {
	StreamID                 string   `json:"streamId"`
	StreamDirection          string   `json:"streamDirection"`
	AverageAudioDegradation  *float32 `json:"averageAudioDegradation"`
	AverageJitter            *string  `json:"averageJitter"`
	MaxJitter                *string  `json:"maxJitter"`
	AveragePacketLossRate    *float32 `json:"averagePacketLossRate"`
	MaxPacketLossRate        *float32 `json:"maxPacketLossRate"`
	AverageConcealed         *float32 `json:"averageRatioOfConcealedSamples"`
	AverageRoundTripTime     *string  `json:"averageRoundTripTime"`
	MaxRoundTripTime         *string  `json:"maxRoundTripTime"`
	PacketUtilization        *int64   `json:"packetUtilization"`
	AverageBandwidthEstimate *float64 `json:"averageBandwidthEstimate"`
	WasMediaBypassed         *bool    `json:"wasMediaBypassed"`
	LowVideoRatio            any      `json:"lowVideoProcessingCapabilityRatio"`
}

type jSession struct {
	ODataType     string    `json:"@odata.type"`
	ID            string    `json:"id"`
	Modalities    []string  `json:"modalities"`
	StartDateTime time.Time `json:"startDateTime"`
	EndDateTime   time.Time `json:"endDateTime"`
	IsTest        bool      `json:"isTest"`
	Caller        jEndpoint `json:"caller"`
	Callee        jEndpoint `json:"callee"`
	FailureInfo   *string   `json:"failureInfo"`
	Segments      []struct {
		ID            string    `json:"id"`
		StartDateTime time.Time `json:"startDateTime"`
		EndDateTime   time.Time `json:"endDateTime"`
		Media         []struct {
			Label   string    `json:"label"`
			Streams []jStream `json:"streams"`
		} `json:"media"`
	} `json:"segments"`
}
