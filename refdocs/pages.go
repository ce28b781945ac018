package refdocs

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/sessiongen/sessiongen/schema"
)

// page is what one template prints: every field already Markdown, escaped
// for where it goes. A section whose field is empty is left out.
type page struct {
	Path        string // from the output root
	Header      string // the generated-file marker, the first line
	Title       string
	Up          string // link to the package index ("" on the index)
	Description string
	Facts       []string // one bullet each

	Methods       []methodRow
	Details       []methodDetail
	Properties    []propertyRow
	Relationships []propertyRow
	SubResources  []subRow
	Enums         []enumView
	Values        []valueRow // an enum type's own values
	Members       []string   // a union type's members
	Rules         []string
	UsedBy        []string

	ExampleNote string
	Example     string

	Resources []indexRow
	Types     []indexRow
}

type propertyRow struct{ Name, Type, Required, Description string }
type valueRow struct{ Value, Description string }
type methodRow struct{ Method, Request, Returns, Description string }
type subRow struct{ Resource, Type, Path, Description string }
type indexRow struct{ Name, Kind, Description string }
type paramRow struct{ Name, In, Type, Required, Description string }

// enumView is an enum's values, shown where a type uses the enum.
type enumView struct {
	Title  string // a link to the enum's page
	Note   string
	Values []valueRow
}

// methodDetail is one method of a resource page, in full.
type methodDetail struct {
	Heading     string
	Request     string
	Description string
	Facts       []string
	Params      []paramRow
}

// propertyRows are the table rows of props as seen from page from.
func (s *site) propertyRows(from string, t *schema.Type, props []ownedProperty) []propertyRow {
	var rows []propertyRow
	for _, p := range props {
		notes := propertyNotes(p.Property)
		if p.owner != t {
			notes = append(notes, "Inherited from "+s.typeLink(from, p.owner, p.owner.Name))
		}
		rows = append(rows, propertyRow{
			Name:        code(p.Name),
			Type:        s.typeCell(from, s.fileOf[p.owner], &p.Type),
			Required:    required(p.Property),
			Description: withNotes(p.Description, notes),
		})
	}
	return rows
}

// objectSections fills the sections every page about an object type has:
// properties, relationships, the enums they use, the JSON representation.
func (s *site) objectSections(pg *page, t *schema.Type, what string) {
	props := allProperties(t)
	if kept := s.keptDiscriminator(t); kept != nil {
		props = append([]ownedProperty{{kept, t}}, props...)
	}
	var plain, rels []ownedProperty
	for _, p := range props {
		if p.Relationship {
			rels = append(rels, p)
		} else {
			plain = append(plain, p)
		}
	}
	pg.Properties = s.propertyRows(pg.Path, t, plain)
	pg.Relationships = s.propertyRows(pg.Path, t, rels)
	seen := map[*schema.Type]bool{}
	for _, p := range props {
		for _, named := range namedIn(&p.Type) {
			if named.IsEnum && !seen[named] {
				seen[named] = true
				pg.Enums = append(pg.Enums, s.enumView(pg.Path, named))
			}
		}
	}
	for _, r := range t.Rules {
		pg.Rules = append(pg.Rules, ruleLine(r))
	}
	shown := concrete(t)
	pg.ExampleNote = "Here is a JSON representation of the " + what + "."
	if shown != t {
		pg.ExampleNote += " The type is abstract: the example is its subtype " + s.typeLink(pg.Path, shown, shown.Name) + "."
	}
	pg.ExampleNote += " Values are the schema's examples (or defaults) where it gives them; the others are placeholders derived from the type alone."
	if len(rels) > 0 {
		pg.ExampleNote += " Relationships are left out: they are present only when the request expands them."
	}
	pg.Example = s.exampleJSON(t)
}

// ruleLine is a cross-field rule in words.
func ruleLine(r *schema.FieldRule) string {
	var names []string
	for _, n := range r.Names {
		names = append(names, code(n))
	}
	return fmt.Sprintf("%s: %s", ruleText[r.Kind], strings.Join(names, ", "))
}

var ruleText = map[schema.FieldRuleKind]string{
	schema.RuleAtLeastOneOf:      "At least one of",
	schema.RuleMutuallyExclusive: "At most one of",
	schema.RuleExactlyOneOf:      "Exactly one of",
}

