// Command buildtimes reads the action graph that `go build
// -debug-actiongraph=FILE` writes and prints, for every package compiled
// whose import path starts with the given prefix, when its compile started
// (seconds from the first one), how long it took and the compiler's user
// CPU, in start order: which packages a build waits on, and which compile
// side by side.
//
//	go run ./testdata/bench/buildtimes FILE example.com/large/
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"
)

// action is the part of one go command action that is read.
type action struct {
	Mode      string
	Package   string
	TimeStart time.Time
	TimeDone  time.Time
	CmdUser   time.Duration // the compiler's user CPU, nanoseconds
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: buildtimes ACTIONGRAPH.json IMPORT-PATH-PREFIX")
		os.Exit(2)
	}
	raw, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var all []action
	if err := json.Unmarshal(raw, &all); err != nil {
		fmt.Fprintln(os.Stderr, "buildtimes:", err)
		os.Exit(1)
	}
	var built []action
	for _, a := range all {
		if a.Mode == "build" && strings.HasPrefix(a.Package, os.Args[2]) && !a.TimeStart.IsZero() && !a.TimeDone.IsZero() {
			built = append(built, a)
		}
	}
	if len(built) == 0 {
		fmt.Fprintln(os.Stderr, "buildtimes: no package under", os.Args[2], "was compiled")
		os.Exit(1)
	}
	slices.SortFunc(built, func(a, b action) int { return a.TimeStart.Compare(b.TimeStart) })
	first := built[0].TimeStart
	for _, a := range built {
		fmt.Printf("  compile at %6.1f s: %6.1f s wall, %6.1f s CPU  %s\n",
			a.TimeStart.Sub(first).Seconds(), a.TimeDone.Sub(a.TimeStart).Seconds(), a.CmdUser.Seconds(), a.Package)
	}
}
