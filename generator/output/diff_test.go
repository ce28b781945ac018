package output

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// numbered returns "1\n2\n...n\n" with the given lines replaced.
func numbered(n int, repl map[int]string) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		if r, ok := repl[i]; ok {
			b.WriteString(r + "\n")
			continue
		}
		fmt.Fprintf(&b, "%d\n", i)
	}
	return b.String()
}

// The expected texts below are what GNU diff -u prints for the same files
// (less its timestamps).
func TestDiff(t *testing.T) {
	for _, tc := range []struct {
		name     string
		kind     string
		old, new string
		want     string // after the ---/+++ lines
	}{
		{
			name: "insertion",
			old:  "a\nb\nc\n",
			new:  "a\nb\nX\nc\n",
			want: "@@ -1,3 +1,4 @@\n a\n b\n+X\n c\n",
		},
		{
			name: "insertion at the start",
			old:  "b\n",
			new:  "a\nb\n",
			want: "@@ -1 +1,2 @@\n+a\n b\n",
		},
		{
			name: "insertion at the end",
			old:  numbered(6, nil),
			new:  numbered(7, nil),
			want: "@@ -4,3 +4,4 @@\n 4\n 5\n 6\n+7\n",
		},
		{
			name: "deletion",
			old:  "a\nb\nc\nd\n",
			new:  "a\nc\nd\n",
			want: "@@ -1,4 +1,3 @@\n a\n-b\n c\n d\n",
		},
		{
			name: "change in the middle, 3 lines of context",
			old:  numbered(10, nil),
			new:  numbered(10, map[int]string{5: "X"}),
			want: "@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+X\n 6\n 7\n 8\n",
		},
		{
			name: "two distant hunks",
			old:  numbered(20, nil),
			new:  numbered(20, map[int]string{2: "X", 18: "Y"}),
			want: "@@ -1,5 +1,5 @@\n 1\n-2\n+X\n 3\n 4\n 5\n" +
				"@@ -15,6 +15,6 @@\n 15\n 16\n 17\n-18\n+Y\n 19\n 20\n",
		},
		{
			name: "changes 7 lines apart: two hunks",
			old:  numbered(20, nil),
			new:  numbered(20, map[int]string{5: "X", 13: "Y"}),
			want: "@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+X\n 6\n 7\n 8\n" +
				"@@ -10,7 +10,7 @@\n 10\n 11\n 12\n-13\n+Y\n 14\n 15\n 16\n",
		},
		{
			name: "changes 6 lines apart: one hunk",
			old:  numbered(20, nil),
			new:  numbered(20, map[int]string{5: "X", 12: "Y"}),
			want: "@@ -2,14 +2,14 @@\n 2\n 3\n 4\n-5\n+X\n 6\n 7\n 8\n 9\n 10\n 11\n-12\n+Y\n 13\n 14\n 15\n",
		},
		{
			name: "missing file",
			kind: "missing",
			new:  "a\nb\n",
			want: "@@ -0,0 +1,2 @@\n+a\n+b\n",
		},
		{
			name: "missing one-line file",
			kind: "missing",
			new:  "a\n",
			want: "@@ -0,0 +1 @@\n+a\n",
		},
		{
			name: "extra file",
			kind: "extra",
			old:  "a\nb\nc\n",
			want: "@@ -1,3 +0,0 @@\n-a\n-b\n-c\n",
		},
		{
			name: "extra one-line file",
			kind: "extra",
			old:  "a\n",
			want: "@@ -1 +0,0 @@\n-a\n",
		},
		{
			name: "empty file filled",
			old:  "",
			new:  "a\n",
			want: "@@ -0,0 +1 @@\n+a\n",
		},
		{
			name: "file emptied",
			old:  "a\n",
			new:  "",
			want: "@@ -1 +0,0 @@\n-a\n",
		},
		{
			name: "newline added at the end",
			old:  "a\nb",
			new:  "a\nb\n",
			want: "@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n",
		},
		{
			name: "newline removed at the end",
			old:  "a\nb\n",
			new:  "a\nb",
			want: "@@ -1,2 +1,2 @@\n a\n-b\n+b\n\\ No newline at end of file\n",
		},
		{
			name: "no newline at the end of either, in the context",
			old:  "a\nb\nc",
			new:  "x\nb\nc",
			want: "@@ -1,3 +1,3 @@\n-a\n+x\n b\n c\n\\ No newline at end of file\n",
		},
		{
			name: "missing file without a final newline",
			kind: "missing",
			new:  "a\nb",
			want: "@@ -0,0 +1,2 @@\n+a\n+b\n\\ No newline at end of file\n",
		},
		{
			name: "CRLF lines are kept as they are",
			old:  "a\r\nb\r\n",
			new:  "a\r\nc\r\n",
			want: "@@ -1,2 +1,2 @@\n a\r\n-b\r\n+c\r\n",
		},
		{
			name: "identical",
			old:  "a\nb\n",
			new:  "a\nb\n",
			want: "",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			kind := tc.kind
			if kind == "" {
				kind = "stale"
			}
			c := Change{Path: "pkg/f.go", Kind: kind}
			if kind != "missing" {
				c.Old = []byte(tc.old)
			}
			if kind != "extra" {
				c.New = []byte(tc.new)
			}
			head := "--- a/pkg/f.go\n+++ b/pkg/f.go\n"
			switch kind {
			case "missing":
				head = "--- /dev/null\n+++ b/pkg/f.go\n"
			case "extra":
				head = "--- a/pkg/f.go\n+++ /dev/null\n"
			}
			if got, want := Diff(c), head+tc.want; got != want {
				t.Errorf("Diff:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

var hunkHeader = regexp.MustCompile(`^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@\n`)

// diffLine is one line of a hunk body.
type diffLine struct {
	kind byte   // ' ', '-' or '+'
	text string // with its newline, unless "\ No newline" followed it
}

// parsedHunk is one hunk of a unified diff.
type parsedHunk struct {
	aStart, aLen, bStart, bLen int
	lines                      []diffLine
}

// parseDiff parses the output of Diff strictly.
func parseDiff(d string) (from, to string, hs []parsedHunk, err error) {
	rest := d
	for _, prefix := range []string{"--- ", "+++ "} {
		line, r, ok := strings.Cut(rest, "\n")
		if !ok || !strings.HasPrefix(line, prefix) {
			return "", "", nil, fmt.Errorf("want a %q line, have %q", prefix, line)
		}
		if prefix == "--- " {
			from = line[4:]
		} else {
			to = line[4:]
		}
		rest = r
	}
	atoi := func(s, def string) int {
		if s == "" {
			s = def
		}
		n, _ := strconv.Atoi(s)
		return n
	}
	for rest != "" {
		m := hunkHeader.FindStringSubmatch(rest)
		if m == nil {
			return "", "", nil, fmt.Errorf("want a hunk header, have %.40q", rest)
		}
		rest = rest[len(m[0]):]
		h := parsedHunk{aStart: atoi(m[1], ""), aLen: atoi(m[2], "1"), bStart: atoi(m[3], ""), bLen: atoi(m[4], "1")}
		na, nb := 0, 0
		for na < h.aLen || nb < h.bLen {
			if rest == "" {
				return "", "", nil, fmt.Errorf("hunk %s ends early", strings.TrimSpace(m[0]))
			}
			kind := rest[0]
			line, r, ok := strings.Cut(rest[1:], "\n")
			if !ok {
				return "", "", nil, fmt.Errorf("unterminated diff line %q", rest)
			}
			text := line + "\n"
			rest = r
			if strings.HasPrefix(rest, "\\ No newline at end of file\n") {
				text = line
				rest = rest[len("\\ No newline at end of file\n"):]
			}
			switch kind {
			case ' ':
				na++
				nb++
			case '-':
				na++
			case '+':
				nb++
			default:
				return "", "", nil, fmt.Errorf("bad diff line %q", string(kind)+line)
			}
			h.lines = append(h.lines, diffLine{kind, text})
		}
		if na != h.aLen || nb != h.bLen {
			return "", "", nil, fmt.Errorf("hunk %s has %d old and %d new lines", strings.TrimSpace(m[0]), na, nb)
		}
		hs = append(hs, h)
	}
	return from, to, hs, nil
}

// apply applies hunks to old, as patch would, checking every context and
// deleted line; reverse applies them the other way (patch -R).
func apply(old []string, hs []parsedHunk, reverse bool) ([]string, error) {
	var out []string
	pos := 0 // next line of old to copy
	for i, h := range hs {
		start, n, del, ins := h.aStart, h.aLen, byte('-'), byte('+')
		outStart, outLen := h.bStart, h.bLen
		if reverse {
			start, n, del, ins = h.bStart, h.bLen, '+', '-'
			outStart, outLen = h.aStart, h.aLen
		}
		// A hunk with no old lines names the line before it.
		idx := start - 1
		if n == 0 {
			idx = start
		}
		if idx < pos || idx > len(old) {
			return nil, fmt.Errorf("hunk %d starts at old line %d, out of order or range (at %d of %d)", i, start, pos, len(old))
		}
		out = append(out, old[pos:idx]...)
		pos = idx
		// The new side's line numbers agree with what has been produced.
		if want := len(out) + 1; outLen > 0 && outStart != want || outLen == 0 && outStart != len(out) {
			return nil, fmt.Errorf("hunk %d: new side starts at %d, want %d", i, outStart, want)
		}
		changed := false
		for _, l := range h.lines {
			switch l.kind {
			case ' ', del:
				if pos >= len(old) || old[pos] != l.text {
					return nil, fmt.Errorf("hunk %d: line %q does not match old line %d", i, l.text, pos+1)
				}
				if l.kind == ' ' {
					out = append(out, l.text)
				} else {
					changed = true
				}
				pos++
			case ins:
				out = append(out, l.text)
				changed = true
			}
		}
		if !changed {
			return nil, fmt.Errorf("hunk %d changes nothing", i)
		}
		// At most 3 lines of context at either end.
		lead, trail := 0, 0
		for lead < len(h.lines) && h.lines[lead].kind == ' ' {
			lead++
		}
		for trail < len(h.lines) && h.lines[len(h.lines)-1-trail].kind == ' ' {
			trail++
		}
		if lead > 3 || trail > 3 {
			return nil, fmt.Errorf("hunk %d has %d leading and %d trailing context lines", i, lead, trail)
		}
	}
	return append(out, old[pos:]...), nil
}

// lcs is the brute-force length of the longest common subsequence.
func lcs(a, b []string) int {
	prev := make([]int, len(b)+1)
	for i := range a {
		cur := make([]int, len(b)+1)
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(prev[j+1], cur[j])
			}
		}
		prev = cur
	}
	return prev[len(b)]
}

// randomLines returns up to max lines over a small alphabet (so that old and
// new share lines), the last one sometimes without its newline.
func randomLines(rng *rand.Rand, maxLines int) []string {
	n := rng.IntN(maxLines + 1)
	lines := make([]string, n)
	for i := range lines {
		lines[i] = string(rune('a'+rng.IntN(4))) + "\n"
	}
	if n > 0 && rng.IntN(4) == 0 {
		lines[n-1] = strings.TrimSuffix(lines[n-1], "\n")
	}
	return lines
}

// mutate returns a copy of a with a few random edits, so that old and new
// are usually close, as they are in practice.
func mutate(rng *rand.Rand, a []string) []string {
	b := append([]string(nil), a...)
	for range rng.IntN(5) {
		switch i := rng.IntN(len(b) + 1); rng.IntN(3) {
		case 0: // insert
			b = append(b[:i], append([]string{string(rune('a'+rng.IntN(5))) + "\n"}, b[i:]...)...)
		case 1: // delete
			if i < len(b) {
				b = append(b[:i], b[i+1:]...)
			}
		case 2: // replace
			if i < len(b) {
				b[i] = string(rune('a'+rng.IntN(5))) + "\n"
			}
		}
	}
	// Only the last line may lack a newline.
	for i := range b {
		if i < len(b)-1 && !strings.HasSuffix(b[i], "\n") {
			b[i] += "\n"
		}
	}
	if len(b) > 0 && rng.IntN(6) == 0 {
		b[len(b)-1] = strings.TrimSuffix(b[len(b)-1], "\n")
	}
	return b
}

func TestDiffProperty(t *testing.T) {
	rng := rand.New(rand.NewPCG(20240601, 1))
	for iter := range 3000 {
		old := randomLines(rng, 40)
		var new []string
		if iter%2 == 0 {
			new = randomLines(rng, 40)
		} else {
			new = mutate(rng, old)
		}
		kind := "stale"
		switch {
		case len(old) == 0 && iter%3 == 0:
			kind = "missing"
		case len(new) == 0 && iter%3 == 0:
			kind = "extra"
		}
		c := Change{Path: "p/f.go", Kind: kind, Old: []byte(strings.Join(old, "")), New: []byte(strings.Join(new, ""))}
		checkDiff(t, c, old, new)
		if t.Failed() {
			return
		}
	}
}

// TestDiffLarge covers the fallback for middles too large for the LCS table.
func TestDiffLarge(t *testing.T) {
	var old, new []string
	for i := range 2100 {
		old = append(old, fmt.Sprintf("old %d\n", i))
		new = append(new, fmt.Sprintf("new %d\n", i))
	}
	old = append(append([]string{"head\n"}, old...), "tail\n")
	new = append(append([]string{"head\n"}, new...), "tail\n")
	c := Change{Path: "p/f.go", Kind: "stale", Old: []byte(strings.Join(old, "")), New: []byte(strings.Join(new, ""))}
	checkDiff(t, c, old, new)
}

func checkDiff(t *testing.T, c Change, old, new []string) {
	t.Helper()
	d := Diff(c)
	from, to, hs, err := parseDiff(d)
	if err != nil {
		t.Fatalf("old %q new %q: %v\n%s", old, new, err, d)
	}
	wantFrom, wantTo := "a/"+c.Path, "b/"+c.Path
	switch c.Kind {
	case "missing":
		wantFrom = "/dev/null"
	case "extra":
		wantTo = "/dev/null"
	}
	if from != wantFrom || to != wantTo {
		t.Errorf("headers %q %q, want %q %q", from, to, wantFrom, wantTo)
	}
	if strings.Join(old, "") == strings.Join(new, "") {
		if len(hs) != 0 {
			t.Errorf("old %q new %q: identical, but %d hunks", old, new, len(hs))
		}
		return
	}
	got, err := apply(old, hs, false)
	if err != nil {
		t.Fatalf("old %q new %q: applying: %v\n%s", old, new, err, d)
	}
	if strings.Join(got, "") != strings.Join(new, "") {
		t.Fatalf("old %q new %q: applying the diff gives %q\n%s", old, new, got, d)
	}
	back, err := apply(new, hs, true)
	if err != nil {
		t.Fatalf("old %q new %q: applying in reverse: %v\n%s", old, new, err, d)
	}
	if strings.Join(back, "") != strings.Join(old, "") {
		t.Fatalf("old %q new %q: applying the diff in reverse gives %q\n%s", old, new, back, d)
	}
	// The diff is minimal when the LCS table is used: it deletes and inserts
	// only what is not in a longest common subsequence.
	if len(old)*len(new) <= 10_000 {
		dels, ins := 0, 0
		for _, h := range hs {
			for _, l := range h.lines {
				switch l.kind {
				case '-':
					dels++
				case '+':
					ins++
				}
			}
		}
		k := lcs(old, new)
		if dels != len(old)-k || ins != len(new)-k {
			t.Fatalf("old %q new %q: %d deletions and %d insertions, want %d and %d\n%s", old, new, dels, ins, len(old)-k, len(new)-k, d)
		}
	}
	// Hunks do not touch, and more than 6 unchanged lines separate their
	// changes (closer ones share a hunk).
	start0 := func(h parsedHunk) int {
		if h.aLen == 0 {
			return h.aStart
		}
		return h.aStart - 1
	}
	context := func(h parsedHunk, fromEnd bool) int {
		n := 0
		for n < len(h.lines) {
			k := n
			if fromEnd {
				k = len(h.lines) - 1 - n
			}
			if h.lines[k].kind != ' ' {
				break
			}
			n++
		}
		return n
	}
	for i := 1; i < len(hs); i++ {
		gap := start0(hs[i]) - (start0(hs[i-1]) + hs[i-1].aLen)
		between := context(hs[i-1], true) + gap + context(hs[i], false)
		if gap < 1 || between <= 6 {
			t.Fatalf("old %q new %q: hunks %d and %d are %d lines apart, %d unchanged lines between their changes\n%s", old, new, i-1, i, gap, between, d)
		}
	}
}

// TestDiffScattered: a few lines changed far apart in a large file give a
// hunk each, whatever the file's size (the old differ fell back to the whole
// file when the changed middle was large: one renamed field spread over
// json_gen.go gave an 8,714-line diff).
func TestDiffScattered(t *testing.T) {
	const n = 20_000
	at := map[int]string{100: "renamed 100", 9_000: "renamed 9000", 19_900: "renamed 19900"}
	c := Change{Path: "p/f.go", Kind: "stale", Old: []byte(numbered(n, nil)), New: []byte(numbered(n, at))}
	d := Diff(c)
	if hunks := strings.Count(d, "\n@@ "); hunks != len(at) {
		t.Errorf("%d hunks, want %d:\n%.3000s", hunks, len(at), d)
	}
	// ---, +++, and per hunk: its @@ line, 3+3 context lines, - and +.
	if lines := strings.Count(d, "\n"); lines != 2+len(at)*9 {
		t.Errorf("%d lines, want %d:\n%.3000s", lines, 2+len(at)*9, d)
	}
	checkDiff(t, c, splitAfter(string(c.Old)), splitAfter(string(c.New)))
}

func splitAfter(s string) []string {
	lines := strings.SplitAfter(s, "\n")
	return lines[:len(lines)-1]
}
