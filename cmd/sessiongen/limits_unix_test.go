//go:build unix

package main

import (
	"os"
	"strconv"
	"syscall"
)

// scriptMain is sessiongen as the scripts run it. SESSIONGEN_TEST_FSIZE
// sets the largest file the process may write (RLIMIT_FSIZE, in bytes): the
// kernel then refuses a larger write with EFBIG, for root too, which lets a
// script fail a batch half way for real where permissions cannot (the Go
// runtime ignores SIGXFSZ, so the write returns the error).
func scriptMain() {
	if v := os.Getenv("SESSIONGEN_TEST_FSIZE"); v != "" {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			panic(err)
		}
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: n, Max: n}); err != nil {
			panic(err)
		}
	}
	main()
}
