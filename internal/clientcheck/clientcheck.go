// Package clientcheck holds the tests that run over every method of a
// generated client, found by reflection from its Client type, so that a new
// method, path parameter or list cannot skip them: path parameters are
// validated and escaped, empty answers are typed errors, page readers are
// strict. Each client package's everymethod_test.go describes its package in
// an [API] and calls the three.
package clientcheck

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// API describes one generated client package to the checks.
type API struct {
	// NewClient returns the package's *Client for baseURL, without retries.
	NewClient func(baseURL string) (any, error)
	// NewFake returns the package's fake server (<pkg>fake.NewFakeServer()).
	NewFake func() http.Handler
	// PagingPaths are the JSON paths of the members the page reader reads
	// besides the items: the next link, the total number of pages.
	PagingPaths [][]string
	// PathValues are valid values of the path parameters, by resource
	// client type and wire name ("SessionsClient.Sid") or wire name alone.
	PathValues map[string]string
	// Violations returns the violations of a *ValidationError.
	Violations func(error) ([]Violation, bool)
	// EmptyStatus returns the status of an *EmptyResponseError.
	EmptyStatus func(error) (int, bool)
	// UnexpectedStatus returns the status of an *UnexpectedStatusError.
	UnexpectedStatus func(error) (int, bool)
	// Statuses are the success statuses each method documents, by method
	// ("Services.Create"), as the API's published specification gives them;
	// a method not listed accepts any 2xx.
	Statuses map[string][]int
	// DecodeErrorPath returns the JSON path of the *DecodeError in err.
	DecodeErrorPath func(error) (string, bool)
	// Bodies return a valid request body (a pointer) by method, for the
	// methods whose zero body Validate refuses (a cross-field rule such as
	// atLeastOneOf); every other method is called with a zero body.
	Bodies map[string]func() any
	// Seed, if set, puts answers into a new fake (what NewFake returned)
	// before ResultsOwnTheirBytes reads them: a fake that starts empty
	// answers most reads with 404, and creates from zero request bodies
	// hold little text.
	Seed func(t *testing.T, fake http.Handler)
}

// Violation is the part of a generated package's Violation the checks read.
type Violation struct {
	Path, Rule string
}

