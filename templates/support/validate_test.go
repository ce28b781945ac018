package support

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// Types shaped like generated code, with validate methods written the way
// the generator writes them.

type vLabel struct {
	Label Optional[string]
}

type vMedia struct {
	Labels []vLabel
}

type vUserAgent struct {
	Platform string
}

type vCaller struct {
	UserAgent Optional[vUserAgent]
}

type vSegment struct {
	ID    string
	Media []vMedia
}

type vSession struct {
	ID       string
	Caller   Optional[vCaller]
	Segments []vSegment
	Tags     []string
	Count    int32
}

func (v *vSession) Validate() error {
	var vs violationList
	v.validate(&valuePath{}, &vs)
	return vs.err()
}

func (v *vSession) validate(p *valuePath, vs *violationList) {
	if v.ID == "" {
		f := p.child("id")
		vs.add(&f, RuleRequired, "is required")
	}
	if c, ok := v.Caller.Get(); ok {
		f := p.child("caller")
		c.validate(&f, vs)
	}
	if len(v.Segments) > 0 {
		f := p.child("segments")
		for i := range v.Segments {
			e := f.item(i)
			v.Segments[i].validate(&e, vs)
		}
	}
	if len(v.Tags) > 3 {
		f := p.child("tags")
		vs.addf(&f, RuleMaxItems, "has %d items, more than 3", len(v.Tags))
	}
	for i, tag := range v.Tags {
		if utf8.RuneCountInString(tag) > 5 {
			f := p.child("tags")
			e := f.item(i)
			vs.add(&e, RuleMaxLength, "is longer than 5 characters")
		}
	}
	if v.Count < 0 {
		f := p.child("count")
		vs.add(&f, RuleMinimum, "is less than 0")
	}
}

func (v *vCaller) validate(p *valuePath, vs *violationList) {
	if ua, ok := v.UserAgent.Get(); ok {
		f := p.child("userAgent")
		ua.validate(&f, vs)
	}
}

func (v *vUserAgent) validate(p *valuePath, vs *violationList) {
	switch v.Platform {
	case "android", "windows", "ios":
	default:
		f := p.child("platform")
		vs.add(&f, RuleEnum, "is not one of android, windows, ios")
	}
}

func (v *vSegment) validate(p *valuePath, vs *violationList) {
	if v.ID == "" {
		f := p.child("id")
		vs.add(&f, RuleRequired, "is required")
	}
	f := p.child("media")
	for i := range v.Media {
		e := f.item(i)
		v.Media[i].validate(&e, vs)
	}
}

func (v *vMedia) validate(p *valuePath, vs *violationList) {
	for i := range v.Labels {
		e := p.item(i)
		if v.Labels[i].Label.IsNull() {
			f := e.child("label")
			vs.add(&f, RuleNull, "must not be null")
		}
	}
}

func validSession() *vSession {
	return &vSession{
		ID:     "s1",
		Caller: Some(vCaller{UserAgent: Some(vUserAgent{Platform: "android"})}),
		Segments: []vSegment{
			{ID: "a", Media: []vMedia{{Labels: []vLabel{{Label: Some("main-audio")}}}}},
			{ID: "b", Media: []vMedia{{}, {Labels: []vLabel{{}, {Label: Some("x")}}}}},
			{ID: "c"},
		},
		Tags:  []string{"a", "bb"},
		Count: 1,
	}
}

func TestValidateValid(t *testing.T) {
	v := validSession()
	if err := v.Validate(); err != nil {
		t.Fatalf("Validate = %v", err)
	}
	allocs := testing.AllocsPerRun(1000, func() {
		if v.Validate() != nil {
			t.Fatal("invalid")
		}
	})
	if allocs != 0 {
		t.Errorf("Validate of a valid value: %v allocations, want 0", allocs)
	}
}

