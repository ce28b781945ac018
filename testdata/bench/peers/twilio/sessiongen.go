// Copied from generated/twilio/proxy/bench_test.go (the page helpers; keep
// in step), using only the generated package's exported API: how a caller
// reads and writes a page of sessions, the envelope read with encoding/json
// and each element decoded with Session.UnmarshalJSON.

package twilio

import (
	"encoding/json"
	"path/filepath"

	tw "github.com/sessiongen/sessiongen/generated/twilio/proxy"
	"github.com/sessiongen/sessiongen/testdata/bench/peers/harness"
)

// payloadDir holds the generated package's copies of the benchmark payloads.
var payloadDir = filepath.Join("..", "..", "..", "..", "generated", "twilio/proxy", "testdata", "bench")

// payloadNames are the files of payloadDir, without .json; those with
// "sessions" in the name are pages.
var payloadNames = []string{"twilio_session", "twilio_session_docs", "twilio_sessions_50", "twilio_sessions_50_docs"}

// benchPage is a Twilio page of sessions: {"sessions": [...], "meta": {...}}.
type benchPage struct {
	Sessions []tw.Session `json:"sessions"`
	Meta     benchMeta    `json:"meta"`
}

// benchMeta is a Twilio page's "meta" object.
type benchMeta struct {
	Page            int64               `json:"page"`
	PageSize        int64               `json:"page_size"`
	FirstPageURL    string              `json:"first_page_url"`
	URL             string              `json:"url"`
	Key             string              `json:"key"`
	PreviousPageURL tw.Optional[string] `json:"previous_page_url,omitzero"`
	NextPage        tw.Optional[string] `json:"next_page_url,omitzero"`
}

// benchDecodePage reads the envelope with encoding/json, which decodes each
// element of "sessions" with the generated Session.UnmarshalJSON.
// It fills the value the Marshal, Append and Validate benchmarks start from;
// the Decode benchmark reads pages through the client (clientPageReader).
func benchDecodePage(data []byte, p *benchPage) error {
	return json.Unmarshal(data, p)
}

// benchAppendPage encodes a page: sessions, then meta.
func benchAppendPage(dst []byte, p *benchPage) ([]byte, error) {
	dst = append(dst, `{"sessions":[`...)
	for i := range p.Sessions {
		if i > 0 {
			dst = append(dst, ',')
		}
		var err error
		if dst, err = p.Sessions[i].AppendJSON(dst); err != nil {
			return nil, err
		}
	}
	m := &p.Meta
	dst = append(dst, `],"meta":{"page":`...)
	dst = harness.AppendInt(dst, m.Page)
	dst = append(dst, `,"page_size":`...)
	dst = harness.AppendInt(dst, m.PageSize)
	dst = append(dst, `,"first_page_url":`...)
	dst = harness.AppendString(dst, m.FirstPageURL)
	dst = append(dst, `,"previous_page_url":`...)
	dst = benchAppendNullable(dst, m.PreviousPageURL)
	dst = append(dst, `,"url":`...)
	dst = harness.AppendString(dst, m.URL)
	dst = append(dst, `,"next_page_url":`...)
	dst = benchAppendNullable(dst, m.NextPage)
	dst = append(dst, `,"key":`...)
	dst = harness.AppendString(dst, m.Key)
	return append(dst, "}}"...), nil
}

func benchAppendNullable(dst []byte, o tw.Optional[string]) []byte {
	if s, ok := o.Get(); ok {
		return harness.AppendString(dst, s)
	}
	return append(dst, "null"...)
}

// benchValidatePage validates every session of a page.
func benchValidatePage(p *benchPage) error {
	for i := range p.Sessions {
		if err := p.Sessions[i].Validate(); err != nil {
			return err
		}
	}
	return nil
}
