// Command sessiongen generates Go packages from sessiongen YAML schemas:
// typed structs, open enums, validators, reflection-free JSON codecs, HTTP
// clients and fakes that import the standard library only.
//
// Usage:
//
//	sessiongen [-o dir] [-check [-l]] [-prune] [schema.yaml ...]
//	sessiongen help [command]
//
// Each schema's package.path names its folder under the output root (-o):
// the run's package folders. A run reads, writes and removes files only in
// them, and there only the files whose header names the schema; every path
// is resolved inside the output root without following links out of it.
//
// With no schema arguments it generates the bundled set (schema/apis/*.yaml
// and testdata/conformance/{schema,shared}.yaml) into generated/, with -prune: run it
// from the sessiongen module root (go run ./cmd/sessiongen).
//
// -prune says the schemas given are the full set: sessiongen files under the
// output root that they do not generate are removed too (never under
// vendor/, testdata/, or a folder with its own go.mod).
//
// Writes are all or nothing: every file is rendered in memory, every new or
// changed file is staged beside its target before any is replaced, and a
// failure part way is rolled back (or the files it could not restore are
// named). Unchanged files are not touched; folders left empty are removed.
//
// -check writes nothing: it prints a unified diff of every stale file, the
// path of every missing or extra one, a line per kind and the command to run,
// and exits 1 when anything is not current. -l prints only the paths.
//
// Exit status: 0 success, 1 schema errors or stale output, 2 usage errors.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
)

func main() {
	os.Exit(run(os.Args[0], os.Args[1:], os.Stdout, os.Stderr))
}

// exit codes
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

// errUsage marks errors that are the caller's invocation, not the schemas.
var errUsage = errors.New("usage")

// run is the command: arg0 is how it was invoked and args its arguments.
func run(arg0 string, args []string, stdout, stderr io.Writer) int {
	if status, ok := runSubcommand(args, stdout, stderr); ok {
		return status
	}
	cfg, err := parseFlags(args, stdout, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		if errors.Is(err, errUsage) {
			return exitUsage
		}
		fmt.Fprintln(stderr, "sessiongen:", err)
		return exitUsage
	}
	cfg.command = updateCommand(arg0, workModule(), buildVersion(), args)
	if err := cfg.execute(stdout, stderr); err != nil {
		if errors.Is(err, errStale) {
			return exitFail
		}
		fmt.Fprintln(stderr, err)
		return exitFail
	}
	return exitOK
}

// updateCommand is the invocation as typed without -check and -l: the
// command that brings the files up to date. workModule and version are
// passed to invokedAs.
func updateCommand(arg0, workModule, version string, args []string) []string {
	cmd := []string{invokedAs(arg0, workModule, version)}
	flags := true
	for i := 0; i < len(args); i++ {
		a := args[i]
		if flags && (a == "--" || !strings.HasPrefix(a, "-") || a == "-") {
			flags = false
		}
		if flags {
			name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
			switch {
			case name == "check" || name == "l":
				continue
			case name == "o" && !hasValue && i+1 < len(args):
				cmd = append(cmd, shellQuote(a), shellQuote(args[i+1]))
				i++
				continue
			}
		}
		cmd = append(cmd, shellQuote(a))
	}
	return cmd
}

// invokedAs tells what was typed to run the binary at arg0. The go command
// runs what go run and go tool build from a go-build folder (a temporary
// one the first time, the build cache after), a path that means nothing to
// the user. Which of the two it was follows from the module the command
// runs in (workModule): this one, go run; another one, go tool (the way
// README gives); none, go run at a version.
func invokedAs(arg0, workModule, version string) string {
	switch {
	case !strings.Contains(filepath.ToSlash(arg0), "/go-build"):
		return shellQuote(arg0)
	case workModule == modulePath:
		return "go run " + commandPackage
	case workModule != "":
		return "go tool sessiongen"
	case version != "" && version != "(devel)":
		return "go run " + commandPackage + "@" + version
	}
	return "go run " + commandPackage + "@latest"
}

// workModule returns the module path in the go.mod nearest above the
// working directory, or "" outside any module.
func workModule() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if data, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil {
			for line := range strings.Lines(string(data)) {
				if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "module "); ok {
					return strings.Trim(strings.TrimSpace(rest), `"`)
				}
			}
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// buildVersion is the version of the module this binary was built from.
func buildVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		return info.Main.Version
	}
	return ""
}

// commandPackage is this command's import path.
const commandPackage = modulePath + "/cmd/sessiongen"

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./=:,+@%", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
