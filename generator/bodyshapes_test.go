package generator_test

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sessiongen/sessiongen/generator"
)

// TestBodyShapesAtRuntime runs the body-shapes case's generated package
// against a recording server: a create without its requiredOnCreate label is
// a *ValidationError and sends nothing; a create with it is sent; an update
// sends exactly the fields set (null included, nested patch).
func TestBodyShapesAtRuntime(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go run")
	}
	files := generateCase(t, filepath.Join(casesDir, "body-shapes", "schema.yaml"), false)
	main := `package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"example.com/golden/bodyshapes"
)

func main() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		fmt.Printf("sent %s %s\n", r.Method, b)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(` + "`" + `{"id":"t1","name":"n"}` + "`" + `))
	}))
	defer srv.Close()
	token := func(context.Context) (string, error) { return "tok", nil }
	c, err := bodyshapes.NewClient(bodyshapes.WithBaseURL(srv.URL), bodyshapes.WithTokenSource(token))
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	_, err = c.Things.Create(ctx, &bodyshapes.Thing{Name: "n"})
	var ve *bodyshapes.ValidationError
	fmt.Printf("create without label: %v %v\n", errors.As(err, &ve), err)
	_, err = c.Things.Create(ctx, &bodyshapes.Thing{Name: "n", Label: bodyshapes.Some("l")})
	fmt.Printf("create with label: %v\n", err)
	_, err = c.Things.Update(ctx, "t1", &bodyshapes.ThingUpdate{
		Size:  bodyshapes.Some[int32](0),
		Inner: bodyshapes.Null[bodyshapes.InnerUpdate](),
		Node:  bodyshapes.Some(bodyshapes.NodeUpdate{Label: bodyshapes.Some("x")}),
	})
	fmt.Printf("update: %v\n", err)
	_, err = c.Things.Update(ctx, "t1", &bodyshapes.ThingUpdate{})
	fmt.Printf("empty update: %v\n", err)
}
`
	files = append(files, generator.File{Path: "cmd/run/main.go", Content: []byte(main)})
	dir := hstBuildAndVet(t, files)
	if t.Failed() {
		return
	}
	cmd := exec.Command("go", "run", "./cmd/run")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatal(err)
	}
	want := strings.Join([]string{
		`create without label: true validation failed: label: is required (required)`,
		`sent POST {"name":"n","label":"l"}`,
		`create with label: <nil>`,
		`sent PATCH {"size":0,"inner":null,"node":{"label":"x"}}`,
		`update: <nil>`,
		`sent PATCH {}`,
		`empty update: <nil>`,
	}, "\n") + "\n"
	if string(out) != want {
		t.Errorf("the program printed\n%s\nwant\n%s", out, want)
	}
}
