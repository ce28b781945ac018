// Package ir is the schema as Go will see it: resolved, Go-named and ordered.
// It sits between the positioned schema model and the jennifer emitters, so
// emitters never resolve a reference or invent a name, and every naming
// problem is reported with the schema position that caused it.
//
// Nothing here imports jennifer.
package ir

// Package is one generated Go package.
type Package struct {
	Name       string // Go package name
	Dir        string // output folder, slash-separated, relative to the output root
	SchemaPath string // the schema file, as named in the "Code generated" header
	Doc        string
	API        *API
	Enums      []*Enum   // schema order
	Structs    []*Struct // schema order
	// Unions are the scalar unions, in the order their properties appear.
	Unions    []*Union
	Resources []*Resource
	// Routes are every method of every resource, most specific path first:
	// a router taking the first match must try /x/search before /x/{id}.
	Routes []*Method
	// Patterns are the patterns the package checks (struct fields, then
	// path parameters), each once, in first-use order.
	Patterns []*Pattern
	// Imports are the other generated packages whose types this one uses
	// (schema imports), sorted by import path.
	Imports []*Import
}

// API holds the wire conventions the emitters need.
type API struct {
	BaseURL           string
	Doc               string
	Auth              Auth
	Encoding          Encoding    // the default request body encoding
	Pagination        *Pagination // nil: the API does not page
	ErrorType         *Struct
	ErrorShape        *ErrorShape // nil: error bodies are not typed
	Discriminator     string      // wire name of the discriminator property, or ""
	RetryNotProcessed []int
	IdempotencyHeader string
	// RequestIDHeaders are the response headers that carry the request id,
	// tried in order when the error body has none.
	RequestIDHeaders []string
	// PageReaders are the readers of page bodies, one per distinct items
	// member, in first-use order.
	PageReaders []*PageReader
	// Continuations are the expanded relationship arrays a caller can
	// continue (api.pagination.expandedNextLink), in struct and field order.
	Continuations []*Continuation

	// HTTP exchange facts (build_http.go).

	// ErrorsByStatus are the error shapes selected by status, in file
	// order; a status none of them lists gets ErrorShape.
	ErrorsByStatus []*ErrorShape
	// ErrorBodies are the distinct typed error bodies of every shape, each
	// once, in first-use order (ErrorShape's first): the fields of APIError.
	ErrorBodies []*ErrorBody
	// ErrorAliases are the imported error body types that the package
	// also names, by a type alias of the same Go name: APIError.Body is
	// part of the package's API, and a body moved into a shared schema
	// keeps the name callers wrote. The alias claims the name first: a
	// type of the package wanting it is reported.
	ErrorAliases []*Struct
	// Headers are the request headers every method may send.
	Headers []*Header
}

// ErrorBody is a typed error body: a field of APIError.
type ErrorBody struct {
	Field string  // Go field name in APIError
	Type  *Struct // the body's type
}

// Header is a request or response header.
type Header struct {
	Name       string // Go name (field of the headers struct)
	Wire       string // the header's name on the wire
	Doc        string
	Type       *Type // a scalar, an enum, or a slice of them (comma-joined)
	Required   bool
	Deprecated string
}

// AuthScheme is how requests authenticate.
type AuthScheme string

// The authentication schemes.
const (
	AuthNone   AuthScheme = ""
	AuthBearer AuthScheme = "bearer"
	AuthBasic  AuthScheme = "basic"
	AuthAPIKey AuthScheme = "apiKey"
)

