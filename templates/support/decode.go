package support

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"strconv"
	"unicode/utf8"
)

// jsonKind is the kind of the next JSON value, as reported by [decoder.peek].
type jsonKind uint8

const (
	// kindInvalid means there is no value: end of input or a byte that
	// cannot start a JSON value.
	kindInvalid jsonKind = iota
	// kindNull is the literal null.
	kindNull
	// kindBool is true or false.
	kindBool
	// kindNumber is a number.
	kindNumber
	// kindString is a string.
	kindString
	// kindArray is an array.
	kindArray
	// kindObject is an object.
	kindObject
)

// String returns the JSON name of the kind ("null", "boolean", "number",
// "string", "array", "object"), or "invalid".
func (k jsonKind) String() string {
	switch k {
	case kindNull:
		return "null"
	case kindBool:
		return "boolean"
	case kindNumber:
		return "number"
	case kindString:
		return "string"
	case kindArray:
		return "array"
	case kindObject:
		return "object"
	}
	return "invalid"
}

// defaultMaxDepth is the deepest nesting of arrays and objects a [decoder]
// accepts unless lowered with [decoder.setMaxDepth]. It is also the highest
// limit that can be set.
const defaultMaxDepth = 512

// decoder is a strict JSON pull decoder over a byte slice.
//
// The caller drives it in the order of the document: [decoder.beginObject]
// then [decoder.nextField] until it reports the end, reading each field's
// value with a scalar method, [decoder.skip] or a nested Begin call;
// [decoder.beginArray] then [decoder.nextElement] likewise; and finally
// [decoder.end] to reject trailing data. A typical generated decoder:
//
//	if err := d.beginObject(); err != nil {
//		return err
//	}
//	for {
//		name, ok, err := d.nextField()
//		if err != nil {
//			return err
//		}
//		if !ok {
//			break
//		}
//		switch string(name) {
//		case "id":
//			if v.ID, err = d.String(); err != nil {
//				return withField(err, "id")
//			}
//		default:
//			if err := d.Skip(); err != nil {
//				return withField(err, string(name))
//			}
//		}
//	}
//
// The decoder accepts exactly RFC 8259 JSON: no comments, trailing commas,
// single quotes, leading zeros, NaN or Infinity literals, raw control
// characters or invalid UTF-8 in strings, or unpaired surrogate escapes.
// Nesting is limited to [defaultMaxDepth] levels and nothing recurses on the
// input, so hostile input cannot exhaust the stack.
//
// Byte slices returned by the decoder (field names, [decoder.stringBytes],
// [decoder.raw]) alias the input or an internal buffer: they must not be
// modified and are valid only until the next call on the decoder (Raw's until
// the input changes). After an error the decoder's position is unspecified;
// call [decoder.reset] before using it again.
//
// The zero decoder is ready for use after [decoder.reset]; a decoder declared
// as a local variable does not escape to the heap.
type decoder struct {
	data     []byte
	pos      int
	depth    int
	maxDepth int
	fieldPos int  // offset of the last field name, for ErrDuplicate
	open     bool // the last token was '{' or '[' (no comma expected)
	stack    [defaultMaxDepth / 64]uint64
	scratch  []byte

	// text is a copy of data[textAt:textAt+len(text)]: decoded strings
	// without escapes are cut from it, so that a document costs one
	// allocation per window of input rather than one per string.
	text   string
	textAt int
	// arena holds the copies rawCopy returns, allocated like text.
	arena []byte
	// namePlain reports that the last field name had no escapes, so it is
	// data[fieldPos+1:] as it is.
	namePlain bool
	// skipNames and skipEscaped hold the names of the objects skipUnique
	// is inside, reused from one call to the next.
	skipNames   []nameSpan
	skipEscaped []byte
}

// textWindow is the most input copied at once for strings. It bounds what a
// string kept by the caller holds in memory besides itself.
const textWindow = 4 << 10

// newDecoder returns a decoder reading data.
func newDecoder(data []byte) *decoder {
	d := new(decoder)
	d.reset(data)
	return d
}

// reset makes the decoder read data from the start, keeping its internal
// buffer and its depth limit.
func (d *decoder) reset(data []byte) {
	d.data = data
	d.pos = 0
	d.depth = 0
	d.fieldPos = 0
	d.open = false
	if cap(d.scratch) > 64<<10 {
		d.scratch = nil // do not pin one huge escaped string forever
	}
	d.scratch = d.scratch[:0]
	d.text, d.textAt = "", 0
	d.arena = nil // values already returned still use it
	d.skipNames, d.skipEscaped = d.skipNames[:0], d.skipEscaped[:0]
}

// setMaxDepth sets the deepest nesting of arrays and objects the decoder
// accepts. Values below 1 or above [defaultMaxDepth] mean DefaultMaxDepth.
func (d *decoder) setMaxDepth(n int) {
	if n < 1 || n > defaultMaxDepth {
		n = defaultMaxDepth
	}
	d.maxDepth = n
}

