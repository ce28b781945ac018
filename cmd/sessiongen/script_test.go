package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestScripts runs the user journeys in testdata/script/*.txtar: each
// script works in a fresh folder, with sessiongen on $PATH (this test binary
// under that name) and the go command using this machine's module and build
// caches and its GOPROXY: sessiongen itself always comes from this checkout
// (a replace directive), but `go mod tidy` in a downstream module may need
// go.mod files of test-only dependencies that `go test ./...` never fetched
// (on CI's fresh machine golang.org/x/sys was one). $REPO is this module's root.
//
// Scripts that build or vet Go code skip with -short.
func TestScripts(t *testing.T) {
	repo, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	goEnv := map[string]string{}
	for _, name := range []string{"GOCACHE", "GOMODCACHE", "GOPATH", "GOROOT", "GOPROXY"} {
		out, err := exec.Command("go", "env", name).Output()
		if err != nil {
			t.Fatalf("go env %s: %v", name, err)
		}
		goEnv[name] = strings.TrimSpace(string(out))
	}
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("testdata", "script"),
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			env.Setenv("REPO", repo)
			for name, v := range goEnv {
				env.Setenv(name, v)
			}
			env.Setenv("GOSUMDB", "off")
			env.Setenv("GOTOOLCHAIN", "local")
			env.Setenv("GOFLAGS", "-buildvcs=false")
			env.Setenv("GOENV", "off")
			return nil
		},
		Condition: func(cond string) (bool, error) {
			switch cond {
			case "root":
				// Permissions do not stop root's writes.
				return os.Geteuid() == 0, nil
			}
			return false, nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"replace": cmdReplace,
			"openapi": cmdOpenAPI,
		},
	})
}

// cmdReplace edits a file as a person would: replace FILE OLD NEW replaces
// the first OLD in FILE with NEW (\n in either stands for a newline).
func cmdReplace(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: replace FILE OLD NEW")
	}
	file := ts.MkAbs(args[0])
	old, new := strings.ReplaceAll(args[1], `\n`, "\n"), strings.ReplaceAll(args[2], `\n`, "\n")
	content, err := os.ReadFile(file)
	ts.Check(err)
	if !strings.Contains(string(content), old) {
		ts.Fatalf("%s does not contain %q", args[0], old)
	}
	ts.Check(os.WriteFile(file, []byte(strings.Replace(string(content), old, new, 1)), 0o644))
}
