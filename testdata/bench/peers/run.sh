#!/usr/bin/env bash
# Measures the generated codecs against encoding/json, encoding/json/v2,
# easyjson, goccy/go-json and sonic on the same mirror structs and the 12
# bench payloads, and prints the ratios to the fastest peer (cmd/ratios) and
# benchstat's medians with 95% confidence intervals. Needs only Go and the
# module proxy. From anywhere:
#
#   bash testdata/bench/peers/run.sh            # COUNT=6 BENCHTIME=100ms by default
#
# GOEXPERIMENT=jsonv2 also reimplements encoding/json v1 on top of v2, so
# json/v2 runs in a second test binary; the two binaries run alternately,
# one -count at a time, so that every library is measured over the same
# stretch of the (noisy) machine's time. Raw results stay in $OUT.
set -euo pipefail
cd "$(dirname "$0")"
count=${COUNT:-6}
benchtime=${BENCHTIME:-100ms}
out=${OUT:-$(mktemp -d)}
mkdir -p "$out"
pkgs=(graph syllable twilio)
for p in "${pkgs[@]}"; do
	go test -c -o "$out/$p.test" "./$p"
	GOEXPERIMENT=jsonv2 go test -c -o "$out/$p.v2.test" "./$p"
done
: >"$out/bench.txt"
for round in $(seq "$count"); do
	echo "round $round of $count" >&2
	for p in "${pkgs[@]}"; do
		for bin in "$p.test" "$p.v2.test"; do
			(cd "$p" && "$out/$bin" -test.run=NONE -test.bench=. -test.benchmem \
				-test.benchtime="$benchtime" -test.count=1) >>"$out/bench.txt"
		done
	done
done
go run ./cmd/ratios "$out/bench.txt"
echo
go run golang.org/x/perf/cmd/benchstat -col /peer -row .name,/payload "$out/bench.txt"
echo "raw results: $out/bench.txt" >&2