// enumView is enum t's value table as shown on page from.
func (s *site) enumView(from string, t *schema.Type) enumView {
	return enumView{Title: s.typeLink(from, t, t.Name), Note: enumNote(t), Values: valueRows(t)}
}

func valueRows(t *schema.Type) []valueRow {
	var rows []valueRow
	for _, v := range t.Enum {
		d := cellText(v.Description)
		if v.Deprecated != "" {
			d = strings.TrimSpace(d + " **Deprecated**: " + cellText(v.Deprecated))
		}
		if v.Value == t.Sentinel {
			d = strings.TrimSpace(d + " Sentinel: stands for values the client has not opted into.")
		}
		rows = append(rows, valueRow{Value: code(v.Value), Description: d})
	}
	return rows
}

func enumNote(t *schema.Type) string {
	if t.Open {
		return "Open: the API may add values; unknown ones are kept as received."
	}
	return "Closed: a value not listed here is invalid."
}

// typeFacts are the bullets of an object type's page.
func (s *site) typeFacts(from string, t *schema.Type) []string {
	var facts []string
	if t.Deprecated != "" {
		facts = append(facts, "**Deprecated**: "+cellText(t.Deprecated))
	}
	if t.Base != nil && t.Base.Target != nil {
		facts = append(facts, "Base type: "+s.typeLink(from, t.Base.Target, t.Base.Name))
	}
	if len(t.Subtypes) > 0 {
		var subs []string
		for _, sub := range t.Subtypes {
			subs = append(subs, s.typeLink(from, sub, sub.Name))
		}
		facts = append(facts, "Subtypes: "+strings.Join(subs, ", "))
	}
	if t.Abstract {
		facts = append(facts, "Abstract: sent only as one of its subtypes")
	}
	if d := s.discriminatorOf(t); d != "" && t.DiscriminatorValue != "" {
		facts = append(facts, fmt.Sprintf("Discriminator: %s is %s", code(d), code(t.DiscriminatorValue)))
	}
	if t.Base == nil && len(t.Subtypes) > 0 {
		fact := "Subtypes told apart by " + code(s.discriminatorOf(t))
		if t.ClosedSubtypes {
			fact += ", closed: a value no type of the hierarchy declares is an error"
		} else {
			fact += ", open: a value no type of the hierarchy declares is kept as an unknown subtype"
		}
		facts = append(facts, fact)
	}
	if t.Key != "" {
		facts = append(facts, "Key property: "+code(t.Key))
	}
	if t.IDPrefix != "" {
		facts = append(facts, "ID prefix: "+code(t.IDPrefix))
	}
	if t.Open && !t.IsEnum {
		facts = append(facts, "Open: undeclared properties are kept and sent back unchanged")
	}
	return facts
}

// usedByLinks lists the pages that name t (its subtypes are in its facts).
func (s *site) usedByLinks(from string, t *schema.Type) []string {
	var out []string
	for _, u := range s.usedBy[t] {
		var via []string
		for _, v := range u.via {
			via = append(via, code(v))
		}
		what := strings.Join(via, ", ")
		switch {
		case u.isType:
			out = append(out, "the resource "+s.resourceLink(from, u.res))
		case u.res != nil:
			out = append(out, fmt.Sprintf("%s %s of the resource %s", what, plural(len(via), "method"), s.resourceLink(from, u.res)))
		default:
			out = append(out, fmt.Sprintf("%s of %s", what, s.typeLink(from, u.typ, u.typ.Name)))
		}
	}
	return out
}

// returns is the Return type cell of a method.
func (s *site) returns(from string, f *schema.File, m *schema.Method) string {
	r := m.Response
	var out string
	switch {
	case r == nil || r.Type == nil && !r.Binary:
		out = "None"
	case r.Text != "":
		out = string(r.Text) + " (text/plain)"
	case r.Binary:
		out = "bytes"
	case r.Paged:
		out = s.typeLink(from, r.Type.Target, r.Type.Name) + " collection"
	default:
		out = s.typeLink(from, r.Type.Target, r.Type.Name)
	}
	if len(m.ResponseHeaders) > 0 {
		var names []string
		for _, h := range m.ResponseHeaders {
			names = append(names, code(h.Name))
		}
		out += " and headers " + strings.Join(names, ", ")
	}
	return out
}

