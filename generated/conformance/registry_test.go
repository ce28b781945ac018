// Registry of every generated decoder (hand-written, not generated): each
// JSON object type of the conformance package and of the three bundled
// packages, by package and Go name, so that the JSONTestSuite and policy
// tests run against all of them. TestRegistryIsComplete keeps it in step with
// the schemas: a type added to a schema fails it until it is listed here.
package conformance_test

import (
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/sessiongen/sessiongen/generated/conformance/kinds"
	"github.com/sessiongen/sessiongen/generated/conformance/shared"
	cr "github.com/sessiongen/sessiongen/generated/msgraph/callrecords"
	sy "github.com/sessiongen/sessiongen/generated/syllable/sessions"
	tc "github.com/sessiongen/sessiongen/generated/twilio/common"
	pr "github.com/sessiongen/sessiongen/generated/twilio/proxy"
	"github.com/sessiongen/sessiongen/generator/ir"
	"github.com/sessiongen/sessiongen/schema"
)

// codec is one generated decoder and its encoder.
type codec struct {
	pkg  string // Go package name
	name string // Go type name (for an interface, the interface)
	// iface is set for a polymorphic type's Unmarshal<Interface> entry point.
	iface bool
	// decode is UnmarshalJSON (structs) or Unmarshal<Interface>.
	decode func([]byte) (any, error)
	encode func(any) ([]byte, error)
	// typ is the struct type (nil for interfaces).
	typ reflect.Type
	// ityp is the interface type (nil for structs).
	ityp reflect.Type
	// unknown is the Unknown<Interface> holder of an interface whose
	// subtypes are closed (decoding never yields it); nil otherwise.
	unknown reflect.Type
}

func (c *codec) String() string { return c.pkg + "." + c.name }

// structMethods is the exported codec of a generated struct: UnmarshalJSON
// is its only decoding entry point (the streaming one is the package's own).
type structMethods interface {
	UnmarshalJSON([]byte) error
	AppendJSON([]byte) ([]byte, error)
	Validate() error
}

func structOf[T any, P interface {
	*T
	structMethods
}](pkg string) *codec {
	return &codec{
		pkg:  pkg,
		name: reflect.TypeFor[T]().Name(),
		decode: func(b []byte) (any, error) {
			v := P(new(T))
			return v, v.UnmarshalJSON(b)
		},
		encode: func(v any) ([]byte, error) { return v.(P).AppendJSON(nil) },
		typ:    reflect.TypeFor[T](),
	}
}

func ifaceOf[I interface {
	AppendJSON([]byte) ([]byte, error)
	Validate() error
}](pkg string, unmarshal func([]byte) (I, error)) *codec {
	return &codec{
		pkg:   pkg,
		name:  reflect.TypeFor[I]().Name(),
		iface: true,
		decode: func(b []byte) (any, error) {
			v, err := unmarshal(b)
			return v, err
		},
		encode: func(v any) ([]byte, error) { return v.(I).AppendJSON(nil) },
		ityp:   reflect.TypeFor[I](),
	}
}

// closedIfaceOf is ifaceOf for a hierarchy with closed subtypes, whose
// unknown holder U decoding never yields.
func closedIfaceOf[U any, I interface {
	AppendJSON([]byte) ([]byte, error)
	Validate() error
}](pkg string, unmarshal func([]byte) (I, error)) *codec {
	c := ifaceOf(pkg, unmarshal)
	c.unknown = reflect.TypeFor[U]()
	return c
}

func proxyOf[T any, P interface {
	*T
	structMethods
}]() *codec {
	return structOf[T, P]("proxy")
}

func sharedOf[T any, P interface {
	*T
	structMethods
}]() *codec {
	return structOf[T, P]("shared")
}

func commonOf[T any, P interface {
	*T
	structMethods
}]() *codec {
	return structOf[T, P]("common")
}

func graphOf[T any, P interface {
	*T
	structMethods
}]() *codec {
	return structOf[T, P]("callrecords")
}

func syllableOf[T any, P interface {
	*T
	structMethods
}]() *codec {
	return structOf[T, P]("sessions")
}

func kindsOf[T any, P interface {
	*T
	structMethods
}]() *codec {
	return structOf[T, P]("kinds")
}

