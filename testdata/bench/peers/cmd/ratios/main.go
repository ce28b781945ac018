// Command ratios reads the peers module's `go test -bench` output (files
// named on the command line) and prints, per operation and payload,
// sessiongen's median time against the fastest peer's and encoding/json's,
// with the targets marked met or not.
//
// Ratios are of medians; the interval beside each is the conservative
// bound from benchstat's 95% confidence intervals of the two medians
// (sessiongen's low / the peer's high, sessiongen's high / the peer's low).
// A ratio below 1 means sessiongen is faster.
//
//	go run ./cmd/ratios run1.txt run2.txt
package main

import (
	"fmt"
	"math"
	"os"
	"slices"
	"strings"

	"golang.org/x/perf/benchfmt"
	"golang.org/x/perf/benchmath"
)

const ours = "sessiongen"

// key identifies one benchmark: Decode/Marshal/Append/Validate, payload, peer.
type key struct{ op, payload, peer string }

func main() {
	values := map[key]map[string][]float64{} // by unit
	var rows [][2]string                     // op, payload in first-seen order
	seen := map[[2]string]bool{}
	for _, file := range os.Args[1:] {
		f, err := os.Open(file)
		if err != nil {
			fatal(err)
		}
		r := benchfmt.NewReader(f, file)
		for r.Scan() {
			res, ok := r.Result().(*benchfmt.Result)
			if !ok {
				continue
			}
			base, parts := res.Name.Parts()
			k := key{op: string(base)}
			for _, p := range parts {
				name, value, _ := strings.Cut(strings.TrimPrefix(string(p), "/"), "=")
				switch name {
				case "payload":
					k.payload = value
				case "peer":
					k.peer = value
				}
			}
			if k.payload == "" || k.peer == "" {
				continue
			}
			if !seen[[2]string{k.op, k.payload}] {
				seen[[2]string{k.op, k.payload}] = true
				rows = append(rows, [2]string{k.op, k.payload})
			}
			if values[k] == nil {
				values[k] = map[string][]float64{}
			}
			for _, v := range res.Values {
				values[k][v.Unit] = append(values[k][v.Unit], v.Value)
			}
		}
		if err := r.Err(); err != nil {
			fatal(err)
		}
		f.Close()
	}
	// One table per operation, payloads in the order first seen.
	opOrder := []string{"Decode", "Marshal", "Append", "Validate"}
	slices.SortStableFunc(rows, func(a, b [2]string) int {
		return slices.Index(opOrder, a[0]) - slices.Index(opOrder, b[0])
	})
	summary := func(k key, unit string) (benchmath.Summary, bool) {
		vs := values[k][unit]
		if len(vs) == 0 {
			return benchmath.Summary{}, false
		}
		return benchmath.AssumeNothing.Summary(benchmath.NewSample(vs, &benchmath.DefaultThresholds), 0.95), true
	}
	peersOf := func(op, payload string) []string {
		var names []string
		for k := range values {
			if k.op == op && k.payload == payload {
				names = append(names, k.peer)
			}
		}
		slices.Sort(names)
		return names
	}

	op := ""
	for _, row := range rows {
		if row[0] != op {
			op = row[0]
			fmt.Printf("\n%s (time: sessiongen / peer, median [95%% bound]; < 1 = sessiongen faster)\n", op)
			fmt.Printf("%-26s %12s  %-30s  %-24s  %s\n", "payload", "sessiongen", "fastest peer", "vs encoding-json", "target")
		}
		self := key{row[0], row[1], ours}
		st, ok := summary(self, "sec/op")
		if !ok {
			continue
		}
		// The fastest peer; for Marshal the target names goccy.
		var best string
		var bt benchmath.Summary
		for _, p := range peersOf(row[0], row[1]) {
			if p == ours {
				continue
			}
			s, _ := summary(key{row[0], row[1], p}, "sec/op")
			if best == "" || s.Center < bt.Center {
				best, bt = p, s
			}
		}
		fastest := "-"
		if best != "" {
			fastest = fmt.Sprintf("%s %s", best, ratio(st, bt))
		}
		vsStd := "-"
		if s, ok := summary(key{row[0], row[1], "encoding-json"}, "sec/op"); ok {
			vsStd = ratio(st, s)
		}
		fmt.Printf("%-26s %12s  %-30s  %-24s  %s\n", row[1], duration(st.Center), fastest, vsStd, target(row[0], row[1], st, bt, summary))
	}
}

// target marks the target for one row.
func target(op, payload string, st, best benchmath.Summary, summary func(key, string) (benchmath.Summary, bool)) string {
	self := key{op, payload, ours}
	allocs, _ := summary(self, "allocs/op")
	switch op {
	case "Decode":
		return mark(st.Center <= 0.8*best.Center, fmt.Sprintf("<= 0.8x fastest: %.2fx", st.Center/best.Center))
	case "Marshal":
		g, ok := summary(key{op, payload, "goccy"}, "sec/op")
		if !ok {
			return "no goccy figure"
		}
		b, _ := summary(self, "B/op")
		out, _ := summary(self, "out-B")
		// Go rounds an allocation up to its size class (at most 12.5%
		// above the request) or, above 32 KiB, to whole 8 KiB pages: any
		// Marshal pays that for its output. The constant is 64 bytes.
		sized := b.Center <= max(out.Center*1.125, math.Ceil(out.Center/8192)*8192)+64
		return mark(st.Center <= 0.8*g.Center, fmt.Sprintf("<= 0.8x goccy: %.2fx", st.Center/g.Center)) + "; " +
			mark(sized, fmt.Sprintf("B/op %.0f for %.0f out", b.Center, out.Center))
	case "Append", "Validate":
		return mark(allocs.Center == 0, fmt.Sprintf("0 allocs: %.0f", allocs.Center))
	}
	return ""
}

func mark(ok bool, s string) string {
	if ok {
		return "met (" + s + ")"
	}
	return "NOT met (" + s + ")"
}

// ratio formats a/b with the conservative bound of their intervals.
func ratio(a, b benchmath.Summary) string {
	lo, hi := a.Lo/b.Hi, a.Hi/b.Lo
	if math.IsInf(hi, 0) || math.IsNaN(hi) {
		return fmt.Sprintf("%.2f", a.Center/b.Center)
	}
	return fmt.Sprintf("%.2f [%.2f-%.2f]", a.Center/b.Center, lo, hi)
}

func duration(sec float64) string {
	switch {
	case sec < 1e-6:
		return fmt.Sprintf("%.0f ns", sec*1e9)
	case sec < 1e-3:
		return fmt.Sprintf("%.1f us", sec*1e6)
	}
	return fmt.Sprintf("%.2f ms", sec*1e3)
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "ratios:", err)
	os.Exit(1)
}
