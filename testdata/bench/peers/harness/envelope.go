package harness

import (
	"strconv"
	"unicode/utf8"
)

// The generated packages export no page decoder or JSON writer for a page
// envelope their schema does not declare (their runtime is unexported), so
// the page helpers read the envelope with encoding/json, which hands each
// item to the generated UnmarshalJSON, and write it with these two helpers
// around the generated AppendJSON: what a caller of the exported API does.

// AppendString appends s as a JSON string, escaped as the generated encoders
// escape (control characters, '"' and '\\'; invalid UTF-8 as U+FFFD).
func AppendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(s[i:])
			dst = utf8.AppendRune(dst, r) // RuneError for invalid bytes
			i += n
			continue
		}
		switch {
		case c == '"' || c == '\\':
			dst = append(dst, '\\', c)
		case c < 0x20:
			dst = append(dst, `\u00`...)
			dst = append(dst, "0123456789abcdef"[c>>4], "0123456789abcdef"[c&0xf])
		default:
			dst = append(dst, c)
		}
		i++
	}
	return append(dst, '"')
}

// AppendInt appends n as a JSON number.
func AppendInt(dst []byte, n int64) []byte { return strconv.AppendInt(dst, n, 10) }