// registry lists every decoder, in schema order within each package.
var registry = []*codec{
	// generated/twilio/proxy
	proxyOf[pr.Session](),
	proxyOf[pr.Participant](),
	proxyOf[pr.Interaction](),
	proxyOf[pr.MessageInteraction](),
	proxyOf[pr.Service](),
	proxyOf[pr.PhoneNumber](),
	proxyOf[pr.PhoneNumberCapabilities](),
	proxyOf[pr.ServicesCreateRequest](),
	proxyOf[pr.ServicesUpdateRequest](),
	proxyOf[pr.PhoneNumbersCreateRequest](),
	proxyOf[pr.PhoneNumbersUpdateRequest](),
	proxyOf[pr.SessionsCreateRequest](),
	proxyOf[pr.SessionsUpdateRequest](),
	proxyOf[pr.ParticipantsCreateRequest](),
	proxyOf[pr.MessageInteractionsCreateRequest](),

	// generated/msgraph/callrecords
	ifaceOf("callrecords", cr.UnmarshalEntity),
	graphOf[cr.CallRecord](),
	graphOf[cr.Session](),
	graphOf[cr.Segment](),
	ifaceOf("callrecords", cr.UnmarshalParticipantBase),
	graphOf[cr.Participant](),
	graphOf[cr.Organizer](),
	graphOf[cr.AdministrativeUnitInfo](),
	ifaceOf("callrecords", cr.UnmarshalEndpoint),
	graphOf[cr.EndpointBase](),
	graphOf[cr.ParticipantEndpoint](),
	graphOf[cr.ServiceEndpoint](),
	ifaceOf("callrecords", cr.UnmarshalUserAgent),
	graphOf[cr.ClientUserAgent](),
	graphOf[cr.ServiceUserAgent](),
	graphOf[cr.FailureInfo](),
	graphOf[cr.Media](),
	graphOf[cr.MediaStream](),
	graphOf[cr.NetworkInfo](),
	graphOf[cr.DeviceInfo](),
	graphOf[cr.TraceRouteHop](),
	graphOf[cr.UserFeedback](),
	graphOf[cr.FeedbackTokenSet](),
	graphOf[cr.UserIdentity](),
	graphOf[cr.PstnCallLogRow](),
	graphOf[cr.DirectRoutingLogRow](),
	ifaceOf("callrecords", cr.UnmarshalIdentity),
	graphOf[cr.IdentityBase](),
	ifaceOf("callrecords", cr.UnmarshalIdentitySet),
	graphOf[cr.IdentitySetBase](),
	graphOf[cr.CommunicationsIdentitySet](),
	graphOf[cr.CommunicationsApplicationIdentity](),
	graphOf[cr.CommunicationsApplicationInstanceIdentity](),
	graphOf[cr.CommunicationsEncryptedIdentity](),
	graphOf[cr.CommunicationsGuestIdentity](),
	graphOf[cr.CommunicationsPhoneIdentity](),
	graphOf[cr.CommunicationsUserIdentity](),
	graphOf[cr.AzureCommunicationServicesUserIdentity](),
	graphOf[cr.GraphUserIdentity](),
	graphOf[cr.ODataError](),
	graphOf[cr.MainError](),
	graphOf[cr.ErrorDetails](),
	graphOf[cr.InnerError](),

	// generated/syllable/sessions
	syllableOf[sy.Session](),
	syllableOf[sy.ListResponseSession](),
	syllableOf[sy.SessionTranscriptionResponse](),
	syllableOf[sy.SessionText](),
	syllableOf[sy.SessionAction](),
	syllableOf[sy.SessionSummaryResponse](),
	syllableOf[sy.SessionRecordingResponse](),
	syllableOf[sy.InspectLatencyResponse](),
	syllableOf[sy.LatencyEntry](),
	syllableOf[sy.SummaryEntry](),
	syllableOf[sy.SessionTimelineResponse](),
	syllableOf[sy.TimelineEvent](),
	syllableOf[sy.HTTPExceptionError](),
	syllableOf[sy.HTTPValidationError](),
	syllableOf[sy.RequestValidationError](),

	// generated/twilio/common
	commonOf[tc.RestError](),

	// generated/conformance/kinds
	kindsOf[kinds.Scalars](),
	kindsOf[kinds.Presence](),
	kindsOf[kinds.Containers](),
	ifaceOf("kinds", kinds.UnmarshalShape),
	kindsOf[kinds.Circle](),
	kindsOf[kinds.Square](),
	ifaceOf("kinds", kinds.UnmarshalAnimal),
	kindsOf[kinds.AnimalBase](),
	kindsOf[kinds.Dog](),
	kindsOf[kinds.Bag](),
	kindsOf[kinds.Node](),
	kindsOf[kinds.Doc](),
	kindsOf[kinds.Holder](),
	kindsOf[kinds.Ruled](),
	kindsOf[kinds.Unions](),
	kindsOf[kinds.NullableItems](),
	kindsOf[kinds.InlineEnums](), // 13e: inline enums
	kindsOf[kinds.Imported](),

	// generated/conformance/shared
	sharedOf[shared.Money](),

	// 13p: hierarchies (kinds)
	closedIfaceOf[kinds.UnknownVehicle]("kinds", kinds.UnmarshalVehicle),
	kindsOf[kinds.Car](),
	ifaceOf("kinds", kinds.UnmarshalPlant),
	kindsOf[kinds.PlantBase](),
	kindsOf[kinds.Tree](),
	kindsOf[kinds.Garage](),
}

