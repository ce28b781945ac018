// Package ir is the schema as Go will see it: resolved, Go-named and ordered.
// It sits between the positioned schema model and the jennifer emitters, so
// emitters never resolve a reference or invent a name, and every naming
// problem is reported with the schema position that caused it.
//
// Nothing here imports jennifer.
package ir

import "github.com/sessiongen/sessiongen/schema"

// Package is one generated Go package.
type Package struct {
	Name       string // Go package name
	Dir        string // output folder, slash-separated, relative to the output root
	SchemaPath string // the schema file, as named in the "Code generated" header
	Doc        string
	API        *API
	Enums      []*Enum   // schema order
	Structs    []*Struct // schema order
	Resources  []*Resource
}

// API holds the wire conventions the emitters need.
type API struct {
	BaseURL           string
	Doc               string
	Auth              schema.Auth
	Encoding          schema.Encoding
	Pagination        *schema.Pagination
	ErrorType         *Struct
	ErrorShape        *schema.ErrorShape
	Discriminator     string // wire name of the discriminator property, or ""
	RetryNotProcessed []int
	IdempotencyHeader string
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

	// Polymorphism.
	DiscriminatorValue string  // "" when not in a hierarchy
	Base               *Struct // direct base, nil at the root
	// Interface is set when the type has subtypes: properties of this type
	// hold the interface, which every concrete type of the hierarchy below
	// (and including) this one implements, plus the Unknown fallback.
	Interface *Interface
}

// Interface is the Go interface of a polymorphic type.
type Interface struct {
	Name     string    // Go interface name (the schema type's Go name)
	Marker   string    // unexported marker method name
	Unknown  string    // Go name of the struct that keeps an unknown subtype
	Concrete []*Struct // every non-abstract type in the hierarchy, depth first, schema order
	Root     *Struct
}

// Field is one struct field.
type Field struct {
	Name         string // Go field name
	Wire         string // exact JSON name
	Doc          string
	Deprecated   string
	Type         *Type
	Required     bool // present in every valid value
	Nullable     bool
	Optional     bool // held in Optional[T]: not required, or nullable
	ReadOnly     bool
	CreateOnly   bool
	PII          bool
	Relationship bool
	Default      string // JSON text, or ""
	Examples     []string
	Format       string
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
)

// Type is a Go type with the constraints that apply at its level.
type Type struct {
	Kind      TypeKind
	Elem      *Type      // Slice, Map
	Struct    *Struct    // StructRef
	Interface *Interface // InterfaceRef
	Enum      *Enum      // EnumRef
	Pointer   bool       // StructRef held by pointer to break a containment cycle
	NonFinite bool       // Float64, Float32: "NaN", "INF", "-INF" strings allowed

	MinLength, MaxLength *int
	Pattern              *Pattern
	Minimum, Maximum     *Bound
	MinItems, MaxItems   *int
	UniqueItems          bool
}

// Pattern is a regular expression the generated package compiles once.
type Pattern struct {
	Var  string // Go name of the package-level *regexp.Regexp
	Expr string
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
}

// Method is one HTTP operation.
type Method struct {
	Name       string // Go name
	Wire       string
	Doc        string
	Deprecated string
	HTTP       string
	Path       string
	PathParams []*Param // in template order
	Args       []*Param // path parameters the caller passes (not bound by the resource client)
	Query      []*Param
	Params     *Struct // the query parameters as a struct, nil when there are none
	Body       *Body
	Response   *Response
	Retryable  bool
}

// Body is a request body.
type Body struct {
	Encoding schema.Encoding
	Struct   *Struct // the Go type sent: a schema type (read-only fields left out) or the method's Request struct
	Inline   bool    // Struct was built from the method's fields
}

// Response is what a method returns.
type Response struct {
	Binary bool
	Struct *Struct
	Type   *Type // the Go type of one element (struct or interface)
	Paged  bool
	Items  string // wire name of the page's array
}
