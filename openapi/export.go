package openapi

import (
	"bytes"
	"fmt"

	"github.com/sessiongen/sessiongen/schema"
	"go.yaml.in/yaml/v3"
)

// Version is the OpenAPI version Export writes.
const Version = "3.1.0"

// Export writes the OpenAPI 3.1 document of the loaded schema f (and of
// the files it imports, whose types become components named as f refers
// to them). Keys come in a fixed order (openapi, info, servers, paths,
// components, then security, tags and the document's x-sessiongen-*
// extensions), so one schema always gives the same bytes. A schema the
// document cannot hold (two methods with one path and verb) is an error
// at the schema's position, and nothing is returned.
func Export(f *schema.File) ([]byte, error) {
	e := &exporter{f: f, typeKeys: map[*schema.Type]string{}}
	e.componentTypes(f, "", map[*schema.File]bool{})
	e.assignTypeKeys()
	doc := e.document()
	if err := e.diags.Err(); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("openapi: encoding the document: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("openapi: encoding the document: %w", err)
	}
	return buf.Bytes(), nil
}

// exporter holds one export's state.
type exporter struct {
	f          *schema.File
	types      []componentType
	typeKeys   map[*schema.Type]string
	schemaKeys keyer
	// paramKeys and responseKeys name components/parameters and
	// components/responses.
	paramKeys, responseKeys keyer
	parameters              *yaml.Node // components/parameters, built as operations use them
	resourceParams          map[*schema.Property]string
	apiHeaders              []string // keys of api.headers under components/parameters
	errorResponses          []errorResponse
	diags                   schema.Diagnostics
}

func (e *exporter) failf(pos schema.Pos, format string, args ...any) {
	e.diags = append(e.diags, schema.Diagnostic{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

// document builds the whole document.
func (e *exporter) document() *yaml.Node {
	f := e.f
	e.parameters = mappingNode()
	e.resourceParams = map[*schema.Property]string{}
	e.declareHeaders()
	e.declareErrors()

	doc := mappingNode()
	put(doc, "openapi", strNode(Version))
	put(doc, "info", e.info())
	server := mappingNode()
	put(server, "url", strNode(f.API.BaseURL))
	put(doc, "servers", sequenceNode(server))
	put(doc, "paths", e.paths())
	// Before components: a resource's parameters no path uses are
	// declared by its tag.
	tags := e.tags()

	components := mappingNode()
	schemas := mappingNode()
	for _, c := range e.types {
		put(schemas, e.typeKeys[c.t], e.typeSchema(c))
	}
	if len(schemas.Content) > 0 {
		put(components, "schemas", schemas)
	}
	if responses := e.errorComponents(); len(responses.Content) > 0 {
		put(components, "responses", responses)
	}
	if len(e.parameters.Content) > 0 {
		put(components, "parameters", e.parameters)
	}
	name, scheme := securityScheme(f.API.Auth)
	if scheme != nil {
		schemes := mappingNode()
		put(schemes, name, scheme)
		put(components, "securitySchemes", schemes)
	}
	put(doc, "components", components)
	if scheme != nil {
		req := mappingNode()
		put(req, name, sequenceNode())
		put(doc, "security", sequenceNode(req))
	}
	if len(tags.Content) > 0 {
		put(doc, "tags", tags)
	}
	e.apiExtensions(doc)
	return doc
}

// info holds the package: OpenAPI's title and description, and the Go
// package's name, path and initialisms in x-sessiongen-package. The
// format has no API version; info.version (required) says the format's.
func (e *exporter) info() *yaml.Node {
	f := e.f
	info := mappingNode()
	put(info, "title", strNode(f.Package.Name))
	put(info, "version", strNode(fmt.Sprint(f.Version)))
	putStr(info, "description", f.API.Description)
	pkg := mappingNode()
	put(pkg, "name", strNode(f.Package.Name))
	put(pkg, "path", strNode(f.Package.Path))
	putStr(pkg, "description", f.Package.Description)
	if len(f.Package.Initialisms) > 0 {
		put(pkg, "initialisms", strsNode(f.Package.Initialisms))
	}
	put(info, "x-sessiongen-package", pkg)
	return info
}

// securityScheme is the components/securitySchemes entry of auth, and its
// key; nil when the API declares no scheme.
func securityScheme(a schema.Auth) (string, *yaml.Node) {
	s := mappingNode()
	switch a.Scheme {
	case schema.AuthBearer:
		put(s, "type", strNode("http"))
		put(s, "scheme", strNode("bearer"))
		return "bearerAuth", s
	case schema.AuthBasic:
		put(s, "type", strNode("http"))
		put(s, "scheme", strNode("basic"))
		// The names the generated client gives the two credentials.
		putStr(s, "x-sessiongen-username", a.Username)
		putStr(s, "x-sessiongen-password", a.Password)
		return "basicAuth", s
	case schema.AuthAPIKey:
		put(s, "type", strNode("apiKey"))
		put(s, "in", strNode("header"))
		put(s, "name", strNode(a.Header))
		return "apiKeyAuth", s
	}
	return "", nil
}

// tags are the resources: one tag each, grouping its operations, with
// what the format says of the resource itself in x-sessiongen-resource.
func (e *exporter) tags() *yaml.Node {
	tags := sequenceNode()
	for _, r := range e.f.Resources {
		tag := mappingNode()
		put(tag, "name", strNode(r.Name))
		putStr(tag, "description", r.Description)
		res := mappingNode()
		if r.Type != nil {
			put(res, "type", strNode(r.Type.Name))
		}
		if r.Parent != nil {
			put(res, "parent", strNode(r.Parent.Name))
		}
		put(res, "path", strNode(r.Path))
		if len(r.Params) > 0 {
			params := sequenceNode()
			for _, p := range r.Params {
				params.Content = append(params.Content, e.paramRef(e.resourceParam(r, p)))
			}
			put(res, "params", params)
		}
		if d := defaults(r.Defaults); d != nil {
			put(res, "defaults", d)
		}
		if order := e.methodOrder(r); order != nil {
			put(res, "methods", strsNode(order))
		}
		put(tag, "x-sessiongen-resource", res)
		tags.Content = append(tags.Content, tag)
	}
	return tags
}

// apiExtensions are the API's wire conventions OpenAPI has no word for,
// as document extensions.
func (e *exporter) apiExtensions(doc *yaml.Node) {
	api := e.f.API
	put(doc, "x-sessiongen-version", intNode(e.f.Version))
	if len(e.f.Imports) > 0 {
		imports := sequenceNode()
		for _, im := range e.f.Imports {
			m := mappingNode()
			put(m, "schema", strNode(im.Schema))
			put(m, "as", strNode(im.As))
			imports.Content = append(imports.Content, m)
		}
		put(doc, "x-sessiongen-imports", imports)
	}
	if api.Encoding != "" {
		put(doc, "x-sessiongen-encoding", strNode(string(api.Encoding)))
	}
	if p := e.paging(); p != nil {
		put(doc, "x-sessiongen-paging", p)
	}
	putStr(doc, "x-sessiongen-discriminator", api.Discriminator)
	if len(api.RetryNotProcessed) > 0 {
		retry := mappingNode()
		put(retry, "notProcessed", intsNode(api.RetryNotProcessed))
		put(doc, "x-sessiongen-retry", retry)
	}
	putStr(doc, "x-sessiongen-idempotencyHeader", api.IdempotencyHeader)
	if len(api.RequestIDHeaders) > 0 {
		put(doc, "x-sessiongen-requestIdHeaders", strsNode(api.RequestIDHeaders))
	}
}
