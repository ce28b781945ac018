package support

import (
	"cmp"
	"slices"
)

// sortFrom sorts the violations recorded since the first n by path. A
// validator calls it after walking a map, whose iteration order Go
// randomises, so that the same value always reports in the same order. It
// sorts only when the walk found something, so valid maps cost nothing.
func (vs *violationList) sortFrom(n int) {
	if n < 0 || n >= len(vs.list) {
		return
	}
	slices.SortStableFunc(vs.list[n:], func(a, b Violation) int { return cmp.Compare(a.Path, b.Path) })
}