// methodDescription is a method's description cell.
func methodDescription(m *schema.Method) string {
	var notes []string
	if m.Deprecated != "" {
		notes = append(notes, "**Deprecated**: "+cellText(m.Deprecated))
	}
	return withNotes(m.Description, notes)
}

var pathParam = regexp.MustCompile(`\{([^{}]*)\}`)

// methodDetail is method m of resource r in full.
func (s *site) methodDetail(from string, f *schema.File, r *schema.Resource, m *schema.Method) methodDetail {
	d := methodDetail{
		Heading:     methodHeading(m),
		Request:     code(m.HTTP + " " + m.Path),
		Description: prose(m.Description),
	}
	if m.Deprecated != "" {
		d.Facts = append(d.Facts, "**Deprecated**: "+cellText(m.Deprecated))
	}
	d.Facts = append(d.Facts, "Returns: "+s.returns(from, f, m))
	if len(m.Statuses) > 0 {
		var st []string
		for _, c := range m.Statuses {
			st = append(st, strconv.Itoa(c))
		}
		d.Facts = append(d.Facts, "Success statuses: "+strings.Join(st, ", "))
	}
	if m.Response != nil && m.Response.Paged && m.Response.Items != "" {
		d.Facts = append(d.Facts, "Paged: each page holds the items in "+code(m.Response.Items))
	}
	if b := m.Body; b != nil {
		enc := b.Encoding
		if enc == "" {
			enc = f.API.Encoding
		}
		body := "Request body (" + string(enc)
		if b.Shape != "" && b.Shape != schema.BodyFull {
			body += ", " + string(b.Shape) + " shape"
		}
		body += ")"
		if b.Type != nil {
			body += ": " + s.typeLink(from, b.Type.Target, b.Type.Name)
		} else {
			body += ": the fields below"
		}
		d.Facts = append(d.Facts, body)
		for _, r := range b.Rules {
			d.Facts = append(d.Facts, "Body rule: "+ruleLine(r))
		}
	}
	for _, name := range pathParam.FindAllStringSubmatch(m.Path, -1) {
		if p := findParam(r, m, name[1]); p != nil {
			d.Params = append(d.Params, s.paramRow(from, f, p, "path", "yes"))
		}
	}
	for _, p := range m.Query {
		d.Params = append(d.Params, s.paramRow(from, f, p, "query", required(p)))
	}
	for _, p := range m.Headers {
		d.Params = append(d.Params, s.paramRow(from, f, p, "header", required(p)))
	}
	if m.Body != nil {
		for _, p := range m.Body.Fields {
			d.Params = append(d.Params, s.paramRow(from, f, p, "body", required(p)))
		}
	}
	for _, p := range m.ResponseHeaders {
		d.Params = append(d.Params, s.paramRow(from, f, p, "response header", required(p)))
	}
	return d
}

func (s *site) paramRow(from string, f *schema.File, p *schema.Property, in, req string) paramRow {
	return paramRow{Name: code(p.Name), In: in, Type: s.typeCell(from, f, &p.Type), Required: req, Description: withNotes(p.Description, propertyNotes(p))}
}

// findParam finds path parameter name on the method, its resource or an
// ancestor, as the generator resolves it.
func findParam(r *schema.Resource, m *schema.Method, name string) *schema.Property {
	for _, p := range m.Params {
		if p.Name == name {
			return p
		}
	}
	for depth := 0; r != nil && depth < 64; depth++ {
		for _, p := range r.Params {
			if p.Name == name {
				return p
			}
		}
		if r.Parent == nil {
			break
		}
		r = r.Parent.Target
	}
	return nil
}

func plural(n int, s string) string {
	if n == 1 {
		return s
	}
	return s + "s"
}

// keptDiscriminator is the API's discriminator as a property of a type
// outside every hierarchy, which keeps the member a payload carries and
// sends it back (the generated struct has it as an optional string field);
// nil when t has none.
func (s *site) keptDiscriminator(t *schema.Type) *schema.Property {
	f := s.fileOf[t]
	if f == nil || f.API.Discriminator == "" || t.Base != nil || len(t.Subtypes) > 0 {
		return nil
	}
	for _, p := range t.Properties {
		if p.Name == f.API.Discriminator {
			return nil
		}
	}
	return &schema.Property{
		Name:        f.API.Discriminator,
		Type:        schema.TypeExpr{Kind: schema.KindString},
		Description: "The API's discriminator, kept as received and sent back: this type is in no hierarchy.",
	}
}
