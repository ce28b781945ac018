package openapi

import (
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sessiongen/sessiongen/generator"
	"github.com/sessiongen/sessiongen/schema"
)

// TestImportRealWorldShapes pins, one by one, the shapes of real specs that
// the importer once refused ("the imported schema does not load"), found by
// importing all 55 twilio-oai specs: a $ref with sibling keywords, allOf
// without a discriminator, Twilio's range filters, two names of one Go
// name, a required property with a default, a method named like a child
// resource's accessor, a body type other than the resource's.
func TestImportRealWorldShapes(t *testing.T) {
	res := importFile(t, "shapes-openapi.yaml", Options{})
	f, err := schema.Parse("shapes.yaml", res.YAML)
	require.NoError(t, err)
	types := typesByName(f)
	props := func(typ string) map[string]*schema.Property {
		out := map[string]*schema.Property{}
		require.NotNil(t, types[typ], "type %s", typ)
		for _, p := range types[typ].Properties {
			out[p.Name] = p
		}
		return out
	}

	// {description, $ref}: the referenced type, with the description.
	job := props("job")
	require.NotNil(t, job["kind"])
	assert.Equal(t, "kind", job["kind"].Type.Ref.Name)
	assert.Equal(t, "How often the job runs.", job["kind"].Description)
	assert.Equal(t, "policy", props("create_knowledge_request")["policy"].Type.Ref.Name)
	for name := range types {
		assert.False(t, strings.HasSuffix(name, "Policy"), "no type %s made for a $ref with siblings", name)
	}

	// allOf without a discriminator: composition.
	knowledge := types["knowledge"]
	assert.Nil(t, knowledge.Base, "no base without a discriminator")
	assert.ElementsMatch(t, []string{"id", "date_created", "name", "policy"}, keys(props("knowledge")))

	// A required property's default is dropped; two names of one Go name
	// keep the first.
	policy := props("policy")
	assert.True(t, policy["enabled"].Required)
	assert.Nil(t, policy["enabled"].Default)
	assert.ElementsMatch(t, []string{"enabled", "fooBar"}, keys(policy))

	var exports, jobs *schema.Resource
	for _, r := range f.Resources {
		switch r.Name {
		case "exports":
			exports = r
		case "jobs":
			jobs = r
		}
	}
	require.NotNil(t, exports)
	require.NotNil(t, jobs)
	var query []string
	for _, q := range jobs.Methods[0].Query {
		query = append(query, q.Name)
	}
	assert.Equal(t, []string{"PageSize", "StartTime<", "StartTime>", "Kind"}, query, "page_size has PageSize's Go name; StartTime< and > are StartTimeBefore and After")
	assert.Equal(t, "kind", jobs.Methods[0].Query[3].Type.Items.Ref.Name, "array items {type: string, $ref: enum}")
	for _, m := range exports.Methods {
		assert.NotEqual(t, "jobs", m.Name, "the child resource's accessor is Jobs")
	}

	for _, want := range []string{
		"#/components/schemas/knowledge",
		"#/components/schemas/policy/properties/enabled/default",
		"#/components/schemas/policy/properties/foo_bar",
		"#/paths/~1v1~1Exports~1{ResourceType}~1Jobs/get/parameters/2",
	} {
		found := false
		for _, n := range res.Notes {
			found = found || n.Pointer == want
		}
		assert.True(t, found, "a note at %s", want)
	}
}

// TestImportTwilioSpecsBuild imports real twilio-oai specs (SOURCES.md)
// that each once failed to import, generate or build, and the shapes spec,
// generates every package into one module, with the shared runtime as the
// command writes it in a module (TestImportUnseenAPIBuilds walks the copied
// support), builds it and vets it: the fake servers included (a body type other than the resource's once left the
// fake calling a method the type lacks).
func TestImportTwilioSpecsBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds six generated packages")
	}
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/specs\n\ngo 1.24\n"), 0o644))
	for _, name := range []string{
		"twilio_assistants_v1.json", "twilio_bulkexports_v1.json", "twilio_knowledge_v1.json",
		"twilio_monitor_v2.json", "twilio_numbers_v3.json", "shapes-openapi.yaml",
	} {
		res := importFile(t, name, Options{})
		f, err := schema.Parse(name+".yaml", res.YAML)
		require.NoError(t, err)
		// Each package under a folder of its own: two specs may take one
		// package name from their titles.
		root := strings.TrimSuffix(strings.TrimSuffix(name, ".json"), ".yaml")
		files, err := generator.GenerateWith([]*schema.File{f}, generator.Options{ImportRoot: path.Join("example.com/specs", root), SharedRuntime: true})
		require.NoError(t, err, "%s: generate", name)
		for _, gf := range files {
			p := filepath.Join(dir, root, filepath.FromSlash(gf.Path))
			require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
			require.NoError(t, os.WriteFile(p, gf.Content, 0o644))
		}
	}
	buildAndVet(t, dir)
}

// buildAndVet runs go build and go vet over the module in dir.
func buildAndVet(t *testing.T, dir string) {
	t.Helper()
	for _, args := range [][]string{{"build", "./..."}, {"vet", "./..."}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local")
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "go %s:\n%s", strings.Join(args, " "), out)
	}
}
