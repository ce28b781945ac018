package generator

import (
	"bytes"
	"fmt"
	goformat "go/format"

	"github.com/dave/jennifer/jen"
)

// Formatting is most of the generator's time, and go/format's cost grows
// faster than the size of the file it formats (the parser's and printer's
// position tables, the AST of the whole file held at once). So a generated
// file is rendered by jennifer without formatting and then formatted in
// chunks of whole top-level declarations, each parsed and printed on its
// own: the result is the bytes go/format gives for the whole file
// (TestChunkedFormatIsGofmt), and at most one chunk's AST is alive at a
// time.

// formatChunk is the size in bytes a chunk grows to before the next
// declaration boundary ends it.
const formatChunk = 32 << 10

// format renders f and formats it. A formatting failure is an emitter bug:
// the error carries the unformatted source with line numbers so it can be
// read.
func format(f *jen.File) ([]byte, error) {
	f.NoFormat = true
	var buf bytes.Buffer
	if err := f.Render(&buf); err != nil {
		return nil, err // only a writer's error: buf cannot fail
	}
	return gofmt(buf.Bytes(), formatChunk)
}

// gofmt returns src formatted as go/format.Source formats it, in chunks of
// about size bytes. src is a whole Go file as jennifer renders it.
func gofmt(src []byte, size int) ([]byte, error) {
	if out, ok := gofmtChunks(src, declBreaks(src, size)); ok {
		return out, nil
	}
	// A chunk that does not format alone (an emitter bug, or a cut this
	// file's layout breaks): the whole file decides, and reports the error.
	return gofmtWhole(src)
}

// gofmtChunks formats src cut at cuts, each chunk on its own, and joins the
// results with the one blank line gofmt keeps between declarations. It
// reports false when a chunk does not format alone.
func gofmtChunks(src []byte, cuts []int) ([]byte, bool) {
	if len(cuts) == 0 {
		return nil, false
	}
	out := make([]byte, 0, len(src)+len(src)/8)
	from := 0
	for i := 0; i <= len(cuts); i++ {
		to := len(src)
		if i < len(cuts) {
			to = cuts[i]
		}
		formatted, ok := gofmtChunk(src[from:to], i > 0)
		if !ok {
			return nil, false
		}
		if i > 0 {
			out = append(out, '\n')
		}
		out = append(out, formatted...)
		from = to
	}
	return out, true
}

// chunkClause is the package clause a chunk after the first is formatted
// under: its declarations then start after one blank line, as they do in
// the whole file after the blank line the chunk starts with.
const chunkClause = "package p\n"

// gofmtChunk formats one chunk. The first chunk is the file's start
// (header, package clause, imports); a later one starts with the blank line
// that separates it from the previous declaration, and is formatted after a
// package clause that is then cut off.
func gofmtChunk(chunk []byte, later bool) ([]byte, bool) {
	if !later {
		out, err := goformat.Source(chunk)
		return out, err == nil
	}
	src := make([]byte, 0, len(chunkClause)+len(chunk))
	src = append(append(src, chunkClause...), chunk...)
	out, err := goformat.Source(src)
	if err != nil {
		return nil, false
	}
	rest, ok := bytes.CutPrefix(out, []byte(chunkClause+"\n"))
	if !ok || len(rest) == 0 || rest[0] == '\n' {
		return nil, false
	}
	return rest, true
}

// gofmtWhole formats src in one piece.
func gofmtWhole(src []byte) ([]byte, error) {
	out, err := goformat.Source(src)
	if err != nil {
		return nil, fmt.Errorf("%v\n%s", firstLine(err.Error()), numbered(string(src)))
	}
	return out, nil
}

// declBreaks returns where src can be cut into chunks of about size bytes:
// offsets of blank lines outside every bracket, string and comment, that
// is, between two top-level declarations (or a declaration and a comment).
// A blank line ends any run of aligned lines and gofmt keeps exactly one
// blank line there, so each side can be formatted alone. Cuts come only
// after the first declaration other than an import, so that the first chunk
// holds the package clause and all the imports, which go/format sorts.
func declBreaks(src []byte, size int) []int {
	var cuts []int
	depth, last, decls := 0, 0, false
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
		case '/':
			if i+1 < len(src) && src[i+1] == '/' {
				for i+1 < len(src) && src[i+1] != '\n' {
					i++
				}
			} else if i+1 < len(src) && src[i+1] == '*' {
				end := bytes.Index(src[i+2:], []byte("*/"))
				if end < 0 {
					return nil
				}
				i += end + 3
			}
		case '"', '\'':
			for i++; i < len(src) && src[i] != c; i++ {
				if src[i] == '\\' {
					i++
				} else if src[i] == '\n' {
					return nil // not Go: the whole file fails
				}
			}
		case '`':
			end := bytes.IndexByte(src[i+1:], '`')
			if end < 0 {
				return nil
			}
			i += end + 1
		case '\n':
			if depth != 0 {
				break
			}
			// The last newline of a run of blank lines, so that
			// the chunk after it has something in it.
			if decls && src[i-1] == '\n' && i+1 < len(src) && src[i+1] != '\n' && i-last >= size {
				cuts = append(cuts, i)
				last = i
			}
			if !decls {
				line := src[i+1:]
				for _, kw := range []string{"func", "type", "var", "const"} {
					if rest, ok := bytes.CutPrefix(line, []byte(kw)); ok && len(rest) > 0 && (rest[0] == ' ' || rest[0] == '(') {
						decls = true
					}
				}
			}
		}
	}
	return cuts
}
