package schema_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sessiongen/sessiongen/schema"
)

// TestHTTPDeclarationsModel loads README's annotated example and checks
// that each HTTP declaration reaches the model where the generator will
// read it.
func TestHTTPDeclarationsModel(t *testing.T) {
	f, err := schema.Parse("README.md", readmeExample(t))
	require.NoError(t, err)
	assert.Equal(t, []string{"PSTN"}, f.Package.Initialisms)

	a := f.API
	assert.Equal(t, []string{"X-Request-Id"}, a.RequestIDHeaders)
	require.Len(t, a.Headers, 1)
	assert.Equal(t, "Prefer", a.Headers[0].Name)
	assert.Equal(t, schema.KindArray, a.Headers[0].Type.Kind)

	require.NotNil(t, a.Errors, "the shape without status is API.Errors")
	assert.Equal(t, "ErrorBody", a.Errors.Type.Name)
	assert.Empty(t, a.Errors.Statuses)
	require.Len(t, a.ErrorsByStatus, 1)
	assert.Equal(t, []int{422}, a.ErrorsByStatus[0].Statuses)
	assert.Equal(t, "ValidationProblem", a.ErrorsByStatus[0].Type.Target.Name)

	p := a.Pagination
	require.Len(t, p.Metadata, 1)
	assert.Equal(t, "total", p.Metadata[0].Name)
	assert.Equal(t, schema.JSONPath{"meta", "total"}, p.Metadata[0].Path)
	assert.Equal(t, schema.KindInt64, p.Metadata[0].Kind)
	assert.Equal(t, "participants@next", p.ExpandedNextLinkMember("participants"))

	types := map[string]*schema.Type{}
	for _, ty := range f.Types {
		types[ty.Name] = ty
	}
	prop := func(typ, name string) *schema.Property {
		for _, p := range types[typ].Properties {
			if p.Name == name {
				return p
			}
		}
		t.Fatalf("no property %s.%s", typ, name)
		return nil
	}
	assert.True(t, prop("Participant", "name").RequiredOnCreate)
	assert.False(t, prop("Participant", "name").Required, "requiredOnCreate leaves required alone")
	assert.True(t, prop("Meeting", "pstnNumber").CreateOnly)

	methods := map[string]*schema.Method{}
	for _, r := range f.Resources {
		for _, m := range r.Methods {
			methods[r.Name+"."+m.Name] = m
		}
	}
	create := methods["meetings.create"]
	assert.Equal(t, []int{201}, create.Statuses)
	require.Len(t, create.ResponseHeaders, 1)
	assert.Equal(t, "Location", create.ResponseHeaders[0].Name)
	assert.Equal(t, schema.KindURI, create.ResponseHeaders[0].Type.Kind)
	assert.Equal(t, schema.BodyFull, create.Body.Shape, "no shape written: the default")

	update := methods["meetings.update"]
	assert.Equal(t, schema.BodyUpdate, update.Body.Shape)
	require.Len(t, update.Headers, 1)
	assert.Equal(t, "If-Match", update.Headers[0].Name)
	assert.Equal(t, schema.BodyCreate, methods["participants.create"].Body.Shape)

	count := methods["meetings.count"].Response
	assert.Equal(t, schema.KindInt64, count.Text)
	assert.True(t, count.Binary, "a text body is bytes to a consumer that does not read Text")
	assert.Nil(t, count.Type)

	del := methods["meetings.delete"]
	assert.Equal(t, []int{204}, del.Statuses)
	assert.Nil(t, del.Response)
}

// TestHeadersOnlyResponse: a response with headers and no type declares no
// body: Method.Response stays nil, the headers are the method's.
func TestHeadersOnlyResponse(t *testing.T) {
	src := `sessiongen: 1
package: {name: demo, path: acme/demo}
api: {baseURL: https://api.example.com, auth: {scheme: bearer}}
types:
  T: {properties: {a: {type: string}}}
resources:
  ts:
    type: T
    path: /ts
    methods:
      export:
        http: POST
        path: /ts/export
        status: [202]
        response:
          headers:
            Location: {type: uri, required: true}
`
	f, err := schema.Parse("schema.yaml", []byte(src))
	require.NoError(t, err)
	m := f.Resources[0].Methods[0]
	assert.Nil(t, m.Response)
	assert.Equal(t, []int{202}, m.Statuses)
	require.Len(t, m.ResponseHeaders, 1)
	assert.True(t, m.ResponseHeaders[0].Required)
}

// TestOneErrorShapeUnchanged: api.errors written as one mapping, the form
// every schema before the list form used, loads as before: API.Errors for
// every status, nothing by status.
func TestOneErrorShapeUnchanged(t *testing.T) {
	for _, path := range bundled(t) {
		f, err := schema.Load(path)
		require.NoError(t, err)
		if len(f.Resources) == 0 {
			continue // types only (twilio-common.yaml, imported): no client, no errors
		}
		require.NotNil(t, f.API.Errors, path)
		assert.Empty(t, f.API.Errors.Statuses, path)
		if filepath.Base(path) == "syllable.yaml" {
			continue // the list form: TestSyllableErrorsByStatus
		}
		assert.Empty(t, f.API.ErrorsByStatus, path)
	}
}

