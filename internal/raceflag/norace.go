//go:build !race

// Package raceflag tells tests whether the race detector is on: under it,
// sync.Pool drops a share of what is put back on purpose, so tests that
// pin a pool's reuse (zero-allocation encoders, reused response buffers)
// cannot hold and skip.
package raceflag

// Enabled reports whether the race detector is on.
const Enabled = false
