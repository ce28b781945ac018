// Package generated holds the committed output of sessiongen for the bundled
// set: one package per API in schema/apis, and conformance/kinds and
// conformance/shared from testdata/conformance, each importing the standard
// library and the packages of the schemas it imports (twilio/proxy imports
// twilio/common, conformance/kinds imports conformance/shared). Run go generate here (or go run ./cmd/sessiongen from the module
// root) after changing a schema or the generator: with no schema arguments
// the command generates exactly that set and prunes packages whose schema is
// gone.
package generated

//go:generate go run -C .. ./cmd/sessiongen
