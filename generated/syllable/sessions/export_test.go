// Hand-written (not generated): the paging members the generated fake
// writes, for TestPageReadersStrict.

package sessions

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
