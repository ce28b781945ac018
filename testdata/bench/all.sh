#!/usr/bin/env bash
# Reproduces every figure of the README's Performance section, from the
# module root:  bash testdata/bench/all.sh   (about 15 minutes; SYNTHETIC=1000
# also builds the 1,000-type package, three more minutes and 9 GB).
# Needs only Go; /usr/bin/time, when present, adds peak RSS to the builds.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$(mktemp -d)
echo "== codecs against encoding/json (fastest of 10; median of back-to-back pairs)"
go test -run=NONE -bench='Decode|Encode|Validate' -benchmem -benchtime=100ms -count=10 \
	./generated/msgraph/... ./generated/twilio/... ./generated/syllable/... | tee "$out/codecs.txt" | go run ./testdata/bench/ratios
echo "== Validate, ns/op (fastest of 10)"
grep '^BenchmarkValidate' "$out/codecs.txt" | awk '{ if (!($1 in best) || $3 < best[$1]) best[$1] = $3 } END { for (k in best) print k, best[k] }' | sort
echo "== generator: time, peak heap, lines per property"
go test -run=NONE -bench='BenchmarkGenerate/types=.*/generate$' -benchmem -count=3 -timeout=60m ./generator/ | grep '^Benchmark'
SESSIONGEN_MEASURE=1 go test -count=1 -run=TestGenerateMemory -v ./generator/ | grep 'bench_test'
SESSIONGEN_SYNTHETIC_TYPES=${SYNTHETIC:-250} SESSIONGEN_SYNTHETIC_OUT="$out/synth" go test -count=1 -run=TestWriteSynthetic -v ./generator/ | grep 'synthetic_test'
echo "== build cost (a fresh cache holding only the standard library)"
warm="$out/warm"
GOCACHE="$warm" go build std
timed() { if [ -x /usr/bin/time ]; then /usr/bin/time -f "%e s, %M KB max RSS" "$@"; else time "$@"; fi; }
prog="$out/buildgraph"
mkdir -p "$prog"
cp go.sum "$prog/"
printf 'module example.com/buildgraph\n\ngo 1.24\n\nrequire github.com/sessiongen/sessiongen v0.0.0\n\nreplace github.com/sessiongen/sessiongen => %s\n' "$PWD" >"$prog/go.mod"
printf 'package main\n\nimport (\n\t"fmt"\n\t"os"\n\n\tcr "github.com/sessiongen/sessiongen/generated/msgraph/callrecords"\n)\n\nfunc main() {\n\tdata, _ := os.ReadFile(os.Args[1])\n\tvar s cr.Session\n\tfmt.Println(s.UnmarshalJSON(data), s.Validate())\n}\n' >"$prog/main.go"
cp -a "$warm" "$out/c1"
echo "program importing the Graph package:"
(cd "$prog" && GOCACHE="$out/c1" timed go build -o /dev/null .)
cp -a "$warm" "$out/c2"
echo "the ${SYNTHETIC:-250}-type synthetic package:"
(cd "$out/synth" && GOCACHE="$out/c2" timed go build ./...)
rm -rf "$out"
