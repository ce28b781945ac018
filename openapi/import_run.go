package openapi

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"

	v3 "github.com/pb33f/libopenapi/datamodel/high/v3"
	"go.yaml.in/yaml/v3"

	"github.com/sessiongen/sessiongen/generator"
	"github.com/sessiongen/sessiongen/schema"
	"github.com/sessiongen/sessiongen/schema/goname"
)

// importer holds the state of one Import.
type importer struct {
	doc   *v3.Document
	opts  Options
	notes []Note

	components map[string]*component
	names      map[string]string // component -> type name
	taken      map[string]bool   // Go names of types
	queued     map[string]bool
	queue      []string
	types      []*typeEntry

	discriminator string
	discValues    map[string]string   // type name -> discriminator value
	subtypes      map[string][]string // root component -> its mapped subtypes
	// rootDiscriminator: hierarchy roots that select by a property other
	// than api.discriminator, by type name.
	rootDiscriminator map[string]string
	valueUse          map[string]bool // components a value may be of

	api          *yaml.Node
	pagination   *pagingStyle
	authHeader   string         // the apiKey header, set by the client
	bodyCount    map[string]int // bodies per encoding
	encoding     string         // api.encoding: the most common
	baseURL      string         // servers[0], as written in api.baseURL
	routes       []*route
	resourceList []*resource
	errors       []errorUse
	corsNoted    bool
	reserved     map[string]bool // Go names of the support code
	prose        []string        // the spec's descriptions and summaries
	curMethod    *yaml.Node      // the method being written, for notes
	unplaced     []string        // notes on nothing written
	// probing: a copy of the importer tries a schema out (is it a
	// scalar?); it declares no type and queues none.
	probing bool
}

func newImporter(doc *v3.Document, opts Options, reserved map[string]bool) *importer {
	im := &importer{reserved: reserved, doc: doc, opts: opts, components: map[string]*component{}, names: map[string]string{},
		taken: map[string]bool{}, queued: map[string]bool{}, discValues: map[string]string{},
		subtypes: map[string][]string{}, rootDiscriminator: map[string]string{}, valueUse: map[string]bool{}, bodyCount: map[string]int{}}
	if doc.Components != nil {
		i := 0
		for name, p := range doc.Components.Schemas.FromOldest() {
			var c component
			c.index = i
			i++
			if p != nil {
				c.schema = p.Schema()
			}
			c.kind = im.classify(c.schema)
			im.components[name] = &c
		}
		im.nameComponents()
	}
	return im
}

// nameComponents gives each component a type name: the last dotted part
// of its name (microsoft.graph.callRecords.session -> session), with
// Twilio's "_enum_" infix dropped (session_enum_mode -> session_mode);
// more of the name when two would share a Go name.
func (im *importer) nameComponents() {
	comps := slices.SortedFunc(func(yield func(string) bool) {
		for k := range im.components {
			if !yield(k) {
				return
			}
		}
	}, func(a, b string) int { return cmp.Compare(im.components[a].index, im.components[b].index) })
	for _, comp := range comps {
		parts := strings.Split(comp, ".")
		for n := 1; n <= len(parts); n++ {
			name := typeIdent(strings.Join(parts[len(parts)-n:], "_"))
			goName := goname.Exported(name)
			if goName == "" || im.taken[goName] || im.reserved[goName] {
				continue
			}
			im.taken[goName] = true
			im.names[comp] = name
			break
		}
		if im.names[comp] == "" {
			// Every reading of the name is taken or reserved by the
			// generated support code (ValidationError): prefix it.
			name := "API" + goname.Exported(typeIdent(parts[len(parts)-1]))
			for i := 2; im.taken[name] || im.reserved[name] || name == "API"; i++ {
				name = fmt.Sprintf("Schema%d", im.components[comp].index+i)
			}
			im.taken[name] = true
			im.names[comp] = name
		}
	}
}

