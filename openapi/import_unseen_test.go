package openapi

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sessiongen/sessiongen/generator"
	"github.com/sessiongen/sessiongen/schema"
)

// TestImportUnseenAPIBuilds imports a spec no other test has seen (a chat
// service written for this test), checks what it maps to, generates its
// package into a module of its own and builds and vets it.
func TestImportUnseenAPIBuilds(t *testing.T) {
	res := importFile(t, "chat-openapi.yaml", Options{})
	f, err := schema.Parse("chat.yaml", res.YAML)
	require.NoError(t, err)

	assert.Equal(t, "https://eu.chat.acme.example/v2", f.API.BaseURL, "server variables take their defaults")
	assert.Equal(t, schema.AuthBearer, f.API.Auth.Scheme)
	require.NotNil(t, f.API.Pagination)
	assert.Equal(t, schema.PaginationPageNumber, f.API.Pagination.Style)
	assert.Equal(t, "page", f.API.Pagination.PageParam)
	assert.Equal(t, "per_page", f.API.Pagination.SizeParam)
	assert.Equal(t, 1, f.API.Pagination.FirstPage, "the page parameter's minimum")
	assert.Equal(t, "kind", f.API.Discriminator)
	require.NotNil(t, f.API.Errors)
	assert.Equal(t, "Problem", f.API.Errors.Type.Name)

	types := typesByName(f)
	chat := types["Chat"]
	require.NotNil(t, chat)
	props := map[string]*schema.Property{}
	for _, p := range chat.Properties {
		props[p.Name] = p
	}
	assert.Equal(t, "id", chat.Key, "the property {chatId} names")
	assert.True(t, props["subject"].Nullable, "3.1 type [string, null]")
	assert.True(t, props["score"].Nullable, "anyOf with null")
	assert.True(t, props["id"].ReadOnly && props["id"].Required)
	assert.Equal(t, schema.KindMap, props["labels"].Type.Kind)
	assert.Equal(t, schema.KindUnion, props["ref"].Type.Kind)
	assert.Equal(t, "ChatCustomer", props["customer"].Type.Ref.Name, "inline object named after its place")
	assert.True(t, types["ChatCustomer"].Properties[0].PII, "x-twilio pii")
	assert.True(t, types["ChatStatus"].Open, "x-extensible-enum")
	assert.True(t, types["Message"].Abstract)
	assert.Equal(t, "text", types["TextMessage"].DiscriminatorValue)
	assert.Equal(t, "Message", types["ImageMessage"].Base.Name)

	methods := map[string]*schema.Method{}
	var chats *schema.Resource
	for _, r := range f.Resources {
		if r.Name == "chats" {
			chats = r
		}
	}
	require.NotNil(t, chats)
	for _, m := range chats.Methods {
		methods[m.Name] = m
	}
	assert.ElementsMatch(t, []string{"list", "create", "get", "update", "delete", "close", "transcript"}, keys(methods))
	assert.Equal(t, schema.EncodingForm, methods["close"].Body.Encoding)
	assert.True(t, methods["transcript"].Response.Binary)
	assert.Equal(t, []int{204}, methods["delete"].Statuses)
	assert.Equal(t, schema.BodyUpdate, methods["update"].Body.Shape)

	for _, want := range []string{
		"#/components/schemas/Chat/properties/secret/writeOnly",
		"#/components/schemas/Chat/properties/priority/exclusiveMinimum",
		"#/paths/~1chats/get/parameters/5",
		"#/paths/~1chats~1{chatId}~1messages/post/requestBody",
	} {
		found := false
		for _, n := range res.Notes {
			found = found || n.Pointer == want
		}
		assert.True(t, found, "a note at %s", want)
		assert.Contains(t, string(res.YAML), "("+want+")", "a comment naming %s", want)
	}

	files, err := generator.GenerateWith([]*schema.File{f}, generator.Options{ImportRoot: "example.com/chat"})
	require.NoError(t, err)
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/chat\n\ngo 1.24\n"), 0o644))
	for _, gf := range files {
		p := filepath.Join(dir, filepath.FromSlash(gf.Path))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, gf.Content, 0o644))
	}
	buildAndVet(t, dir)
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
