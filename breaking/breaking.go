// Package breaking compares two versions of a schema and classifies every
// change: one that breaks programs speaking the API on the wire, one that
// breaks Go code compiled against the generated package, or a compatible
// one. The wire comparison reads the loaded schema model; the Go comparison
// reads the generator's IR, where Go names, Optional and method signatures
// are decided, so that it agrees with what sessiongen generates.
package breaking

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/sessiongen/sessiongen/schema"
)

// Finding is one classified change, at its position in the new schema (in
// the old one for something removed).
type Finding struct {
	Pos     schema.Pos
	Rule    Rule
	Message string
	// Allowed reports that the schema or the caller allows the rule: the
	// finding is listed but does not fail the check.
	Allowed bool
}

// Breaking reports whether f fails the check.
func (f Finding) Breaking() bool { return f.Rule.Category != Compatible && !f.Allowed }

// String is the report line: file:line:col: RULE_ID: message.
func (f Finding) String() string {
	s := fmt.Sprintf("%s:%d:%d: %s: %s", f.Pos.File, f.Pos.Line, f.Pos.Col, f.Rule.ID, f.Message)
	if f.Allowed {
		s += " (allowed)"
	}
	return s
}

// Options tunes Compare.
type Options struct {
	// Allow lists rule IDs allowed for every schema compared.
	Allow []string
	// OldName maps the path of an old schema file as loaded to the name a
	// report gives it (a file read from git is loaded from a temporary
	// copy); a path not in it is reported as loaded.
	OldName map[string]string
}

// Compare classifies every change from old to new, two versions of one
// schema (nil old: the schema is new). allow are the
// rules the new schema allows (its allow-breaking comments). Findings come
// back sorted.
func Compare(old, new *schema.File, allow []string, opts Options) ([]Finding, error) {
	c := &comparer{old: old, new: new}
	if old == nil {
		c.add(at(new.Package.Pos, new), "PACKAGE_ADDED", "new schema: package %s (%s)", new.Package.Name, new.Package.Path)
	} else {
		c.wire()
		if err := c.goAPI(); err != nil {
			return nil, err
		}
	}
	allowed := map[string]bool{}
	for _, id := range append(slices.Clone(opts.Allow), allow...) {
		allowed[id] = true
	}
	for i := range c.findings {
		f := &c.findings[i]
		if name, ok := opts.OldName[f.Pos.File]; ok {
			f.Pos.File = name
		}
		f.Allowed = f.Rule.Category != Compatible && allowed[f.Rule.ID]
	}
	Sort(c.findings)
	return slices.Compact(c.findings), nil
}

// Sort orders findings by file, line, column, rule and message.
func Sort(fs []Finding) {
	slices.SortFunc(fs, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.Pos.File, b.Pos.File), cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col), cmp.Compare(a.Rule.ID, b.Rule.ID), cmp.Compare(a.Message, b.Message))
	})
}

// comparer holds the two versions and what was found so far.
type comparer struct {
	old, new *schema.File
	findings []Finding
	// usage says, per type of each version, whether its values travel in
	// requests, responses or both (computed on demand).
	oldUse, newUse map[*schema.Type]direction
}

func (c *comparer) add(pos schema.Pos, id, format string, args ...any) {
	r, ok := ruleByID(id)
	if !ok {
		panic("breaking: unknown rule " + id) // a programming error: every ID is in Rules
	}
	c.findings = append(c.findings, Finding{Pos: pos, Rule: r, Message: fmt.Sprintf(format, args...)})
}