// Auth describes the credentials a client needs.
type Auth struct {
	Scheme   AuthScheme
	Username string // basic: schema name of the first credential (accountSid)
	Password string // basic: schema name of the second credential (authToken)
	// UsernameArg and PasswordArg are the Go parameter names of the basic
	// credentials in WithBasicAuth.
	UsernameArg, PasswordArg string
	Header                   string // apiKey: header carrying the key
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
	Style      PaginationStyle
	Next       []string // nextLink: JSON path of the next page URL
	SizeParam  string
	PageParam  string // pageNumber
	FirstPage  int    // pageNumber
	TotalPages []string
	TotalCount []string

	// Metadata are the page envelope's members exposed on each page, in
	// schema order; empty when the API declares none.
	Metadata []*PageField
	// MetaType is the Go name of the struct holding Metadata ("PageMeta"),
	// "" when Metadata is empty.
	MetaType string
}

// PageField is one member of a page envelope exposed on the page as an
// optional value: absent and null both read as not set.
type PageField struct {
	Name string   // Go field name in the MetaType struct
	Path []string // JSON path from the page's root object
	Doc  string
	Type *Type // a scalar
	// TotalPages reports that Path is also the pagination's totalPages,
	// which the page reader reads once, through this field.
	TotalPages bool
}

// Continuation is how a caller continues an expanded relationship array
// whose owner arrived with the array's next link set.
type Continuation struct {
	Owner        *Struct // the struct holding both fields
	Relationship *Field  // the relationship array
	Link         *Field  // the field holding its next link
	Elem         *Type   // one element of the array
	// Name is the Go name of the Client method iterating over the rest of
	// the array; PageName the one fetching its next page; FetchName the
	// unexported one fetching any page of it.
	Name, PageName, FetchName string
	// PageReader reads the pages the link leads to.
	PageReader *PageReader
}

// PageReader is the generic reader of page bodies whose items are in one
// member.
type PageReader struct {
	Name  string // Go name of the generic function
	Items string // wire name of the items member
}

// ErrorShape describes error response bodies. Paths are lists of property
// names from the root of the body.
type ErrorShape struct {
	Code      []string
	Message   []string
	RequestID []string
	// CodeField is the field of the error type the code path ends at, nil
	// when the path does not end at a declared field.
	CodeField *Field
	// CodeIsNumber reports whether the code is an integer (CodeField is an
	// integer field).
	CodeIsNumber bool
	// Codes are the API's error codes for HTTP statuses, in file order.
	Codes []ErrorCode
	// Statuses are the statuses the shape is selected for; empty for the
	// shape of every other status (API.ErrorShape).
	Statuses []int
	// Body is the typed body of the shape, nil when the body is not typed.
	Body *ErrorBody
}

// ErrorCode is the error code an API documents for an HTTP status.
type ErrorCode struct {
	Status int
	Code   string // the code's text: an integer's digits or a string
	Number bool   // written as an integer in the schema
}

// Enum is a named string type with constants.
type Enum struct {
	Name       string // Go type name
	Wire       string // schema name
	Doc        string
	Deprecated string
	Open       bool
	Sentinel   *EnumValue
	Values     []*EnumValue
	ValuesFunc string // exported func returning every value
	Decoder    string // unexported func(*Decoder) (Name, error)
	// InlineOf names the property the enum is written on, for its
	// documentation; "" for an enum declared under types.
	InlineOf string
}

// EnumValue is one enum constant.
type EnumValue struct {
	Name       string // Go constant name: type name + value name
	Wire       string
	Doc        string
	Deprecated string
}

// Role says why a struct exists.
type Role int

// The roles of structs.
const (
	RoleModel   Role = iota // a schema type
	RoleRequest             // the inline body fields of a method
	RoleParams              // the query parameters of a method
	// RoleUpdate is a partial-update type derived from a model (body shape
	// update): encoded and validated, never decoded (the fake merges the
	// body it receives as JSON onto the stored resource).
	RoleUpdate
)