// client returns a client of a on baseURL.
func (a API) client(t *testing.T, baseURL string) any {
	c, err := a.NewClient(baseURL)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// step is one step from a *Client to a method: a field (a resource
// client) or a method call (an accessor or the method itself).
type step struct {
	field  string
	method string
	slots  []int // indexes into method.slots of the scalar arguments
	ctx    bool  // the method takes ctx first: an API method
}

// slot is one path parameter as a Go argument.
type slot struct {
	typ    reflect.Type
	client string // the resource client type that takes it
}

// method is one API method and the steps that reach it.
type method struct {
	name  string
	steps []step
	slots []slot
	body  func() any // a valid request body, or nil for a zero one
}

// methods returns the methods of clientMethods with a's valid bodies.
func (a API) methods(t *testing.T, clientType reflect.Type) []method {
	out := clientMethods(t, clientType)
	for i := range out {
		out[i].body = a.Bodies[out[i].name]
	}
	return out
}

// clientMethods walks every resource client reachable from *Client: its fields,
// its accessors (methods that return a resource client) and its API methods
// (ctx first).
func clientMethods(t *testing.T, clientType reflect.Type) []method {
	ctxType := reflect.TypeFor[context.Context]()
	var out []method
	var walk func(typ reflect.Type, name string, steps []step, slots []slot, depth int)
	walk = func(typ reflect.Type, name string, steps []step, slots []slot, depth int) {
		if depth > 8 {
			t.Fatalf("%s: resource nesting deeper than 8", name)
		}
		for i := range typ.NumMethod() {
			m := typ.Method(i)
			mt := m.Type // receiver first
			var s step
			ss := slices.Clone(slots)
			in := 1
			if mt.NumIn() > 1 && mt.In(1) == ctxType {
				s.ctx = true
				in = 2
			}
			for ; in < mt.NumIn(); in++ {
				if k := mt.In(in).Kind(); k == reflect.Pointer || k == reflect.Slice || k == reflect.Map {
					break
				}
				s.slots = append(s.slots, len(ss))
				ss = append(ss, slot{typ: mt.In(in), client: typ.Elem().Name()})
			}
			s.method = m.Name
			next := append(slices.Clone(steps), s)
			switch {
			case s.ctx:
				out = append(out, method{name: name + "." + m.Name, steps: next, slots: ss})
			case mt.NumOut() == 1 && mt.Out(0).Kind() == reflect.Pointer && strings.HasSuffix(mt.Out(0).Elem().Name(), "Client"):
				walk(mt.Out(0), name+"."+m.Name, next, ss, depth+1)
			}
		}
	}
	ct := clientType.Elem()
	for i := range ct.NumField() {
		f := ct.Field(i)
		if f.IsExported() && f.Type.Kind() == reflect.Pointer && strings.HasSuffix(f.Type.Elem().Name(), "Client") {
			walk(f.Type, f.Name, []step{{field: f.Name}}, nil, 0)
		}
	}
	if len(out) == 0 {
		t.Fatal("no API method found by reflection")
	}
	return out
}

// call runs the method with the given path arguments (one a slot) and zero
// values elsewhere: nil query parameters (*...Params) and a zero, non-nil
// request body. A list is asked for its first item only.
func (m method) call(c any, args []reflect.Value) error {
	_, err := m.results(c, args, 1)
	return err
}

// results runs the method as call does and returns its results other than
// the error: of a list, its first items (at most items).
func (m method) results(c any, args []reflect.Value, items int) ([]any, error) {
	v := reflect.ValueOf(c)
	for _, s := range m.steps {
		if s.field != "" {
			v = v.Elem().FieldByName(s.field)
			continue
		}
		fn := v.MethodByName(s.method)
		var in []reflect.Value
		if s.ctx {
			in = append(in, reflect.ValueOf(context.Background()))
		}
		for _, i := range s.slots {
			in = append(in, args[i])
		}
		for j := len(in); j < fn.Type().NumIn(); j++ {
			pt := fn.Type().In(j)
			if m.body != nil && reflect.TypeOf(m.body()) == pt {
				in = append(in, reflect.ValueOf(m.body()))
			} else if pt.Kind() == reflect.Pointer && !strings.HasSuffix(pt.Elem().Name(), "Params") {
				in = append(in, reflect.New(pt.Elem()))
			} else {
				in = append(in, reflect.Zero(pt))
			}
		}
		out := fn.Call(in)
		if !s.ctx {
			v = out[0]
			continue
		}
		last := out[len(out)-1]
		if last.Type().Kind() == reflect.Func { // a list: iter.Seq2[T, error]
			var err error
			var got []any
			yield := reflect.MakeFunc(last.Type().In(0), func(a []reflect.Value) []reflect.Value {
				if e, _ := a[1].Interface().(error); e != nil {
					err = e
					return []reflect.Value{reflect.ValueOf(false)}
				}
				got = append(got, a[0].Interface())
				return []reflect.Value{reflect.ValueOf(len(got) < items)}
			})
			last.Call([]reflect.Value{yield})
			return got, err
		}
		err, _ := last.Interface().(error)
		var got []any
		for _, r := range out[:len(out)-1] {
			got = append(got, r.Interface())
		}
		return got, err
	}
	return nil, nil
}

// recorder records the escaped path of every request and answers 404.
type recorder struct {
	mu    sync.Mutex
	paths []string
	srv   *httptest.Server
}

func (s *recorder) take() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.paths
	s.paths = nil
	return out
}

