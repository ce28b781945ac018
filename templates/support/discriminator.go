package support

// Discriminator returns the string value of the member called name in the
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
func (d *Decoder) Discriminator(name string) (value []byte, found bool, err error) {
	pos, open, fieldPos, depth := d.pos, d.open, d.fieldPos, d.depth
	defer func() {
		d.pos, d.open, d.fieldPos, d.depth = pos, open, fieldPos, depth
	}()
	if d.Peek() != KindObject {
		return nil, false, d.ErrUnexpectedKind("an object")
	}
	if d.BeginObject() != nil {
		return nil, false, nil
	}
	for {
		field, ok, err := d.NextField()
		if err != nil || !ok {
			return nil, false, nil
		}
		if string(field) == name {
			if d.Peek() != KindString {
				return nil, false, WithField(d.ErrUnexpectedKind("string"), name)
			}
			value, err := d.StringBytes()
			if err != nil {
				return nil, false, WithField(err, name)
			}
			return value, true, nil
		}
		if d.Skip() != nil {
			return nil, false, nil
		}
	}
}

// memberNames records the member names of one object that its type does not
// declare, so that a duplicate among them is rejected like a duplicate of a
// declared name. It allocates only when an object has undeclared members.
type memberNames struct {
	list []string
}

// Add records name and reports whether it was new.
func (n *memberNames) Add(name []byte) bool {
	for _, s := range n.list {
		if s == string(name) {
			return false
		}
	}
	n.list = append(n.list, string(name))
	return true
}

// RawCopy returns the raw bytes of the next value, validated and copied, so
// they stay valid after the input buffer is reused. Duplicate member names
// are rejected at any depth, as typed decoders reject them: a value kept
// verbatim must not read differently to a parser that keeps the last of two
// duplicates.
func (d *Decoder) RawCopy() ([]byte, error) {
	raw, err := d.rawUnique()
	if err != nil {
		return nil, err
	}
	return d.keep(raw), nil
}

// rawUnique skips the next value like skipUnique and returns its bytes,
// aliasing the input.
func (d *Decoder) rawUnique() ([]byte, error) {
	if d.Peek() == KindInvalid {
		return d.Raw() // reports the syntax error
	}
	start := d.pos
	if err := d.skipUnique(); err != nil {
		return nil, err
	}
	return d.data[start:d.pos], nil
}

// skipUnique skips the next value like Skip, rejecting duplicate names in
// its objects. Its recursion is bounded by the decoder's depth limit.
func (d *Decoder) skipUnique() error {
	switch d.Peek() {
	case KindObject:
		if err := d.BeginObject(); err != nil {
			return err
		}
		var names memberNames
		for {
			name, ok, err := d.NextField()
			if err != nil {
				return err
			}
			if !ok {
				return nil
			}
			if !names.Add(name) {
				return d.ErrDuplicate(name)
			}
			if err := d.skipUnique(); err != nil {
				// names holds its own copy of the name, still valid here.
				return WithField(err, names.list[len(names.list)-1])
			}
		}
	case KindArray:
		if err := d.BeginArray(); err != nil {
			return err
		}
		for i := 0; ; i++ {
			ok, err := d.NextElement()
			if err != nil {
				return err
			}
			if !ok {
				return nil
			}
			if err := d.skipUnique(); err != nil {
				return WithIndex(err, i)
			}
		}
	}
	return d.Skip()
}