// skipWS advances past JSON whitespace. The check for the common case, no
// whitespace at all, is inlined into callers.
func (d *decoder) skipWS() {
	if d.pos < len(d.data) && d.data[d.pos] > ' ' {
		return
	}
	d.skipWSSlow()
}

func (d *decoder) skipWSSlow() {
	const ws = 1<<' ' | 1<<'\n' | 1<<'\r' | 1<<'\t'
	data := d.data
	p := d.pos
	for p < len(data) {
		c := data[p]
		if c > ' ' || ws&(uint64(1)<<c) == 0 {
			break
		}
		p++
		if c == '\n' {
			// Indentation follows a newline in pretty-printed JSON: skip
			// spaces eight at a time.
			for p+8 <= len(data) {
				if x := binary.LittleEndian.Uint64(data[p:p+8]) ^ 0x2020202020202020; x != 0 {
					p += bits.TrailingZeros64(x) >> 3
					break
				}
				p += 8
			}
		}
	}
	d.pos = p
}

func kindOf(c byte) jsonKind {
	switch c {
	case 'n':
		return kindNull
	case 't', 'f':
		return kindBool
	case '"':
		return kindString
	case '[':
		return kindArray
	case '{':
		return kindObject
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return kindNumber
	}
	return kindInvalid
}

// peek skips whitespace and reports the kind of the next value without
// consuming it. It looks at one byte only: the value itself is validated by
// the call that reads it.
func (d *decoder) peek() jsonKind {
	d.skipWS()
	if d.pos >= len(d.data) {
		return kindInvalid
	}
	return kindOf(d.data[d.pos])
}

// consumeNull consumes the literal null if it is the next value and reports
// whether it did.
func (d *decoder) consumeNull() bool {
	d.skipWS()
	if len(d.data)-d.pos >= 4 && string(d.data[d.pos:d.pos+4]) == "null" {
		d.pos += 4
		return true
	}
	return false
}

func (d *decoder) push(array bool) error {
	limit := d.maxDepth
	if limit == 0 {
		limit = defaultMaxDepth
	}
	if d.depth >= limit {
		return d.errAt(d.pos, "nesting deeper than "+strconv.Itoa(limit)+" levels")
	}
	w, bit := d.depth>>6, uint64(1)<<(uint(d.depth)&63)
	if array {
		d.stack[w] |= bit
	} else {
		d.stack[w] &^= bit
	}
	d.depth++
	return nil
}

// inArray reports whether the innermost open container is an array.
// It requires d.depth > 0.
func (d *decoder) inArray() bool {
	i := d.depth - 1
	return d.stack[i>>6]>>(uint(i)&63)&1 != 0
}

// beginObject consumes the '{' that starts an object.
func (d *decoder) beginObject() error {
	d.skipWS()
	if d.pos >= len(d.data) || d.data[d.pos] != '{' {
		return d.errUnexpectedKind("object")
	}
	if err := d.push(false); err != nil {
		return err
	}
	d.pos++
	d.open = true
	return nil
}

// nextField advances to the next field of the object begun by
// [decoder.beginObject]. It consumes the separating comma, the name and the
// colon, and returns the unescaped name with ok true; the caller must then
// consume the value. At the closing '}' it consumes it and returns ok false.
//
// The name aliases the input or an internal buffer and is not allocated. It
// is valid until the next call that reads a string (nextField, String,
// stringBytes, the NonFinite, DateTime, Date and Duration methods); numbers,
// booleans, null, Skip and Raw leave it intact, so the name of an unknown
// field can still label an error after its value was skipped.
func (d *decoder) nextField() (name []byte, ok bool, err error) {
	if d.depth == 0 || d.inArray() {
		return nil, false, d.errAt(d.pos, "NextField called outside an object")
	}
	d.skipWS()
	if d.pos >= len(d.data) {
		return nil, false, d.errAt(d.pos, "unexpected end of input in object")
	}
	c := d.data[d.pos]
	if c == '}' {
		d.pos++
		d.depth--
		d.open = false
		return nil, false, nil
	}
	if d.open {
		d.open = false
	} else {
		if c != ',' {
			return nil, false, d.errAt(d.pos, "expected ',' or '}' after object field, found "+d.describeAt(d.pos))
		}
		d.pos++
		d.skipWS()
		if d.pos >= len(d.data) {
			return nil, false, d.errAt(d.pos, "unexpected end of input in object")
		}
		c = d.data[d.pos]
		if c == '}' {
			return nil, false, d.errAt(d.pos, "trailing comma in object")
		}
	}
	if c != '"' {
		return nil, false, d.errAt(d.pos, "expected field name, found "+d.describeAt(d.pos))
	}
	d.fieldPos = d.pos
	name, err = d.readString()
	if err != nil {
		return nil, false, err
	}
	// Escapes always make a name shorter than its text.
	d.namePlain = d.pos-d.fieldPos-2 == len(name)
	d.skipWS()
	if d.pos >= len(d.data) || d.data[d.pos] != ':' {
		return nil, false, d.errAt(d.pos, "expected ':' after field name, found "+d.describeAt(d.pos))
	}
	d.pos++
	return name, true, nil
}

