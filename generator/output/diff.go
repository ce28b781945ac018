package output

import "github.com/aymanbagabas/go-udiff"

// Diff returns a unified diff of c with 3 lines of context, as diff -u
// prints it: the disk is the old side (a/), the generator's output the new
// one (b/), and /dev/null stands for a file that does not exist.
//
// go-udiff is the Go team's own line differ (golang.org/x/tools/internal/diff,
// as gopls uses it) made importable: Myers' algorithm, so its cost grows with
// the size of the change, not of the file, and a one-line change in a
// 10,000-line file is one small hunk.
func Diff(c Change) string {
	from, to := "a/"+c.Path, "b/"+c.Path
	switch c.Kind {
	case Missing:
		from = "/dev/null"
	case Extra:
		to = "/dev/null"
	}
	if d := udiff.Unified(from, to, string(c.Old), string(c.New)); d != "" {
		return d
	}
	return "--- " + from + "\n+++ " + to + "\n" // identical: no hunks

}
