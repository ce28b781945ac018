// Package openapi bridges sessiongen schemas and OpenAPI documents, both
// ways, with github.com/pb33f/libopenapi reading OpenAPI.
//
// Export (sessiongen export) writes the OpenAPI 3.1 document of a loaded
// schema: types become components/schemas, resources tags, methods
// operations, the API's auth a security scheme and its error bodies
// components/responses. What OpenAPI has no word for travels in
// x-sessiongen-* extensions (testdata/export/LOSSES.md lists them and
// why), so that an importer can restore the schema.
//
// Import (sessiongen import) reads an OpenAPI 3.0 or 3.1 document and
// writes a schema for the operations a caller selects.
package openapi