// beginArray consumes the '[' that starts an array.
func (d *decoder) beginArray() error {
	d.skipWS()
	if d.pos >= len(d.data) || d.data[d.pos] != '[' {
		return d.errUnexpectedKind("array")
	}
	if err := d.push(true); err != nil {
		return err
	}
	d.pos++
	d.open = true
	return nil
}

// nextElement advances to the next element of the array begun by
// [decoder.beginArray], consuming the separating comma, and returns true; the
// caller must then consume the element. At the closing ']' it consumes it and
// returns false.
func (d *decoder) nextElement() (ok bool, err error) {
	if d.depth == 0 || !d.inArray() {
		return false, d.errAt(d.pos, "NextElement called outside an array")
	}
	d.skipWS()
	if d.pos >= len(d.data) {
		return false, d.errAt(d.pos, "unexpected end of input in array")
	}
	c := d.data[d.pos]
	if c == ']' {
		d.pos++
		d.depth--
		d.open = false
		return false, nil
	}
	if d.open {
		d.open = false
		return true, nil
	}
	if c != ',' {
		return false, d.errAt(d.pos, "expected ',' or ']' after array element, found "+d.describeAt(d.pos))
	}
	d.pos++
	d.skipWS()
	if d.pos < len(d.data) && d.data[d.pos] == ']' {
		return false, d.errAt(d.pos, "trailing comma in array")
	}
	return true, nil
}

// end reports an error unless only whitespace remains after the top-level
// value.
func (d *decoder) end() error {
	if d.depth != 0 {
		return d.errAt(d.pos, "End called inside an unfinished array or object")
	}
	d.skipWS()
	if d.pos < len(d.data) {
		return d.errAt(d.pos, "unexpected data after top-level value: "+d.describeAt(d.pos))
	}
	return nil
}

// specialMask returns, for the 8 bytes packed little-endian in x, a mask
// whose lowest set bit is the high bit of the first byte that is '"', '\\',
// a control character (< 0x20) or not ASCII (>= 0x80); it is zero when there
// is none. Bits above the lowest one may be false positives.
func specialMask(x uint64) uint64 {
	const lsb = 0x0101010101010101
	const msb = 0x8080808080808080
	q := x ^ (lsb * '"')
	s := x ^ (lsb * '\\')
	return ((x - lsb*0x20) | x | (q-lsb)&^q | (s-lsb)&^s) & msb
}

// isSpecial reports whether c is '"', '\\', a control character or not
// ASCII: a byte that ends the fast scan of a string.
func isSpecial(c byte) bool { return c < 0x20 || c == '"' || c == '\\' || c >= utf8.RuneSelf }

// scanString validates the string starting at the quote at p and returns the
// offset just past its closing quote and whether it contains escapes.
func (d *decoder) scanString(p int) (end int, escaped bool, err error) {
	data := d.data
	i := p + 1
	for {
		// Find the next special byte, eight bytes at a time.
		for {
			if i+8 > len(data) {
				for i < len(data) && !isSpecial(data[i]) {
					i++
				}
				break
			}
			if m := specialMask(binary.LittleEndian.Uint64(data[i : i+8])); m != 0 {
				i += bits.TrailingZeros64(m) >> 3
				break
			}
			i += 8
		}
		if i >= len(data) {
			return 0, false, d.errAt(p, "unterminated string")
		}
		switch c := data[i]; {
		case c == '"':
			return i + 1, escaped, nil
		case c == '\\':
			escaped = true
			if i, err = d.scanEscape(i); err != nil {
				return 0, false, err
			}
		case c < 0x20:
			return 0, false, d.errAt(i, "control character "+describeByte(c)+" in string")
		default: // c >= utf8.RuneSelf
			_, size := utf8.DecodeRune(data[i:])
			if size == 1 {
				return 0, false, d.errAt(i, "invalid UTF-8 in string")
			}
			i += size
		}
	}
}

