// Copied from generated/msgraph/callrecords/bench_test.go (the page helpers;
// keep in step), using only the generated package's exported API: how a
// caller reads and writes a page of sessions, the envelope read with
// encoding/json and each element decoded with Session.UnmarshalJSON.

package graph

import (
	"bytes"
	"encoding/json"
	"path/filepath"

	cr "github.com/sessiongen/sessiongen/generated/msgraph/callrecords"
	"github.com/sessiongen/sessiongen/testdata/bench/peers/harness"
)

// payloadDir holds the generated package's copies of the benchmark payloads.
var payloadDir = filepath.Join("..", "..", "..", "..", "generated", "msgraph/callrecords", "testdata", "bench")

// payloadNames are the files of payloadDir, without .json; those with
// "sessions" in the name are pages.
var payloadNames = []string{"graph_session", "graph_session_docs", "graph_sessions_50", "graph_sessions_50_docs"}

// The published Graph example repeats "@odata.type" inside every segment
// callee; our decoder rejects duplicate names by design (README, "Decoding
// is strict"), so the *_docs payloads are decoded in a de-duplicated variant
// of the same length: the second copy of the member and its comma become
// spaces. Both decoders (and every benchmark) read that same variant.
const (
	benchDupMember = `"@odata.type":"#microsoft.graph.callRecords.participantEndpoint",`
	benchDup       = benchDupMember + benchDupMember
)

func benchDedup(data []byte) []byte {
	blank := bytes.Repeat([]byte(" "), len(benchDupMember))
	return bytes.ReplaceAll(data, []byte(benchDup), append([]byte(benchDupMember), blank...))
}

// benchPage is an OData page of sessions:
// {"@odata.context": ..., "value": [...], "@odata.nextLink": ...}.
type benchPage struct {
	Context  cr.Optional[string] `json:"@odata.context,omitzero"`
	Sessions []cr.Session        `json:"value"`
	NextLink cr.Optional[string] `json:"@odata.nextLink,omitzero"`
}

// benchDecodePage reads the envelope with encoding/json, which decodes each
// element of "value" with the generated Session.UnmarshalJSON.
// It fills the value the Marshal, Append and Validate benchmarks start from;
// the Decode benchmark reads pages through the client (clientPageReader).
func benchDecodePage(data []byte, p *benchPage) error {
	return json.Unmarshal(data, p)
}

// benchAppendPage encodes a page in the order context, value, nextLink.
func benchAppendPage(dst []byte, p *benchPage) ([]byte, error) {
	dst = append(dst, '{')
	if s, ok := p.Context.Get(); ok {
		dst = append(dst, `"@odata.context":`...)
		dst = harness.AppendString(dst, s)
		dst = append(dst, ',')
	}
	dst = append(dst, `"value":[`...)
	for i := range p.Sessions {
		if i > 0 {
			dst = append(dst, ',')
		}
		var err error
		if dst, err = p.Sessions[i].AppendJSON(dst); err != nil {
			return nil, err
		}
	}
	dst = append(dst, ']')
	if s, ok := p.NextLink.Get(); ok {
		dst = append(dst, `,"@odata.nextLink":`...)
		dst = harness.AppendString(dst, s)
	}
	return append(dst, '}'), nil
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
