package main

import (
	"log/slog"
	"os"

	"github.com/pb33f/libopenapi"
	"github.com/pb33f/libopenapi/datamodel"
	"github.com/rogpeppe/go-internal/testscript"
)

// cmdOpenAPI checks a document as a user's OpenAPI tooling would read it:
// openapi FILE VERSION parses FILE with libopenapi, which must read it as
// OpenAPI VERSION (3.1.0) and build its model (every $ref resolved)
// without an error.
func cmdOpenAPI(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: openapi FILE VERSION")
	}
	text, err := os.ReadFile(ts.MkAbs(args[0]))
	ts.Check(err)
	config := datamodel.NewDocumentConfiguration()
	config.Logger = slog.New(slog.DiscardHandler)
	doc, err := libopenapi.NewDocumentWithConfiguration(text, config)
	ts.Check(err)
	if v := doc.GetSpecInfo().Version; v != args[1] {
		ts.Fatalf("%s: OpenAPI version %q, want %q", args[0], v, args[1])
	}
	model, err := doc.BuildV3Model()
	ts.Check(err)
	ts.Logf("%s: %d paths, %d schemas", args[0], model.Model.Paths.PathItems.Len(), model.Model.Components.Schemas.Len())
}