// TestSyllableErrorsByStatus: Syllable's definition selects FastAPI's
// validation body for 422 and its HTTPException body for every other status.
func TestSyllableErrorsByStatus(t *testing.T) {
	f, err := schema.Load("apis/syllable.yaml")
	require.NoError(t, err)
	require.Len(t, f.API.ErrorsByStatus, 1)
	assert.Equal(t, []int{422}, f.API.ErrorsByStatus[0].Statuses)
	assert.Equal(t, "HTTPValidationError", f.API.ErrorsByStatus[0].Type.Name)
	assert.Equal(t, "HTTPError", f.API.Errors.Type.Name)
}

func bundled(t *testing.T) []string {
	t.Helper()
	paths, err := filepath.Glob("apis/*.yaml")
	require.NoError(t, err)
	require.NotEmpty(t, paths)
	return paths
}

func loadBundled(t *testing.T, name string) *schema.File {
	t.Helper()
	f, err := schema.Load(filepath.Join("apis", name))
	require.NoError(t, err)
	return f
}

func readPublished(t *testing.T, name string) map[string]any {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "published", name))
	require.NoError(t, err)
	var v map[string]any
	require.NoError(t, json.Unmarshal(data, &v))
	return v
}

// leaves returns the JSON paths of the scalar and null members of v, items
// member aside (a page's items are the resource's, not the envelope's).
func leaves(v map[string]any, items string) []schema.JSONPath {
	var out []schema.JSONPath
	var walk func(prefix schema.JSONPath, m map[string]any)
	walk = func(prefix schema.JSONPath, m map[string]any) {
		for k, x := range m {
			path := append(slices.Clone(prefix), k)
			if len(prefix) == 0 && k == items {
				continue
			}
			if sub, ok := x.(map[string]any); ok {
				walk(path, sub)
				continue
			}
			out = append(out, path)
		}
	}
	walk(nil, v)
	return out
}

// TestPublishedPageEnvelopesDeclared: every member of a published page's
// envelope is read by the bundled definition, as the next link, a total the
// pager uses or page metadata, so that nothing a page carries is dropped.
func TestPublishedPageEnvelopesDeclared(t *testing.T) {
	cases := []struct{ schema, page, items string }{
		{"msgraph-callrecords.yaml", "list-sessions.example1.response.json", "value"},
		{"twilio-proxy.yaml", "ListSession.readEmpty.200.response.json", "sessions"},
		{"twilio-proxy.yaml", "ListPhoneNumber.readFull.200.response.json", "phone_numbers"},
		{"syllable.yaml", "sessions-list.docs-example.200.response.json", "items"},
	}
	for _, c := range cases {
		t.Run(c.page, func(t *testing.T) {
			p := loadBundled(t, c.schema).API.Pagination
			require.NotNil(t, p)
			read := []schema.JSONPath{p.Next, p.TotalPages, p.TotalCount}
			for _, m := range p.Metadata {
				read = append(read, m.Path)
			}
			members := leaves(readPublished(t, c.page), c.items)
			require.NotEmpty(t, members)
			for _, member := range members {
				assert.True(t, slices.ContainsFunc(read, func(r schema.JSONPath) bool { return slices.Equal(r, member) }),
					"%s: member %v of the page is not read (next, totals or pagination.metadata)", c.page, member)
			}
		})
	}
}

// TestPublishedExpandedNextLinks: the members of Graph's published
// get-callrecord examples that callRecord does not declare are the next
// links of its expanded relationship arrays, as api.pagination.expandedNextLink
// names them, and the property-scoped @odata.context annotations, a format
// gap the definition's header records (decoders skip them).
func TestPublishedExpandedNextLinks(t *testing.T) {
	f := loadBundled(t, "msgraph-callrecords.yaml")
	var callRecord *schema.Type
	for _, ty := range f.Types {
		if ty.Name == "callRecord" {
			callRecord = ty
		}
	}
	require.NotNil(t, callRecord)
	declared := map[string]bool{"@odata.context": true, f.API.Discriminator: true}
	links := map[string]string{}
	for _, ty := range []*schema.Type{callRecord, callRecord.Base.Target} {
		for _, p := range ty.Properties {
			declared[p.Name] = true
			if p.Relationship && p.Type.Kind == schema.KindArray {
				links[f.API.Pagination.ExpandedNextLinkMember(p.Name)] = p.Name
			}
		}
	}
	for page, want := range map[string]string{
		"get-callrecord.example2-expand-sessions-segments.response.json": "sessions",
		"get-callrecord.example3-expand-participants_v2.response.json":   "participants_v2",
	} {
		var found []string
		for member := range readPublished(t, page) {
			switch {
			case declared[member]:
			case links[member] != "":
				found = append(found, links[member])
			default:
				assert.True(t, strings.HasSuffix(member, "@odata.context"), "%s: member %q is neither declared nor an expanded next link", page, member)
			}
		}
		assert.Equal(t, []string{want}, found, page)
	}
}
