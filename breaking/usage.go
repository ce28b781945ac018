package breaking

import "github.com/sessiongen/sessiongen/schema"

// direction says where values of a type travel.
type direction uint8

const (
	inRequest direction = 1 << iota
	inResponse
	bothWays = inRequest | inResponse
)

// usage computes, for every type f's resources and errors reach, whether
// its values are sent in requests, received in responses, or both. A
// read-only property is never sent, so it does not carry a request
// direction to its type.
func usage(f *schema.File) map[*schema.Type]direction {
	use := map[*schema.Type]direction{}
	var markType func(t *schema.Type, d direction)
	var markExpr func(e *schema.TypeExpr, d direction)
	markExpr = func(e *schema.TypeExpr, d direction) {
		if e == nil || d == 0 {
			return
		}
		if e.Ref != nil && e.Ref.Target != nil {
			markType(e.Ref.Target, d)
		}
		for _, m := range e.Of {
			if m.Ref != nil && m.Ref.Target != nil {
				markType(m.Ref.Target, d)
			}
		}
		markExpr(e.Items, d)
		markExpr(e.Values, d)
	}
	markType = func(t *schema.Type, d direction) {
		if use[t]&d == d {
			return
		}
		use[t] |= d
		for _, p := range allProperties(t) {
			pd := d
			if p.ReadOnly {
				pd &^= inRequest
			}
			markExpr(&p.Type, pd)
		}
		for _, s := range t.Subtypes {
			markType(s, d)
		}
		if t.Base != nil && t.Base.Target != nil {
			markType(t.Base.Target, d)
		}
		if t.Union != nil {
			markExpr(t.Union, d)
		}
	}
	markProps := func(ps []*schema.Property, d direction) {
		for _, p := range ps {
			markExpr(&p.Type, d)
		}
	}
	markProps(f.API.Headers, inRequest)
	for _, e := range append([]*schema.ErrorShape{f.API.Errors}, f.API.ErrorsByStatus...) {
		if e != nil && e.Type != nil && e.Type.Target != nil {
			markType(e.Type.Target, inResponse)
		}
	}
	for _, r := range f.Resources {
		markProps(r.Params, inRequest)
		for _, m := range r.Methods {
			markProps(m.Params, inRequest)
			markProps(m.Query, inRequest)
			markProps(m.Headers, inRequest)
			markProps(m.ResponseHeaders, inResponse)
			if m.Body != nil {
				if m.Body.Type != nil && m.Body.Type.Target != nil {
					markType(m.Body.Type.Target, inRequest)
				}
				markProps(m.Body.Fields, inRequest)
			}
			if m.Response != nil && m.Response.Type != nil && m.Response.Type.Target != nil {
				markType(m.Response.Type.Target, inResponse)
			}
		}
	}
	return use
}

// allProperties are t's properties with its bases' first, as its values
// carry them.
func allProperties(t *schema.Type) []*schema.Property {
	var chain []*schema.Type
	for b := t; b != nil && len(chain) <= 32; {
		chain = append([]*schema.Type{b}, chain...)
		if b.Base == nil {
			break
		}
		b = b.Base.Target
	}
	var out []*schema.Property
	for _, b := range chain {
		out = append(out, b.Properties...)
	}
	return out
}

// directionOf is where values of the type named name travel in either
// version; a type no method reaches may still be used by callers of the
// package in both directions.
func (c *comparer) directionOf(name string) direction {
	if c.oldUse == nil {
		c.oldUse, c.newUse = usage(c.old), usage(c.new)
	}
	var d direction
	if t := findType(c.old, name); t != nil {
		d |= c.oldUse[t]
	}
	if t := findType(c.new, name); t != nil {
		d |= c.newUse[t]
	}
	if d == 0 {
		return bothWays
	}
	return d
}

func findType(f *schema.File, name string) *schema.Type {
	for _, t := range f.Types {
		if t.Name == name {
			return t
		}
	}
	return nil
}
