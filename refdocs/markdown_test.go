package refdocs

import (
	"regexp"
	"strings"
)

// Small readers of the Markdown the seeds and the pages are written in:
// enough to take the rows of a table apart, not a Markdown parser.

// section returns the lines after the heading line that equals heading, up
// to the next heading of the same level or above ("" when there is none).
// Lines such as "# credo:disable..." inside a table (the Twilio seed's) are
// not headings: a heading has a blank line or the start before it.
func section(doc, heading string) []string {
	lines := strings.Split(doc, "\n")
	level := strings.Index(heading, " ")
	for i, line := range lines {
		if strings.TrimRight(line, " \r") != heading {
			continue
		}
		var out []string
		for _, l := range lines[i+1:] {
			if n := headingLevel(l); n > 0 && n <= level && (len(out) == 0 || strings.TrimSpace(out[len(out)-1]) == "") {
				break
			}
			out = append(out, strings.TrimRight(l, "\r"))
		}
		return out
	}
	return nil
}

func headingLevel(line string) int {
	n := 0
	for n < len(line) && line[n] == '#' {
		n++
	}
	if n == 0 || n >= len(line) || line[n] != ' ' {
		return 0
	}
	return n
}

// tableRows returns the cells of the first table in lines, header and
// separator rows left out; other lines inside it are skipped.
func tableRows(lines []string) [][]string {
	var rows [][]string
	started, header := false, true
	for _, l := range lines {
		if !strings.HasPrefix(strings.TrimSpace(l), "|") {
			if started && strings.TrimSpace(l) == "" {
				break
			}
			continue
		}
		started = true
		cells := splitRow(strings.TrimSpace(l))
		if header {
			header = false
			continue
		}
		if len(cells) > 0 && strings.Trim(cells[0], ":- ") == "" {
			continue // the separator row
		}
		rows = append(rows, cells)
	}
	return rows
}

// splitRow splits "| a | b \| c |" into its cells, honouring \|.
func splitRow(row string) []string {
	row = strings.TrimPrefix(strings.TrimSuffix(row, "|"), "|")
	var cells []string
	var cur strings.Builder
	for i := 0; i < len(row); i++ {
		switch {
		case row[i] == '\\' && i+1 < len(row) && row[i+1] == '|':
			cur.WriteByte('|')
			i++
		case row[i] == '|':
			cells = append(cells, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(row[i])
		}
	}
	return append(cells, strings.TrimSpace(cur.String()))
}

var mdLink = regexp.MustCompile(`^\[(.*)\]\([^)]*\)`)

// name is the plain name a cell shows: a link's label, a code span's text.
func name(cell string) string {
	cell = strings.TrimSpace(cell)
	if m := mdLink.FindStringSubmatch(cell); m != nil {
		cell = m[1]
	}
	cell = strings.ReplaceAll(cell, `\[`, "[")
	cell = strings.ReplaceAll(cell, `\]`, "]")
	return strings.TrimSpace(strings.Trim(cell, "`"))
}

// firstColumn returns the names in the first column of the table under
// heading.
func firstColumn(doc, heading string) []string {
	var out []string
	for _, cells := range tableRows(section(doc, heading)) {
		out = append(out, name(cells[0]))
	}
	return out
}

// missing returns the names of want that have is lacks, in want's order.
func missing(want, have []string) []string {
	in := map[string]bool{}
	for _, h := range have {
		in[h] = true
	}
	var out []string
	for _, w := range want {
		if !in[w] {
			out = append(out, w)
		}
	}
	return out
}
