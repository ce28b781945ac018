// Copied from generated/msgraph/callrecords/bench_test.go (the page helpers; keep in
// step): how a client reads and writes a page of sessions with the generated
// package, the envelope walked with its Decoder and each element decoded with
// Session.DecodeJSON.

package graph

import (
	"bytes"
	"path/filepath"

	cr "github.com/sessiongen/sessiongen/generated/msgraph/callrecords"
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
	Context  cr.Optional[string]
	Sessions []cr.Session
	NextLink cr.Optional[string]
}

// benchDecodePage walks the envelope with the package's Decoder and decodes
// each element of "value" with Session.DecodeJSON, in place in the slice.
func benchDecodePage(data []byte, p *benchPage) error {
	var d cr.Decoder
	d.Reset(data)
	if err := d.BeginObject(); err != nil {
		return err
	}
	for {
		name, ok, err := d.NextField()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		switch string(name) {
		case "value":
			if err := d.BeginArray(); err != nil {
				return err
			}
			for {
				more, err := d.NextElement()
				if err != nil {
					return err
				}
				if !more {
					break
				}
				p.Sessions = append(p.Sessions, cr.Session{})
				if err := p.Sessions[len(p.Sessions)-1].DecodeJSON(&d); err != nil {
					return cr.WithIndex(err, len(p.Sessions)-1)
				}
			}
		case "@odata.context":
			s, err := d.String()
			if err != nil {
				return err
			}
			p.Context = cr.Some(s)
		case "@odata.nextLink":
			s, err := d.String()
			if err != nil {
				return err
			}
			p.NextLink = cr.Some(s)
		default:
			if err := d.Skip(); err != nil {
				return err
			}
		}
	}
	return d.End()
}

// benchAppendPage encodes a page in the order context, value, nextLink.
func benchAppendPage(dst []byte, p *benchPage) ([]byte, error) {
	dst = append(dst, '{')
	if s, ok := p.Context.Get(); ok {
		dst = append(dst, `"@odata.context":`...)
		dst = cr.AppendString(dst, s)
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
		dst = cr.AppendString(dst, s)
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