// Struct is an object type.
type Struct struct {
	Role       Role
	Name       string // Go type name of the struct
	Wire       string // schema name
	Doc        string
	Deprecated string
	Fields     []*Field // inherited fields first, then own, in schema order
	Open       bool     // keeps undeclared properties in AdditionalProperties
	Abstract   bool     // no struct is emitted, only the interface
	Key        *Field
	IDPrefix   string
	// KeyFormat is the fmt format (one integer verb) of the n-th key the
	// generated fake assigns, "" when the type has no string key.
	KeyFormat string

	// Polymorphism.
	DiscriminatorValue string // "" when not in a hierarchy
	// Discriminator is the wire name of the member that selects a subtype:
	// the hierarchy's (its root's discriminator, else the API's) for a type
	// in a hierarchy, the API's (kept as a field) for any other; "" if none.
	Discriminator string
	Base          *Struct // direct base, nil at the root
	// Interface is set when the type has subtypes: properties of this type
	// hold the interface, which every concrete type of the hierarchy below
	// (and including) this one implements, plus the Unknown fallback.
	Interface *Interface

	// SentJSON and SentForm report whether the struct is the body of some
	// method sent as JSON or as a form: only then does it need a request
	// encoder (and the fake a decoder).
	SentJSON, SentForm bool

	// CreateRequired are the optional fields a create request (body shape
	// create) must set: the struct gets ValidateCreate, which the client
	// runs instead of Validate. Empty unless the struct is such a body.
	CreateRequired []*Field

	// Rules are the cross-field rules Validate checks (the type's own and
	// its bases', or an inline body's), in schema order.
	Rules []*Rule
	// Import is set on the copy of another package's struct that a
	// package refers to (an imported schema type); nil on its own.
	Import *Import
}

// Rule is a cross-field rule over optional fields of one struct. A field
// counts as present when it holds a value: absent and null are not.
type Rule struct {
	Kind   string   // atLeastOneOf, mutuallyExclusive or exactlyOneOf
	Fields []*Field // at least two, in the order the schema names them
}

// Interface is the Go interface of a polymorphic type.
type Interface struct {
	Name     string    // Go interface name (the schema type's Go name)
	Marker   string    // unexported marker method name
	Unknown  string    // Go name of the struct that keeps an unknown subtype
	Concrete []*Struct // every non-abstract type in the hierarchy, depth first, schema order
	Root     *Struct
	// Closed: a discriminator value no concrete type declares is a decoding
	// error (schema subtypes: closed) instead of an Unknown holder.
	Closed bool
	// TypeField and RawField name the holder's discriminator and raw object
	// fields: Type and Raw unless a base field has the name.
	TypeField, RawField string

	Decoder   string // unexported func(*Decoder) (Name, error) reading any subtype
	Unmarshal string // exported func([]byte) (Name, error)
	Validator string // unexported validation of a value of the interface
}

// Field is one struct field.
type Field struct {
	Name       string // Go field name
	Wire       string // exact JSON name
	Doc        string
	Deprecated string
	Type       *Type
	Required   bool // present in every valid value
	Nullable   bool
	Optional   bool // held in Optional[T]: not required, or nullable
	// NilAbsent: an optional, non-nullable array or map, held as a plain
	// slice or map (Optional false): nil is absent, non-nil (even empty)
	// is present. It has two states, and an Optional of it would cost
	// every package that uses the type a set of compiled methods.
	NilAbsent  bool
	ReadOnly   bool
	CreateOnly bool
	// RequiredOnCreate: a create request (body shape create) must set it.
	RequiredOnCreate bool
	PII              bool
	Relationship     bool
	Default          string // JSON text, or ""
	Examples         []string
	Format           string
	// Explode applies to query parameters that are arrays: repeat the key
	// (true) or join the values with commas.
	Explode bool
	// NextLink is, on a relationship array, the field that keeps the link
	// to the rest of the array when the API continues expanded collections
	// (api.pagination.expandedNextLink); nil otherwise. The link field is
	// an ordinary optional, read-only field of the same struct.
	NextLink *Field
}

// TypeKind says how a Type is represented in Go.
type TypeKind int

