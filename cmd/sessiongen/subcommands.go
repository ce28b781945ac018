package main

import (
	"fmt"
	"io"
	"maps"
	"slices"
)

// A subcommand is one of the command's verbs besides generating:
// sessiongen <name> [flags] [args]. A first argument that names one is the
// verb; anything else (a flag, a schema path) is a generating run as before.
type subcommand struct {
	// summary is the one line sessiongen help prints for it.
	summary string
	// run is the verb with the arguments after its name; it returns the
	// exit status. Asked for -h, it prints its usage to stdout and returns 0.
	run func(args []string, stdout, stderr io.Writer) int
}

// subcommands are the verbs, by name. Each lives in a file of its own
// (cmd_<name>.go) and adds one entry here.
func subcommands() map[string]subcommand {
	return map[string]subcommand{
		"docs":     {summary: "write Markdown reference pages (a page per resource and per type) from schemas", run: runDocs},
		"breaking": {summary: "report changes that break the wire or the Go API against an old version (git revision, file, folder)", run: runBreaking},
		"export":   exportCommand(),
		"import":   importCommand(),
	}
}

// runSubcommand runs the verb args[0] names, or reports ok == false when
// args[0] names none. help, help <verb> and <verb> -h describe the verbs.
func runSubcommand(args []string, stdout, stderr io.Writer) (status int, ok bool) {
	if len(args) == 0 {
		return 0, false
	}
	verbs := subcommands()
	if args[0] == "help" {
		if len(args) > 1 {
			verb, found := verbs[args[1]]
			if !found {
				fmt.Fprintf(stderr, "sessiongen help: unknown command %q\n", args[1])
				return exitUsage, true
			}
			return verb.run([]string{"-h"}, stdout, stderr), true
		}
		fmt.Fprintln(stdout, usageLine)
		fmt.Fprintln(stdout, "\nWithout a command it generates Go packages (sessiongen -h for its flags). Commands:")
		for _, name := range slices.Sorted(maps.Keys(verbs)) {
			fmt.Fprintf(stdout, "\n  %-10s %s", name, verbs[name].summary)
		}
		fmt.Fprintln(stdout, "\n\nsessiongen help <command> describes one.")
		return exitOK, true
	}
	verb, found := verbs[args[0]]
	if !found {
		return 0, false
	}
	return verb.run(args[1:], stdout, stderr), true
}
