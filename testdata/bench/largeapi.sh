#!/usr/bin/env bash
# The large-API figures of the README's Performance section, from the module
# root:  bash testdata/bench/largeapi.sh
#
# For each layout in LAYOUTS ("types:packages", default "1000:1 1000:4
# 1000:8"), it writes the synthetic API's schemas (generator/synthetic_test.go,
# TestWriteSyntheticSchemas: part0 holds the first share of the types and
# every other package imports it), generates them with the built command into
# a fresh module, as a user's go:generate would, and builds that module with a
# build cache holding only the standard library. Printed per layout: the
# generation's wall time and peak RSS, and the build's wall time, CPU time and
# peak RSS (GNU time's "max RSS": the largest single process, which is the
# compiler of the largest package; the go command runs up to GOMAXPROCS
# compilers at once), then each package's compile: when it started, its wall
# time and the compiler's CPU (testdata/bench/buildtimes, from the go
# command's -debug-actiongraph), which shows what the build waits on. Needs
# only Go and /usr/bin/time (Debian package time).
set -euo pipefail
cd "$(dirname "$0")/../.."
layouts=${LAYOUTS:-"1000:1 1000:4 1000:8"}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
go build -o "$out/sessiongen" ./cmd/sessiongen
go build -o "$out/buildtimes" ./testdata/bench/buildtimes
warm="$out/warm"
GOCACHE="$warm" go build std
printf '%-8s %-9s %-22s %-34s\n' types packages "generate (wall, RSS)" "build (wall, CPU, max RSS)"
for layout in $layouts; do
	n=${layout%%:*} k=${layout##*:}
	dir="$out/$n-$k"
	mkdir -p "$dir/schemas" "$dir/mod"
	SESSIONGEN_SYNTHETIC_SCHEMAS="$dir/schemas" SESSIONGEN_SYNTHETIC_TYPES=$n SESSIONGEN_SYNTHETIC_SPLIT=$k \
		go test -count=1 -run '^TestWriteSyntheticSchemas$' ./generator/ >/dev/null
	printf 'module example.com/large\n\ngo 1.24\n' >"$dir/mod/go.mod"
	gen=$( (cd "$dir/mod" && /usr/bin/time -f '%e s, %M KB' "$out/sessiongen" -o . "$dir"/schemas/*.yaml >/dev/null) 2>&1 | tail -1)
	cp -a "$warm" "$dir/cache"
	build=$( (cd "$dir/mod" && GOCACHE="$dir/cache" /usr/bin/time -f '%e s, %U+%S s CPU, %M KB' go build -debug-actiongraph="$dir/actions.json" ./...) 2>&1 | tail -1)
	printf '%-8s %-9s %-22s %-34s\n' "$n" "$k" "$gen" "$build"
	"$out/buildtimes" "$dir/actions.json" example.com/large/
	rm -rf "$dir"
done
