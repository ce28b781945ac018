// Package goname turns API names (camelCase, snake_case, kebab-case, dotted)
// into Go identifiers. It is a leaf package so that the schema validator and
// the generator agree on every name: two API names that map to one Go name are
// reported where they are written, not found later by the compiler.
package goname

import (
	"go/token"
	"strings"
	"unicode"
	"unicode/utf8"
)

// initialisms are written in capitals inside Go names, as Go's own style and
// golint ask (ID, URL, TTL). The list is closed: a word is an initialism only
// when it is here or in the API's own list (see [Namer]), so output never
// depends on guesswork. Words of one API (Twilio's SID, Syllable's STT and
// TTS) belong in that API's definition, not here.
var initialisms = map[string]bool{
	"ACL": true, "AD": true, "API": true, "ASCII": true, "CPU": true, "CSS": true, "DNS": true,
	"EOF": true, "GUID": true, "HTML": true, "HTTP": true, "HTTPS": true, "ID": true, "IP": true,
	"JSON": true, "LHS": true, "PII": true, "QPS": true, "RAM": true, "RHS": true,
	"RPC": true, "RTT": true, "SIP": true, "SLA": true, "SMS": true, "SMTP": true,
	"SQL": true, "SSH": true, "TCP": true, "TLS": true, "TTL": true,
	"UDP": true, "UI": true, "UID": true, "URI": true, "URL": true, "URLS": true, "UTF8": true,
	"UUID": true, "VM": true, "XML": true, "XMPP": true, "XSRF": true, "XSS": true,
}

// A Namer turns API names into Go identifiers with the common initialisms
// and those of one API. The zero Namer knows the common ones only.
type Namer struct {
	extra map[string]bool // the API's own initialisms, upper case
}

// NewNamer returns a Namer that also writes the given words in capitals
// ("SID" makes account_sid AccountSID). Case does not matter.
func NewNamer(initialisms []string) Namer {
	n := Namer{extra: map[string]bool{}}
	for _, w := range initialisms {
		n.extra[strings.ToUpper(w)] = true
	}
	return n
}

func (n Namer) isInitialism(up string) bool { return initialisms[up] || n.extra[up] }

// Words splits name into words at separators (anything that is not a letter or
// digit), at lower-to-upper case changes and at the end of an upper-case run
// followed by lower case ("HTTPServer" is "HTTP", "Server").
func Words(name string) []string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, string(cur))
			cur = cur[:0]
		}
	}
	runes := []rune(name)
	for i, r := range runes {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			flush()
			continue
		}
		if len(cur) > 0 {
			prev := cur[len(cur)-1]
			switch {
			case unicode.IsLower(prev) && unicode.IsUpper(r):
				flush()
			case unicode.IsUpper(prev) && unicode.IsUpper(r) && i+1 < len(runes) && unicode.IsLower(runes[i+1]):
				flush()
			}
		}
		cur = append(cur, r)
	}
	flush()
	return words
}

// Exported returns the exported Go identifier for name: words capitalised,
// initialisms in capitals, separators dropped ("unique_name" is UniqueName,
// "callee_id" is CalleeID, "@odata.type" is OdataType), a trailing "<" or
// ">" read as Before or After ("StartTime<" is StartTimeBefore). A result that would
// not start with an upper-case letter gets an "X" prefix ("2fa" is X2fa,
// "名前" is X名前); an empty result is "X".
func Exported(name string) string { return Namer{}.Exported(name) }

// Exported returns the exported Go identifier for name, as [Exported] does
// with n's initialisms.
func (n Namer) Exported(name string) string {
	var b strings.Builder
	words := Words(name)
	// Twilio's range filters: "StartTime<" and "StartTime>" are the
	// start times before and after the value, as Twilio's own SDKs name
	// them; dropping the sign would give both one name.
	if len(words) > 0 {
		switch {
		case strings.HasSuffix(name, "<"):
			words = append(words, "Before")
		case strings.HasSuffix(name, ">"):
			words = append(words, "After")
		}
	}
	for _, w := range words {
		up := strings.ToUpper(w)
		if n.isInitialism(up) {
			b.WriteString(up)
			continue
		}
		r, size := utf8.DecodeRuneInString(w)
		b.WriteRune(unicode.ToUpper(r))
		b.WriteString(w[size:])
	}
	s := b.String()
	if s == "" {
		return "X"
	}
	// A name must start with an upper-case letter to be exported; digits and
	// letters with no capital (名, ß) get an X in front.
	if r, _ := utf8.DecodeRuneInString(s); !unicode.IsUpper(r) {
		s = "X" + s
	}
	return s
}

// Unexported returns the unexported form of Exported(name) ("callRecord" is
// callRecord, "ID" is id, "URLList" is urlList), suffixed with "_" when it
// would be a Go keyword or predeclared identifier.
func Unexported(name string) string { return Namer{}.Unexported(name) }

// Unexported returns the unexported form of n.Exported(name), as
// [Unexported] does.
func (nm Namer) Unexported(name string) string {
	e := nm.Exported(name)
	runes := []rune(e)
	// Lower the leading upper-case run, but keep the last upper letter of a
	// run that is followed by lower case ("URLList" -> "urlList").
	n := 0
	for n < len(runes) && unicode.IsUpper(runes[n]) {
		n++
	}
	if n > 1 && n < len(runes) && unicode.IsLower(runes[n]) {
		n--
	}
	if n == 0 {
		n = 1
	}
	for i := 0; i < n; i++ {
		runes[i] = unicode.ToLower(runes[i])
	}
	s := string(runes)
	if token.IsKeyword(s) || predeclared[s] {
		s += "_"
	}
	return s
}

// IsPackageName reports whether s is a conventional Go package name: lower-case
// ASCII letters and digits, starting with a letter, not a keyword.
func IsPackageName(s string) bool {
	if s == "" || token.IsKeyword(s) || predeclared[s] {
		return false
	}
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z':
		case r >= '0' && r <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}

var predeclared = map[string]bool{
	"any": true, "append": true, "bool": true, "byte": true, "cap": true, "clear": true,
	"close": true, "comparable": true, "complex": true, "complex128": true, "complex64": true,
	"copy": true, "delete": true, "error": true, "false": true, "float32": true, "float64": true,
	"imag": true, "int": true, "int16": true, "int32": true, "int64": true, "int8": true,
	"iota": true, "len": true, "make": true, "max": true, "min": true, "new": true, "nil": true,
	"panic": true, "print": true, "println": true, "real": true, "recover": true, "rune": true,
	"string": true, "true": true, "uint": true, "uint16": true, "uint32": true, "uint64": true,
	"uint8": true, "uintptr": true,
}
