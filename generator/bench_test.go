package generator_test

// Generator benchmarks over synthetic schemas (synthetic_test.go). How to run
// them and how to read the results: testdata/bench/README.md.

import (
	"fmt"
	"os"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/sessiongen/sessiongen/generator"
	"github.com/sessiongen/sessiongen/schema"
)

// BenchmarkGenerate measures, for APIs of 1,000 and 5,000 object types:
//
//	load           schema.Parse (and validation) of the YAML
//	generate       generator.Generate of the loaded schema, in memory
//	load+generate  both, as the command does minus file writes
//
// SetBytes is the size of the YAML, so MB/s is schema throughput.
func BenchmarkGenerate(b *testing.B) {
	for _, n := range []int{1000, 5000} {
		srcs := syntheticSources(n)
		size := 0
		for _, s := range srcs {
			size += len(s)
		}
		b.Run(fmt.Sprintf("types=%d", n), func(b *testing.B) {
			b.Run("load", func(b *testing.B) {
				b.SetBytes(int64(size))
				b.ReportAllocs()
				for b.Loop() {
					if _, err := syntheticFile(srcs); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("generate", func(b *testing.B) {
				f, err := syntheticFile(srcs)
				if err != nil {
					b.Fatal(err)
				}
				b.SetBytes(int64(size))
				b.ReportAllocs()
				var out int
				for b.Loop() {
					files, err := generator.Generate([]*schema.File{f})
					if err != nil {
						b.Fatal(err)
					}
					out = outputBytes(files)
				}
				b.ReportMetric(float64(out), "out-bytes")
			})
			b.Run("load+generate", func(b *testing.B) {
				b.SetBytes(int64(size))
				b.ReportAllocs()
				for b.Loop() {
					f, err := syntheticFile(srcs)
					if err != nil {
						b.Fatal(err)
					}
					if _, err := generator.Generate([]*schema.File{f}); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}

func outputBytes(files []generator.File) int {
	n := 0
	for _, f := range files {
		n += len(f.Content)
	}
	return n
}

// TestGenerateMemory prints the memory that loading and generating a
// synthetic API takes: the peak of the heap in use (runtime.MemStats
// HeapInuse, sampled every millisecond through runtime/metrics) and the
// bytes allocated (TotalAlloc). It is a measurement, not a check, and runs
// only with SESSIONGEN_MEASURE=1; SESSIONGEN_MEASURE_TYPES sets the number
// of object types (default 1000). Peak RSS: run it under /usr/bin/time -v
// (testdata/bench/README.md).
func TestGenerateMemory(t *testing.T) {
	if os.Getenv("SESSIONGEN_MEASURE") != "1" {
		t.Skip("a measurement: set SESSIONGEN_MEASURE=1 to run it")
	}
	n := envInt(t, "SESSIONGEN_MEASURE_TYPES", 1000)
	srcs := syntheticSources(n)
	size := 0
	for _, s := range srcs {
		size += len(s)
	}

	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	peak := newHeapPeak()

	start := time.Now()
	f, err := syntheticFile(srcs)
	if err != nil {
		t.Fatal(err)
	}
	loaded := time.Now()
	loadPeak := peak.reset()
	files, err := generator.Generate([]*schema.File{f})
	if err != nil {
		t.Fatal(err)
	}
	done := time.Now()
	genPeak := peak.stop()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(files)
	runtime.KeepAlive(f)

	objects, enums, props := syntheticStats(f)
	const mb = 1 << 20
	t.Logf("types=%d: %d object types, %d enums, %d properties, %d resources; schema %.1f MB in %d file(s); output %.1f MB in %d files",
		n, objects, enums, props, len(f.Resources), float64(size)/mb, len(srcs), float64(outputBytes(files))/mb, len(files))
	t.Logf("load     %8.2fs  peak HeapInuse %7.1f MB", loaded.Sub(start).Seconds(), float64(loadPeak)/mb)
	t.Logf("generate %8.2fs  peak HeapInuse %7.1f MB", done.Sub(loaded).Seconds(), float64(genPeak)/mb)
	t.Logf("total    %8.2fs  peak HeapInuse %7.1f MB (before: %.1f MB), TotalAlloc %.1f MB, Sys %.1f MB, %d GCs",
		done.Sub(start).Seconds(), float64(max(loadPeak, genPeak))/mb, float64(before.HeapInuse)/mb,
		float64(after.TotalAlloc-before.TotalAlloc)/mb, float64(after.Sys)/mb, after.NumGC-before.NumGC)
}

// heapPeak samples the bytes of in-use heap spans (what MemStats reports as
// HeapInuse) without stopping the world.
type heapPeak struct {
	mu   sync.Mutex
	max  uint64
	quit chan struct{}
	done chan struct{}
}

func newHeapPeak() *heapPeak {
	h := &heapPeak{quit: make(chan struct{}), done: make(chan struct{})}
	samples := []metrics.Sample{
		{Name: "/memory/classes/heap/objects:bytes"},
		{Name: "/memory/classes/heap/unused:bytes"},
	}
	read := func() {
		metrics.Read(samples)
		v := samples[0].Value.Uint64() + samples[1].Value.Uint64()
		h.mu.Lock()
		h.max = max(h.max, v)
		h.mu.Unlock()
	}
	read()
	go func() {
		defer close(h.done)
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-h.quit:
				read()
				return
			case <-tick.C:
				read()
			}
		}
	}()
	return h
}

// reset returns the peak so far and starts a new one.
func (h *heapPeak) reset() uint64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	m := h.max
	h.max = 0
	return m
}

// stop ends sampling and returns the peak since the last reset.
func (h *heapPeak) stop() uint64 {
	close(h.quit)
	<-h.done
	return h.reset()
}
