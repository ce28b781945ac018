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

// TestInlineEnumsAtRuntime runs the inline-enums case's generated package:
// inline enums (on a property, on items, on map values, on a request
// field) decode strictly, re-encode unchanged, are checked by Validate as
// closed or open, keep their default, and are form-encoded like named enums;
// per-value goNames name the constants.
func TestInlineEnumsAtRuntime(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go run")
	}
	files := generateCase(t, filepath.Join(casesDir, "inline-enums", "schema.yaml"), false)
	main := `package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"example.com/golden/inlineenums"
)

func main() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		fmt.Printf("sent %s %s\n", r.Method, b)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(` + "`" + `{"sid":"s1","status":"in-progress","mode":"voice-only"}` + "`" + `))
	}))
	defer srv.Close()
	token := func(context.Context) (string, error) { return "tok", nil }
	c, err := inlineenums.NewClient(inlineenums.WithBaseURL(srv.URL), inlineenums.WithTokenSource(token))
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	s, err := c.Sessions.Create(ctx, &inlineenums.SessionsCreateRequest{
		Mode: inlineenums.Some(inlineenums.SessionModeMessageOnly), Priority: inlineenums.SessionsCreatePriorityHigh})
	fmt.Printf("create: %v %s %s\n", err, s.Status, s.Mode.Or(""))
	_, err = c.Sessions.Create(ctx, &inlineenums.SessionsCreateRequest{Priority: "urgent"})
	fmt.Printf("create urgent: %v\n", err)

	in := []byte(` + "`" + `{"sid":"s2","status":"paused","channels":["sms","fax"],"votes":{"a":"+1","b":"-1"},"fallback_mode":"voice-only","kind":"b"}` + "`" + `)
	var got inlineenums.Session
	fmt.Printf("decode: %v\n", json.Unmarshal(in, &got))
	out, _ := json.Marshal(&got)
	fmt.Printf("unchanged: %v\n", string(out) == string(in))
	fmt.Printf("validate: %v\n", got.Validate())
	fmt.Printf("votes: %v %v %v\n", got.Votes["a"] == inlineenums.SessionVotesUp, got.Votes["b"] == inlineenums.SessionVotesDown, got.Kind.Or("") == inlineenums.SessionFlavorB)
	fmt.Printf("status known: %v, sentinel: %s\n", got.Status.IsKnown(), inlineenums.SessionStatusUnknown)
	fmt.Printf("strict: %v\n", json.Unmarshal([]byte(` + "`" + `{"sid":"s","status":1}` + "`" + `), &got))
	fmt.Printf("values: %v\n", inlineenums.SessionModeValues())
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
		`sent POST Mode=message-only&Priority=high`,
		`create: <nil> in-progress voice-only`,
		`create urgent: validation failed: Priority: unknown value "urgent" (enum)`,
		`decode: <nil>`,
		`unchanged: true`,
		`validate: validation failed: channels[1]: unknown value "fax" (enum)`,
		`votes: true true true`,
		`status known: false, sentinel: unknown`,
		`strict: json: status: expected string, found number at offset 20`,
		`values: [message-only voice-only voice-and-message]`,
	}, "\n") + "\n"
	if string(out) != want {
		t.Errorf("the program printed\n%s\nwant\n%s", out, want)
	}
}
