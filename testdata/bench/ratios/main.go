// Command ratios reads `go test -bench` output of the generated packages'
// codec benchmarks on stdin and prints, per payload, how many times faster
// the generated code is than encoding/json: the ratio of the fastest runs
// of each side, the median ratio of runs made back to back, and the
// allocation ratio, as the README's Performance table reports them.
//
//	go test -run=NONE -bench='Decode|Encode' -benchmem -benchtime=100ms -count=10 ./generated/... | go run ./testdata/bench/ratios
package main

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
)

// line matches one result: BenchmarkDecode/<payload>/<side>-N  iters  ns/op ... allocs/op.
var line = regexp.MustCompile(`^Benchmark(\w+)/(\S+)/(sessiongen|encoding-json)(?:-\d+)?\s+\d+\s+([\d.]+) ns/op.*?(\d+) allocs/op`)

type run struct {
	ns     float64
	allocs int
}

func main() {
	runs := map[[3]string][]run{}
	var order [][2]string
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		m := line.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		ns, _ := strconv.ParseFloat(m[4], 64)
		allocs, _ := strconv.Atoi(m[5])
		key := [3]string{m[1], m[2], m[3]}
		if m[3] == "sessiongen" && len(runs[key]) == 0 {
			order = append(order, [2]string{m[1], m[2]})
		}
		runs[key] = append(runs[key], run{ns, allocs})
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "ratios:", err)
		os.Exit(1)
	}
	fmt.Printf("%-7s %-28s %12s %14s %12s\n", "", "payload", "fastest", "median pair", "allocs")
	for _, k := range order {
		ours, theirs := runs[[3]string{k[0], k[1], "sessiongen"}], runs[[3]string{k[0], k[1], "encoding-json"}]
		if len(theirs) == 0 {
			continue
		}
		var pairs []float64
		for i := range min(len(ours), len(theirs)) {
			pairs = append(pairs, theirs[i].ns/ours[i].ns)
		}
		slices.Sort(pairs)
		allocs := "0"
		if ours[0].allocs > 0 && theirs[0].allocs > 0 {
			allocs = fmt.Sprintf("%.2fx", float64(ours[0].allocs)/float64(theirs[0].allocs))
		}
		fmt.Printf("%-7s %-28s %11.1fx %13.1fx %12s\n", k[0], k[1], fastest(theirs)/fastest(ours), pairs[len(pairs)/2], allocs)
	}
}

func fastest(rs []run) float64 {
	best := rs[0].ns
	for _, r := range rs[1:] {
		best = min(best, r.ns)
	}
	return best
}