// schemas maps each registered package to its schema, relative to the
// module root.
var schemas = map[string]string{
	"proxy":       "schema/apis/twilio-proxy.yaml",
	"common":      "schema/apis/twilio-common.yaml",
	"callrecords": "schema/apis/msgraph-callrecords.yaml",
	"sessions":    "schema/apis/syllable.yaml",
	"kinds":       "testdata/conformance/schema.yaml",
	"shared":      "testdata/conformance/shared.yaml",
}

// lookup returns the registered codec of pkg.name, or nil.
func lookup(pkg, name string) *codec {
	for _, c := range registry {
		if c.pkg == pkg && c.name == name {
			return c
		}
	}
	return nil
}

// loadIR builds the IR of every registered package's schema, by package.
func loadIR(t testing.TB) map[string]*ir.Package {
	t.Helper()
	out := map[string]*ir.Package{}
	// Loaded from their files, so that imports (twilio-proxy.yaml imports
	// twilio-common.yaml) resolve; an imported schema is built first.
	built := map[*schema.File]*ir.Package{}
	var build func(f *schema.File) *ir.Package
	build = func(f *schema.File) *ir.Package {
		if p := built[f]; p != nil {
			return p
		}
		deps := map[*schema.File]*ir.Package{}
		for _, im := range f.Imports {
			deps[im.File] = build(im.File)
		}
		p, err := ir.Build(f, ir.Options{ImportRoot: "github.com/sessiongen/sessiongen/generated", Imported: deps})
		if err != nil {
			t.Fatal(err)
		}
		built[f] = p
		return p
	}
	for pkg, rel := range schemas {
		f, err := schema.Load(filepath.Join("..", "..", filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		p := build(f)
		if p.Name != pkg {
			t.Fatalf("%s: package %s, want %s", rel, p.Name, pkg)
		}
		out[pkg] = p
	}
	return out
}

// decodable lists the Go names of the decoders the IR says a package has:
// every struct that is not abstract, not a query-parameter struct and not a
// partial-update type (encoded only), and every interface.
func decodable(p *ir.Package) []string {
	var out []string
	for _, s := range p.Structs {
		if s.Interface != nil {
			out = append(out, s.Interface.Name)
		}
		if !s.Abstract && s.Role != ir.RoleParams && s.Role != ir.RoleUpdate {
			out = append(out, s.Name)
		}
	}
	return out
}

func TestRegistryIsComplete(t *testing.T) {
	pkgs := loadIR(t)
	want := map[string]bool{}
	for name, p := range pkgs {
		for _, n := range decodable(p) {
			want[name+"."+n] = true
			if lookup(name, n) == nil {
				t.Errorf("%s.%s has a generated decoder but is not in the registry (registry_test.go)", name, n)
			}
		}
	}
	var got []string
	for _, c := range registry {
		if !want[c.String()] {
			t.Errorf("%s is in the registry but the schema has no such type", c)
		}
		got = append(got, c.String())
	}
	sort.Strings(got)
	for i := 1; i < len(got); i++ {
		if got[i] == got[i-1] {
			t.Errorf("%s is registered twice", got[i])
		}
	}
	t.Logf("%d decoders: %s", len(got), strings.Join(got, " "))
}

// discriminatorOf returns the discriminator member c's decoder reads: its
// hierarchy's (which may differ from the API's) or, outside a hierarchy,
// the API's, kept as a field.
func discriminatorOf(p *ir.Package, c *codec) string {
	for _, s := range p.Structs {
		if c.iface && s.Interface != nil && s.Interface.Name == c.name || !c.iface && s.Name == c.name {
			return s.Discriminator
		}
	}
	return p.API.Discriminator
}
