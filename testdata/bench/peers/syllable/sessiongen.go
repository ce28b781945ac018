// Copied from generated/syllable/sessions/bench_test.go (the page helpers;
// keep in step), using only the generated package's exported API: how a
// caller reads and writes a page of sessions, the envelope read with
// encoding/json and each element decoded with Session.UnmarshalJSON.

package syllable

import (
	"encoding/json"
	"path/filepath"

	sy "github.com/sessiongen/sessiongen/generated/syllable/sessions"
	"github.com/sessiongen/sessiongen/testdata/bench/peers/harness"
)

// payloadDir holds the generated package's copies of the benchmark payloads.
var payloadDir = filepath.Join("..", "..", "..", "..", "generated", "syllable/sessions", "testdata", "bench")

// payloadNames are the files of payloadDir, without .json; those with
// "sessions" in the name are pages.
var payloadNames = []string{"syllable_session", "syllable_session_docs", "syllable_sessions_50", "syllable_sessions_50_docs"}

// benchPage is a Syllable page of sessions:
// {"items": [...], "page": 0, "page_size": 50, "total_pages": 37, "total_count": 1843}.
// The package has ListResponseSession for it; the helper walks the envelope
// itself, as for the other two APIs, so that the three pages are measured
// the same way.
type benchPage struct {
	Sessions   []sy.Session       `json:"items"`
	Page       int64              `json:"page"`
	PageSize   int64              `json:"page_size"`
	TotalPages sy.Optional[int64] `json:"total_pages,omitzero"`
	TotalCount sy.Optional[int64] `json:"total_count,omitzero"`
}

// benchDecodePage reads the envelope with encoding/json, which decodes each
// element of "items" with the generated Session.UnmarshalJSON.
// It fills the value the Marshal, Append and Validate benchmarks start from;
// the Decode benchmark reads pages through the client (clientPageReader).
func benchDecodePage(data []byte, p *benchPage) error {
	return json.Unmarshal(data, p)
}

// benchAppendPage encodes a page: items, page, page_size, total_pages,
// total_count.
func benchAppendPage(dst []byte, p *benchPage) ([]byte, error) {
	dst = append(dst, `{"items":[`...)
	for i := range p.Sessions {
		if i > 0 {
			dst = append(dst, ',')
		}
		var err error
		if dst, err = p.Sessions[i].AppendJSON(dst); err != nil {
			return nil, err
		}
	}
	dst = append(dst, `],"page":`...)
	dst = harness.AppendInt(dst, p.Page)
	dst = append(dst, `,"page_size":`...)
	dst = harness.AppendInt(dst, p.PageSize)
	dst = append(dst, `,"total_pages":`...)
	dst = benchAppendNullable(dst, p.TotalPages)
	dst = append(dst, `,"total_count":`...)
	dst = benchAppendNullable(dst, p.TotalCount)
	return append(dst, '}'), nil
}

func benchAppendNullable(dst []byte, o sy.Optional[int64]) []byte {
	if n, ok := o.Get(); ok {
		return harness.AppendInt(dst, n)
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
