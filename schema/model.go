package schema

import (
	"strings"

	"github.com/sessiongen/sessiongen/schema/goname"
)

// Pos is a position in a schema file: 1-based line and column.
type Pos struct {
	File string
	Line int
	Col  int
}

// File is one loaded schema file: one API.
type File struct {
	Path string // as given to the loader
	// ModuleRelPath is the file's path from the root of the Go module that
	// holds it (the nearest folder above it with a go.mod), slash-separated,
	// or its base name outside any module: a name that does not depend on
	// the working directory. LoadFiles sets it; empty when parsed from memory.
	ModuleRelPath string
	Version       int
	// Imports are the other schema files whose types this one names as
	// <as>.<Type>, in file order; LoadFiles loads them (Parse does not).
	Imports   []*Import
	Package   Package
	API       API
	Types     []*Type     // in file order
	Resources []*Resource // in file order
	// Warnings are doubts that do not stop generation (an items member no
	// other list or the path explains), sorted; the command prints them.
	Warnings Diagnostics
}

// Package names the generated Go package.
type Package struct {
	Pos         Pos
	Name        string // Go package name
	Path        string // output folder, slash-separated, relative to the output root
	Description string
	NamePos     Pos // of the name value, where problems with it are reported
	PathPos     Pos // of the path value
	// Initialisms are the API's own words written in capitals inside Go
	// names (Twilio's SID, Syllable's STT), in file order, upper case; they
	// add to the generic list of package goname.
	Initialisms    []string
	InitialismsPos Pos
}

// Namer returns the Go namer of f: the common initialisms and the API's own.
func (f *File) Namer() goname.Namer { return goname.NewNamer(f.Package.Initialisms) }

// API holds the wire conventions shared by every method.
type API struct {
	Pos         Pos
	BaseURL     string
	Description string
	Auth        Auth
	Encoding    Encoding
	Pagination  *Pagination // nil: the API does not page
	// Errors is the shape of error bodies of every status that no shape of
	// ErrorsByStatus claims; nil: those bodies are not typed.
	Errors *ErrorShape
	// ErrorsByStatus are the shapes selected by status (Syllable's FastAPI
	// 422 body), in file order; each has Statuses. Empty unless api.errors
	// is written as a list.
	ErrorsByStatus    []*ErrorShape
	Discriminator     string // property that selects a subtype; "" when none
	RetryNotProcessed []int  // statuses documented as never processed
	IdempotencyHeader string
	// Headers are request headers every method may send (Graph's Prefer):
	// wire name to header parameter, in file order.
	Headers []*Property
	// RequestIDHeaders are the response headers carrying the server's
	// request id, in order of preference (Graph: request-id,
	// client-request-id; Twilio: Twilio-Request-Id); empty when the API
	// documents none.
	RequestIDHeaders    []string
	RequestIDHeadersPos Pos
}

// AuthScheme is how requests authenticate.
type AuthScheme string

// The authentication schemes.
const (
	AuthBearer AuthScheme = "bearer"
	AuthBasic  AuthScheme = "basic"
	AuthAPIKey AuthScheme = "apiKey"
)

// Auth describes the credentials a client needs.
type Auth struct {
	Pos      Pos
	Scheme   AuthScheme
	Username string // basic: name of the first credential (accountSid)
	Password string // basic: name of the second credential (authToken)
	Header   string // apiKey: header carrying the key
}

// Encoding is a request body encoding.
type Encoding string

// The request body encodings.
const (
	EncodingJSON Encoding = "json"
	EncodingForm Encoding = "form"
)

// PaginationStyle is how a list method reaches its next page.
type PaginationStyle string

// The pagination styles.
const (
	PaginationNextLink   PaginationStyle = "nextLink"
	PaginationPageNumber PaginationStyle = "pageNumber"
)

// Pagination describes list paging.
type Pagination struct {
	Pos        Pos
	Style      PaginationStyle
	Next       JSONPath // nextLink: where the next page URL is
	SizeParam  string
	PageParam  string // pageNumber
	FirstPage  int    // pageNumber
	TotalPages JSONPath
	TotalCount JSONPath
	// Metadata are the page envelope's members a caller can read on a
	// page (Graph's @odata.count, Twilio's meta.page), in file order.
	Metadata []*PageField
	// ExpandedNextLink is the member, beside an expanded relationship
	// array, that links to the rest of it: a pattern holding {property},
	// the relationship's wire name ("{property}@odata.nextLink"); "" when
	// expanded collections do not continue.
	ExpandedNextLink    string
	ExpandedNextLinkPos Pos
}

// PageField is one member of a page envelope exposed on the page.
type PageField struct {
	Pos         Pos    // of the key
	Name        string // as written; the Go name derives from it
	Path        JSONPath
	PathPos     Pos
	Kind        Kind // a scalar kind
	KindPos     Pos
	Description string
}

