// Command sessiongen generates Go packages from sessiongen YAML schemas:
// typed structs, open enums, validators and reflection-free JSON codecs that
// import the standard library only.
//
// Usage:
//
//	sessiongen [-o dir] [-check] [schema.yaml ...]
//
// With no schema arguments it reads the bundled definitions in schema/apis
// and writes generated/ (run it from the module root: go run ./cmd/sessiongen).
// Each schema's package.path names its folder under the output root.
//
// Writes are all or nothing: every file is rendered in memory first, a file is
// rewritten only when its bytes change (through a temporary file and a
// rename), and generated files (those carrying the sessiongen header) that
// are no longer produced are removed. Nothing is written outside the output
// root.
//
// -check writes nothing: it compares what it would write with the disk,
// prints a unified diff of every stale, missing or extra file, and exits 1
// when there is any. CI runs it.
//
// Exit status: 0 success, 1 schema errors or stale output, 2 usage errors.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// exit codes
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

// errUsage marks errors that are the caller's invocation, not the schemas.
var errUsage = errors.New("usage")

func run(args []string, stdout, stderr io.Writer) int {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		if errors.Is(err, errUsage) {
			return exitUsage
		}
		fmt.Fprintln(stderr, "sessiongen:", err)
		return exitUsage
	}
	if err := cfg.execute(stdout, stderr); err != nil {
		if errors.Is(err, errStale) {
			return exitFail
		}
		fmt.Fprintln(stderr, err)
		return exitFail
	}
	return exitOK
}
