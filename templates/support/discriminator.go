package support

// Discriminator returns the string value of the member called name in the
// object that is the decoder's next value, without consuming anything: the
// decoder is left where it was, so the caller can then decode the whole
// object as the type the value selects. found is false when the object has no
// such member. The returned bytes are valid until the next decoder call.
//
// A syntax error anywhere in the object is reported here, so the caller
// never dispatches on a half-read value.
func (d *Decoder) Discriminator(name string) (value []byte, found bool, err error) {
	pos, open, fieldPos, depth := d.pos, d.open, d.fieldPos, d.depth
	defer func() {
		d.pos, d.open, d.fieldPos, d.depth = pos, open, fieldPos, depth
	}()
	if err := d.BeginObject(); err != nil {
		return nil, false, err
	}
	var valueStart, valueEnd int
	for {
		field, ok, err := d.NextField()
		if err != nil {
			return nil, false, err
		}
		if !ok {
			break
		}
		if found || string(field) != name || d.Peek() != KindString {
			if err := d.Skip(); err != nil {
				return nil, false, err
			}
			continue
		}
		found = true
		valueStart = d.pos
		if err := d.Skip(); err != nil {
			return nil, false, err
		}
		valueEnd = d.pos
	}
	if !found {
		return nil, false, nil
	}
	// Decode the string again now that the object is known to be well formed.
	d.pos = valueStart
	value, err = d.StringBytes()
	d.pos = valueEnd
	return value, true, err
}

// Names records the member names of one object that its type does not
// declare, so that a duplicate among them is rejected like a duplicate of a
// declared name. It allocates only when an object has undeclared members.
type Names struct {
	list []string
}

// Add records name and reports whether it was new.
func (n *Names) Add(name []byte) bool {
	for _, s := range n.list {
		if s == string(name) {
			return false
		}
	}
	n.list = append(n.list, string(name))
	return true
}

// RawCopy returns the raw bytes of the next value, validated and copied, so
// they stay valid after the input buffer is reused.
func (d *Decoder) RawCopy() ([]byte, error) {
	raw, err := d.Raw()
	if err != nil {
		return nil, err
	}
	return append([]byte(nil), raw...), nil
}