// value returns a valid value of slot i: a path parameter's value from
// a.PathValues (by client and wire name, or wire name), any other scalar
// a fixed non-zero value.
func (m method) value(t *testing.T, a API, i int, wire string) reflect.Value {
	sl := m.slots[i]
	if sl.typ.Kind() == reflect.String {
		s, ok := a.PathValues[sl.client+"."+wire]
		if !ok {
			s, ok = a.PathValues[wire]
		}
		if !ok {
			t.Fatalf("%s: no valid value for path parameter %q: add %q or %q to PathValues", m.name, wire, sl.client+"."+wire, wire)
		}
		return reflect.ValueOf(s).Convert(sl.typ)
	}
	v := reflect.New(sl.typ).Elem()
	switch {
	case sl.typ == reflect.TypeFor[time.Time]():
		v.Set(reflect.ValueOf(time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)))
	case v.CanInt():
		v.SetInt(1)
	case v.CanFloat():
		v.SetFloat(1)
	case sl.typ.Kind() == reflect.Bool:
		v.SetBool(true)
	}
	return v
}

// PathParameters checks, for every method of every resource,
//   - an empty path parameter is a *ValidationError naming it (rule
//     required), and so is "." or ".." (rule format), and nothing is sent;
//   - with valid values the request is sent, and a value holding '/', '?',
//     '#', '%', a space or a dot segment is either refused by the
//     parameter's declared rules or sent path-escaped, as one segment.
func PathParameters(t *testing.T, a API) {
	s := &recorder{}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.paths = append(s.paths, r.URL.EscapedPath())
		s.mu.Unlock()
		w.WriteHeader(http.StatusNotFound)
	}))
	t.Cleanup(s.srv.Close)
	c := a.client(t, s.srv.URL)
	methods, params, sent := 0, 0, 0
	for _, m := range a.methods(t, reflect.TypeOf(c)) {
		methods++
		names := m.names(t, a, c)
		if got := s.take(); len(got) > 0 {
			t.Errorf("%s: sent %v with empty path parameters", m.name, got)
		}
		var strs []int
		for i, sl := range m.slots {
			if sl.typ.Kind() == reflect.String {
				strs = append(strs, i)
			}
		}
		valid := func() []reflect.Value { return m.validArgs(t, a, names) }
		// One parameter bad at a time.
		for _, i := range strs {
			params++
			for _, bad := range []struct{ value, rule string }{{"", "required"}, {".", "format"}, {"..", "format"}} {
				args := valid()
				args[i] = reflect.ValueOf(bad.value).Convert(m.slots[i].typ)
				vs, ok := a.Violations(m.call(c, args))
				if !ok || len(vs) != 1 || vs[0].Path != names[i] || vs[0].Rule != bad.rule {
					t.Errorf("%s(%s=%q): violations %+v, want one %s violation at %s", m.name, names[i], bad.value, vs, bad.rule, names[i])
				}
				if got := s.take(); len(got) > 0 {
					t.Errorf("%s(%s=%q): sent %v", m.name, names[i], bad.value, got)
				}
			}
		}
		// Valid values: sent (unless the zero request body is refused).
		err := m.call(c, valid())
		got := s.take()
		if vs, ok := a.Violations(err); ok {
			for _, v := range vs {
				if slices.Contains(names, v.Path) {
					t.Errorf("%s: valid path parameters refused: %+v", m.name, v)
				}
			}
			continue // a required body field: nothing to send
		}
		if len(got) != 1 {
			t.Errorf("%s with valid parameters: %v, sent %v, want one request", m.name, err, got)
			continue
		}
		sent++
		segments := strings.Count(got[0], "/")
		for _, i := range strs {
			for _, hostile := range []string{"a/b", "a?b=c", "a#b", "100%", "a%2Fb", "a b", "../x", "é"} {
				args := valid()
				args[i] = reflect.ValueOf(hostile).Convert(m.slots[i].typ)
				err := m.call(c, args)
				got := s.take()
				if vs, ok := a.Violations(err); ok && len(vs) > 0 && vs[0].Path == names[i] {
					if len(got) > 0 {
						t.Errorf("%s(%s=%q): refused but sent %v", m.name, names[i], hostile, got)
					}
					continue // the parameter's declared rules refuse it
				}
				if len(got) != 1 {
					t.Errorf("%s(%s=%q): %v, sent %v, want one request", m.name, names[i], hostile, err, got)
					continue
				}
				escaped := url.PathEscape(hostile)
				if !strings.Contains(got[0], escaped) || strings.Count(got[0], "/") != segments {
					t.Errorf("%s(%s=%q): sent path %q, want the value escaped as %q within one segment", m.name, names[i], hostile, got[0], escaped)
				}
			}
		}
	}
	t.Logf("%d methods, %d string path parameters checked, %d methods sent with valid parameters", methods, params, sent)
	if sent == 0 {
		t.Error("no method was sent: the escaping checks ran on nothing")
	}
}