// hex4 decodes the four hex digits at data[i:i+4].
func hex4(data []byte, i int) (rune, bool) {
	if i+4 > len(data) {
		return 0, false
	}
	var r rune
	for _, c := range data[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// scanEscape validates the escape sequence at the backslash at i and returns
// the offset after it.
func (d *decoder) scanEscape(i int) (int, error) {
	data := d.data
	if i+1 >= len(data) {
		return 0, d.errAt(i, "unterminated string")
	}
	switch data[i+1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return i + 2, nil
	case 'u':
		r, ok := hex4(data, i+2)
		if !ok {
			return 0, d.errAt(i, "invalid \\u escape "+quoteSnippet(data[i:min(i+6, len(data))]))
		}
		switch {
		case r >= 0xD800 && r < 0xDC00:
			if i+12 <= len(data) && data[i+6] == '\\' && data[i+7] == 'u' {
				if r2, ok := hex4(data, i+8); ok && r2 >= 0xDC00 && r2 < 0xE000 {
					return i + 12, nil
				}
			}
			return 0, d.errAt(i, "unpaired surrogate "+quoteSnippet(data[i:i+6])+" in string")
		case r >= 0xDC00 && r < 0xE000:
			return 0, d.errAt(i, "unpaired surrogate "+quoteSnippet(data[i:i+6])+" in string")
		}
		return i + 6, nil
	}
	return 0, d.errAt(i, "invalid escape "+quoteSnippet(data[i:i+2])+" in string")
}

// unescape appends the decoded form of src, the already validated contents
// of a string between its quotes, to dst.
func unescape(dst, src []byte) []byte {
	for i := 0; i < len(src); {
		j := bytes.IndexByte(src[i:], '\\')
		if j < 0 {
			dst = append(dst, src[i:]...)
			break
		}
		j += i
		dst = append(dst, src[i:j]...)
		c := src[j+1]
		i = j + 2
		switch c {
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'n':
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		case 'u':
			r, _ := hex4(src, j+2)
			i = j + 6
			if r >= 0xD800 && r < 0xDC00 {
				r2, _ := hex4(src, j+8)
				r = (r-0xD800)<<10 | (r2 - 0xDC00) + 0x10000
				i = j + 12
			}
			dst = utf8.AppendRune(dst, r)
		default: // '"', '\\', '/'
			dst = append(dst, c)
		}
	}
	return dst
}

// readString reads the string at the quote at d.pos and returns its
// unescaped contents, aliasing the input or the scratch buffer.
func (d *decoder) readString() ([]byte, error) {
	start := d.pos + 1
	end, escaped, err := d.scanString(d.pos)
	if err != nil {
		return nil, err
	}
	d.pos = end
	if !escaped {
		return d.data[start : end-1 : end-1], nil
	}
	d.scratch = unescape(d.scratch[:0], d.data[start:end-1])
	return d.scratch, nil
}

// stringBytes reads a string and returns its unescaped contents without
// allocating. The result aliases the input or an internal buffer, must not be
// modified, and is valid only until the next call on the decoder.
func (d *decoder) stringBytes() ([]byte, error) {
	d.skipWS()
	if d.pos >= len(d.data) || d.data[d.pos] != '"' {
		return nil, d.errUnexpectedKind("string")
	}
	return d.readString()
}

// stringValue reads a string. Strings without escapes are cut from a copy of
// the input made a window of up to 4 KiB at a time, so most strings cost no
// allocation of their own; a kept string holds at most its window in memory.
// A string with escapes is allocated alone.
func (d *decoder) stringValue() (string, error) {
	d.skipWS()
	if d.pos >= len(d.data) || d.data[d.pos] != '"' {
		return "", d.errUnexpectedKind("string")
	}
	start := d.pos + 1
	end, escaped, err := d.scanString(d.pos)
	if err != nil {
		return "", err
	}
	d.pos = end
	if escaped {
		d.scratch = unescape(d.scratch[:0], d.data[start:end-1])
		return string(d.scratch), nil
	}
	return d.cut(start, end-1), nil
}

// nameString returns name, just returned by nextField, as a string: cut
// from the copied window like String's results when the name had no
// escapes, so the names of map keys and kept members need no allocation of
// their own either.
func (d *decoder) nameString(name []byte) string {
	if d.namePlain {
		return d.cut(d.fieldPos+1, d.fieldPos+1+len(name))
	}
	return string(name)
}

// keep returns a copy of b, which rawCopy's callers may keep: a slice of an
// arena allocated like the strings' windows (at most 4 KiB, or the rest of
// the input, at a time). Its capacity ends with it, so appending to it
// cannot reach the next copy.
func (d *decoder) keep(b []byte) []byte {
	if len(b) > cap(d.arena)-len(d.arena) {
		d.arena = make([]byte, 0, max(len(b), min(textWindow, len(b)+len(d.data)-d.pos)))
	}
	start := len(d.arena)
	d.arena = append(d.arena, b...)
	return d.arena[start:len(d.arena):len(d.arena)]
}

// cut returns data[i:j] as a string, from the copied window when it holds
// that range, or else from a new window starting at i.
func (d *decoder) cut(i, j int) string {
	if i == j {
		return ""
	}
	if i < d.textAt || j > d.textAt+len(d.text) {
		d.text = string(d.data[i:max(j, min(i+textWindow, len(d.data)))])
		d.textAt = i
	}
	return d.text[i-d.textAt : j-d.textAt]
}

// boolValue reads true or false.
func (d *decoder) boolValue() (bool, error) {
	d.skipWS()
	rest := d.data[d.pos:]
	if len(rest) >= 4 && string(rest[:4]) == "true" {
		d.pos += 4
		return true, nil
	}
	if len(rest) >= 5 && string(rest[:5]) == "false" {
		d.pos += 5
		return false, nil
	}
	return false, d.errUnexpectedKind("boolean")
}

func isDigit(c byte) bool { return c-'0' <= 9 }

// scanNumber validates the number starting at p and returns the offset after
// it.
func (d *decoder) scanNumber(p int) (int, error) {
	data := d.data
	i := p
	if i < len(data) && data[i] == '-' {
		i++
	}
	switch {
	case i >= len(data):
		return 0, d.errAt(p, "invalid number "+quoteSnippet(data[p:i]))
	case data[i] == '0':
		i++
		if i < len(data) && isDigit(data[i]) {
			return 0, d.errAt(p, "leading zero in number "+d.snippetNumber(p))
		}
	case data[i] >= '1' && data[i] <= '9':
		i++
		for i < len(data) && isDigit(data[i]) {
			i++
		}
	default:
		return 0, d.errAt(p, "invalid number "+d.snippetNumber(p))
	}
	if i < len(data) && data[i] == '.' {
		i++
		if i >= len(data) || !isDigit(data[i]) {
			return 0, d.errAt(p, "missing digits after decimal point in number "+d.snippetNumber(p))
		}
		for i < len(data) && isDigit(data[i]) {
			i++
		}
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		if i >= len(data) || !isDigit(data[i]) {
			return 0, d.errAt(p, "missing exponent digits in number "+d.snippetNumber(p))
		}
		for i < len(data) && isDigit(data[i]) {
			i++
		}
	}
	return i, nil
}

// snippetNumber quotes the number-like run of bytes at p, for messages.
func (d *decoder) snippetNumber(p int) string {
	i := p
	for i < len(d.data) && i-p < 40 {
		c := d.data[i]
		if !isDigit(c) && c != '-' && c != '+' && c != '.' && c != 'e' && c != 'E' {
			break
		}
		i++
	}
	if i == p && i < len(d.data) {
		i++
	}
	return quoteSnippet(d.data[p:i])
}

// parseInt reads an integer's sign and magnitude. The magnitude is exact when
// digits <= 19.
func (d *decoder) parseInt(typ string) (neg bool, u uint64, start, digits int, err error) {
	d.skipWS()
	data := d.data
	p := d.pos
	start = p
	if p < len(data) && data[p] == '-' {
		neg = true
		p++
	}
	if p >= len(data) || !isDigit(data[p]) {
		if neg {
			_, err = d.scanNumber(start)
			return false, 0, start, 0, err
		}
		return false, 0, start, 0, d.errUnexpectedKind("integer")
	}
	first := p
	if data[p] == '0' {
		p++
	} else {
		for p < len(data) {
			c := data[p] - '0'
			if c > 9 {
				break
			}
			u = u*10 + uint64(c)
			p++
		}
	}
	if p < len(data) {
		if c := data[p]; c == '.' || c == 'e' || c == 'E' || isDigit(c) {
			if _, err = d.scanNumber(start); err != nil {
				return false, 0, start, 0, err
			}
			return false, 0, start, 0, d.errAt(start, "number "+d.snippetNumber(start)+" is not an integer ("+typ+")")
		}
	}
	d.pos = p
	return neg, u, start, p - first, nil
}

// int64Value reads an integer that fits in an int64. Fractions and exponents are
// rejected, even when their value is integral.
func (d *decoder) int64Value() (int64, error) {
	neg, u, start, digits, err := d.parseInt("int64")
	if err != nil {
		return 0, err
	}
	if digits > 19 || (!neg && u > math.MaxInt64) || (neg && u > 1<<63) {
		d.pos = start
		return 0, d.errAt(start, "number "+d.snippetNumber(start)+" overflows int64")
	}
	if neg {
		return int64(-u), nil
	}
	return int64(u), nil
}

// int32Value reads an integer that fits in an int32. Fractions and exponents are
// rejected, even when their value is integral.
func (d *decoder) int32Value() (int32, error) {
	neg, u, start, digits, err := d.parseInt("int32")
	if err != nil {
		return 0, err
	}
	if digits > 10 || (!neg && u > math.MaxInt32) || (neg && u > 1<<31) {
		d.pos = start
		return 0, d.errAt(start, "number "+d.snippetNumber(start)+" overflows int32")
	}
	if neg {
		return int32(-int64(u)), nil
	}
	return int32(u), nil
}

// number reads a validated number and returns its text.
func (d *decoder) number() ([]byte, int, error) {
	d.skipWS()
	start := d.pos
	if start >= len(d.data) || kindOf(d.data[start]) != kindNumber {
		return nil, start, d.errUnexpectedKind("number")
	}
	end, err := d.scanNumber(start)
	if err != nil {
		return nil, start, err
	}
	d.pos = end
	return d.data[start:end], start, nil
}

// decimalParts splits the validated number s into its sign, decimal
// mantissa and power of ten. ok is false when the mantissa has more than 19
// significant digits or the exponent more than 4 digits.
func decimalParts(s []byte) (neg bool, mant uint64, exp10 int, ok bool) {
	i := 0
	if s[0] == '-' {
		neg = true
		i++
	}
	nd := 0 // significant digits in mant
	for ; i < len(s) && isDigit(s[i]); i++ {
		if mant == 0 && s[i] == '0' {
			continue
		}
		if nd == 19 {
			return false, 0, 0, false
		}
		mant = mant*10 + uint64(s[i]-'0')
		nd++
	}
	if i < len(s) && s[i] == '.' {
		for i++; i < len(s) && isDigit(s[i]); i++ {
			exp10--
			if mant == 0 && s[i] == '0' {
				continue
			}
			if nd == 19 {
				return false, 0, 0, false
			}
			mant = mant*10 + uint64(s[i]-'0')
			nd++
		}
	}
	if i < len(s) { // exponent
		i++
		eneg := false
		if s[i] == '+' || s[i] == '-' {
			eneg = s[i] == '-'
			i++
		}
		if len(s)-i > 4 {
			return false, 0, 0, false
		}
		e := 0
		for ; i < len(s); i++ {
			e = e*10 + int(s[i]-'0')
		}
		if eneg {
			e = -e
		}
		exp10 += e
	}
	return neg, mant, exp10, true
}

// float64Value reads a number as a float64, rounding to the nearest value.
// Numbers beyond the float64 range are an error.
func (d *decoder) float64Value() (float64, error) {
	s, start, err := d.number()
	if err != nil {
		return 0, err
	}
	// Exact fast path (as in strconv): the mantissa and the power of ten
	// are both exact float64 values, so one rounding gives the result.
	if neg, mant, exp10, ok := decimalParts(s); ok && mant <= 1<<53 && exp10 >= -22 && exp10 <= 22 {
		f := float64(mant)
		if exp10 < 0 {
			f /= math.Pow10(-exp10)
		} else {
			f *= math.Pow10(exp10)
		}
		if neg {
			f = -f
		}
		return f, nil
	}
	f, err := strconv.ParseFloat(string(s), 64)
	if err != nil {
		return 0, d.errAt(start, "number "+quoteSnippet(s)+" overflows float64")
	}
	return f, nil
}

// float32Value reads a number as a float32, rounding to the nearest value.
// Numbers beyond the float32 range are an error.
func (d *decoder) float32Value() (float32, error) {
	s, start, err := d.number()
	if err != nil {
		return 0, err
	}
	if neg, mant, exp10, ok := decimalParts(s); ok && mant <= 1<<24 && exp10 >= -10 && exp10 <= 10 {
		f := float32(mant)
		if exp10 < 0 {
			f /= float32(math.Pow10(-exp10))
		} else {
			f *= float32(math.Pow10(exp10))
		}
		if neg {
			f = -f
		}
		return f, nil
	}
	f, err := strconv.ParseFloat(string(s), 32)
	if err != nil {
		return 0, d.errAt(start, "number "+quoteSnippet(s)+" overflows float32")
	}
	return float32(f), nil
}

// nonFinite reads one of the strings "NaN", "INF", "Infinity", "-INF" and
// "-Infinity" and returns its value.
func (d *decoder) nonFinite() (float64, error) {
	start := d.pos
	s, err := d.readString()
	if err != nil {
		return 0, err
	}
	switch string(s) {
	case "NaN":
		return math.NaN(), nil
	case "INF", "Infinity":
		return math.Inf(1), nil
	case "-INF", "-Infinity":
		return math.Inf(-1), nil
	}
	return 0, d.errAt(start, "expected number or \"NaN\", \"INF\" or \"-INF\", found string "+quoteSnippet(s))
}

// float64NonFinite reads a number like [decoder.float64Value], and also the
// strings "NaN", "INF" and "-INF" (and "Infinity", "-Infinity") by which some
// APIs, Microsoft Graph among them, send values JSON numbers cannot carry.
func (d *decoder) float64NonFinite() (float64, error) {
	d.skipWS()
	if d.pos < len(d.data) && d.data[d.pos] == '"' {
		return d.nonFinite()
	}
	return d.float64Value()
}

// float32NonFinite is [decoder.float64NonFinite] for float32.
func (d *decoder) float32NonFinite() (float32, error) {
	d.skipWS()
	if d.pos < len(d.data) && d.data[d.pos] == '"' {
		f, err := d.nonFinite()
		return float32(f), err
	}
	return d.float32Value()
}

// raw validates the next value and returns its bytes, a sub-slice of the
// input without surrounding whitespace.
func (d *decoder) raw() ([]byte, error) {
	d.skipWS()
	start := d.pos
	if err := d.skip(); err != nil {
		return nil, err
	}
	return d.data[start:d.pos:d.pos], nil
}

// skipName consumes a field name and its colon inside Skip.
func (d *decoder) skipName() error {
	d.skipWS()
	if d.pos >= len(d.data) || d.data[d.pos] != '"' {
		if d.pos < len(d.data) && d.data[d.pos] == '}' {
			return d.errAt(d.pos, "trailing comma in object")
		}
		return d.errAt(d.pos, "expected field name, found "+d.describeAt(d.pos))
	}
	end, _, err := d.scanString(d.pos)
	if err != nil {
		return err
	}
	d.pos = end
	d.skipWS()
	if d.pos >= len(d.data) || d.data[d.pos] != ':' {
		return d.errAt(d.pos, "expected ':' after field name, found "+d.describeAt(d.pos))
	}
	d.pos++
	return nil
}

// skip validates and consumes the next value, whatever its kind. It does not
// recurse: nesting costs one bit per level and is bounded by the depth limit.
func (d *decoder) skip() error {
	base := d.depth
value:
	for {
		d.skipWS()
		if d.pos >= len(d.data) {
			return d.errAt(d.pos, "unexpected end of input, expected a value")
		}
		switch c := d.data[d.pos]; c {
		case '{':
			if err := d.push(false); err != nil {
				return err
			}
			d.pos++
			d.skipWS()
			if d.pos < len(d.data) && d.data[d.pos] == '}' {
				d.pos++
				d.depth--
				break
			}
			if err := d.skipName(); err != nil {
				return err
			}
			continue value
		case '[':
			if err := d.push(true); err != nil {
				return err
			}
			d.pos++
			d.skipWS()
			if d.pos < len(d.data) && d.data[d.pos] == ']' {
				d.pos++
				d.depth--
				break
			}
			continue value
		case '"':
			end, _, err := d.scanString(d.pos)
			if err != nil {
				return err
			}
			d.pos = end
		case 't', 'f', 'n':
			lit := "null"
			if c == 't' {
				lit = "true"
			} else if c == 'f' {
				lit = "false"
			}
			if len(d.data)-d.pos < len(lit) || string(d.data[d.pos:d.pos+len(lit)]) != lit {
				return d.errAt(d.pos, "invalid literal "+d.snippetWord(d.pos))
			}
			d.pos += len(lit)
		case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
			end, err := d.scanNumber(d.pos)
			if err != nil {
				return err
			}
			d.pos = end
		default:
			return d.errAt(d.pos, "expected a value, found "+d.describeAt(d.pos))
		}
		// A complete value was consumed: close containers or find the next
		// value's separator.
		for d.depth > base {
			d.skipWS()
			if d.pos >= len(d.data) {
				return d.errAt(d.pos, "unexpected end of input")
			}
			c := d.data[d.pos]
			if d.inArray() {
				if c == ']' {
					d.pos++
					d.depth--
					continue
				}
				if c != ',' {
					return d.errAt(d.pos, "expected ',' or ']' after array element, found "+d.describeAt(d.pos))
				}
				d.pos++
				d.skipWS()
				if d.pos < len(d.data) && d.data[d.pos] == ']' {
					return d.errAt(d.pos, "trailing comma in array")
				}
				continue value
			}
			if c == '}' {
				d.pos++
				d.depth--
				continue
			}
			if c != ',' {
				return d.errAt(d.pos, "expected ',' or '}' after object field, found "+d.describeAt(d.pos))
			}
			d.pos++
			if err := d.skipName(); err != nil {
				return err
			}
			continue value
		}
		return nil
	}
}

// DecodeError is the error of every [decoder] method.
//
// Offset is the byte offset in the input where the problem was found. Path
// locates the value in the document: field names joined by dots and array
// indexes in brackets, such as caller.userAgent.platform or
// segments[3].media; it is empty for the top-level value. A name that is not
// made only of ASCII letters, digits, '_', '-', '$' and '@' is written as a
// quoted index, such as value["odata.type"]. Generated decoders fill Path
// with [withField] and [withIndex] as the error returns through them.
//
// Error formats it as
//
//	json: <path>: <msg> at offset <offset>
//
// with "<path>: " left out when Path is empty. The text stays under 1 KiB
// whatever the input: the decoder never quotes more than 32 bytes of input,
// and long paths and messages are shortened in the middle.
type DecodeError struct {
	Offset int    // byte offset in the input
	Path   string // location of the value in the document, "" for the top level
	Msg    string // what is wrong
}

// Parts returns the offset, path and message: what a package generated
// from a schema that imports this one reads from the error, whose type it
// does not share.
func (e *DecodeError) Parts() (offset int, path, msg string) { return e.Offset, e.Path, e.Msg }

// Error implements the error interface.
func (e *DecodeError) Error() string {
	path := capMiddle(e.Path, maxPathLen)
	msg := capMiddle(e.Msg, maxMsgLen)
	b := make([]byte, 0, len("json: : at offset 0000000000")+len(path)+len(msg))
	b = append(b, "json: "...)
	if path != "" {
		b = append(b, path...)
		b = append(b, ": "...)
	}
	b = append(b, msg...)
	b = append(b, " at offset "...)
	b = strconv.AppendInt(b, int64(e.Offset), 10)
	return string(b)
}

const (
	maxPathLen    = 512 // longest Path kept and printed
	maxMsgLen     = 400 // longest Msg printed
	maxSnippetLen = 32  // most input bytes quoted in a message
)

// capMiddle shortens s to at most n bytes by cutting out its middle,
// respecting UTF-8 boundaries.
func capMiddle(s string, n int) string {
	if len(s) <= n {
		return s
	}
	head := n / 4
	tail := n - head - 3
	for head > 0 && !utf8.RuneStart(s[head]) {
		head--
	}
	t := len(s) - tail
	for t < len(s) && !utf8.RuneStart(s[t]) {
		t++
	}
	return s[:head] + "..." + s[t:]
}

// quoteSnippet quotes at most maxSnippetLen bytes of b for a message.
func quoteSnippet(b []byte) string {
	if len(b) > maxSnippetLen {
		return strconv.Quote(string(b[:maxSnippetLen])) + "..."
	}
	return strconv.Quote(string(b))
}

// describeByte names a single byte for a message.
func describeByte(c byte) string {
	if c < utf8.RuneSelf {
		return strconv.QuoteRune(rune(c))
	}
	return "byte 0x" + strconv.FormatUint(uint64(c), 16)
}

// snippetWord quotes the run of letters at p, for messages about literals.
func (d *decoder) snippetWord(p int) string {
	i := p
	for i < len(d.data) && i-p < maxSnippetLen && (d.data[i]|0x20) >= 'a' && (d.data[i]|0x20) <= 'z' {
		i++
	}
	if i == p && i < len(d.data) {
		i++
	}
	return quoteSnippet(d.data[p:i])
}

// describeAt names what is at offset p, for "found ..." in messages.
func (d *decoder) describeAt(p int) string {
	if p >= len(d.data) {
		return "end of input"
	}
	c := d.data[p]
	switch kindOf(c) {
	case kindInvalid:
		return "invalid character " + describeByte(c)
	case kindBool, kindNull:
		rest := d.data[p:]
		for _, lit := range [...]string{"null", "true", "false"} {
			if len(rest) >= len(lit) && string(rest[:len(lit)]) == lit {
				return lit
			}
		}
		return "invalid literal " + d.snippetWord(p)
	}
	return kindOf(c).String()
}

func (d *decoder) errAt(off int, msg string) error {
	return &DecodeError{Offset: off, Msg: msg}
}

// errorf returns a *DecodeError at the current offset with a formatted
// message, shortened to 256 bytes.
func (d *decoder) errorf(format string, args ...any) error {
	return d.errAt(d.pos, capMiddle(fmt.Sprintf(format, args...), 256))
}

// errDuplicate returns a *DecodeError reporting that the field name, just
// returned by [decoder.nextField], appears twice in its object. The offset is
// that of the second occurrence.
func (d *decoder) errDuplicate(name []byte) error {
	return d.errAt(d.fieldPos, "duplicate field "+quoteSnippet(name))
}

// errNullNotAllowed returns a *DecodeError reporting that the next value is
// null where null is not allowed. Call it before consuming the null so the
// offset points at it.
func (d *decoder) errNullNotAllowed() error {
	d.skipWS()
	return d.errAt(d.pos, "null is not allowed here")
}

// errRequired returns a *DecodeError reporting that the object just closed
// lacks the required field name.
func (d *decoder) errRequired(name string) error {
	return d.errAt(d.pos, "missing required field "+quoteSnippet([]byte(name)))
}

// errUnexpectedKind returns a *DecodeError reporting that the next value is
// not what the caller wants, for example "expected string, found number".
func (d *decoder) errUnexpectedKind(want string) error {
	d.skipWS()
	return d.errAt(d.pos, "expected "+want+", found "+d.describeAt(d.pos))
}

// asDecodeError finds the *DecodeError in err's chain.
func asDecodeError(err error) *DecodeError {
	if de, ok := err.(*DecodeError); ok {
		return de
	}
	var de *DecodeError
	if errors.As(err, &de) {
		return de
	}
	return nil
}

// withField prepends the field name to the Path of the *DecodeError in err's
// chain and returns err; other errors are returned unchanged. Generated
// decoders call it only on the error path, the only place it allocates.
func withField(err error, name string) error {
	if de := asDecodeError(err); de != nil {
		b := appendFieldSegment(make([]byte, 0, len(name)+1+len(de.Path)), name, false)
		de.Path = joinPath(b, de.Path)
	}
	return err
}

// withIndex prepends the array index i to the Path of the *DecodeError in
// err's chain and returns err; other errors are returned unchanged.
func withIndex(err error, i int) error {
	if de := asDecodeError(err); de != nil {
		b := appendIndexSegment(make([]byte, 0, 8+len(de.Path)), i)
		de.Path = joinPath(b, de.Path)
	}
	return err
}

// joinPath appends rest to the rendered segment b and caps the result.
func joinPath(b []byte, rest string) string {
	if rest != "" && rest[0] != '[' {
		b = append(b, '.')
	}
	b = append(b, rest...)
	return capMiddle(string(b), maxPathLen)
}

// appendFieldSegment renders the field name as a path segment: bare (after
// a dot unless first) when it is a simple name, else as ["quoted"].
func appendFieldSegment(dst []byte, name string, dot bool) []byte {
	simple := name != ""
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			c == '_' || c == '-' || c == '$' || c == '@') {
			simple = false
			break
		}
	}
	if simple {
		if dot {
			dst = append(dst, '.')
		}
		return append(dst, name...)
	}
	if len(name) > maxSnippetLen {
		name = name[:maxSnippetLen]
	}
	dst = append(dst, '[')
	dst = strconv.AppendQuoteToASCII(dst, name)
	return append(dst, ']')
}

// appendIndexSegment renders an array index as a path segment.
func appendIndexSegment(dst []byte, i int) []byte {
	dst = append(dst, '[')
	dst = strconv.AppendInt(dst, int64(i), 10)
	return append(dst, ']')
}
