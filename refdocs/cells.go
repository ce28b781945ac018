package refdocs

import (
	"fmt"
	"strings"

	"github.com/sessiongen/sessiongen/schema"
)

// Schema text is Markdown already (descriptions carry `code` and **bold**),
// so it is kept, with the few changes that keep it inside its place: a
// table cell stays one line and never ends at a |, and no < opens raw HTML
// (a description holding "<!--" would hide the rest of the page).

// text is s on one line, ready for a table cell or a link's label.
func text(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.ReplaceAll(s, `|`, `\|`)
	s = strings.ReplaceAll(s, "<", "&lt;")
	s = strings.ReplaceAll(s, "[", `\[`)
	return strings.ReplaceAll(s, "]", `\]`)
}

// cellText is a description on one line: like text, but its own links
// ([label](url)) keep working.
func cellText(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.ReplaceAll(s, `|`, `\|`)
	return strings.ReplaceAll(s, "<", "&lt;")
}

// inline is a cell's text made fit for a line outside a table: there \|
// is not an escape inside a code span, and | needs none elsewhere.
func inline(cell string) string {
	return strings.ReplaceAll(cell, `\|`, "|")
}

// prose is a description as paragraphs of its own.
func prose(s string) string {
	var lines []string
	for line := range strings.Lines(strings.TrimSpace(s)) {
		lines = append(lines, strings.TrimRight(line, " \t\r\n"))
	}
	return strings.ReplaceAll(strings.Join(lines, "\n"), "<", "&lt;")
}

// code is s as a code span that holds it exactly, whatever backticks it
// contains, fit for a table cell.
func code(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r", " "), "\n", " ")
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	// A span strips one space from each end when both have one, and a
	// backtick at an end would join the fence: pad so that s stays exact.
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") ||
		strings.HasPrefix(s, " ") && strings.HasSuffix(s, " ") && strings.TrimSpace(s) != "" {
		s = " " + s + " "
	}
	return fence + strings.ReplaceAll(s, "|", `\|`) + fence
}

// typeCell is how a type expression reads on page from: scalars by their
// format name, named types as links, containers spelt out.
func (s *site) typeCell(from string, f *schema.File, e *schema.TypeExpr) string {
	if e == nil {
		return ""
	}
	var out string
	switch e.Kind {
	case schema.KindNamed:
		if e.Ref == nil {
			return ""
		}
		out = s.typeLink(from, e.Ref.Target, e.Ref.Name)
	case schema.KindArray:
		out = "array of " + s.typeCell(from, f, e.Items)
	case schema.KindMap:
		out = "map of " + s.typeCell(from, f, e.Values)
	case schema.KindUnion:
		if e.UnionType != nil {
			out = s.typeLink(from, e.UnionType, e.UnionType.Name)
			break
		}
		var members []string
		for _, m := range e.Of {
			if m.Ref != nil {
				members = append(members, s.typeLink(from, m.Ref.Target, m.Ref.Name))
			} else {
				members = append(members, string(m.Kind))
			}
		}
		out = "one of " + strings.Join(members, ", ")
	case schema.KindGoType:
		if e.GoType != nil {
			out = "Go type " + code(e.GoType.Import+"."+e.GoType.Name)
		}
	case schema.KindJSON:
		out = "any JSON value"
	default:
		out = string(e.Kind)
	}
	if e.Nullable {
		out += " or null"
	}
	return out
}

// constraints lists the rules a type expression puts on its values, items
// and map values included, as short sentences.
func constraints(e *schema.TypeExpr) []string {
	var out []string
	for prefix, depth := "", 0; e != nil && depth < 64; depth++ {
		var here []string
		switch {
		case e.MinLength != nil && e.MaxLength != nil && *e.MinLength == *e.MaxLength:
			here = append(here, fmt.Sprintf("exactly %d characters", *e.MinLength))
		default:
			if e.MinLength != nil {
				here = append(here, fmt.Sprintf("at least %d characters", *e.MinLength))
			}
			if e.MaxLength != nil {
				here = append(here, fmt.Sprintf("at most %d characters", *e.MaxLength))
			}
		}
		if e.Pattern != "" {
			here = append(here, "pattern "+code(e.Pattern))
		}
		if e.Minimum != nil {
			here = append(here, "minimum "+code(e.Minimum.Text))
		}
		if e.Maximum != nil {
			here = append(here, "maximum "+code(e.Maximum.Text))
		}
		if e.MinItems != nil {
			here = append(here, fmt.Sprintf("at least %d items", *e.MinItems))
		}
		if e.MaxItems != nil {
			here = append(here, fmt.Sprintf("at most %d items", *e.MaxItems))
		}
		if e.UniqueItems {
			here = append(here, "items unique")
		}
		if e.NonFinite {
			here = append(here, `may be "NaN", "INF" or "-INF"`)
		}
		for _, c := range here {
			out = append(out, prefix+c)
		}
		switch {
		case e.Items != nil:
			prefix, e = "items: ", e.Items
		case e.Values != nil:
			prefix, e = "values: ", e.Values
		default:
			e = nil
		}
	}
	return out
}

// propertyNotes are the facts about a property beside its description:
// presence, who sets it, constraints, default, examples.
func propertyNotes(p *schema.Property) []string {
	var out []string
	if p.Nullable {
		out = append(out, "Nullable")
	}
	if p.ReadOnly {
		out = append(out, "Read-only")
	}
	if p.CreateOnly {
		out = append(out, "Create-only (immutable after create)")
	}
	if p.PII {
		out = append(out, "Personal data")
	}
	if p.Deprecated != "" {
		out = append(out, "**Deprecated**: "+cellText(p.Deprecated))
	}
	if p.Format != "" {
		out = append(out, "Format: "+code(p.Format))
	}
	for _, c := range constraints(&p.Type) {
		out = append(out, strings.ToUpper(c[:1])+c[1:])
	}
	if p.Default != nil {
		out = append(out, "Default: "+code(p.Default.JSON))
	}
	if p.Explode != nil && !*p.Explode {
		out = append(out, "Sent comma-separated")
	}
	if len(p.Examples) > 0 {
		var ex []string
		for _, v := range p.Examples {
			ex = append(ex, code(v.JSON))
		}
		label := "Example: "
		if len(ex) > 1 {
			label = "Examples: "
		}
		out = append(out, label+strings.Join(ex, ", "))
	}
	return out
}

// withNotes is a description cell followed by its notes.
func withNotes(description string, notes []string) string {
	d := cellText(description)
	if len(notes) == 0 {
		return d
	}
	n := strings.Join(notes, ". ") + "."
	if d == "" {
		return n
	}
	return d + "<br>" + n
}

// required is the Required column of a property.
func required(p *schema.Property) string {
	switch {
	case p.Required:
		return "yes"
	case p.RequiredOnCreate:
		return "on create"
	}
	return "no"
}
