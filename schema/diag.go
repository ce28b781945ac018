package schema

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// A Diagnostic is one problem in a schema, at a position.
type Diagnostic struct {
	Pos Pos
	Msg string
}

func (d Diagnostic) String() string {
	return fmt.Sprintf("%s:%d:%d: %s", d.Pos.File, d.Pos.Line, d.Pos.Col, d.Msg)
}

// Diagnostics is every problem found in a set of schemas. It is an error whose
// text has one "file:line:col: message" line per problem, sorted and deduped.
type Diagnostics []Diagnostic

func (ds Diagnostics) Error() string {
	lines := make([]string, len(ds))
	for i, d := range ds {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}

// sorted returns ds ordered by file, line, column and message, without repeats.
func (ds Diagnostics) sorted() Diagnostics {
	out := slices.Clone(ds)
	slices.SortFunc(out, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.Msg, b.Msg),
		)
	})
	return slices.Compact(out)
}

// Err returns ds sorted and deduped as an error, or nil when ds is empty.
func (ds Diagnostics) Err() error {
	if len(ds) == 0 {
		return nil
	}
	return ds.sorted()
}

// reporter collects diagnostics.
type reporter struct {
	diags Diagnostics
}

func (r *reporter) errorf(pos Pos, format string, args ...any) {
	r.diags = append(r.diags, Diagnostic{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}
