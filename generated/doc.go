// Package generated holds the committed output of sessiongen for the bundled
// set: one package per API in schema/apis, and conformance/kinds from
// testdata/conformance/schema.yaml, each importing the standard library
// only. Run go generate here (or go run ./cmd/sessiongen from the module
// root) after changing a schema or the generator: with no schema arguments
// the command generates exactly that set and prunes packages whose schema is
// gone.
package generated

//go:generate go run -C .. ./cmd/sessiongen
