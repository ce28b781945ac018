// Package generated holds the committed output of sessiongen for the bundled
// schemas in schema/apis: one package per API, each importing the standard
// library only. Run go generate here (or go run ./cmd/sessiongen from the
// module root) after changing a schema or the generator.
package generated

//go:generate go run -C .. ./cmd/sessiongen
