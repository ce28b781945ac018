package openapi

import (
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"

	oyaml "github.com/pb33f/go-yaml"
	"github.com/pb33f/libopenapi"
	"github.com/pb33f/libopenapi/datamodel"
	v3 "github.com/pb33f/libopenapi/datamodel/high/v3"
	"go.yaml.in/yaml/v3"

	"github.com/sessiongen/sessiongen/generator"
)

// MaxSpecSize caps the size of a spec Import reads; larger documents are
// refused before parsing, so hostile input stays cheap.
const MaxSpecSize = 16 << 20

// Options select what Import brings over. With no selection every
// operation is imported; with several, an operation is imported when it
// matches any of them.
type Options struct {
	// PathPrefixes select operations whose path starts with one of them.
	PathPrefixes []string
	// Tags select operations carrying one of these tags.
	Tags []string
	// OperationIDs select operations by operationId.
	OperationIDs []string
	// Source names the spec in the schema's header comment (a file name).
	Source string
}

// Note is something of the spec Import could not map: where (a JSON
// pointer into the spec) and why. Each note is also a comment in the schema
// at the place it applies.
type Note struct {
	Pointer string
	Message string
}

func (n Note) String() string { return n.Pointer + ": " + n.Message }

// Result is an imported schema.
type Result struct {
	// YAML is the sessiongen schema, ready to load.
	YAML []byte
	// Notes are what could not be mapped, in the order met.
	Notes []Note
}

// Error is a spec Import cannot read at all, at a JSON pointer.
type Error struct {
	Pointer string
	Msg     string
}

func (e *Error) Error() string { return e.Pointer + ": " + e.Msg }

// Import reads an OpenAPI 3.0 or 3.1 document (JSON or YAML) and writes a
// sessiongen schema for the selected operations and every type they reach.
func Import(spec []byte, opts Options) (res *Result, err error) {
	// A bug of the importer must not crash the command: it is an error
	// (FuzzImport fails on it).
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, &Error{Pointer: "#", Msg: fmt.Sprintf("internal error of the importer: %v", r)}
		}
	}()
	if len(spec) > MaxSpecSize {
		return nil, &Error{Pointer: "#", Msg: fmt.Sprintf("the spec is larger than %d bytes", MaxSpecSize)}
	}
	doc, texts, err := parse(spec)
	if err != nil {
		return nil, err
	}
	if root, ok := exportedBySessiongen(spec); ok {
		return restore(root, opts)
	}
	reserved, err := generator.ReservedNames()
	if err != nil {
		return nil, err
	}
	im := newImporter(doc, opts, reserved)
	im.prose = texts
	return im.run()
}

// parse builds libopenapi's model of spec. The library is third-party code
// fed untrusted input: a panic inside it becomes an error at the root, so
// that the command never crashes on a spec.
func parse(spec []byte) (model *v3.Document, texts []string, err error) {
	defer func() {
		if r := recover(); r != nil {
			model, texts, err = nil, nil, &Error{Pointer: "#", Msg: fmt.Sprintf("the OpenAPI parser failed on this document: %v", r)}
		}
	}()
	cfg := datamodel.NewDocumentConfiguration()
	// Only the document itself: a spec must not make the importer fetch
	// files or URLs.
	cfg.AllowFileReferences = false
	cfg.AllowRemoteReferences = false
	// Its problems come back as errors; its log would write to stdout,
	// where the schema goes.
	cfg.Logger = slog.New(slog.DiscardHandler)
	doc, err := libopenapi.NewDocumentWithConfiguration(spec, cfg)
	if err != nil {
		return nil, nil, &Error{Pointer: "#", Msg: "not an OpenAPI document: " + firstLine(err.Error())}
	}
	v := doc.GetVersion()
	if !strings.HasPrefix(v, "3.0") && !strings.HasPrefix(v, "3.1") {
		return nil, nil, &Error{Pointer: "#/openapi", Msg: fmt.Sprintf("OpenAPI version %q: want 3.0 or 3.1", v)}
	}
	built, err := doc.BuildV3Model()
	if built == nil {
		msg := "the document does not build"
		if err != nil {
			msg += ": " + firstLine(err.Error())
		}
		return nil, nil, &Error{Pointer: "#", Msg: msg}
	}
	if err != nil {
		// Unresolvable references: name the first one; a half-resolved
		// model would import guesses.
		var msgs []string
		for _, e := range unwrap(err) {
			msgs = append(msgs, firstLine(e.Error()))
		}
		return nil, nil, &Error{Pointer: "#", Msg: "the document has errors: " + strings.Join(msgs, "; ")}
	}
	if info := doc.GetSpecInfo(); info != nil {
		texts = proseOf(info.RootNode, 0, nil)
	}
	return &built.Model, texts, nil
}