// ExpandedNextLinkMember returns the wire name of the member holding the
// next link of the expanded relationship property, or "" when the API has
// no expandedNextLink.
func (p *Pagination) ExpandedNextLinkMember(property string) string {
	if p == nil || p.ExpandedNextLink == "" {
		return ""
	}
	return strings.Replace(p.ExpandedNextLink, "{property}", property, 1)
}

// ErrorCode is the error code an API documents for an HTTP status.
type ErrorCode struct {
	Pos    Pos // of the code value
	Status int
	Code   string // the code's text: an integer's digits or a string
	Number bool   // written as an integer in the schema
}

// JSONPath is a list of property names from the root of a JSON body.
type JSONPath []string

// ErrorShape describes error response bodies.
type ErrorShape struct {
	Pos Pos
	// Statuses are the HTTP statuses this shape is selected for (400-599);
	// empty for the shape of every other status.
	Statuses  []int
	StatusPos Pos
	Type      *TypeRef
	Code      JSONPath
	Message   JSONPath
	RequestID JSONPath
	// Codes are the API's error codes for HTTP statuses, in file order: what
	// the generated fake answers with (Twilio's 20404 for a 404).
	Codes []ErrorCode

	// Where each JSON path was written, so that a path through a missing
	// property is reported at the path.
	CodePos, MessagePos, RequestIDPos Pos
}

// TypeRef names a type; the validator resolves it.
type TypeRef struct {
	Pos    Pos
	Name   string
	Target *Type // set by validation
}

// Type is a named object or enum.
type Type struct {
	Pos         Pos
	Name        string
	GoName      string // explicit Go name; "" derives it from Name
	GoNamePos   Pos
	Description string
	Deprecated  string
	Open        bool // object: keeps undeclared properties; enum: the API may add values

	// Enum types.
	IsEnum   bool
	Enum     []*EnumValue
	Sentinel string
	// InlineOf describes the property an inline enum is written on
	// (`property "mode" of type "Session"`); "" for a type declared under
	// types. Validation names an inline enum (Name and GoName both become
	// its Go name, see inlineEnums) and lists it in File.Types after its
	// owner, so that everything downstream treats it as a named enum.
	InlineOf string

	// Object types.
	Properties         []*Property
	Base               *TypeRef
	Abstract           bool
	DiscriminatorValue string
	// Discriminator is the member that selects a subtype in the hierarchy
	// rooted at this type; "" uses api.discriminator. Only a root declares it.
	Discriminator    string
	DiscriminatorPos Pos
	// ClosedSubtypes: a discriminator value no subtype declares is an error
	// when decoding (subtypes: closed); by default subtypes are open and an
	// unknown value decodes into the Unknown holder.
	ClosedSubtypes bool
	SubtypesPos    Pos
	Key            string
	IDPrefix       string
	Subtypes       []*Type // set by validation, in file order
	// Defaults are the readOnly, nullable and required values of the
	// properties that do not write them (nil: none); the loader has
	// already applied them to Properties.
	Defaults *Defaults
	// Rules are the cross-field rules on the type's properties (its own
	// and its bases'), in file order; subtypes inherit them.
	Rules []*FieldRule

	// Union types (type: union, of: [...]): the union, as written. A
	// property naming the type is read as this union (TypeExpr.UnionType).
	Union *TypeExpr

	// GoType, on a type declared as a caller's own Go type (goType:
	// instead of properties or enum): every reference to the type is that
	// Go type, and nothing is generated for the declaration itself.
	GoType *GoType
}

// GoIdent returns the Go name of t: GoName when set, else derived from Name
// by the file's namer n.
func (t *Type) GoIdent(n goname.Namer) string {
	if t.GoName != "" {
		return t.GoName
	}
	return n.Exported(t.Name)
}

// EnumValue is one member of an enum.
type EnumValue struct {
	Pos         Pos
	Value       string
	Description string
	Deprecated  string
	// GoName is the explicit Go name of the value, appended to the enum's
	// Go name to name its constant; "" derives it from Value.
	GoName    string
	GoNamePos Pos
}

// GoIdent returns the Go name of v within its enum: GoName when set, else
// derived from Value by the file's namer n.
func (v *EnumValue) GoIdent(n goname.Namer) string {
	if v.GoName != "" {
		return v.GoName
	}
	return n.Exported(v.Value)
}

// Kind is the kind of a type expression.
type Kind string