// names returns the wire names of m's string path parameters, by slot,
// from the *ValidationError of a call with every one of them empty: one
// violation each, in order, with rule required and distinct names.
func (m method) names(t *testing.T, a API, c any) []string {
	names := make([]string, len(m.slots))
	args := make([]reflect.Value, len(m.slots))
	var strs []int
	for i, sl := range m.slots {
		if sl.typ.Kind() == reflect.String {
			args[i] = reflect.Zero(sl.typ)
			strs = append(strs, i)
		} else {
			args[i] = m.value(t, a, i, "")
		}
	}
	if len(strs) == 0 {
		return names
	}
	vs, ok := a.Violations(m.call(c, args))
	if !ok || len(vs) != len(strs) {
		t.Fatalf("%s with every path parameter empty: %v, want %d violations", m.name, vs, len(strs))
	}
	for j, i := range strs {
		if vs[j].Rule != "required" || vs[j].Path == "" || slices.Contains(names, vs[j].Path) {
			t.Errorf("%s: violation %+v, want a distinct parameter name with rule required", m.name, vs[j])
		}
		names[i] = vs[j].Path
	}
	return names
}

// validArgs returns valid values of every path argument of m.
func (m method) validArgs(t *testing.T, a API, names []string) []reflect.Value {
	out := make([]reflect.Value, len(m.slots))
	for i := range m.slots {
		out[i] = m.value(t, a, i, names[i])
	}
	return out
}

// EmptyAnswers checks that an answer without a body (204 No Content, or 200
// with an empty body) to any method is what its documented statuses make
// it: a status the method does not document is an *UnexpectedStatusError;
// a documented 204 is a success even for a method that returns a value;
// otherwise a method that returns a value (an object, a polymorphic value
// or a page of a list) gets an *EmptyResponseError, never a nil value with
// no error, and methods that return only an error succeed.
func EmptyAnswers(t *testing.T, a API) {
	seen := map[string]bool{}
	for _, status := range []int{http.StatusNoContent, http.StatusOK} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(status)
		}))
		t.Cleanup(srv.Close)
		c := a.client(t, srv.URL)
		valued, checked, undocumented := 0, 0, 0
		for _, m := range a.methods(t, reflect.TypeOf(c)) {
			args := m.validArgs(t, a, m.names(t, a, c))
			last := m.steps[len(m.steps)-1]
			err := m.call(c, args)
			if _, ok := a.Violations(err); ok {
				continue // a zero request body the method refuses: nothing sent
			}
			checked++
			documented, declared := a.Statuses[m.name]
			seen[m.name] = declared
			returnsValue := m.returnsValue(reflect.TypeOf(c))
			switch {
			case declared && !slices.Contains(documented, status):
				undocumented++
				if got, ok := a.UnexpectedStatus(err); !ok || got != status {
					t.Errorf("%s (documents %v) answered %d: %v, want *UnexpectedStatusError", m.name, documented, status, err)
				}
			case declared && status == http.StatusNoContent && err != nil:
				t.Errorf("%s (documents %v) answered 204: %v, want success", m.name, documented, err)
			case declared && status == http.StatusNoContent:
			case returnsValue:
				valued++
				if got, ok := a.EmptyStatus(err); !ok || got != status {
					t.Errorf("%s answered %d with no body: %v, want *EmptyResponseError", m.name, status, err)
				}
			case err != nil:
				t.Errorf("%s (%s) answered %d with no body: %v, want success", m.name, last.method, status, err)
			}
		}
		t.Logf("HTTP %d: %d methods called, %d of them return a value, %d do not document the status", status, checked, valued, undocumented)
		if valued == 0 {
			t.Error("no method returning a value was checked")
		}
	}
	for name := range a.Statuses {
		if !seen[name] {
			t.Errorf("Statuses names %s, which is no method the check called", name)
		}
	}
}