// The Go representations.
const (
	String TypeKind = iota
	Int32
	Int64
	Float64
	Float32
	Bool
	Date     // support Date
	DateTime // time.Time
	Duration // support Duration
	URI      // string, validated as an absolute URI
	UUID     // string, validated as a UUID
	JSON     // json.RawMessage
	Slice
	Map
	StructRef    // a struct by value (or by pointer when Pointer is set)
	InterfaceRef // a polymorphic type's interface
	EnumRef
	UnionRef // a scalar union's generated sum type
	// NullableElem is an array item or map value that may be null, held in
	// Optional[Elem]: null is Optional's null state, and the absent state
	// is not a valid element.
	NullableElem
	External // a caller's own Go type (goType), coded by its MarshalJSON and UnmarshalJSON
)

// ExternalType is a Go type of the caller's, from another package.
type ExternalType struct {
	Import string // import path
	Name   string // type name
}

// Type is a Go type with the constraints that apply at its level.
type Type struct {
	Kind      TypeKind
	Elem      *Type         // Slice, Map
	Struct    *Struct       // StructRef
	Interface *Interface    // InterfaceRef
	Enum      *Enum         // EnumRef
	Union     *Union        // UnionRef
	External  *ExternalType // External
	Pointer   bool          // StructRef held by pointer to break a containment cycle
	// Import is set on a StructRef to a type of another generated package:
	// the value is read and written through that package's exported
	// UnmarshalJSON, AppendJSON and Validate.
	Import    *Import
	NonFinite bool // Float64, Float32: "NaN", "INF", "-INF" strings allowed

	MinLength, MaxLength *int
	Pattern              *Pattern
	Minimum, Maximum     *Bound
	MinItems, MaxItems   *int
	UniqueItems          bool
}

// Union is a value of one of several scalar types, told apart by the JSON
// token (string, number, true/false): a generated struct holding which
// member is set and its value. Its zero value has no member set.
type Union struct {
	Name    string // Go type name
	Doc     string // where it comes from, for its comment
	Members []*UnionMember
	Decoder string // unexported func(*Decoder) (Name, error)
	Encoder string // unexported func([]byte, Name) ([]byte, error)
}

// UnionMember is one member of a union.
type UnionMember struct {
	Name  string // Go name of the member: IsName, AsName, <Union>FromName
	Wire  string // the schema kind (string, int64, date-time)
	Type  *Type  // a scalar
	Token string // the JSON token: "string", "number" or "boolean"
	// Field is the unexported struct field holding the member's value.
	Field string
	// Kind is the value of the union's kind field when this member is set:
	// its index in Members plus one (zero is unset).
	Kind int
}

// Pattern is a regular expression the generated package compiles once.
type Pattern struct {
	Var     string // Go name of the package-level *regexp.Regexp
	Matcher string // Go name of the hand-written matcher of a fixed-shape pattern
	Expr    string
	// Fixed is the pattern as pieces when it has one fixed shape (see
	// fixedShape), checked with a loop instead of regexp; nil otherwise.
	Fixed []FixedPiece
}

// Bound is a numeric bound as written in the schema.
type Bound struct {
	Text string
}

// HasConstraints reports whether values of t need checking beyond their Go type.
func (t *Type) HasConstraints() bool {
	return t.MinLength != nil || t.MaxLength != nil || t.Pattern != nil || t.Minimum != nil ||
		t.Maximum != nil || t.MinItems != nil || t.MaxItems != nil || t.UniqueItems
}

// Resource is an addressable collection with methods.
type Resource struct {
	Name       string // Go name of the accessor: client.Sessions
	ClientName string // Go type of the resource client: SessionsClient
	Wire       string
	Doc        string
	Type       *Struct
	Parent     *Resource
	Children   []*Resource
	Path       string
	Params     []*Param // this resource's own parameters: arguments of the accessor its children use
	Bound      []*Param // ancestors' parameters, root first: fields of the resource client
	Methods    []*Method
}

