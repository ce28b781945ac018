package openapi

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkImportSyllable imports the session endpoints of the 1 MB
// Syllable spec: parsing the whole document dominates.
func BenchmarkImportSyllable(b *testing.B) {
	spec, err := os.ReadFile(filepath.Join("testdata", "import", "syllable-openapi.json"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(spec)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Import(spec, Options{PathPrefixes: []string{"/api/v1/sessions"}}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkImportSyllableAll imports every operation of the Syllable spec.
func BenchmarkImportSyllableAll(b *testing.B) {
	spec, err := os.ReadFile(filepath.Join("testdata", "import", "syllable-openapi.json"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(spec)))
	for b.Loop() {
		if _, err := Import(spec, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
