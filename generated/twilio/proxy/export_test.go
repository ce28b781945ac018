// Hand-written (not generated): unexported names that the external tests
// reach: the client's error decoder and the paging members of the fake.

package proxy

// DecodeAPIErrorForTest is the client's decoder of error answers.
var DecodeAPIErrorForTest = decodeAPIError

// FakePagingPathsForTest returns the JSON paths of the page members that the
// client's page reader reads besides the items: the next link and the total
// number of pages (those the API declares).
func FakePagingPathsForTest() [][]string {
	cfg := NewFakeServer().cfg
	var out [][]string
	for _, p := range [][]string{cfg.NextPath, cfg.TotalPagesPath} {
		if len(p) > 0 {
			out = append(out, p)
		}
	}
	return out
}
