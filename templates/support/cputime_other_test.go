//go:build !unix

package support

import "testing"

// reportCPU is a no-op where getrusage is not available.
func reportCPU(b *testing.B) func() { return func() {} }
