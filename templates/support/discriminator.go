package support

import "fmt"

// discriminator returns the string value of the member called name in the
// object that is the decoder's next value, without consuming anything: the
// decoder is left where it was, so the caller can then decode the whole
// object as the type the value selects. The returned bytes are valid until
// the next decoder call.
//
// It reads members only up to the discriminator. When the object has no such
// member, or is malformed before it, found is false: the caller then decodes
// the object as its default type, which reports any syntax error with its
// full JSON path. err is set when the next value is not an object, and when
// the discriminator is not a string (a number, null, an object, an array, a
// boolean): the same error, at the same path, that a concrete type's decoder
// reports for it, so that no decoder takes such a value for "absent" or for
// an unknown subtype.
func (d *decoder) discriminator(name string) (value []byte, found bool, err error) {
	pos, open, fieldPos, depth := d.pos, d.open, d.fieldPos, d.depth
	defer func() {
		d.pos, d.open, d.fieldPos, d.depth = pos, open, fieldPos, depth
	}()
	if d.peek() != kindObject {
		return nil, false, d.errUnexpectedKind("an object")
	}
	if d.beginObject() != nil {
		return nil, false, nil
	}
	for {
		field, ok, err := d.nextField()
		if err != nil || !ok {
			return nil, false, nil
		}
		if string(field) == name {
			if d.peek() != kindString {
				return nil, false, withField(d.errUnexpectedKind("string"), name)
			}
			value, err := d.stringBytes()
			if err != nil {
				return nil, false, withField(err, name)
			}
			return value, true, nil
		}
		if d.skip() != nil {
			return nil, false, nil
		}
	}
}

// memberNames records the member names of one object that its type does not
// declare (or of an object skipped or kept verbatim), so that a duplicate
// among them is rejected like a duplicate of a declared name. It allocates
// only when an object has such members. A short list is searched in order;
// past memberNamesLinear names a set takes over, so that an object of n
// members costs O(n), not O(n²), to check.
type memberNames struct {
	list []string
	set  map[string]struct{}
}

// memberNamesLinear is the most names searched one by one.
const memberNamesLinear = 16

// Add records name and reports whether it was new.
func (n *memberNames) Add(name []byte) bool {
	if n.seen(name) {
		return false
	}
	n.insert(string(name))
	return true
}

// AddString is Add for a name the caller holds as a string already, which
// is kept without a copy.
func (n *memberNames) AddString(name string) bool {
	if n.seen([]byte(name)) {
		return false
	}
	n.insert(name)
	return true
}

// seen reports whether name was added. The conversions allocate nothing.
func (n *memberNames) seen(name []byte) bool {
	if n.set != nil {
		_, dup := n.set[string(name)]
		return dup
	}
	for _, s := range n.list {
		if s == string(name) {
			return true
		}
	}
	return false
}

func (n *memberNames) insert(s string) {
	n.list = append(n.list, s)
	if n.set != nil {
		n.set[s] = struct{}{}
	} else if len(n.list) > memberNamesLinear {
		n.set = make(map[string]struct{}, 2*len(n.list))
		for _, s := range n.list {
			n.set[s] = struct{}{}
		}
	}
}

// Last returns the name added last; it stays valid when the decoder moves on.
func (n *memberNames) Last() string { return n.list[len(n.list)-1] }

// rawCopy returns the raw bytes of the next value, validated and copied, so
// they stay valid after the input buffer is reused. Duplicate member names
// are rejected at any depth, as typed decoders reject them: a value kept
// verbatim must not read differently to a parser that keeps the last of two
// duplicates.
func (d *decoder) rawCopy() ([]byte, error) {
	raw, err := d.rawUnique()
	if err != nil {
		return nil, err
	}
	return d.keep(raw), nil
}

// rawUnique skips the next value like skipUnique and returns its bytes,
// aliasing the input.
func (d *decoder) rawUnique() ([]byte, error) {
	if d.peek() == kindInvalid {
		return d.raw() // reports the syntax error
	}
	start := d.pos
	if err := d.skipUnique(); err != nil {
		return nil, err
	}
	return d.data[start:d.pos], nil
}

