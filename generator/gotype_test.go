package generator_test

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestGoTypeAtRuntime runs the gotype case's generated package in a module
// that holds the caller's packages (the case's _imports, each its own
// module by a replace): values of the caller's types decode through their
// UnmarshalJSON (its error at the member's path), re-encode unchanged
// through their MarshalJSON, are checked by their Validate at their path
// (property, items, map values), and a form field of such a type is sent
// as its JSON text.
func TestGoTypeAtRuntime(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go run")
	}
	caseDir := filepath.Join(casesDir, "gotype")
	files := generateCase(t, filepath.Join(caseDir, "schema.yaml"), false)
	dir := t.TempDir()
	gomod := "module example.com/golden\n\ngo 1.24\n\nrequire (\n\texample.com/acme/ids v0.0.0\n\texample.com/acme/money v0.0.0\n)\n\n" +
		"replace example.com/acme/ids => ./_acme/ids\n\nreplace example.com/acme/money => ./_acme/money\n"
	write := func(rel string, content []byte) {
		full := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, content, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", []byte(gomod))
	for _, pkg := range []string{"ids", "money"} {
		write("_acme/"+pkg+"/go.mod", []byte("module example.com/acme/"+pkg+"\n\ngo 1.24\n"))
		src, err := os.ReadFile(filepath.Join(caseDir, importsDir, "example.com", "acme", pkg, pkg+".go"))
		if err != nil {
			t.Fatal(err)
		}
		write("_acme/"+pkg+"/"+pkg+".go", src)
	}
	for _, f := range files {
		write(f.Path, f.Content)
	}
	write("cmd/run/main.go", []byte(`package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"example.com/golden/gotype"
)

const id = "KC0123456789abcdef0123456789abcdef"

func main() {
	in := []byte(`+"`"+`{"sid":"`+"`"+` + id + `+"`"+`","parent":null,"related":["`+"`"+` + id + `+"`"+`"],"by_region":{"eu":"`+"`"+` + id + `+"`"+`"},"amount":1234}`+"`"+`)
	var s gotype.Session
	fmt.Printf("decode: %v\n", json.Unmarshal(in, &s))
	out, err := json.Marshal(&s)
	fmt.Printf("unchanged: %v %v\n", err, string(out) == string(in))
	fmt.Printf("validate: %v\n", s.Validate())
	fmt.Printf("amount: %d\n", s.Amount.Or(0))

	bad := strings.Replace(string(in), `+"`"+`"related":["KC`+"`"+`, `+"`"+`"related":["XX`+"`"+`, 1)
	fmt.Printf("decode bad: %v\n", json.Unmarshal([]byte(bad), &s))
	short := strings.Replace(string(in), `+"`"+`"eu":"`+"`"+` + id, `+"`"+`"eu":"KC12`+"`"+`, 1)
	fmt.Printf("decode short: %v\n", json.Unmarshal([]byte(short), &s))
	fmt.Printf("validate short: %v\n", s.Validate())
	fmt.Printf("strict: %v\n", json.Unmarshal([]byte(`+"`"+`{"sid":null}`+"`"+`), &s))

	if err := json.Unmarshal(in, &s); err != nil {
		panic(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		fmt.Printf("sent %s %s\n", r.Method, b)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(in)
	}))
	defer srv.Close()
	token := func(context.Context) (string, error) { return "tok", nil }
	c, err := gotype.NewClient(gotype.WithBaseURL(srv.URL), gotype.WithTokenSource(token))
	if err != nil {
		panic(err)
	}
	got, err := c.Sessions.Create(context.Background(), &gotype.SessionsCreateRequest{Parent: gotype.Some(s.Sid)})
	fmt.Printf("create: %v %v\n", err, got != nil && got.Related[0] == s.Sid)
}
`))
	run := func(args ...string) []byte {
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
		out, err := cmd.CombinedOutput()
		var ee *exec.ExitError
		if err != nil && !errors.As(err, &ee) {
			t.Fatal(err)
		}
		if err != nil {
			t.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return out
	}
	run("vet", "./...")
	out := run("run", "./cmd/run")
	want := strings.Join([]string{
		`decode: <nil>`,
		`unchanged: <nil> true`,
		`validate: <nil>`,
		`amount: 1234`,
		// UnmarshalJSON's error, at the value's path and offset.
		`decode bad: json: related[0]: a session id starts with KC at offset 69`,
		`decode short: <nil>`,
		`validate short: validation failed: by_region.eu: want 32 hex digits after KC (goType)`,
		`strict: json: sid: null is not allowed here at offset 7`,
		`sent POST Parent=%22KC0123456789abcdef0123456789abcdef%22`,
		`create: <nil> true`,
	}, "\n") + "\n"
	if string(out) != want {
		t.Errorf("the program printed\n%s\nwant\n%s", out, want)
	}
}
