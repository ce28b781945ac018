// Package templates holds what every generated package needs and no schema
// changes: support/ is real, compiled and tested Go (JSON decoder and encoder
// primitives, the tri-state Optional type, date, time and duration formats,
// validation errors). The generator writes it once per output root as the
// packages internal/sessiongenrt and internal/sessiongenfake, its machinery
// exported for the generated packages that import it (generator/runtime.go),
// or, for output outside any module, copies into each output package what it
// reaches, with only its package clause rewritten. Keeping it here as
// ordinary Go gives it gofmt, vet and unit tests; generating it keeps
// generated packages standard-library-only, with no runtime dependency on
// this module.
package templates

import (
	"embed"
	"io/fs"
	"strings"
)

//go:embed support/*.go
var support embed.FS

// SupportFile is one support source file.
type SupportFile struct {
	Name   string // base name, e.g. "decode.go"
	Source []byte
}

// Support returns the support sources to copy, tests excluded, sorted by name.
func Support() []SupportFile {
	entries, err := fs.ReadDir(support, "support")
	if err != nil {
		panic(err) // cannot happen: the directory is embedded at build time
	}
	var out []SupportFile
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := support.ReadFile("support/" + name)
		if err != nil {
			panic(err) // cannot happen: listed above
		}
		out = append(out, SupportFile{Name: name, Source: src})
	}
	return out
}