// signature returns the type of the API method m calls (its receiver
// first), walking from the client type.
func (m method) signature(clientType reflect.Type) reflect.Type {
	typ := clientType
	for _, s := range m.steps {
		if s.field != "" {
			f, _ := typ.Elem().FieldByName(s.field)
			typ = f.Type
			continue
		}
		mm, _ := typ.MethodByName(s.method)
		if s.ctx {
			return mm.Type
		}
		typ = mm.Type.Out(0)
	}
	panic("clientcheck: " + m.name + " has no API method")
}

// returnsValue reports whether the method returns a value besides its
// error: an object, an interface, a list iterator; not raw bytes, which may
// be empty.
func (m method) returnsValue(clientType reflect.Type) bool {
	sig := m.signature(clientType)
	out := sig.Out(0)
	return sig.NumOut() == 2 && out != reflect.TypeFor[[]byte]() || out.Kind() == reflect.Func
}

// lists reports whether the method is a list: it returns an iterator.
func (m method) lists(clientType reflect.Type) bool {
	return m.signature(clientType).Out(0).Kind() == reflect.Func
}

// jsonMember is a member of an object read in order, value raw.
type jsonMember struct {
	name  string
	value []byte
	obj   []jsonMember // when value is an object: its members
}

// readOrdered reads a JSON object's members in order, and those of the
// objects nested in it (not inside arrays).
func readOrdered(t *testing.T, raw []byte) []jsonMember {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("%s: %v", raw, err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil { // {
		t.Fatal(err)
	}
	var out []jsonMember
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		name := tok.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			t.Fatal(err)
		}
		jm := jsonMember{name: name, value: v}
		if bytes.HasPrefix(bytes.TrimSpace(v), []byte("{")) {
			jm.obj = readOrdered(t, v)
		}
		out = append(out, jm)
	}
	return out
}

// writeOrdered writes members back as an object.
func writeOrdered(ms []jsonMember) []byte {
	b := []byte{'{'}
	for i, m := range ms {
		if i > 0 {
			b = append(b, ',')
		}
		name, _ := json.Marshal(m.name)
		b = append(b, name...)
		b = append(b, ':')
		if m.obj != nil {
			b = append(b, writeOrdered(m.obj)...)
		} else {
			b = append(b, m.value...)
		}
	}
	return append(b, '}')
}

// setOrdered sets the member at path, unless it is there, creating the
// objects on the way.
func setOrdered(ms []jsonMember, path []string, value []byte) []jsonMember {
	i := slices.IndexFunc(ms, func(m jsonMember) bool { return m.name == path[0] })
	if len(path) == 1 {
		if i < 0 {
			ms = append(ms, jsonMember{name: path[0], value: value})
		}
		return ms
	}
	if i < 0 {
		ms = append(ms, jsonMember{name: path[0], obj: []jsonMember{}})
		i = len(ms) - 1
	}
	if ms[i].obj != nil {
		ms[i].obj = setOrdered(ms[i].obj, path[1:], value)
	}
	return ms
}

// removeOrdered removes the member at path, if it is there.
func removeOrdered(ms []jsonMember, path []string) []jsonMember {
	i := slices.IndexFunc(ms, func(m jsonMember) bool { return m.name == path[0] })
	switch {
	case i < 0:
		return ms
	case len(path) == 1:
		return slices.Delete(ms, i, i+1)
	case ms[i].obj != nil:
		ms[i].obj = removeOrdered(slices.Clone(ms[i].obj), path[1:])
	}
	return ms
}

