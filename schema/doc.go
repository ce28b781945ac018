// Package schema is the sessiongen YAML format: its model, its loader and its
// validation.
//
// One file describes one API: the Go package to generate, the API's wire
// conventions (base URL, authentication, body encoding, pagination, error
// bodies, the polymorphism discriminator, retry rules), its named types
// (objects and enums) and its resources with their HTTP methods. README.md at
// the module root is the full reference, with an annotated example; the JSON
// Schema sessiongen.schema.json beside this file lets editors check and
// complete schemas.
//
// A minimal file:
//
//	sessiongen: 1
//	package: {name: meetings, path: acme/meetings}
//	api:
//	  baseURL: https://api.acme.example/v2
//	  auth: {scheme: bearer}
//	types:
//	  Meeting:
//	    key: id
//	    properties:
//	      id:    {type: string, required: true, readOnly: true}
//	      topic: {type: string, nullable: true, maxLength: 191}
//	resources:
//	  meetings:
//	    type: Meeting
//	    path: /meetings
//	    params: {meetingId: {type: string}}
//	    methods:
//	      get: {http: GET, path: "/meetings/{meetingId}", response: {type: Meeting}}
//
// Beyond bodies, a file says what each HTTP exchange looks like: request
// headers of the API or a method (Graph's Prefer, If-Match), the response
// headers a caller reads and the API's request-id headers, the documented
// success statuses of a method, how a request body derives from its type
// (create, or a partial update), properties required only on create,
// text/plain and header-only responses, page metadata read from the page
// envelope, the member that continues an expanded relationship collection,
// and error body shapes selected by status. Words of the API's names that
// are written in capitals (SID, STT) belong to the file, under
// package.initialisms.
//
// Loading is strict and positioned. Files are decoded through yaml.Node trees
// (go.yaml.in/yaml/v3) and every scalar is read from its text with its tag
// checked, so 012, ~, true and 2001-12-14 are never coerced into something
// else. Unknown keys, duplicate keys, dangling references, illegal cycles, two
// names that become one Go identifier, constraints that do not fit their type
// and undeclared path parameters are all errors. Every problem is collected;
// the error is a [Diagnostics] whose lines read "file:line:col: message",
// sorted and deduped. Anchors, aliases and merge keys are rejected and files
// are capped at [MaxFileSize], so no input can make the loader expand a YAML
// bomb.
package schema
