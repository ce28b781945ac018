// Hand-written (not generated): unexported names that the external tests
// reach: the client's error decoder and the paging members of the fake.

package proxy

// DecodeAPIErrorForTest is the client's decoder of error answers.
var DecodeAPIErrorForTest = decodeAPIError

// FakePagingPathsForTest returns the JSON paths of the next link and the
// totals that a page of the API carries (those it declares).
func FakePagingPathsForTest() [][]string {
	cfg := NewFakeServer().cfg
	var out [][]string
	for _, p := range [][]string{cfg.NextPath, cfg.TotalPagesPath, cfg.TotalCountPath} {
		if len(p) > 0 {
			out = append(out, p)
		}
	}
	return out
}
