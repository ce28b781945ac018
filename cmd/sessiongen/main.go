// Command sessiongen generates Go packages from sessiongen YAML schemas:
// typed structs, open enums, validators, reflection-free JSON codecs, HTTP
// clients and fakes that import the standard library only.
//
// Usage:
//
//	sessiongen [-o dir] [-check [-l]] [-prune] [schema.yaml ...]
//
// Each schema's package.path names its folder under the output root (-o):
// the run's package folders. A run reads, writes and removes files only in
// them, and there only the files whose header names the schema; every path
// is resolved inside the output root without following links out of it.
//
// With no schema arguments it generates the bundled set (schema/apis/*.yaml
// and testdata/conformance/schema.yaml) into generated/, with -prune: run it
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
	cfg.command = updateCommand(arg0, args)
	if err := cfg.execute(stdout); err != nil {
		if errors.Is(err, errStale) {
			return exitFail
		}
		fmt.Fprintln(stderr, err)
		return exitFail
	}
	return exitOK
}

// updateCommand is the invocation as typed without -check and -l: the
// command that brings the files up to date. The go command runs us from its
// build cache (go run, go tool), so that path is replaced by the command the
// user typed, as far as it can be told.
func updateCommand(arg0 string, args []string) []string {
	cmd := []string{invokedAs(arg0)}
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

// invokedAs guesses what was typed to run the binary at arg0.
func invokedAs(arg0 string) string {
	slash := filepath.ToSlash(arg0)
	switch {
	case strings.Contains(slash, "/go-build") && strings.Contains(slash, "/exe/"):
		return "go run " + commandPackage
	case strings.Contains(slash, "/go-build/") || strings.Contains(slash, "/tool/"):
		// go tool keeps the binaries it builds in the build cache.
		return "go tool sessiongen"
	}
	return shellQuote(arg0)
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