// skipUnique skips the next value like Skip, rejecting duplicate names in
// its objects at any depth, as decoding the value would. Its recursion is
// bounded by the decoder's depth limit.
//
// The names of the objects being skipped are kept on one stack, the
// decoder's skipNames, as spans of the input (or, for a name with escapes,
// of skipEscaped), so that checking costs no allocation: each object
// searches its own names, from its base on the stack, and drops them when it
// ends. An object with more than memberNamesLinear names adds a set.
func (d *decoder) skipUnique() error {
	switch d.peek() {
	case kindObject:
		if err := d.beginObject(); err != nil {
			return err
		}
		base, escapedBase := len(d.skipNames), len(d.skipEscaped)
		err := d.skipUniqueMembers(base)
		d.skipNames, d.skipEscaped = d.skipNames[:base], d.skipEscaped[:escapedBase]
		return err
	case kindArray:
		if err := d.beginArray(); err != nil {
			return err
		}
		for i := 0; ; i++ {
			ok, err := d.nextElement()
			if err != nil {
				return err
			}
			if !ok {
				return nil
			}
			if err := d.skipUnique(); err != nil {
				return withIndex(err, i)
			}
		}
	}
	return d.skip()
}

// nameSpan locates a name kept by skipUnique: data[at:at+n], or
// skipEscaped[at:at+n] when escaped.
type nameSpan struct {
	at, n   int
	escaped bool
}

func (d *decoder) spanBytes(s nameSpan) []byte {
	if s.escaped {
		return d.skipEscaped[s.at : s.at+s.n]
	}
	return d.data[s.at : s.at+s.n]
}

// skipUniqueMembers skips the members of an object just begun, keeping its
// names on the stack from base on.
func (d *decoder) skipUniqueMembers(base int) error {
	var set map[string]struct{}
	for {
		name, ok, err := d.nextField()
		if err != nil {
			return err
		}
		if !ok {
			return nil
		}
		if set != nil {
			if _, dup := set[string(name)]; dup {
				return d.errDuplicate(name)
			}
			set[string(name)] = struct{}{}
		} else {
			for _, s := range d.skipNames[base:] {
				if string(d.spanBytes(s)) == string(name) {
					return d.errDuplicate(name)
				}
			}
		}
		span := nameSpan{at: d.fieldPos + 1, n: len(name)}
		if !d.namePlain {
			span = nameSpan{at: len(d.skipEscaped), n: len(name), escaped: true}
			d.skipEscaped = append(d.skipEscaped, name...)
		}
		d.skipNames = append(d.skipNames, span)
		if set == nil && len(d.skipNames)-base > memberNamesLinear {
			set = make(map[string]struct{}, 2*(len(d.skipNames)-base))
			for _, s := range d.skipNames[base:] {
				set[string(d.spanBytes(s))] = struct{}{}
			}
		}
		if err := d.skipUnique(); err != nil {
			return withField(err, string(d.spanBytes(span)))
		}
	}
}

// rejectSubtype consumes the object the decoder is at, checked like any
// skipped member, and returns an error at its start: the object's
// discriminator names no type of a hierarchy whose subtypes are closed. A
// syntax error or duplicate name inside the object is reported instead,
// so the first fault of the document wins as elsewhere. field names the
// member the error is about (the discriminator), "" for the object itself.
func rejectSubtype(d *decoder, field, format string, args ...any) error {
	d.skipWS()
	start := d.pos
	if err := d.skipUnique(); err != nil {
		return err
	}
	err := d.errAt(start, capMiddle(fmt.Sprintf(format, args...), 256))
	if field != "" {
		return withField(err, field)
	}
	return err
}

// mark returns where the next value starts, for keptSince.
func (d *decoder) mark() int {
	d.peek()
	return d.pos
}

// keptSince returns a copy of the input from mark (a Mark) to where the
// decoder is: the exact bytes of the values read since, which stay valid
// after the input buffer is reused.
func (d *decoder) keptSince(mark int) []byte {
	return d.keep(d.data[mark:d.pos])
}