// typeIdent makes a type name from a spec name: letters, digits and
// underscores.
func typeIdent(s string) string {
	s = strings.ReplaceAll(s, "_enum_", "_")
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) || r == '_':
			b.WriteRune(r)
		default:
			b.WriteRune('_')
		}
	}
	out := strings.Trim(b.String(), "_")
	if out != "" && !unicode.IsLetter(rune(out[0])) {
		out = "T" + out
	}
	return out
}

func (im *importer) run() (*Result, error) {
	ops := im.selected()
	if im.doc.Webhooks != nil && im.doc.Webhooks.Len() > 0 {
		im.note("#/webhooks", nil, "webhooks (requests the API sends) are not in the format: not imported")
	}
	if len(ops) == 0 {
		return nil, &Error{Pointer: "#/paths", Msg: errNoOperations.Error()}
	}
	root := mapping()
	set(root, "sessiongen", integer(1))
	pkg := im.packageNode()
	set(root, "package", pkg)
	im.api = im.apiNode(ops)
	set(root, "api", im.api)
	resources := im.resources(ops)
	im.encoding = "json"
	if im.bodyCount["form"] > im.bodyCount["json"] {
		im.encoding = "form"
	}
	for _, r := range im.routes {
		if r.bodyNode != nil && r.encoding != im.encoding {
			r.bodyNode.Content = append([]*yaml.Node{str("encoding"), str(r.encoding)}, r.bodyNode.Content...)
		}
	}
	set(im.api, "encoding", str(im.encoding))
	im.apiTail()
	im.drain()
	for _, res := range im.resourceList {
		im.inferKey(res)
	}
	im.finishTypes()
	if im.discriminator != "" {
		set(im.api, "discriminator", str(im.discriminator))
	}
	if inits := im.initialisms(); len(inits) > 0 {
		k := set(pkg, "initialisms", strs(inits))
		addComment(k, "words written in capitals in the spec's own text (SID in \"The SID of ...\")")
	}
	types := mapping()
	slices.SortStableFunc(im.types, func(a, b *typeEntry) int {
		return cmp.Or(cmp.Compare(a.rank, b.rank), cmp.Compare(a.sub, b.sub))
	})
	for _, e := range im.types {
		k := set(types, e.name, e.node)
		if e.proto != "" && e.proto != e.name {
			addComment(k, "spec schema "+e.proto)
		}
	}
	set(root, "types", types)
	k := set(root, "resources", resources)
	for _, c := range im.unplaced {
		addComment(k, c)
	}
	block(root)
	doc := &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{root}}
	doc.HeadComment = im.header()
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, &Error{Pointer: "#", Msg: "writing the schema: " + err.Error()}
	}
	// Never hand out a schema the loader refuses: what the importer
	// failed to foresee is an error, not a broken file.
	f, err := schema.Parse("imported.yaml", buf.Bytes())
	if err != nil {
		return nil, &Error{Pointer: "#", Msg: "the imported schema does not load (a limit of the importer): " + firstLine(err.Error())}
	}
	// The generator has checks of its own (Go names of client methods and
	// accessors, of fields beside generated methods): the schema must pass
	// them too, or sessiongen would refuse what import wrote.
	if _, err := generator.BuildIR([]*schema.File{f}, generator.Options{}); err != nil {
		return nil, &Error{Pointer: "#", Msg: "the imported schema does not generate (a limit of the importer): " + firstLine(err.Error())}
	}
	return &Result{YAML: buf.Bytes(), Notes: im.notes}, nil
}

func (im *importer) header() string {
	src := im.opts.Source
	if src == "" {
		src = "an OpenAPI document"
	}
	title, version := "", ""
	if im.doc.Info != nil {
		title, version = im.doc.Info.Title, im.doc.Info.Version
	}
	h := fmt.Sprintf("# Imported by sessiongen import from %s (OpenAPI %s", printable(src), printable(im.doc.Version))
	if title != "" {
		h += ", " + printable(strings.Join(strings.Fields(title), " "))
	}
	if version != "" {
		h += " " + printable(strings.Join(strings.Fields(version), " "))
	}
	h += ").\n# Comments starting with \"import:\" mark what the importer could not map; each names the spec's JSON pointer."
	return h
}