// The kinds of type expression. KindNamed refers to a type under "types".
const (
	KindString   Kind = "string"
	KindInt32    Kind = "int32"
	KindInt64    Kind = "int64"
	KindNumber   Kind = "number"
	KindFloat32  Kind = "float32"
	KindBoolean  Kind = "boolean"
	KindDate     Kind = "date"
	KindDateTime Kind = "date-time"
	KindDuration Kind = "duration"
	KindURI      Kind = "uri"
	KindUUID     Kind = "uuid"
	KindJSON     Kind = "json"
	KindArray    Kind = "array"
	KindMap      Kind = "map"
	KindBinary   Kind = "binary" // responses only
	KindNamed    Kind = "named"
	// KindUnion is a value of one of several scalar kinds (TypeExpr.Of),
	// told apart by the JSON token: a string, a number or true/false.
	KindUnion  Kind = "union"
	KindGoType Kind = "goType" // a caller's own Go type, see GoType
)

// GoType is a Go type of the caller's that stands for a type expression: a
// named type of an importable package, with the JSON codec methods the
// generated code calls (checked by the command at generation time, in the
// caller's module).
type GoType struct {
	Pos       Pos    // of the goType key
	Import    string // import path
	Name      string // exported type name in that package
	ImportPos Pos
	NamePos   Pos
}

// builtinKinds are the kinds a "type:" value may name directly.
var builtinKinds = []Kind{
	KindString, KindInt32, KindInt64, KindNumber, KindFloat32, KindBoolean, KindDate,
	KindDateTime, KindDuration, KindURI, KindUUID, KindJSON, KindArray, KindMap, KindUnion,
}

// IsScalar reports whether k is neither a container, json nor a named type.
func (k Kind) IsScalar() bool {
	switch k {
	case KindArray, KindMap, KindJSON, KindNamed, KindBinary, KindUnion, KindGoType:
		return false
	}
	return true
}

// TypeExpr is the type of a property, item, map value or parameter.
type TypeExpr struct {
	Pos         Pos // of the "type" value
	Kind        Kind
	Ref         *TypeRef  // KindNamed
	Items       *TypeExpr // KindArray
	Values      *TypeExpr // KindMap
	MinLength   *int
	MaxLength   *int
	Pattern     string
	Minimum     *Number
	Maximum     *Number
	MinItems    *int
	MaxItems    *int
	UniqueItems bool
	NonFinite   bool
	// Of are the members of a union (KindUnion), in file order: scalar
	// kinds, at most one per JSON token (see UnionToken).
	Of []UnionMember
	// Nullable is set on array items and map values that may be null; a
	// property's nullable is Property.Nullable.
	Nullable bool
	// UnionType is the union type a KindUnion expression names (type: Loc,
	// set by validation; Of is then the type's); nil for a union written
	// in place.
	UnionType *Type
	// Inline is the enum written on this expression (enum: instead of
	// type:); Kind is then KindNamed and Ref.Target is Inline.
	Inline *Type
	// GoType is the caller's own Go type written on this expression
	// (goType: instead of type:); Kind is then KindGoType.
	GoType *GoType

	// keys records where each key of the expression was written, so that a
	// constraint that does not fit is reported at the constraint.
	keys map[string]keyPos
}

// UnionMember is one member of a union: a scalar kind, or an enum type
// (KindNamed, Ref; a JSON string), as written.
type UnionMember struct {
	Pos  Pos
	Kind Kind
	Ref  *TypeRef // KindNamed: the enum type, resolved by validation
}

// UnionToken is the JSON token a value of scalar kind k is written as:
// "string", "number" or "boolean". A union decodes by the token alone, so
// no two of its members may share one.
func UnionToken(k Kind) string {
	switch k {
	case KindInt32, KindInt64, KindNumber, KindFloat32:
		return "number"
	case KindBoolean:
		return "boolean"
	}
	return "string"
}

// keyPos is where a key and its value were written.
type keyPos struct {
	key, val Pos
}

// keyPos returns where key was written, or the expression's position when
// it was not (an expression built by hand).
func (t *TypeExpr) keyPos(key string) Pos {
	if p, ok := t.keys[key]; ok {
		return p.key
	}
	return t.Pos
}

// valPos returns where the value of key was written, or the expression's
// position.
func (t *TypeExpr) valPos(key string) Pos {
	if p, ok := t.keys[key]; ok {
		return p.val
	}
	return t.Pos
}

// Number is a numeric bound kept as written, so int64 bounds stay exact.
type Number struct {
	Pos  Pos
	Text string
}

// Property is a named type expression with presence and documentation: an
// object property, a request field, a path or query parameter.
type Property struct {
	Pos         Pos    // of the key
	Name        string // exact wire name
	Type        TypeExpr
	Description string
	Required    bool
	Nullable    bool
	ReadOnly    bool
	CreateOnly  bool // sent on create, never in an update: immutable after create
	// RequiredOnCreate: a create request must send it, although responses
	// may omit it (required means "always present in responses").
	RequiredOnCreate bool
	PII              bool
	Relationship     bool
	Deprecated       string
	Format           string
	Default          *Value
	Examples         []*Value
	Explode          *bool // query parameters only
	// FromDefaults names the keys (readOnly, nullable, required) whose
	// value came from the defaults of the type, body or resource rather
	// than from the property, each with where that default was written,
	// so that a problem it causes is reported with both places. Nil when
	// every value was written on the property.
	FromDefaults map[string]Pos

	// written records the keys written on the property, which defaults
	// never override.
	written map[string]bool
}

