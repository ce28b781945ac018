package ir

import (
	"fmt"

	"github.com/sessiongen/sessiongen/schema"
)

// Scalar unions: each union expression of the schema becomes one generated
// sum type, named after where it is written (the owning type's Go name, the
// property's, then Item or Value for each array or map level), and claimed
// like every package-level name.

// declareUnions names the unions of every type's own properties before any
// field is built, so that a union inherited by subtypes is one Go type named
// after the type that declares it, whatever the file order.
func (b *builder) declareUnions() {
	for _, t := range b.f.Types {
		if t.Union != nil {
			b.namedUnion(t)
		}
	}
	for _, t := range b.f.Types {
		if t.IsEnum || t.Union != nil {
			continue
		}
		owner := t.GoIdent(b.names)
		for _, p := range t.Properties {
			b.unionsIn(&p.Type, owner+" "+b.names.Exported(p.Name), fmt.Sprintf("property %q of %q", p.Name, t.Name))
		}
	}
}

// unionsIn declares the unions of e and of its items or values.
func (b *builder) unionsIn(e *schema.TypeExpr, owner, where string) {
	switch {
	case e == nil, e.UnionType != nil: // a named union is declared with its type
	case e.Kind == schema.KindUnion:
		b.union(e, owner).Doc = unionDoc(b.unions[e], where)
	case e.Kind == schema.KindArray:
		b.unionsIn(e.Items, owner+" item", "an item of "+where)
	case e.Kind == schema.KindMap:
		b.unionsIn(e.Values, owner+" value", "a value of "+where)
	}
}

// unionDoc is the first line of the union's comment.
func unionDoc(u *Union, where string) string {
	var kinds []string
	for _, m := range u.Members {
		kinds = append(kinds, m.Wire)
	}
	return fmt.Sprintf("%s is %s.\nIt is one of %s, told apart by the JSON token.", u.Name, where, joinOr(kinds))
}

// namedUnion declares the union of union type t, named as the type.
func (b *builder) namedUnion(t *schema.Type) {
	name := t.GoIdent(b.names)
	u := b.declareUnion(t.Union, name, t.Pos, fmt.Sprintf("type %q", t.Name), fmt.Sprintf("the %q union type", t.Name))
	if t.Description != "" {
		u.Doc += "\n\n" + t.Description
	}
}

// union returns the union of expression e, declaring it on first use.
func (b *builder) union(e *schema.TypeExpr, owner string) *Union {
	if u := b.unions[e]; u != nil {
		return u
	}
	name := b.names.Exported(nonIdent.ReplaceAllString(owner, " "))
	return b.declareUnion(e, name, e.Pos, "the union of "+owner, "a value of "+owner)
}

// declareUnion declares the union of e as Go type name, claiming its names
// at pos; what names it in a collision, where says what it is in its doc.
func (b *builder) declareUnion(e *schema.TypeExpr, name string, pos schema.Pos, what, where string) *Union {
	owner := name
	u := &Union{Name: name, Decoder: "decode" + name, Encoder: "encode" + name}
	b.claim(name, pos, what)
	for i, m := range e.Of {
		mt := b.typ(&schema.TypeExpr{Kind: m.Kind, Ref: m.Ref}, owner)
		member := &UnionMember{
			Name:  b.names.Exported(string(m.Kind)),
			Wire:  string(m.Kind),
			Type:  mt,
			Token: schema.UnionToken(m.Kind),
			Kind:  i + 1,
		}
		if mt.Kind == EnumRef {
			// An enum member is named as its type: IsMode, <Union>FromMode.
			member.Name, member.Wire = mt.Enum.Name, mt.Enum.Wire
		}
		member.Field = "as" + member.Name
		b.claim(name+"From"+member.Name, m.Pos, what+" (its constructor from "+member.Wire+")")
		u.Members = append(u.Members, member)
	}
	u.Doc = unionDoc(u, where)
	b.unions[e] = u
	b.unionList = append(b.unionList, u)
	return u
}

// joinOr joins words as "a, b or c".
func joinOr(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	out := words[0]
	for _, w := range words[1 : len(words)-1] {
		out += ", " + w
	}
	return out + " or " + words[len(words)-1]
}
