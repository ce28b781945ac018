package openapi

import (
	"slices"

	"github.com/pb33f/libopenapi/datamodel/high/base"
	"go.yaml.in/yaml/v3"
)

// Schemas that are one of several: unions of scalars and Graph's
// non-finite numbers.

// union writes members that are scalars of distinct JSON tokens as a
// union; false when they are not.
func (im *importer) union(m *yaml.Node, members []*base.SchemaProxy, c exprCtx) bool {
	if c.param {
		return false // text cannot tell union members apart
	}
	tokens := map[string]bool{}
	var kinds []string
	for i, mem := range members {
		probe := flowMapping()
		sub := *im
		sub.notes, sub.curMethod, sub.unplaced, sub.probing = nil, nil, nil, true
		if sub.expr(probe, mem, c.nested(child(c.ptr, "anyOf", itoa(i)), "")) {
			return false
		}
		t := get(probe, "type")
		if t == nil || len(probe.Content) != 2 || !isScalarKind(t.Value) {
			return false
		}
		tok := tokenOf(t.Value)
		if tokens[tok] {
			return false
		}
		tokens[tok] = true
		kinds = append(kinds, t.Value)
	}
	set(m, "type", str("union"))
	set(m, "of", strs(kinds))
	return true
}

func tokenOf(kind string) string {
	switch kind {
	case "int32", "int64", "number", "float32":
		return "number"
	case "boolean":
		return "boolean"
	}
	return "string"
}

// nonFiniteNumber recognises Graph's encoding of a float that may be NaN
// or infinite: oneOf a number, a string, and an enum of -INF, INF and NaN.
func nonFiniteNumber(members []*base.SchemaProxy) (kind string, nullable, ok bool) {
	sawEnum := false
	for _, m := range members {
		s := schemaOf(m)
		if s == nil {
			return "", false, false
		}
		if s.Nullable != nil && *s.Nullable {
			nullable = true
		}
		types := slices.DeleteFunc(slices.Clone(s.Type), func(t string) bool { return t == "null" })
		switch {
		case len(types) == 1 && types[0] == "number" && kind == "":
			kind = "number"
			if s.Format == "float" {
				kind = "float32"
			}
		case len(s.Enum) > 0:
			for _, v := range stringEnum(s) {
				if v != "NaN" && v != "INF" && v != "-INF" {
					return "", false, false
				}
			}
			sawEnum = true
		case len(types) == 1 && types[0] == "string" && s.Format == "" && len(s.Enum) == 0:
			// the carrier of the enum's words
		default:
			return "", false, false
		}
	}
	return kind, nullable, kind != "" && sawEnum
}