// Defaults are the values of readOnly, nullable and required that the
// properties of a type (or the fields of a body or of a resource's bodies)
// take when they do not write the key themselves. Nil members set nothing.
type Defaults struct {
	Pos      Pos // of the defaults mapping
	ReadOnly *DefaultFlag
	Nullable *DefaultFlag
	Required *DefaultFlag
}

// DefaultFlag is one default value and where it was written.
type DefaultFlag struct {
	Pos   Pos
	Value bool
}

// FieldRuleKind is what a cross-field rule demands of the fields it names.
type FieldRuleKind string

// The cross-field rules. A field counts as present when it holds a value:
// absent and null are both "not present".
const (
	// RuleAtLeastOneOf: at least one of the fields is present.
	RuleAtLeastOneOf FieldRuleKind = "atLeastOneOf"
	// RuleMutuallyExclusive: at most one of the fields is present.
	RuleMutuallyExclusive FieldRuleKind = "mutuallyExclusive"
	// RuleExactlyOneOf: exactly one of the fields is present.
	RuleExactlyOneOf FieldRuleKind = "exactlyOneOf"
)

// FieldRule is a cross-field rule of a type or of a body's fields.
type FieldRule struct {
	Pos      Pos // of the rule's key
	Kind     FieldRuleKind
	Names    []string // wire names of the properties, as written
	NamesPos []Pos    // where each name was written
}

// Value is a literal from the schema (a default or an example) as JSON text.
type Value struct {
	Pos  Pos
	JSON string
}

// Resource is an addressable collection with methods.
type Resource struct {
	Pos         Pos
	Name        string
	Type        *TypeRef
	Description string
	Parent      *ResourceRef
	Path        string
	PathPos     Pos
	Params      []*Property
	Methods     []*Method
	// Defaults apply to the inline body fields of every method (nil:
	// none); a body's own defaults take precedence key by key.
	Defaults *Defaults
}

// ResourceRef names a resource; the validator resolves it.
type ResourceRef struct {
	Pos    Pos
	Name   string
	Target *Resource
}

// Method is one HTTP operation.
type Method struct {
	Pos         Pos
	Name        string
	HTTP        string
	Path        string
	PathPos     Pos
	Description string
	Deprecated  string
	Params      []*Property
	Query       []*Property
	Body        *Body
	Response    *Response // nil: no body
	RetrySafe   *bool
	// ResponseHeaders are the response headers the caller can read
	// (Location, ETag), in file order, written under response.headers;
	// a method may declare them without a body.
	ResponseHeaders []*Property
	// Headers are the request headers of this method only (Graph's
	// If-Match), beside the API's.
	Headers []*Property
	// Statuses are the documented success statuses (201, 202, 204), in
	// file order; empty: any 2xx is success.
	Statuses  []int
	StatusPos Pos
}

// Body is a request body.
type Body struct {
	Pos      Pos
	Encoding Encoding // "" means the API default
	Type     *TypeRef
	Fields   []*Property
	Shape    BodyShape // BodyFull unless written
	ShapePos Pos
	// Defaults apply to Fields (nil: none); the loader has applied them.
	Defaults *Defaults
	// Rules are cross-field rules on Fields, in file order.
	Rules []*FieldRule
}

// BodyShape is how a request body is derived from its type or fields.
type BodyShape string

// The body shapes.
const (
	// BodyFull sends the type without its read-only properties, every
	// field as set (today's rule, and the default).
	BodyFull BodyShape = "full"
	// BodyCreate sends the type without its read-only properties;
	// requiredOnCreate properties must be set, createOnly ones may be.
	BodyCreate BodyShape = "create"
	// BodyUpdate is a partial update: exactly the fields the caller set,
	// never read-only or createOnly ones, none required (JSON merge-patch
	// semantics in JSON; only the set keys in a form).
	BodyUpdate BodyShape = "update"
)

// Response is the body a method returns.
type Response struct {
	Pos    Pos
	Type   *TypeRef // nil when Binary
	Binary bool
	Paged  bool
	Items  string
	// Text is the scalar kind of a text/plain body (Graph's $count:
	// int64), "" for any other body. Binary is then true as well: the body
	// is bytes to a consumer that does not read Text, which is what the
	// generator makes of it until it parses text bodies.
	Text Kind
}
