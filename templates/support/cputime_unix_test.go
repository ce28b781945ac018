//go:build unix

package support

import (
	"syscall"
	"testing"
	"time"
)

// reportCPU makes a benchmark also report the process CPU time per
// operation (cpu-ns/op), which stays meaningful on a loaded machine where
// wall-clock ns/op does not. Call it after any set-up, and defer the result.
func reportCPU(b *testing.B) func() {
	cpu := func() time.Duration {
		var ru syscall.Rusage
		if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
			return 0
		}
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	b.ResetTimer()
	start := cpu()
	return func() {
		b.StopTimer()
		if used := cpu() - start; used > 0 {
			b.ReportMetric(float64(used.Nanoseconds())/float64(b.N), "cpu-ns/op")
		}
	}
}
