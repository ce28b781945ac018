package schema_test

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/sessiongen/sessiongen/schema"
)

// diagLine is the shape of every line of a Diagnostics error.
var diagLine = regexp.MustCompile(`^[^:]+:\d+:\d+: .+$`)

// FuzzParse feeds arbitrary bytes to Parse. It must not panic, and an error
// must be a schema.Diagnostics whose every line is "file:line:col: message",
// short. The fuzzer's own timeout bounds how long one input may take.
func FuzzParse(f *testing.F) {
	cases, err := filepath.Glob(filepath.Join(invalidDir, "*.txtar"))
	if err != nil {
		f.Fatal(err)
	}
	for _, path := range cases {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		ar := parseTxtar(string(data))
		for _, name := range []string{"schema.yaml", "other.yaml"} {
			if src, ok := ar.get(name); ok {
				f.Add([]byte(src))
			}
		}
	}
	apis, err := filepath.Glob("apis/*.yaml")
	if err != nil {
		f.Fatal(err)
	}
	for _, path := range apis {
		src, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	if len(cases) == 0 || len(apis) == 0 {
		f.Fatalf("no seeds: %d cases, %d bundled schemas", len(cases), len(apis))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		file, err := schema.Parse("fuzz.yaml", src)
		if err == nil {
			if file == nil {
				t.Fatal("Parse returned neither a file nor an error")
			}
			return
		}
		ds, ok := err.(schema.Diagnostics)
		if !ok {
			t.Fatalf("error is a %T, want schema.Diagnostics: %v", err, err)
		}
		if len(ds) == 0 {
			t.Fatal("error is an empty Diagnostics")
		}
		checkDiagText(t, err.Error())
	})
}

// checkDiagText checks every line of a Diagnostics error text.
func checkDiagText(t *testing.T, text string) {
	t.Helper()
	for _, line := range strings.Split(text, "\n") {
		if !diagLine.MatchString(line) {
			t.Errorf("diagnostic line %q does not read file:line:col: message", line)
		}
		if len(line) >= 1024 {
			t.Errorf("diagnostic line is %d bytes, want under 1 KiB: %.200q...", len(line), line)
		}
	}
}

// TestYAMLBombIsFast checks that the inputs that could make a loader do
// unbounded work are turned away cheaply: a billion-laughs document (aliases
// are rejected without being expanded) and a file over MaxFileSize (rejected
// before it is parsed). It is not timed: the fuzzer and go test's timeout
// bound it, and expanding the bomb would take far longer than either allows.
func TestYAMLBombIsFast(t *testing.T) {
	var b strings.Builder
	b.WriteString("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i <= 12; i++ { // 10^13 strings once expanded
		prev := "*a" + strconv.Itoa(i-1)
		b.WriteString("a" + strconv.Itoa(i) + ": &a" + strconv.Itoa(i) + " [")
		b.WriteString(strings.Repeat(prev+", ", 9) + prev + "]\n")
	}
	_, err := schema.Parse("bomb.yaml", []byte(b.String()))
	var ds schema.Diagnostics
	if !errors.As(err, &ds) {
		t.Fatalf("billion laughs: got %v, want Diagnostics", err)
	}
	checkDiagText(t, err.Error())
	want := "bomb.yaml:1:5: anchors are not allowed in schemas: write the value out"
	if ds[0].String() != want {
		t.Errorf("billion laughs: first diagnostic\n%s\nwant\n%s", ds[0], want)
	}
	if len(ds) > 20 {
		t.Errorf("billion laughs: %d diagnostics; want the first few and a note", len(ds))
	}

	// One byte over the cap, as Parse and as a file given to LoadFiles.
	big := []byte("sessiongen: 1\n# " + strings.Repeat("x", schema.MaxFileSize))
	big = big[:schema.MaxFileSize+1]
	wantBig := "file is larger than 4194304 bytes"
	_, err = schema.Parse("big.yaml", big)
	if err == nil || err.Error() != "big.yaml:1:1: "+wantBig {
		t.Errorf("Parse of %d bytes: got %v, want %s", len(big), err, wantBig)
	}
	path := filepath.Join(t.TempDir(), "big.yaml")
	if err := os.WriteFile(path, big, 0o666); err != nil {
		t.Fatal(err)
	}
	_, err = schema.LoadFiles(path)
	if err == nil || err.Error() != path+":1:1: "+wantBig {
		t.Errorf("LoadFiles of %d bytes: got %v, want %s", len(big), err, wantBig)
	}
	// Exactly MaxFileSize bytes is allowed through to the parser.
	_, err = schema.Parse("max.yaml", big[:schema.MaxFileSize])
	if err != nil && strings.Contains(err.Error(), wantBig) {
		t.Errorf("Parse of exactly MaxFileSize bytes: %v", err)
	}
}
