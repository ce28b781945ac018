package generator

import (
	goformat "go/format"
	"strings"
	"testing"

	"github.com/dave/jennifer/jen"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDeclBreaks: a file is cut only at blank lines between top-level
// declarations, never at one inside brackets, a raw string or a comment, nor
// before the first declaration after the imports; and the chunks give
// go/format's bytes.
func TestDeclBreaks(t *testing.T) {
	src := "// header\n\npackage p\n\nimport \"fmt\"\n\n" +
		"var a = `{\n\nx` // {\n\n" + // cut 1
		"/* {\n\n*/\nvar b = '{'\n\n" + // cut 2
		"var c = \"{\\\"(\"\n\n\n" + // cut 3, at the last of the blank lines
		"func f() {\n\nfmt.Println(a, b, c)\n\n}\n\n" + // cut 4
		"var (\nd = [ ]int{\n\n}\n)\n\n"
	var want []int
	for _, after := range []string{"x` // {\n", "'{'\n", "\"{\\\"(\"\n\n", "fmt.Println(a, b, c)\n\n}\n"} {
		i := strings.Index(src, after)
		require.GreaterOrEqual(t, i, 0, after)
		want = append(want, i+len(after))
	}
	assert.Equal(t, want, declBreaks([]byte(src), 0))
	assert.Equal(t, want[2:3], declBreaks([]byte(src), want[2]), "cut once the chunk is size bytes long")

	formatted, err := goformat.Source([]byte(src))
	require.NoError(t, err)
	got, ok := gofmtChunks([]byte(src), want)
	require.True(t, ok)
	assert.Equal(t, string(formatted), string(got))
}

// TestFormatErrorShowsSource: code that does not parse (an emitter bug) is
// reported with the unformatted source, numbered.
func TestFormatErrorShowsSource(t *testing.T) {
	f := jen.NewFile("p")
	f.Func().Id("ok").Params().Block()
	f.Line()
	f.Func().Id("broken").Params().Block(jen.Id("x").Op(":=").Op(")"))
	_, err := format(f)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "    1  package p\n")
	assert.Contains(t, err.Error(), "x := )")
}