// pageMutations returns variants of a valid page body that a strict reader
// refuses: each member of each envelope object repeated (with the same value
// and with another one), an undeclared member repeated in each, and the
// items member (the fake writes it first) left out.
func pageMutations(ms []jsonMember, where string) map[string][]jsonMember {
	out := map[string][]jsonMember{}
	for i, m := range ms {
		dup := slices.Insert(slices.Clone(ms), i+1, m)
		out[where+m.name+" twice"] = dup
		other := slices.Clone(ms)
		other = append(other, jsonMember{name: m.name, value: []byte("null")})
		out[where+m.name+" twice, then null"] = other
		if m.obj != nil {
			for k, v := range pageMutations(m.obj, where+m.name+".") {
				c := slices.Clone(ms)
				c[i] = jsonMember{name: m.name, obj: v}
				out[k] = c
			}
		}
	}
	out[where+"undeclared member twice"] = append(slices.Clone(ms), jsonMember{name: "zz", value: []byte(`{"q":1}`)}, jsonMember{name: "zz", value: []byte(`2`)})
	return out
}

// PageReadersStrict checks that the page reader of every list method of every
// resource is as strict as the typed decoders. A page answered by the fake
// decodes; the same page with any envelope member repeated (items, next
// link, totals, meta and its members, undeclared ones) or without its items
// member is an error, never an empty or last-wins list.
func PageReadersStrict(t *testing.T, a API) {
	fake := a.NewFake()
	var mu sync.Mutex
	var mutate func([]byte) []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		fake.ServeHTTP(rec, r)
		body := rec.Body.Bytes()
		mu.Lock()
		if mutate != nil && rec.Code == http.StatusOK {
			body = mutate(body)
		}
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(rec.Code)
		_, _ = w.Write(body)
	}))
	t.Cleanup(srv.Close)
	c := a.client(t, srv.URL)
	lists, checked := 0, 0
	for _, m := range a.methods(t, reflect.TypeOf(c)) {
		if !m.lists(reflect.TypeOf(c)) {
			continue
		}
		lists++
		args := m.validArgs(t, a, m.names(t, a, c))
		var page []byte
		mu.Lock()
		mutate = func(b []byte) []byte { page = bytes.Clone(b); return b }
		mu.Unlock()
		if err := m.call(c, args); err != nil || page == nil {
			t.Errorf("%s: the fake's page %s: %v, want success", m.name, page, err)
			continue
		}
		envelope := readOrdered(t, page)
		if len(envelope) == 0 {
			t.Errorf("%s: the fake's page %s has no items member", m.name, page)
			continue
		}
		// The fake leaves out what a last page does not need (a next link);
		// the reader's every member is put in, as null, to be repeated too.
		for _, path := range a.PagingPaths {
			envelope = setOrdered(envelope, path, []byte("null"))
		}
		variants := pageMutations(envelope, "")
		variants["without "+envelope[0].name] = envelope[1:]
		// A value of the wrong type is an error at its path.
		for _, path := range append([][]string{{envelope[0].name}}, a.PagingPaths...) {
			checked++
			v := setOrdered(removeOrdered(slices.Clone(envelope), path), path, []byte(`{"x":1}`))
			mu.Lock()
			body := writeOrdered(v)
			mutate = func([]byte) []byte { return body }
			mu.Unlock()
			err := m.call(c, args)
			last := path[len(path)-1]
			if p, ok := a.DecodeErrorPath(err); !ok || !strings.Contains(p, last) || len(path) > 1 && !strings.Contains(p, path[0]) {
				t.Errorf("%s, page %s: %v (path %q), want a *DecodeError at %q", m.name, body, err, p, strings.Join(path, "."))
			}
		}
		for what, v := range variants {
			checked++
			body := writeOrdered(v)
			mu.Lock()
			mutate = func([]byte) []byte { return body }
			mu.Unlock()
			err := m.call(c, args)
			if _, ok := a.DecodeErrorPath(err); !ok {
				t.Errorf("%s, page with %s: %s: %v, want a *DecodeError", m.name, what, body, err)
				continue
			}
			if strings.HasPrefix(what, "without ") && !strings.Contains(err.Error(), `missing required field "`+envelope[0].name+`"`) {
				t.Errorf("%s, page with %s: %v, want the missing member named", m.name, what, err)
			}
		}
	}
	mu.Lock()
	mutate = nil
	mu.Unlock()
	t.Logf("%d list methods, %d refused page variants", lists, checked)
	if lists == 0 {
		t.Error("no list method found")
	}
}