// packageNode names the Go package after the spec's title.
func (im *importer) packageNode() *yaml.Node {
	pkg := mapping()
	// The title's first words, lower case, letters and digits only, until
	// the name reads as one (Microsoft Graph ... -> microsoftgraph).
	name := ""
	if im.doc.Info != nil {
		for _, w := range strings.FieldsFunc(strings.ToLower(im.doc.Info.Title), func(r rune) bool {
			return !(r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)))
		}) {
			if len(name) >= 12 || len(name)+len(w) > 24 {
				break
			}
			name += w
		}
		name = strings.TrimLeft(name, "0123456789")
	}
	if name == "" || !goname.IsPackageName(name) {
		name = "api"
	}
	k := set(pkg, "name", str(name))
	addComment(k, "from the spec's info.title; rename at will")
	set(pkg, "path", str(name))
	if im.doc.Info != nil && strings.TrimSpace(im.doc.Info.Description) != "" {
		set(pkg, "description", str("Package "+name+" is a client for "+strings.TrimSpace(im.doc.Info.Title)+".\n\n"+strings.TrimSpace(im.doc.Info.Description)+"\n"))
	} else {
		set(pkg, "description", str("Package "+name+" is a client for "+strings.TrimSpace(titleOr(im.doc, "the API"))+".\n"))
	}
	return pkg
}

func titleOr(doc *v3.Document, def string) string {
	if doc.Info != nil && doc.Info.Title != "" {
		return doc.Info.Title
	}
	return def
}

// finishTypes applies what is known only once every type is written: the
// discriminator property is the API's, not a type's, and subtypes carry
// their discriminator values.
func (im *importer) finishTypes() {
	byName := map[string]*typeEntry{}
	for _, e := range im.types {
		byName[e.name] = e
	}
	if im.discriminator == "" {
		im.composeBases(byName)
	}
	// Each type's discriminator: its hierarchy root's, else the API's.
	discOf := func(e *typeEntry) string {
		seen := map[string]bool{}
		for cur := e; cur != nil && !seen[cur.name]; {
			seen[cur.name] = true
			if d, ok := im.rootDiscriminator[cur.name]; ok {
				return d
			}
			b := get(cur.node, "base")
			if b == nil {
				break
			}
			cur = byName[b.Value]
		}
		return im.discriminator
	}
	if im.discriminator != "" {
		for _, e := range im.types {
			props := get(e.node, "properties")
			if props == nil {
				continue
			}
			disc := discOf(e)
			if d := get(props, disc); d != nil {
				if def := get(d, "default"); def != nil && im.discValues[e.name] == "" && get(e.node, "enum") == nil {
					im.discValues[e.name] = def.Value
				}
				del(props, disc)
			}
			if len(props.Content) == 0 {
				del(e.node, "properties")
			}
		}
	}
	// Hierarchies: a type with a base or with subtypes is in one.
	inHierarchy, hasSubtypes := map[string]bool{}, map[string]bool{}
	for _, e := range im.types {
		if b := get(e.node, "base"); b != nil {
			inHierarchy[e.name], inHierarchy[b.Value] = true, true
			hasSubtypes[b.Value] = true
		}
	}
	// A request body is one concrete type: a root with subtypes cannot be.
	for _, r := range im.routes {
		if r.bodyNode == nil {
			continue
		}
		if t := get(r.bodyNode, "type"); t != nil && hasSubtypes[t.Value] {
			m := r.methodNode
			del(m, "body")
			im.note(child(r.op.pointer, "requestBody"), m, "the body is %s, which has subtypes: a body of the format is one concrete type; not imported (write one method per subtype by hand)", t.Value)
		}
	}
	for _, e := range im.types {
		if !inHierarchy[e.name] {
			continue
		}
		if im.discriminator == "" {
			continue
		}
		if v, ok := im.discValues[e.name]; ok {
			set(e.node, "discriminatorValue", str(v))
		} else {
			k := set(e.node, "abstract", boolean(true))
			addComment(k, "no discriminator value in the spec: sent only as one of its subtypes")
		}
	}
}

