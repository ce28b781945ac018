package output

import (
	"fmt"
	"strings"
)

// Diff returns a unified diff of c (3 lines of context), as diff -u prints.
func Diff(c Change) string {
	a, b := splitLines(string(c.Old)), splitLines(string(c.New))
	from, to := "a/"+c.Path, "b/"+c.Path
	switch c.Kind {
	case "missing":
		from = "/dev/null"
	case "extra":
		to = "/dev/null"
	}
	var out strings.Builder
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", from, to)
	for _, h := range hunks(editScript(a, b), 3) {
		fmt.Fprintf(&out, "@@ -%s +%s @@\n", span(h.aStart, h.aLen), span(h.bStart, h.bLen))
		for _, l := range h.lines {
			out.WriteString(l)
			if !strings.HasSuffix(l, "\n") {
				out.WriteString("\n\\ No newline at end of file\n")
			}
		}
	}
	return out.String()
}

func span(start, n int) string {
	if n == 0 {
		return fmt.Sprintf("%d,0", start)
	}
	if n == 1 {
		return fmt.Sprintf("%d", start+1)
	}
	return fmt.Sprintf("%d,%d", start+1, n)
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// op is one line of an edit script: ' ' kept, '-' deleted, '+' inserted.
type op struct {
	kind byte
	line string
}

// editScript diffs a and b: common prefix and suffix are trimmed, and the
// middle is aligned by longest common subsequence when it is small enough,
// otherwise replaced wholesale (still a correct, if longer, diff).
func editScript(a, b []string) []op {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var ops []op
	for _, l := range a[:pre] {
		ops = append(ops, op{' ', l})
	}
	ma, mb := a[pre:len(a)-suf], b[pre:len(b)-suf]
	if len(ma)*len(mb) <= 4_000_000 {
		ops = append(ops, lcsScript(ma, mb)...)
	} else {
		for _, l := range ma {
			ops = append(ops, op{'-', l})
		}
		for _, l := range mb {
			ops = append(ops, op{'+', l})
		}
	}
	for _, l := range a[len(a)-suf:] {
		ops = append(ops, op{' ', l})
	}
	return ops
}

func lcsScript(a, b []string) []op {
	n, m := len(a), len(b)
	// t[i][j] is the LCS length of a[i:] and b[j:].
	t := make([][]int32, n+1)
	for i := range t {
		t[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				t[i][j] = t[i+1][j+1] + 1
			} else {
				t[i][j] = max(t[i+1][j], t[i][j+1])
			}
		}
	}
	var ops []op
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case a[i] == b[j]:
			ops = append(ops, op{' ', a[i]})
			i++
			j++
		case t[i+1][j] >= t[i][j+1]:
			ops = append(ops, op{'-', a[i]})
			i++
		default:
			ops = append(ops, op{'+', b[j]})
			j++
		}
	}
	for ; i < n; i++ {
		ops = append(ops, op{'-', a[i]})
	}
	for ; j < m; j++ {
		ops = append(ops, op{'+', b[j]})
	}
	return ops
}

type hunk struct {
	aStart, aLen, bStart, bLen int
	lines                      []string
}

// hunks groups an edit script into hunks with ctx lines of context.
func hunks(ops []op, ctx int) []hunk {
	var out []hunk
	ai, bi := 0, 0 // line numbers before ops[k]
	k := 0
	for k < len(ops) {
		if ops[k].kind == ' ' {
			ai++
			bi++
			k++
			continue
		}
		// Start a hunk ctx lines back.
		start := k
		back := 0
		for start > 0 && back < ctx && ops[start-1].kind == ' ' {
			start--
			back++
		}
		h := hunk{aStart: ai - back, bStart: bi - back}
		end := k
		for end < len(ops) {
			if ops[end].kind != ' ' {
				end++
				continue
			}
			run := 0
			for end+run < len(ops) && ops[end+run].kind == ' ' {
				run++
			}
			if end+run == len(ops) || run > 2*ctx {
				end += min(run, ctx)
				break
			}
			end += run
		}
		for _, o := range ops[start:end] {
			h.lines = append(h.lines, string(o.kind)+o.line)
			switch o.kind {
			case ' ':
				h.aLen++
				h.bLen++
			case '-':
				h.aLen++
			case '+':
				h.bLen++
			}
		}
		out = append(out, h)
		for _, o := range ops[k:end] {
			if o.kind != '+' {
				ai++
			}
			if o.kind != '-' {
				bi++
			}
		}
		k = end
	}
	return out
}