// ResultsOwnTheirBytes checks, for every method, that what it returns
// (its value, headers, raw bytes, a list's first items) stays the same
// while the client reads other answers. The client reads a body into a
// buffer it reuses once the body is decoded, so a decoded value must hold
// copies, never slices of the body it came from. Each method is called on
// the fake, its results encoded as JSON; then the same method is called on
// a server whose every answer is a megabyte of junk (sent without a declared
// length, so that it is read into whatever buffer the client reuses, over
// the whole of it); then the results are encoded again and must not differ.
// It runs on one P and without garbage collection: a sync.Pool hands a
// buffer back to the P that put it (a goroutine that waited on the network
// may resume on another), and a collection empties it.
func ResultsOwnTheirBytes(t *testing.T, a API) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	junkBody := bytes.Repeat([]byte{'#'}, 1<<20)
	junk := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		w.(http.Flusher).Flush() // no Content-Length: chunked
		_, _ = w.Write(junkBody)
	}))
	t.Cleanup(junk.Close)
	cj := a.client(t, junk.URL)
	checked, withStrings := 0, 0
	for _, m := range a.methods(t, reflect.TypeOf(cj)) {
		// A fake of its own per method, so that a delete does not empty
		// what the next method reads.
		h := a.NewFake()
		if a.Seed != nil {
			a.Seed(t, h)
		}
		fake := httptest.NewServer(h)
		c := a.client(t, fake.URL)
		args := m.validArgs(t, a, m.names(t, a, c))
		got, err := m.results(c, args, 3)
		fake.Close()
		if err != nil || len(got) == 0 {
			continue // refused before sending, or the fake has nothing
		}
		before, err := json.Marshal(got)
		if err != nil {
			t.Errorf("%s: encoding its results: %v", m.name, err)
			continue
		}
		checked++
		if nonEmptyText(reflect.ValueOf(got), 0) {
			withStrings++
		}
		_, _ = m.results(cj, args, 3) // fails to decode: only the reading matters
		after, err := json.Marshal(got)
		if err != nil || !bytes.Equal(before, after) {
			t.Errorf("%s: its results changed while the client read another answer (%v):\nbefore %s\nafter  %s", m.name, err, before, after)
		}
	}
	t.Logf("%d methods' results checked, %d of them holding non-empty strings or bytes", checked, withStrings)
	if withStrings == 0 {
		t.Error("no method returned a value holding a non-empty string: the check checks nothing")
	}
}

// nonEmptyText reports whether v holds a non-empty string or byte slice
// anywhere (through pointers, interfaces, structs, slices and maps) that
// came from a body: a method's response headers (<Client><Method>ResponseHeaders)
// are read from http.Header, so they do not count.
func nonEmptyText(v reflect.Value, depth int) bool {
	if depth > 32 {
		return false
	}
	switch v.Kind() {
	case reflect.String:
		return v.Len() > 0
	case reflect.Pointer, reflect.Interface:
		return !v.IsNil() && nonEmptyText(v.Elem(), depth+1)
	case reflect.Struct:
		if strings.HasSuffix(v.Type().Name(), "ResponseHeaders") {
			return false
		}
		for i := range v.NumField() {
			if nonEmptyText(v.Field(i), depth+1) {
				return true
			}
		}
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return v.Len() > 0
		}
		for i := range v.Len() {
			if nonEmptyText(v.Index(i), depth+1) {
				return true
			}
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			if nonEmptyText(it.Key(), depth+1) || nonEmptyText(it.Value(), depth+1) {
				return true
			}
		}
	}
	return false
}