// composeBases reads allOf without any discriminator in the spec as
// composition, as other generators do: a type gets the properties of its
// base (and the base's base) copied in, its own winning on a clash, and no
// base. The format's inheritance needs a discriminator to tell subtypes
// apart on the wire; the spec has none to give.
func (im *importer) composeBases(byName map[string]*typeEntry) {
	done := map[string]bool{}
	var compose func(e *typeEntry)
	compose = func(e *typeEntry) {
		if done[e.name] {
			return
		}
		done[e.name] = true // also ends a cycle of bases
		b := get(e.node, "base")
		if b == nil {
			return
		}
		del(e.node, "base")
		be := byName[b.Value]
		if be == nil {
			return
		}
		compose(be)
		im.note(pointer("components", "schemas", e.proto), e.node, "allOf without a discriminator in the spec: the properties of %s are copied into this type (composition), not inherited", b.Value)
		if get(be.node, "open") != nil {
			set(e.node, "open", boolean(true))
		}
		inherited := get(be.node, "properties")
		if inherited == nil {
			return
		}
		own := get(e.node, "properties")
		merged := mapping()
		for i := 0; i+1 < len(inherited.Content); i += 2 {
			if get(own, inherited.Content[i].Value) == nil {
				merged.Content = append(merged.Content, copyNode(inherited.Content[i]), copyNode(inherited.Content[i+1]))
			}
		}
		if own != nil {
			merged.Content = append(merged.Content, own.Content...)
		}
		set(e.node, "properties", merged)
	}
	for _, e := range im.types {
		compose(e)
	}
}

// copyNode returns a deep copy of n, so that a node written twice is two
// nodes (comments added to one stay off the other).
func copyNode(n *yaml.Node) *yaml.Node {
	c := *n
	c.Content = make([]*yaml.Node, len(n.Content))
	for i, k := range n.Content {
		c.Content[i] = copyNode(k)
	}
	return &c
}

// initialisms finds the API's own capitalised words: a word of a type,
// property or enum value name written in capitals in the spec's descriptions at
// least twice, and not already a common initialism.
func (im *importer) initialisms() []string {
	words := map[string]bool{}
	var walk func(n *yaml.Node, key string)
	walk = func(n *yaml.Node, key string) {
		if n == nil {
			return
		}
		if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if key == "properties" || key == "fields" || key == "types" {
					for _, w := range goname.Words(k.Value) {
						words[strings.ToUpper(w)] = true
					}
				}
				if k.Value == "enum" {
					for _, e := range v.Content {
						for _, w := range goname.Words(e.Value) {
							words[strings.ToUpper(w)] = true
						}
					}
				}
				walk(v, k.Value)
			}
			return
		}
		for _, c := range n.Content {
			walk(c, key)
		}
	}
	for _, e := range im.types {
		walk(e.node, "")
		for _, w := range goname.Words(e.name) {
			words[strings.ToUpper(w)] = true
		}
	}
	counts := map[string]int{}
	for _, t := range im.prose {
		for _, f := range strings.FieldsFunc(t, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			if words[f] {
				counts[f]++
			}
		}
	}
	common := goname.NewNamer(nil)
	var out []string
	for w := range words {
		if len(w) < 2 || len(w) > 4 || counts[w] < 2 || !isUpperWord(w) {
			continue
		}
		if common.Exported(strings.ToLower(w)) == w {
			continue // already a common initialism
		}
		out = append(out, w)
	}
	slices.Sort(out)
	return out
}

func isUpperWord(w string) bool {
	if w[0] < 'A' || w[0] > 'Z' {
		return false
	}
	for _, r := range w {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}
