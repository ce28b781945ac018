package generator

import (
	"bytes"
	"path"

	"github.com/dave/jennifer/jen"

	"github.com/sessiongen/sessiongen/schema"
)

// Gofmt is gofmt for the external tests: src formatted in chunks of about
// size bytes.
var Gofmt = gofmt

// DeclBreaks is declBreaks for the external tests.
var DeclBreaks = declBreaks

// UnformattedSources returns every file GenerateWith renders with jennifer
// for files (each package's artifacts and fake, not its support files) as
// jennifer writes it before formatting.
func UnformattedSources(files []*schema.File, opts Options) ([]File, error) {
	_, reserved, err := supportSources()
	if err != nil {
		return nil, err
	}
	pkgs, err := buildIR(files, opts, reserved)
	if err != nil {
		return nil, err
	}
	var out []File
	add := func(f *jen.File, name string) error {
		f.NoFormat = true
		var buf bytes.Buffer
		if err := f.Render(&buf); err != nil {
			return err
		}
		out = append(out, File{Path: name, Content: buf.Bytes()})
		return nil
	}
	for _, p := range pkgs {
		for _, a := range artifacts {
			if a.enabled == nil || a.enabled(p) {
				if err := add(artifactFile(p, a), path.Join(p.Dir, a.file)); err != nil {
					return nil, err
				}
			}
		}
		if hasClient(p) {
			if err := add(fakeFile(p, opts.ImportRoot)); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// GofmtChunks is gofmtChunks for the external tests.
var GofmtChunks = gofmtChunks
