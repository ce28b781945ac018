package generator

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestUsedNames: names count only as code, never inside comments, strings,
// runes or numbers, and a selector split over lines is still a selector.
func TestUsedNames(t *testing.T) {
	src := []byte("package p\n" +
		"// Decoder in a comment\n/* Skip in a block */\n" +
		"var s = \"Peek \\\" Reset\" + `Skip` + string('\\'')\n" +
		"var n = 0x1eReset + 1e5\n" +
		"func f(d *Decoder) { d.\n\tBeginObject(); WithField(nil, \"x\") }\n")
	names := map[string]bool{"Decoder": true, "Skip": true, "Peek": true, "Reset": true, "BeginObject": true, "WithField": true}
	plain, selected := map[string]bool{}, map[string]bool{}
	usedNames(src, names, plain, selected)
	assert.Equal(t, map[string]bool{"Decoder": true, "WithField": true}, plain)
	assert.Equal(t, map[string]bool{"BeginObject": true}, selected)
}