func TestValidateViolations(t *testing.T) {
	v := validSession()
	v.ID = ""
	v.Caller = Some(vCaller{UserAgent: Some(vUserAgent{Platform: "beos"})})
	v.Segments[1].Media[1].Labels[0].Label = Null[string]()
	v.Segments[2].ID = ""
	v.Tags = []string{"a", "toolong", "c", "d"}
	v.Count = -1
	err := v.Validate()
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("Validate = %v (%T)", err, err)
	}
	want := []Violation{
		{"id", "required", "is required"},
		{"caller.userAgent.platform", "enum", "is not one of android, windows, ios"},
		{"segments[1].media[1][0].label", "null", "must not be null"},
		{"segments[2].id", "required", "is required"},
		{"tags", "maxItems", "has 4 items, more than 3"},
		{"tags[1]", "maxLength", "is longer than 5 characters"},
		{"count", "minimum", "is less than 0"},
	}
	if len(ve.Violations) != len(want) {
		t.Fatalf("got %d violations: %+v", len(ve.Violations), ve.Violations)
	}
	for i := range want {
		if ve.Violations[i] != want[i] {
			t.Errorf("violation %d = %+v, want %+v", i, ve.Violations[i], want[i])
		}
	}
	wantText := "validation failed: id: is required (required); caller.userAgent.platform: is not one of android, windows, ios (enum); " +
		"segments[1].media[1][0].label: must not be null (null); segments[2].id: is required (required); " +
		"tags: has 4 items, more than 3 (maxItems); tags[1]: is longer than 5 characters (maxLength); count: is less than 0 (minimum)"
	if err.Error() != wantText {
		t.Errorf("Error() =\n%s\nwant\n%s", err, wantText)
	}
}

func TestPath(t *testing.T) {
	var root valuePath
	caller := root.child("caller")
	ua := caller.child("userAgent")
	platform := ua.child("platform")
	segs := root.child("segments")
	seg2 := segs.item(2)
	media := seg2.child("media")
	media0 := media.item(0)
	label := media0.child("label")
	idx := root.item(4)
	idxField := idx.child("a")
	odata := label.child("@odata.type")
	weird := root.child("a b")
	empty := root.child("")
	var nilPath *valuePath
	tests := []struct {
		p    *valuePath
		want string
	}{
		{&root, ""},
		{nilPath, ""},
		{&caller, "caller"},
		{&platform, "caller.userAgent.platform"},
		{&label, "segments[2].media[0].label"},
		{&idx, "[4]"},
		{&idxField, "[4].a"},
		{&odata, `segments[2].media[0].label["@odata.type"]`},
		{&weird, `["a b"]`},
		{&empty, `[""]`},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
	// Paths render like DecodeError paths.
	err := withField(withIndex(withField(withIndex(withField(&DecodeError{Msg: "m"}, "label"), 0), "media"), 2), "segments")
	if de := err.(*DecodeError); de.Path != label.String() {
		t.Errorf("DecodeError path %q, Path %q", de.Path, label.String())
	}
	// A nil parent works as the root.
	f := nilPath.child("x")
	if f.String() != "x" {
		t.Errorf("field of nil path = %q", f.String())
	}
}

func TestValidationErrorCapped(t *testing.T) {
	var vs violationList
	if vs.err() != nil || vs.len() != 0 {
		t.Fatal("empty Violations is not nil")
	}
	var root valuePath
	huge := strings.Repeat("x", 10000)
	for i := 0; i < 25; i++ {
		f := root.child("f" + strconv.Itoa(i))
		vs.add(&f, RulePattern, huge)
	}
	if vs.len() != 25 {
		t.Fatalf("Len = %d", vs.len())
	}
	msg := vs.err().Error()
	if !strings.HasSuffix(msg, "; and 15 more") {
		t.Errorf("no summary: ...%s", msg[len(msg)-40:])
	}
	if len(msg) > 11*maxViolationText+64 {
		t.Errorf("message of %d bytes", len(msg))
	}
	if strings.Count(msg, "(pattern)") != 10 {
		t.Errorf("want 10 listed, got %d", strings.Count(msg, "(pattern)"))
	}
	// Exactly ten: no summary.
	var ten violationList
	for i := 0; i < 10; i++ {
		ten.add(&root, RuleFormat, "bad")
	}
	if msg := ten.err().Error(); strings.Contains(msg, "more") || strings.Count(msg, "bad (format)") != 10 {
		t.Errorf("ten: %s", msg)
	}
}

func BenchmarkValidateValid(b *testing.B) {
	v := validSession()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if v.Validate() != nil {
			b.Fatal("invalid")
		}
	}
}

func BenchmarkValidateInvalid(b *testing.B) {
	v := validSession()
	v.Caller = Some(vCaller{UserAgent: Some(vUserAgent{Platform: "beos"})})
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if v.Validate() == nil {
			b.Fatal("valid")
		}
	}
}
