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
	var vs Violations
	v.validate(&Path{}, &vs)
	return vs.Err()
}

func (v *vSession) validate(p *Path, vs *Violations) {
	if v.ID == "" {
		f := p.Field("id")
		vs.Add(&f, RuleRequired, "is required")
	}
	if c, ok := v.Caller.Get(); ok {
		f := p.Field("caller")
		c.validate(&f, vs)
	}
	if len(v.Segments) > 0 {
		f := p.Field("segments")
		for i := range v.Segments {
			e := f.Index(i)
			v.Segments[i].validate(&e, vs)
		}
	}
	if len(v.Tags) > 3 {
		f := p.Field("tags")
		vs.Addf(&f, RuleMaxItems, "has %d items, more than 3", len(v.Tags))
	}
	for i, tag := range v.Tags {
		if utf8.RuneCountInString(tag) > 5 {
			f := p.Field("tags")
			e := f.Index(i)
			vs.Add(&e, RuleMaxLength, "is longer than 5 characters")
		}
	}
	if v.Count < 0 {
		f := p.Field("count")
		vs.Add(&f, RuleMinimum, "is less than 0")
	}
}

func (v *vCaller) validate(p *Path, vs *Violations) {
	if ua, ok := v.UserAgent.Get(); ok {
		f := p.Field("userAgent")
		ua.validate(&f, vs)
	}
}

func (v *vUserAgent) validate(p *Path, vs *Violations) {
	switch v.Platform {
	case "android", "windows", "ios":
	default:
		f := p.Field("platform")
		vs.Add(&f, RuleEnum, "is not one of android, windows, ios")
	}
}

func (v *vSegment) validate(p *Path, vs *Violations) {
	if v.ID == "" {
		f := p.Field("id")
		vs.Add(&f, RuleRequired, "is required")
	}
	f := p.Field("media")
	for i := range v.Media {
		e := f.Index(i)
		v.Media[i].validate(&e, vs)
	}
}

func (v *vMedia) validate(p *Path, vs *Violations) {
	for i := range v.Labels {
		e := p.Index(i)
		if v.Labels[i].Label.IsNull() {
			f := e.Field("label")
			vs.Add(&f, RuleNull, "must not be null")
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
	var root Path
	caller := root.Field("caller")
	ua := caller.Field("userAgent")
	platform := ua.Field("platform")
	segs := root.Field("segments")
	seg2 := segs.Index(2)
	media := seg2.Field("media")
	media0 := media.Index(0)
	label := media0.Field("label")
	idx := root.Index(4)
	idxField := idx.Field("a")
	odata := label.Field("@odata.type")
	weird := root.Field("a b")
	empty := root.Field("")
	var nilPath *Path
	tests := []struct {
		p    *Path
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
	err := WithField(WithIndex(WithField(WithIndex(WithField(&DecodeError{Msg: "m"}, "label"), 0), "media"), 2), "segments")
	if de := err.(*DecodeError); de.Path != label.String() {
		t.Errorf("DecodeError path %q, Path %q", de.Path, label.String())
	}
	// A nil parent works as the root.
	f := nilPath.Field("x")
	if f.String() != "x" {
		t.Errorf("field of nil path = %q", f.String())
	}
}

func TestValidationErrorCapped(t *testing.T) {
	var vs Violations
	if vs.Err() != nil || vs.Len() != 0 {
		t.Fatal("empty Violations is not nil")
	}
	var root Path
	huge := strings.Repeat("x", 10000)
	for i := 0; i < 25; i++ {
		f := root.Field("f" + strconv.Itoa(i))
		vs.Add(&f, RulePattern, huge)
	}
	if vs.Len() != 25 {
		t.Fatalf("Len = %d", vs.Len())
	}
	msg := vs.Err().Error()
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
	var ten Violations
	for i := 0; i < 10; i++ {
		ten.Add(&root, RuleFormat, "bad")
	}
	if msg := ten.Err().Error(); strings.Contains(msg, "more") || strings.Count(msg, "bad (format)") != 10 {
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
