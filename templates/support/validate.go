package support

import (
	"errors"
	"fmt"
	"strconv"
)

// The rules a [Violation] names.
const (
	RuleRequired    = "required"    // a required field is absent
	RuleNull        = "null"        // null where the field is not nullable
	RuleEnum        = "enum"        // a value outside a closed enum
	RuleMinLength   = "minLength"   // a string shorter than allowed (in runes)
	RuleMaxLength   = "maxLength"   // a string longer than allowed (in runes)
	RulePattern     = "pattern"     // a string not matching its pattern
	RuleMinimum     = "minimum"     // a number below its minimum
	RuleMaximum     = "maximum"     // a number above its maximum
	RuleMinItems    = "minItems"    // an array with too few items
	RuleMaxItems    = "maxItems"    // an array with too many items
	RuleUniqueItems = "uniqueItems" // an array with repeated items
	RuleFormat      = "format"      // a value not in its format (uri, UTF-8, date, JSON text...)

	// Cross-field rules: the violation's Path is the object's, and its
	// Message names the path of every field of the rule.
	RuleAtLeastOneOf      = "atLeastOneOf"      // none of the fields holds a value
	RuleMutuallyExclusive = "mutuallyExclusive" // more than one of the fields holds a value
	RuleExactlyOneOf      = "exactlyOneOf"      // not exactly one of the fields holds a value
)

// Violation is one broken rule found by a generated Validate method.
type Violation struct {
	// Path locates the value, as caller.userAgent.platform or
	// segments[2].media[0].label; empty for the validated value itself.
	Path string
	// Rule is the short machine-readable name of the rule, one of the
	// Rule constants such as [RuleRequired] or [RuleMaxLength].
	Rule string
	// Message says what is wrong, for people.
	Message string
}

// ValidationError is the error of generated Validate methods: every rule the
// value breaks. Find it with errors.As.
type ValidationError struct {
	Violations []Violation // in the order the walk found them; never empty
}

const (
	maxListedViolations = 10  // violations Error lists before "and N more"
	maxViolationText    = 256 // longest text of one listed violation
)

// Error lists the first 10 violations as "path: message (rule)", separated
// by "; ", followed by "and N more" when there are more. Each entry is
// shortened to 256 bytes.
func (e *ValidationError) Error() string {
	b := make([]byte, 0, 128)
	b = append(b, "validation failed: "...)
	for i, v := range e.Violations {
		if i == maxListedViolations {
			b = append(b, "; and "...)
			b = strconv.AppendInt(b, int64(len(e.Violations)-i), 10)
			b = append(b, " more"...)
			break
		}
		if i > 0 {
			b = append(b, "; "...)
		}
		text := v.Message + " (" + v.Rule + ")"
		if v.Path != "" {
			text = v.Path + ": " + text
		}
		b = append(b, capMiddle(text, maxViolationText)...)
	}
	return string(b)
}

// EachViolation calls fn with each violation's path, rule and message, in
// order: what a package generated from a schema that imports this one reads
// from the error, whose type it does not share.
func (e *ValidationError) EachViolation(fn func(path, rule, message string)) {
	for _, v := range e.Violations {
		fn(v.Path, v.Rule, v.Message)
	}
}

// valuePath is the location of a value within the value being validated, built on
// the stack while walking it so that carrying it costs no allocation. The
// zero Path is the root.
//
// A generated validate method receives the path of its value and derives the
// paths of the nested values from it:
//
//	func (v *Session) Validate() error {
//		var vs Violations
//		v.validate(&Path{}, &vs)
//		return vs.Err()
//	}
//
//	func (v *Session) validate(p *Path, vs *Violations) {
//		if v.ID == "" {
//			f := p.Field("id")
//			vs.Add(&f, RuleRequired, "is required")
//		}
//		for i := range v.Segments {
//			s := p.Field("segments")
//			e := s.Index(i)
//			v.Segments[i].validate(&e, vs)
//		}
//	}
//
// The path is rendered with [valuePath.String] only when a violation is added.
type valuePath struct {
	parent *valuePath
	name   string
	index  int
	depth  int // containers around the value: 0 at the root
	kind   uint8
}

const (
	pathRoot uint8 = iota
	pathField
	pathIndex
)

// child returns the path of the field name of the object at p.
//
//go:noinline
func (p *valuePath) child(name string) valuePath {
	return valuePath{parent: p, name: name, depth: p.level() + 1, kind: pathField}
}

// item returns the path of element i of the array at p.
//
//go:noinline
func (p *valuePath) item(i int) valuePath {
	return valuePath{parent: p, index: i, depth: p.level() + 1, kind: pathIndex}
}

// level returns the depth of p; a nil p is the root.
func (p *valuePath) level() int {
	if p == nil {
		return 0
	}
	return p.depth
}

// String renders the path the way [DecodeError] paths are rendered:
// caller.userAgent.platform, segments[2].media[0].label, or "" for the root.
func (p *valuePath) String() string {
	if p == nil || p.kind == pathRoot && p.parent == nil {
		return ""
	}
	return string(p.appendTo(make([]byte, 0, 32)))
}

func (p *valuePath) appendTo(dst []byte) []byte {
	if p == nil {
		return dst
	}
	dst = p.parent.appendTo(dst)
	switch p.kind {
	case pathField:
		return appendFieldSegment(dst, p.name, len(dst) > 0)
	case pathIndex:
		return appendIndexSegment(dst, p.index)
	}
	return dst
}

// violationList collects the violations of one Validate call. The zero value is
// empty and ready to use.
type violationList struct {
	list []Violation
}

// add records that the value at p breaks rule, with a message for people.
func (vs *violationList) add(p *valuePath, rule, msg string) {
	vs.list = append(vs.list, Violation{Path: p.String(), Rule: rule, Message: msg})
}

// addf is [violationList.add] with a formatted message.
func (vs *violationList) addf(p *valuePath, rule, format string, args ...any) {
	vs.add(p, rule, fmt.Sprintf(format, args...))
}

// len returns the number of violations recorded.
func (vs *violationList) len() int { return len(vs.list) }

// err returns a *[ValidationError] holding the violations, or nil when there
// are none.
func (vs *violationList) err() error {
	if len(vs.list) == 0 {
		return nil
	}
	return &ValidationError{Violations: vs.list}
}

// checkImported records the violations that the Validate of an object of
// another generated package (a schema import) returned, below path p.
func checkImported(vs *violationList, p *valuePath, err error) {
	if err == nil {
		return
	}
	var each interface {
		error
		EachViolation(fn func(path, rule, message string))
	}
	if !errors.As(err, &each) {
		vs.add(p, RuleFormat, err.Error())
		return
	}
	outer := p.String()
	each.EachViolation(func(path, rule, message string) {
		switch {
		case outer == "":
		case path == "":
			path = outer
		case path[0] == '[':
			path = outer + path
		default:
			path = outer + "." + path
		}
		vs.list = append(vs.list, Violation{Path: path, Rule: rule, Message: message})
	})
}
