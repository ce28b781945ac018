// Hand-written (not generated): the paging members the generated fake
// writes, for TestPageReadersStrict.

package sessions

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