// Param is a path or query parameter.
type Param struct {
	Name     string // Go name
	Wire     string
	Doc      string
	Type     *Type
	Required bool
	Default  string
	Explode  bool // arrays: repeat the key (true) or join with commas
	// Bound reports whether a path parameter is held by the resource client
	// (an ancestor's), not passed by the caller.
	Bound bool
	// ArgName is the Go parameter name of a path parameter the caller
	// passes; BoundField the resource client's field that holds a bound one.
	ArgName, BoundField string
}

// Method is one HTTP operation.
type Method struct {
	Name       string // Go name
	Wire       string
	Doc        string
	Deprecated string
	HTTP       string
	Path       string
	PathParams []*Param   // in template order
	PathParts  []PathPart // the path template as literal text and parameters
	Args       []*Param   // path parameters the caller passes (not bound by the resource client)
	Query      []*Param
	Params     *Struct // the query parameters as a struct, nil when there are none
	Body       *Body
	Response   *Response
	Retryable  bool
	Kind       MethodKind
	// Copies are the request fields a create or update with its own body
	// sets on the resource (same Go name and type).
	Copies []FieldCopy

	// Go names of what the client emits for the method besides Name.
	PageName  string // the single-page variant of a list method
	CallName  string // unexported func building the request
	FetchName string // unexported func fetching one page of a list method

	// HTTP exchange facts (build_http.go).

	// Statuses are the documented success statuses; empty means any 2xx.
	Statuses []int
	// NoContent reports that 204 is a documented status: an answer without
	// a body is then a success, not an *EmptyResponseError.
	NoContent bool
	// Headers are the method's own request headers, after the API's.
	Headers []*Header
	// HeadersName is the Go type of the request headers struct (API's and
	// the method's), "" when the method sends none.
	HeadersName string
	// ResponseHeaders are the response headers the caller reads.
	ResponseHeaders []*Header
	// ResultName is the Go type returned with the response headers, ""
	// when the method declares none; ResultReader the unexported func
	// reading it from the response.
	ResultName, ResultReader string
}

// MethodKind says what a method does to its resource, as far as the path,
// HTTP method and types tell: the generated fake serves each kind.
type MethodKind int

// The method kinds.
const (
	// MethodAction is anything else: the fake answers what a test seeded.
	MethodAction MethodKind = iota
	MethodGet
	MethodList
	MethodCreate // POST to the collection with a body, answering the resource
	MethodUpdate // a body sent to one instance, answering the resource
	MethodDelete
)

// FieldCopy is a request field copied onto a resource field.
type FieldCopy struct {
	From, To *Field
}

// PathPart is a piece of a method's path template: literal text, or a path
// parameter sent escaped.
type PathPart struct {
	Literal string
	Param   *Param
}

// Body is a request body.
type Body struct {
	Encoding Encoding
	Struct   *Struct // the Go type sent: a schema type (read-only fields left out) or the method's Request struct
	Inline   bool    // Struct was built from the method's fields
	// Shape says how the body was derived; ShapeUpdate bodies send only the
	// fields the caller set.
	Shape BodyShape
	// Model is the resource type an update body was derived from (Struct is
	// then its <Model>Update type), nil otherwise.
	Model *Struct
}

// BodyShape is how a request body is derived from its type or fields.
type BodyShape int

// The body shapes.
const (
	ShapeFull   BodyShape = iota // the type as set, read-only fields left out
	ShapeUpdate                  // a partial update: only the fields set
	ShapeCreate                  // the type, with its requiredOnCreate fields checked
)

// Response is what a method returns.
type Response struct {
	Binary bool
	Struct *Struct
	Type   *Type // the Go type of one element (struct or interface)
	Paged  bool
	Items  string // wire name of the page's array
	// PageReader reads the pages of a list method.
	PageReader *PageReader
	// Text is the scalar type of a text/plain body (Binary is then false),
	// nil for any other body.
	Text *Type
}
