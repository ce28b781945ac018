package support

import (
	"bytes"
	"errors"
	"strings"
	"sync"
	"testing"
)

// marshalLike is what a generated MarshalJSON does, for an encoder that
// appends text.
func marshalLike(text string, err error) ([]byte, error) {
	scratch := marshalBuffer()
	out := append((*scratch)[:0], text...)
	return ownedJSON(scratch, out, err)
}

// TestOwnedJSONCallerOwnsResult checks that what MarshalJSON returns is never
// memory a later or concurrent MarshalJSON writes into, small or large, and
// that its capacity is the output's (no scratch space handed out).
func TestOwnedJSONCallerOwnsResult(t *testing.T) {
	for _, size := range []int{0, 10, 4 << 10, maxKeptScratch + 1} {
		want := strings.Repeat("a", size)
		got, err := marshalLike(want, nil)
		if err != nil {
			t.Fatal(err)
		}
		if size <= maxKeptScratch && cap(got) != len(got) {
			t.Errorf("size %d: cap %d, want the output's length", size, cap(got))
		}
		var wg sync.WaitGroup
		for range 4 {
			wg.Go(func() {
				for range 50 {
					if out, _ := marshalLike(strings.Repeat("b", size), nil); len(out) != size {
						t.Errorf("size %d: got %d bytes", size, len(out))
					}
				}
			})
		}
		wg.Wait()
		if !bytes.Equal(got, []byte(want)) {
			t.Errorf("size %d: result was overwritten by later calls", size)
		}
	}
	boom := errors.New("boom")
	if out, err := marshalLike("{", boom); out != nil || err != boom {
		t.Errorf("on an error: %q, %v; want nil, the error", out, err)
	}
}

// TestOwnedJSONAllocatesOutputOnly pins the point of the scratch buffer: once
// warm, a MarshalJSON allocates one slice of the output's size.
func TestOwnedJSONAllocatesOutputOnly(t *testing.T) {
	text := strings.Repeat("x", 3000)
	if n := testing.AllocsPerRun(100, func() { _, _ = marshalLike(text, nil) }); n > 1 {
		t.Errorf("%v allocations per call, want 1", n)
	}
}
