package support

import (
	"encoding/binary"
	"math"
	"math/bits"
	"strconv"
	"unicode/utf8"
)

const hexDigits = "0123456789abcdef"

// load64 reads 8 bytes of s at i as a little-endian integer.
func load64(s string, i int) uint64 {
	_ = s[i+7]
	return uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
		uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
}

// appendEscapedASCII writes the escape sequence of an ASCII byte that needs
// one ('"', '\\' or a control character).
func appendEscapedASCII(dst []byte, c byte) []byte {
	switch c {
	case '"', '\\':
		return append(dst, '\\', c)
	case '\b':
		return append(dst, '\\', 'b')
	case '\f':
		return append(dst, '\\', 'f')
	case '\n':
		return append(dst, '\\', 'n')
	case '\r':
		return append(dst, '\\', 'r')
	case '\t':
		return append(dst, '\\', 't')
	}
	return append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
}

// appendString appends s as a quoted JSON string.
//
// It escapes the way encoding/json does with HTML escaping turned off
// (json.Encoder.SetEscapeHTML(false)): '"' and '\\' are escaped, control
// characters as \b, \f, \n, \r, \t or \u00XX, U+2028 and U+2029 as \u2028
// and \u2029 (JavaScript line terminators), and each byte of invalid UTF-8 is
// replaced by \ufffd, so the output is always valid UTF-8. The HTML
// characters '<', '>' and '&' are written as they are: the output is meant for
// APIs, not for embedding in HTML.
//
// Like all the Append functions, it writes to the end of dst and returns the
// extended slice, and does not allocate when dst has enough capacity.
func appendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		for i+8 <= len(s) {
			if m := specialMask(load64(s, i)); m != 0 {
				i += bits.TrailingZeros64(m) >> 3
				break
			}
			i += 8
		}
		if i >= len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			dst = appendEscapedASCII(dst, c)
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case size == 1: // invalid UTF-8
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// appendStringBytes is [appendString] for a byte slice.
func appendStringBytes(dst []byte, s []byte) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		for i+8 <= len(s) {
			if m := specialMask(binary.LittleEndian.Uint64(s[i : i+8])); m != 0 {
				i += bits.TrailingZeros64(m) >> 3
				break
			}
			i += 8
		}
		if i >= len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			dst = appendEscapedASCII(dst, c)
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		switch {
		case size == 1: // invalid UTF-8
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// appendInt appends the decimal form of i.
func appendInt(dst []byte, i int64) []byte {
	return strconv.AppendInt(dst, i, 10)
}

// appendBool appends true or false.
func appendBool(dst []byte, b bool) []byte {
	if b {
		return append(dst, "true"...)
	}
	return append(dst, "false"...)
}

// appendNull appends null.
func appendNull(dst []byte) []byte {
	return append(dst, "null"...)
}

// appendRaw appends raw, which the caller guarantees is valid JSON (for
// example a value returned by [decoder.raw]).
func appendRaw(dst []byte, raw []byte) []byte {
	return append(dst, raw...)
}

// NonFiniteError is the error of [appendFloat64] and [appendFloat32] for NaN
// and infinities, which JSON numbers cannot represent.
type NonFiniteError struct {
	// Value is the rejected value.
	Value float64
}

// Error implements the error interface.
func (e *NonFiniteError) Error() string {
	return "json: unsupported value " + strconv.FormatFloat(e.Value, 'g', -1, 64)
}

// appendFloat writes f like encoding/json does: the shortest representation
// that parses back to f, in 'e' notation when the exponent is below -6 or at
// least 21 and with a one-digit exponent written without a leading zero.
func appendFloat(dst []byte, f float64, bits int) []byte {
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 {
		if bits == 64 && (abs < 1e-6 || abs >= 1e21) ||
			bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21) {
			format = 'e'
		}
	}
	dst = strconv.AppendFloat(dst, f, format, -1, bits)
	if format == 'e' {
		// Clean up e-09 to e-9.
		n := len(dst)
		if n >= 4 && dst[n-4] == 'e' && dst[n-3] == '-' && dst[n-2] == '0' {
			dst[n-2] = dst[n-1]
			dst = dst[:n-1]
		}
	}
	return dst
}

// appendFloat64 appends f in the format of encoding/json. NaN and infinities
// are a *[NonFiniteError], and dst is returned unchanged.
func appendFloat64(dst []byte, f float64) ([]byte, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return dst, &NonFiniteError{Value: f}
	}
	return appendFloat(dst, f, 64), nil
}

// appendFloat32 appends f in the format of encoding/json (the shortest
// representation as a float32). NaN and infinities are a *[NonFiniteError],
// and dst is returned unchanged.
func appendFloat32(dst []byte, f float32) ([]byte, error) {
	f64 := float64(f)
	if math.IsNaN(f64) || math.IsInf(f64, 0) {
		return dst, &NonFiniteError{Value: f64}
	}
	return appendFloat(dst, f64, 32), nil
}

// appendNonFinite writes the string form of NaN or an infinity.
func appendNonFinite(dst []byte, f float64) []byte {
	switch {
	case math.IsNaN(f):
		return append(dst, `"NaN"`...)
	case f > 0:
		return append(dst, `"INF"`...)
	}
	return append(dst, `"-INF"`...)
}

// appendFloat64NonFinite is [appendFloat64] for fields whose API sends NaN
// and infinities as strings: NaN becomes "NaN", +Inf "INF" and -Inf "-INF"
// (quotes included), the forms [decoder.float64NonFinite] reads back.
func appendFloat64NonFinite(dst []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return appendNonFinite(dst, f)
	}
	return appendFloat(dst, f, 64)
}

// appendFloat32NonFinite is [appendFloat64NonFinite] for float32.
func appendFloat32NonFinite(dst []byte, f float32) []byte {
	f64 := float64(f)
	if math.IsNaN(f64) || math.IsInf(f64, 0) {
		return appendNonFinite(dst, f64)
	}
	return appendFloat(dst, f64, 32)
}
