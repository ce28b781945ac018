package templates

import (
	"embed"
	"io/fs"
)

// refDocs holds the text templates of the Markdown reference pages
// (package refdocs): the layout of each page kind, apart from the code
// that fills them.
//
//go:embed refdocs/*.md.tmpl
var refDocs embed.FS

// RefDocs returns the reference page templates, under refdocs/.
func RefDocs() fs.FS { return refDocs }
