package support

// isURI reports whether s is an absolute URI (RFC 3986): a scheme of a letter
// followed by letters, digits, "+", "-" or ".", a colon, then no spaces,
// control characters or characters RFC 3986 never allows. It does not
// allocate, so validators stay allocation-free.
func isURI(s string) bool {
	colon := -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ':' {
			colon = i
			break
		}
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	if colon < 1 {
		return false
	}
	i := colon + 1
	// Eight bytes a step while all are plain: the AND of their table entries
	// is '1' only when every one is '1'.
	for ; i+8 <= len(s); i += 8 {
		b := s[i : i+8]
		if uriByte[b[0]]&uriByte[b[1]]&uriByte[b[2]]&uriByte[b[3]]&uriByte[b[4]]&uriByte[b[5]]&uriByte[b[6]]&uriByte[b[7]] != '1' {
			break
		}
	}
	for ; i < len(s); i++ {
		c := s[i]
		if uriByte[c] == '1' {
			continue
		}
		if c != '%' || i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
			return false
		}
	}
	return true
}

// uriByte marks with '1' the bytes an absolute URI may hold after its
// scheme: not space, control characters, DEL, the characters RFC 3986 never
// allows ("<>\\^`{|}) or '%', which must start an escape. A table lookup
// keeps isURI well under the microsecond that validating a session may take.
const uriByte = "0000000000000000000000000000000001011011111111111111111111110101" +
	"1111111111111111111111111111010101111111111111111111111111100010" +
	"1111111111111111111111111111111111111111111111111111111111111111" +
	"1111111111111111111111111111111111111111111111111111111111111111"

// isUUID reports whether s is a UUID in its canonical textual form
// (8-4-4-4-12 hexadecimal digits, either case).
func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < 36; i++ {
		switch i {
		case 8, 13, 18, 23:
			if s[i] != '-' {
				return false
			}
		default:
			if !isHex(s[i]) {
				return false
			}
		}
	}
	return true
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
