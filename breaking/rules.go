package breaking

// Category says whom a change breaks.
type Category string

// The categories. Wire rules protect programs that speak the API's JSON and
// HTTP (any language); Go rules protect Go code compiled against the
// generated package; compatible changes break nobody and are listed only on
// request.
const (
	Wire       Category = "wire"
	GoAPI      Category = "go"
	Compatible Category = "compatible"
)

// Rule is one kind of change the check recognises.
type Rule struct {
	ID        string
	Category  Category
	Rationale string // one line, for README and -h
}

// Rules lists every rule, wire first, then Go, then compatible; README's
// table is checked against it.
var Rules = []Rule{
	{"BASE_URL_CHANGED", Wire, "clients that use the default base URL reach another server or version"},
	{"AUTH_CHANGED", Wire, "credentials the client sends are no longer the ones the server checks"},
	{"PAGING_STYLE_CHANGED", Wire, "list methods reach the next page another way; old clients stop after the first page or loop"},
	{"PAGING_CHANGED", Wire, "the next link, page parameters or items member moved: old clients read the wrong member"},
	{"DISCRIMINATOR_CHANGED", Wire, "the member that selects a subtype moved: every polymorphic value decodes as unknown"},
	{"DISCRIMINATOR_VALUE_CHANGED", Wire, "payloads written with the old value decode as another (or an unknown) subtype"},
	{"SUBTYPES_CLOSED", Wire, "a closed hierarchy rejects subtypes the server may add, which old clients kept as unknown"},
	{"ERROR_SHAPE_CHANGED", Wire, "error bodies decode into another type, or their code and message are read elsewhere"},
	{"TYPE_KIND_CHANGED", Wire, "a type turned from object to enum (or back): every value of it is written differently"},
	{"OBJECT_CLOSED", Wire, "undeclared members an open object kept and sent back are now dropped"},
	{"FIELD_REMOVED", Wire, "payloads lose a member that clients read or send"},
	{"FIELD_WIRE_NAME_CHANGED", Wire, "the member is written under another JSON name: old readers miss it, old writers send the old one"},
	{"FIELD_TYPE_CHANGED", Wire, "the member's values are written as another type (or element type)"},
	{"FIELD_REQUIRED_ADDED", Wire, "a new required member in a request: requests from old clients lack it"},
	{"FIELD_NOW_REQUIRED", Wire, "a request member became required: requests from old clients that omit it are refused"},
	{"FIELD_NO_LONGER_REQUIRED", Wire, "a response member may now be absent: old clients' decoders reject the response"},
	{"FIELD_NOW_NULLABLE", Wire, "a response member may now be null: old clients' decoders reject the null"},
	{"FIELD_NOW_NON_NULLABLE", Wire, "null is no longer accepted: requests sending it are refused, and servers on the old contract still send it"},
	{"FIELD_NOW_READ_ONLY", Wire, "a member clients sent in requests is no longer sent"},
	{"CONSTRAINT_TIGHTENED", Wire, "values valid before (longer strings, larger numbers, other patterns) are now refused"},
	{"ENUM_VALUE_REMOVED", Wire, "a closed enum no longer accepts a value clients send or stored"},
	{"ENUM_VALUE_WIRE_CHANGED", Wire, "the same constant is written as another string: old peers do not know it"},
	{"ENUM_VALUE_ADDED_TO_CLOSED", Wire, "old clients' Validate rejects the new value of a closed enum when a server sends it"},
	{"ENUM_CLOSED", Wire, "values outside the list, accepted while the enum was open, are now rejected"},
	{"RESOURCE_REMOVED", Wire, "every method of the resource is gone"},
	{"METHOD_REMOVED", Wire, "calls to the method fail"},
	{"METHOD_HTTP_CHANGED", Wire, "the method is sent with another HTTP verb"},
	{"PATH_CHANGED", Wire, "the method is sent to another URL (a path parameter added, removed or moved counts)"},
	{"QUERY_PARAM_REMOVED", Wire, "a query parameter clients send is no longer read"},
	{"HEADER_REMOVED", Wire, "a request header clients send is no longer read"},
	{"RESPONSE_HEADER_REMOVED", Wire, "a response header clients read is no longer sent"},
	{"BODY_CHANGED", Wire, "the request body is another type, shape or encoding, or appeared or went"},
	{"RESPONSE_CHANGED", Wire, "the response body is another type or kind (object, page, bytes, text), or appeared or went"},
	{"STATUS_REMOVED", Wire, "a success status clients handle is no longer documented (or any 2xx became a list)"},
	{"STATUS_ADDED", Wire, "old clients check the documented statuses and treat the new one as an error"},

	{"GO_PACKAGE_CHANGED", GoAPI, "the Go package name or import path changed: every import breaks"},
	{"GO_NAME_CHANGED", GoAPI, "the same schema element has another Go name (goName, or a rename that changes the derived name)"},
	{"GO_DECL_REMOVED", GoAPI, "an exported Go type, field, constant, function or method is no longer generated"},
	{"GO_OPTIONAL_CHANGED", GoAPI, "a field moved between a plain value and Optional[T]: code reading or setting it no longer compiles"},
	{"GO_TYPE_CHANGED", GoAPI, "an exported field or constant has another Go type"},
	{"GO_CONST_VALUE_CHANGED", GoAPI, "an exported constant (an enum value, DefaultBaseURL) has another value: code compiled with it behaves differently"},
	{"GO_SIGNATURE_CHANGED", GoAPI, "an exported function or method takes or returns other types"},
	{"GO_NOT_COMPARABLE", GoAPI, "a struct is no longer comparable: == and map keys over it stop compiling"},
	{"GO_SUPPORT_REMOVED", GoAPI, "support code the package exported (Date, Page, ...) is no longer reached, so no longer generated"},

	{"FIELD_ADDED", Compatible, "a new optional member: old readers skip it, old writers leave it absent"},
	{"FIELD_PRESENCE_RELAXED", Compatible, "required, nullable or readOnly changed in a direction no request or response of this member minds"},
	{"CONSTRAINT_LOOSENED", Compatible, "every value valid before is still valid"},
	{"ENUM_VALUE_ADDED", Compatible, "an open enum gained a value: old clients keep unknown values unchanged"},
	{"ENUM_VALUE_REMOVED_OPEN", Compatible, "an open enum dropped a value: the wire still carries any string"},
	{"ENUM_OPENED", Compatible, "a closed enum now also keeps unknown values"},
	{"OBJECT_OPENED", Compatible, "an object now also keeps undeclared members"},
	{"PACKAGE_ADDED", Compatible, "a new schema: nothing depended on it"},
	{"SUBTYPES_OPENED", Compatible, "a closed hierarchy now also keeps unknown subtypes"},
	{"TYPE_ADDED", Compatible, "a new type"},
	{"RESOURCE_ADDED", Compatible, "a new resource"},
	{"METHOD_ADDED", Compatible, "a new method"},
	{"QUERY_PARAM_ADDED", Compatible, "a new optional query parameter"},
	{"HEADER_ADDED", Compatible, "a new optional request header, or a new response header"},
}

// ruleByID finds a rule; ok is false for an unknown ID.
func ruleByID(id string) (Rule, bool) {
	for _, r := range Rules {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}
