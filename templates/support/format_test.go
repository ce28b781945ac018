package support

import (
	"math/rand"
	"strings"
	"testing"
)

func TestIsURI(t *testing.T) {
	for s, want := range map[string]bool{
		"https://proxy.twilio.com/v1/Services/KS00000000000000000000000000000000": true,
		"mailto:a@example.com":      true,
		"urn:isbn:0451450523":       true,
		"https://example.com/a%20b": true,
		"":                          false,
		"/relative/path":            false,
		"https://example.com/a b":   false,
		"1http://x":                 false,
		"https://example.com/%zz":   false,
		"https://example.com/%2":    false,
		"ht tp://x":                 false,
		"https://example.com/\x00":  false,
		"https://example.com/{id}":  false,
	} {
		if got := isURI(s); got != want {
			t.Errorf("IsURI(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestIsURIEveryPosition checks the eight-bytes-at-a-time scan against the
// rule byte by byte: each byte RFC 3986 never allows, and a bad or good
// escape, at every position of URIs longer than a step.
func TestIsURIEveryPosition(t *testing.T) {
	base := "https://example.com/" + strings.Repeat("abcdefgh", 4)
	for _, c := range []string{" ", "\x00", "\x7f", "\"", "<", ">", "\\", "^", "`", "{", "|", "}", "%zz", "%2", "%20", "\u00e9"} {
		for i := len("https:"); i <= len(base); i++ {
			s := base[:i] + c + base[i:]
			want := c == "%20" || c == "\u00e9" || c == "%2" && i < len(base) && isHex(base[i])
			if got := isURI(s); got != want {
				t.Errorf("IsURI(%q) = %v, want %v", s, got, want)
			}
		}
	}
	// Random strings from an alphabet with every class of byte, against a
	// byte-at-a-time reading of the same table.
	rng := rand.New(rand.NewSource(1))
	alphabet := "ab:/%%19AF <>\x7f\x80"
	for range 20000 {
		b := []byte("h:")
		for range rng.Intn(40) {
			b = append(b, alphabet[rng.Intn(len(alphabet))])
		}
		s := string(b)
		want := true
		for i := 2; i < len(s); i++ {
			if uriByte[s[i]] == '1' {
				continue
			}
			if s[i] != '%' || i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
				want = false
				break
			}
		}
		if got := isURI(s); got != want {
			t.Fatalf("IsURI(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestIsUUID(t *testing.T) {
	for s, want := range map[string]bool{
		"e523d2ed-2966-4b6b-925b-754a88034cc5": true,
		"E523D2ED-2966-4B6B-925B-754A88034CC5": true,
		"e523d2ed29664b6b925b754a88034cc5":     false,
		"e523d2ed-2966-4b6b-925b-754a88034cc":  false,
		"g523d2ed-2966-4b6b-925b-754a88034cc5": false,
		"e523d2ed-2966-4b6b-925b_754a88034cc5": false,
	} {
		if got := isUUID(s); got != want {
			t.Errorf("IsUUID(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestFormatChecksDoNotAllocate(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() {
		_ = isURI("https://example.com/a")
		_ = isUUID("e523d2ed-2966-4b6b-925b-754a88034cc5")
	})
	if allocs != 0 {
		t.Errorf("allocations = %v, want 0", allocs)
	}
}
