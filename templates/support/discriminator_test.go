package support

import (
	"strconv"
	"strings"
	"testing"
)

// TestSkipUnique: skipping a value (an undeclared member, a kept raw value)
// rejects a repeated name in any of its objects, however deep, however
// spelt, and however many names come first; names repeated in different
// objects are fine.
func TestSkipUnique(t *testing.T) {
	var many strings.Builder
	many.WriteString(`{`)
	for i := range 40 {
		many.WriteString(`"k` + string(rune('a'+i%26)) + string(rune('a'+i/26)) + `":1,`)
	}
	manyOK := many.String() + `"last":[]}`
	manyDup := many.String() + `"kaa":2}`
	for _, tc := range []struct{ doc, err string }{
		{`{"a":1,"b":2}`, ""},
		{`{"a":{"a":{"a":1}},"b":[{"a":1},{"a":2}]}`, ""},
		{`[{"a":1},{"a":1}]`, ""},
		{manyOK, ""},
		{`{"a":1,"a":2}`, `json: duplicate field "a" at offset 7`},
		{`{"a":1,"\u0061":2}`, `json: duplicate field "a" at offset 7`},
		{`{"\u00e9":1,"é":2}`, `json: duplicate field "é" at offset 12`},
		{`{"x":[1,{"y":{"a":1,"b":{},"a":2}}]}`, `json: x[1].y: duplicate field "a" at offset 27`},
		{`{"\u0078":{"a":1,"a":2}}`, `json: x: duplicate field "a" at offset 17`},
		{manyDup, `json: duplicate field "kaa" at offset ` + strconv.Itoa(len(manyDup)-8)},
		{`{"a":1,"b":{"c":1,"d":2},"c":3,"b":4}`, `json: duplicate field "b" at offset 31`},
	} {
		var d decoder
		// The same decoder, reused, must give the same answer.
		for range 2 {
			d.reset([]byte(tc.doc))
			err := d.skipUnique()
			if err == nil {
				err = d.end()
			}
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tc.err {
				t.Errorf("%.80s:\n got %s\nwant %s", tc.doc, got, tc.err)
			}
		}
	}
}

// manyMembers is an object of n members with distinct names.
func manyMembers(n int) []byte {
	b := []byte{'{'}
	for i := range n {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `"m`...)
		b = strconv.AppendInt(b, int64(i), 10)
		b = append(b, `":1`...)
	}
	return append(b, '}')
}

// BenchmarkUndeclaredMembers decodes objects of n undeclared members, as a
// closed type skips them and an open type keeps them: the duplicate check
// must stay linear in n (a list searched one by one made 10,000 members cost
// 100 times 1,000).
func BenchmarkUndeclaredMembers(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		data := manyMembers(n)
		for _, keep := range []bool{false, true} {
			name := "skip"
			if keep {
				name = "keep"
			}
			b.Run(name+"/"+strconv.Itoa(n), func(b *testing.B) {
				b.SetBytes(int64(len(data)))
				b.ReportAllocs()
				var d decoder
				for i := 0; i < b.N; i++ {
					d.reset(data)
					if err := d.beginObject(); err != nil {
						b.Fatal(err)
					}
					var unknown memberNames
					var kept []Member
					for {
						name, ok, err := d.nextField()
						if err != nil {
							b.Fatal(err)
						}
						if !ok {
							break
						}
						if keep {
							err = keepMember(&d, &kept, &unknown, name)
						} else {
							err = skipMember(&d, &unknown, name)
						}
						if err != nil {
							b.Fatal(err)
						}
					}
				}
			})
		}
	}
}

// TestRejectSubtype: an object whose discriminator a closed hierarchy does
// not know is rejected at its start, unless a fault inside it comes first;
// the decoder is left after the object.
func TestRejectSubtype(t *testing.T) {
	for _, tc := range []struct{ doc, err string }{
		{` {"kind":"boat","x":[1]}`, `json: kind: "boat" is unknown at offset 1`},
		{`{"kind":"boat","x":{"a":1,"a":2}}`, `json: x: duplicate field "a" at offset 26`},
		{`{"kind":"boat","x":01}`, `json: x: leading zero in number "01" at offset 19`},
	} {
		var d decoder
		d.reset([]byte(tc.doc))
		err := rejectSubtype(&d, "kind", "%q is unknown", "boat")
		if err == nil || err.Error() != tc.err {
			t.Errorf("rejectSubtype(%s) = %v, want %s", tc.doc, err, tc.err)
		}
	}
	var d decoder
	d.reset([]byte(`[{"kind":"boat"},2]`))
	if err := d.beginArray(); err != nil {
		t.Fatal(err)
	}
	if ok, err := d.nextElement(); !ok || err != nil {
		t.Fatal(ok, err)
	}
	if err := rejectSubtype(&d, "", "unknown"); err == nil {
		t.Fatal("rejectSubtype: no error")
	}
	if ok, err := d.nextElement(); !ok || err != nil {
		t.Fatalf("after rejectSubtype the next element is not readable: %v %v", ok, err)
	}
}