// proseOf collects the description and summary texts of the document.
func proseOf(n *oyaml.Node, depth int, out []string) []string {
	if n == nil || depth > 200 {
		return out
	}
	if n.Kind == oyaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if (k.Value == "description" || k.Value == "summary") && v.Kind == oyaml.ScalarNode {
				out = append(out, v.Value)
				continue
			}
			out = proseOf(v, depth+1, out)
		}
		return out
	}
	for _, c := range n.Content {
		out = proseOf(c, depth+1, out)
	}
	return out
}

func unwrap(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if len(s) > 300 {
		s = s[:300] + "..."
	}
	return s
}

// operation is one selected operation of the spec.
type operation struct {
	path    string // as in the spec
	verb    string // upper case
	op      *v3.Operation
	item    *v3.PathItem
	pointer string // #/paths/<path>/<verb>
}

// selected returns the operations opts select, in spec order (paths as
// written, verbs in the order GET, POST, PUT, PATCH, DELETE).
func (im *importer) selected() []*operation {
	var ops []*operation
	if im.doc.Paths == nil || im.doc.Paths.PathItems == nil {
		return nil
	}
	for path, item := range im.doc.Paths.PathItems.FromOldest() {
		if item == nil {
			continue
		}
		if !validPath(path) {
			im.note(pointer("paths", path), nil, "path %q is not a path template of the format (starting with /, {name} parameters): not imported", path)
			continue
		}
		for _, v := range []struct {
			verb string
			op   *v3.Operation
		}{{"GET", item.Get}, {"POST", item.Post}, {"PUT", item.Put}, {"PATCH", item.Patch}, {"DELETE", item.Delete}} {
			if v.op == nil || !im.opts.selects(path, v.op) {
				continue
			}
			ops = append(ops, &operation{path: path, verb: v.verb, op: v.op, item: item,
				pointer: pointer("paths", path, strings.ToLower(v.verb))})
		}
		for _, v := range []struct {
			verb string
			op   *v3.Operation
		}{{"head", item.Head}, {"options", item.Options}, {"trace", item.Trace}} {
			if v.op != nil && im.opts.selects(path, v.op) {
				im.note(pointer("paths", path, v.verb), nil, "%s operations are not in the format (GET, POST, PUT, PATCH, DELETE): not imported", strings.ToUpper(v.verb))
			}
		}
	}
	return ops
}

// validPath reports a path template the format accepts: it starts with /,
// and braces pair up around non-empty names.
func validPath(p string) bool {
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "?# \t\n") {
		return false
	}
	depth := 0
	for i, r := range p {
		switch r {
		case '{':
			if depth > 0 || i+1 < len(p) && p[i+1] == '}' {
				return false
			}
			depth++
		case '}':
			if depth == 0 {
				return false
			}
			depth--
		}
	}
	return depth == 0
}

func (o Options) selects(path string, op *v3.Operation) bool {
	if len(o.PathPrefixes) == 0 && len(o.Tags) == 0 && len(o.OperationIDs) == 0 {
		return true
	}
	for _, p := range o.PathPrefixes {
		if strings.HasPrefix(path, p) {
			return true
		}
	}
	for _, t := range op.Tags {
		if slices.Contains(o.Tags, t) {
			return true
		}
	}
	return op.OperationId != "" && slices.Contains(o.OperationIDs, op.OperationId)
}

// pointer builds a JSON pointer (RFC 6901) from its reference tokens.
func pointer(tokens ...string) string {
	var b strings.Builder
	b.WriteString("#")
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(strings.ReplaceAll(strings.ReplaceAll(t, "~", "~0"), "/", "~1"))
	}
	return b.String()
}

// child extends pointer p by tokens.
func child(p string, tokens ...string) string {
	return p + strings.TrimPrefix(pointer(tokens...), "#")
}

// errNoOperations is returned when the selection matches nothing.
var errNoOperations = errors.New("no operation matches the selection")

// note records what could not be mapped at ptr and puts it as a comment
// on the YAML node at: when nil, the method being written, else the top
// of resources (what belongs to no written node).
func (im *importer) note(ptr string, at *yaml.Node, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	im.notes = append(im.notes, Note{Pointer: ptr, Message: msg})
	if at == nil {
		at = im.curMethod // a parameter or body left out: on its method
	}
	if at == nil {
		im.unplaced = append(im.unplaced, "import: "+msg+" ("+ptr+")")
		return
	}
	addComment(at, "import: "+msg+" ("+ptr+")")
}
