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
	e.parameters = mapping()
	e.resourceParams = map[*schema.Property]string{}
	e.declareHeaders()
	e.declareErrors()

	doc := mapping()
	set(doc, "openapi", str(Version))
	set(doc, "info", e.info())
	server := mapping()
	set(server, "url", str(f.API.BaseURL))
	set(doc, "servers", sequence(server))
	set(doc, "paths", e.paths())

	components := mapping()
	schemas := mapping()
	for _, c := range e.types {
		set(schemas, e.typeKeys[c.t], e.typeSchema(c))
	}
	if len(schemas.Content) > 0 {
		set(components, "schemas", schemas)
	}
	if responses := e.errorComponents(); len(responses.Content) > 0 {
		set(components, "responses", responses)
	}
	if len(e.parameters.Content) > 0 {
		set(components, "parameters", e.parameters)
	}
	name, scheme := securityScheme(f.API.Auth)
	if scheme != nil {
		schemes := mapping()
		set(schemes, name, scheme)
		set(components, "securitySchemes", schemes)
	}
	set(doc, "components", components)
	if scheme != nil {
		req := mapping()
		set(req, name, sequence())
		set(doc, "security", sequence(req))
	}
	if tags := e.tags(); len(tags.Content) > 0 {
		set(doc, "tags", tags)
	}
	e.apiExtensions(doc)
	return doc
}

// info holds the package: OpenAPI's title and description, and the Go
// package's name, path and initialisms in x-sessiongen-package. The
// format has no API version; info.version (required) says the format's.
func (e *exporter) info() *yaml.Node {
	f := e.f
	info := mapping()
	set(info, "title", str(f.Package.Name))
	set(info, "version", str(fmt.Sprint(f.Version)))
	setStr(info, "description", f.API.Description)
	pkg := mapping()
	set(pkg, "name", str(f.Package.Name))
	set(pkg, "path", str(f.Package.Path))
	setStr(pkg, "description", f.Package.Description)
	if len(f.Package.Initialisms) > 0 {
		set(pkg, "initialisms", strs(f.Package.Initialisms))
	}
	set(info, "x-sessiongen-package", pkg)
	return info
}

// securityScheme is the components/securitySchemes entry of auth, and its
// key; nil when the API declares no scheme.
func securityScheme(a schema.Auth) (string, *yaml.Node) {
	s := mapping()
	switch a.Scheme {
	case schema.AuthBearer:
		set(s, "type", str("http"))
		set(s, "scheme", str("bearer"))
		return "bearerAuth", s
	case schema.AuthBasic:
		set(s, "type", str("http"))
		set(s, "scheme", str("basic"))
		// The names the generated client gives the two credentials.
		setStr(s, "x-sessiongen-username", a.Username)
		setStr(s, "x-sessiongen-password", a.Password)
		return "basicAuth", s
	case schema.AuthAPIKey:
		set(s, "type", str("apiKey"))
		set(s, "in", str("header"))
		set(s, "name", str(a.Header))
		return "apiKeyAuth", s
	}
	return "", nil
}

// tags are the resources: one tag each, grouping its operations, with
// what the format says of the resource itself in x-sessiongen-resource.
func (e *exporter) tags() *yaml.Node {
	tags := sequence()
	for _, r := range e.f.Resources {
		tag := mapping()
		set(tag, "name", str(r.Name))
		setStr(tag, "description", r.Description)
		res := mapping()
		if r.Type != nil {
			set(res, "type", str(r.Type.Name))
		}
		if r.Parent != nil {
			set(res, "parent", str(r.Parent.Name))
		}
		set(res, "path", str(r.Path))
		if len(r.Params) > 0 {
			params := sequence()
			for _, p := range r.Params {
				params.Content = append(params.Content, e.paramRef(e.resourceParam(r, p)))
			}
			set(res, "params", params)
		}
		if d := defaults(r.Defaults); d != nil {
			set(res, "defaults", d)
		}
		set(tag, "x-sessiongen-resource", res)
		tags.Content = append(tags.Content, tag)
	}
	return tags
}

// apiExtensions are the API's wire conventions OpenAPI has no word for,
// as document extensions.
func (e *exporter) apiExtensions(doc *yaml.Node) {
	api := e.f.API
	set(doc, "x-sessiongen-version", integer(e.f.Version))
	if len(e.f.Imports) > 0 {
		imports := sequence()
		for _, im := range e.f.Imports {
			m := mapping()
			set(m, "schema", str(im.Schema))
			set(m, "as", str(im.As))
			imports.Content = append(imports.Content, m)
		}
		set(doc, "x-sessiongen-imports", imports)
	}
	if api.Encoding != "" {
		set(doc, "x-sessiongen-encoding", str(string(api.Encoding)))
	}
	if p := e.paging(); p != nil {
		set(doc, "x-sessiongen-paging", p)
	}
	setStr(doc, "x-sessiongen-discriminator", api.Discriminator)
	if len(api.RetryNotProcessed) > 0 {
		retry := mapping()
		set(retry, "notProcessed", ints(api.RetryNotProcessed))
		set(doc, "x-sessiongen-retry", retry)
	}
	setStr(doc, "x-sessiongen-idempotencyHeader", api.IdempotencyHeader)
	if len(api.RequestIDHeaders) > 0 {
		set(doc, "x-sessiongen-requestIdHeaders", strs(api.RequestIDHeaders))
	}
}
