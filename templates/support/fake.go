package support

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// fakeKind says what a fake route does.
type fakeKind int

const (
	// fakeGet answers 200 with the object stored at the request path, or
	// 404.
	fakeGet fakeKind = iota
	// fakeList answers 200 with a page of the JSON objects stored directly
	// under the request path (at path + "/" + key; a route pattern may end in
	// a slash, in which case the objects are at path + key).
	fakeList
	// fakeCreate builds an object with Apply(nil, ...), stores it at the
	// request path + "/" + key (without doubling a trailing slash) and answers
	// 201 with it; 409 when an object is already stored there.
	fakeCreate
	// fakeUpdate replaces the object at the request path with what
	// Apply(existing, ...) returns and answers 200 with it, or 404 when there
	// is none.
	fakeUpdate
	// fakeDelete removes the object at the request path and answers 204, or
	// 404 when there is none.
	fakeDelete
	// fakeAction answers, whatever the method, 200 with what was seeded with
	// [FakeServer.Put] or [FakeServer.PutRaw] at the exact request path, or
	// 404.
	fakeAction
)

// fakeRouteSpec is one method of the API that a [FakeServer] serves.
type fakeRouteSpec struct {
	// Method is the HTTP method, such as "GET".
	Method string
	// Pattern is the path template, starting with "/". Each {name}
	// parameter matches exactly one non-empty path segment; a segment holds at
	// most one parameter, possibly between literal text ("users('{id}')").
	Pattern string
	// Kind says what the route does.
	Kind fakeKind
	// Items is, for fakeList, the member of the page that holds the array of
	// objects. When it is empty, the page is the bare array, with no room for
	// a next link: such a list is paged in the pageNumber style only and
	// returned whole otherwise.
	Items string
	// Status is the status of a successful answer; 0 means the kind's
	// default (201 for fakeCreate, 204 for fakeDelete, 200 otherwise). A
	// fakeDelete with a status other than 204 answers with the removed
	// object.
	Status int
	// Apply builds the object that fakeCreate and fakeUpdate store from the
	// request body (already read, at most 1 MiB), its Content-Type and the
	// current object (nil on create; a copy that Apply may modify). It
	// returns the object's JSON and, on create, its key: the last path
	// segment of the new object, unescaped. An error is answered 400 with the
	// API's error body and the error's text as the message; an object that is
	// not valid JSON or an empty key on create is answered 500.
	//
	// Apply is called without any lock held and may run more than once for
	// one update request, when another request changed the object meanwhile.
	Apply func(existing []byte, contentType string, body []byte) (object []byte, key string, err error)
}

// fakeConfig describes the paging and the error bodies of the API that a
// [FakeServer] imitates.
type fakeConfig struct {
	// PaginationStyle is "nextLink" or "pageNumber", or "" when the API does
	// not page (lists are then returned whole).
	PaginationStyle string
	// NextPath is, in the nextLink style, the path of members where the
	// absolute URL of the next page goes in a page. On the last page it is
	// left out when the path has one member and set to null when it has more
	// (inside an envelope).
	NextPath []string
	// SizeParam is the query parameter with the page size ("" when the
	// client cannot choose it). Sizes are bounded to 1..1000.
	SizeParam string
	// PageParam is, in the pageNumber style, the query parameter with the
	// page number.
	PageParam string
	// FirstPage is, in the pageNumber style, the number of the first page:
	// 0 or 1.
	FirstPage int
	// TotalPagesPath is where a page holds the number of pages (nil: not
	// written).
	TotalPagesPath []string
	// TotalCountPath is where a page holds the number of objects in the list
	// (nil: not written).
	TotalCountPath []string
	// DefaultPageSize is the page size when the request does not give one; 0
	// means 50.
	DefaultPageSize int
	// ErrorCodePath is where an error body holds the error code, a string
	// such as "NotFound" (nil: not written).
	ErrorCodePath []string
	// ErrorCodeIsNumber writes the code as a number for APIs whose error
	// codes are integers (Twilio's code is, e.g. 20404): the one ErrorCodes
	// gives for the status, else the HTTP status itself.
	ErrorCodeIsNumber bool
	// ErrorCodes maps an HTTP status to the API's code for it (the schema's
	// api.errors.codes), as text: "20404", or "itemNotFound". A status it
	// does not list gets the status (ErrorCodeIsNumber) or a generic name
	// such as "NotFound".
	ErrorCodes map[int]string
	// ErrorMessagePath is where an error body holds the message (nil: not
	// written).
	ErrorMessagePath []string
	// ErrorShapes are the error bodies of statuses with a shape of their own
	// (api.errors selected by status), used instead of the paths above.
	ErrorShapes map[int]fakeErrorShape
	// Authorize reports whether a request is allowed; a refused request is
	// answered 401 with an error body. Nil allows every request. The request
	// body can still be read.
	Authorize func(r *http.Request) bool
}

// FakeRequest is a request that a [FakeServer] received.
type FakeRequest struct {
	// Method is the request method.
	Method string
	// Path is the request path as sent, still escaped.
	Path string
	// RawQuery is the query string as sent, without the '?'.
	RawQuery string
	// Header is a copy of the request header.
	Header http.Header
	// Body is the request body (at most its first 1 MiB), nil when empty.
	Body []byte
}

// FakeServer is an [http.Handler] that imitates an API for tests: it keeps
// objects in memory, by unescaped path, in insertion order, and serves them
// through the routes it was made with (see [newFake]). It is safe for
// concurrent use.
type FakeServer struct {
	cfg    fakeConfig
	routes []fakeRoute

	mu      sync.Mutex
	objects map[string]*fakeObject
	// envelopes are the page envelope members seeded with PutPageEnvelope,
	// by list path.
	envelopes map[string][]fakeLeaf
	clock     uint64 // numbers writes: insertion order and versions
	log       []FakeRequest
}

// fakeObject is what a FakeServer stores at one path.
type fakeObject struct {
	parent      string // the path it is listed under, without trailing slash
	seq         uint64 // insertion order, kept when the object is replaced
	version     uint64 // changes with every write
	contentType string // "" for JSON
	body        []byte
}

// fakeRoute is a fakeRouteSpec with its pattern split into segments.
type fakeRoute struct {
	fakeRouteSpec
	segs []fakeSegment
}

// fakeSegment is one segment of a route pattern: literal text, or a
// parameter between a literal prefix and suffix.
type fakeSegment struct {
	literal string         // the whole segment, when it has no parameter
	re      *regexp.Regexp // the segment, when it has one or more parameters
}

const (
	// fakeMaxBody caps the request bodies that a FakeServer reads.
	fakeMaxBody = 1 << 20
	// fakeMaxPageSize bounds the page size a request may ask for.
	fakeMaxPageSize = 1000
	// fakeDefaultPageSize is the page size when neither the request nor the
	// config gives one.
	fakeDefaultPageSize = 50
	// fakePageToken is the query parameter of next links that holds the
	// position in the list.
	fakePageToken = "fakePageToken"
	// fakeMaxApply bounds how often an update is retried when the object
	// keeps changing under it.
	fakeMaxApply = 100
)

// newFake returns a FakeServer for an API with cfg's paging and error bodies
// and the given routes. A request is served by the first route whose method
// and pattern match it; when only routes with other methods match its path it
// is answered 405, and when none does, 404. newFake panics on an invalid
// config or route: an unknown pagination style or kind, a malformed pattern,
// or a create or update route without Apply.
func newFake(cfg fakeConfig, routes []fakeRouteSpec) *FakeServer {
	switch cfg.PaginationStyle {
	case "", "nextLink", "pageNumber":
	default:
		panic(fmt.Sprintf("support: NewFake: unknown pagination style %q", cfg.PaginationStyle))
	}
	cfg.NextPath = slices.Clone(cfg.NextPath)
	cfg.TotalPagesPath = slices.Clone(cfg.TotalPagesPath)
	cfg.TotalCountPath = slices.Clone(cfg.TotalCountPath)
	cfg.ErrorCodePath = slices.Clone(cfg.ErrorCodePath)
	cfg.ErrorMessagePath = slices.Clone(cfg.ErrorMessagePath)
	f := &FakeServer{cfg: cfg, objects: make(map[string]*fakeObject)}
	for _, r := range routes {
		where := r.Method + " " + r.Pattern
		if r.Method == "" {
			panic("support: NewFake: route " + strconv.Quote(r.Pattern) + " has no method")
		}
		if r.Kind < fakeGet || r.Kind > fakeAction {
			panic(fmt.Sprintf("support: NewFake: %s: unknown kind %d", where, r.Kind))
		}
		if (r.Kind == fakeCreate || r.Kind == fakeUpdate) && r.Apply == nil {
			panic("support: NewFake: " + where + ": create and update routes need Apply")
		}
		if r.Status != 0 && (r.Status < 100 || r.Status > 599) {
			panic(fmt.Sprintf("support: NewFake: %s: invalid status %d", where, r.Status))
		}
		segs, err := fakeParsePattern(r.Pattern)
		if err != nil {
			panic("support: NewFake: " + where + ": " + err.Error())
		}
		f.routes = append(f.routes, fakeRoute{fakeRouteSpec: r, segs: segs})
	}
	return f
}

// fakeParsePattern splits a route pattern into segments. A segment may mix
// literal text and parameters, as OData functions do:
// getPstnCalls(fromDateTime={fromDateTime},toDateTime={toDateTime}).
func fakeParsePattern(pattern string) ([]fakeSegment, error) {
	if !strings.HasPrefix(pattern, "/") {
		return nil, fmt.Errorf("pattern %q does not start with '/'", pattern)
	}
	parts := strings.Split(pattern, "/")
	segs := make([]fakeSegment, len(parts))
	for i, p := range parts {
		if !strings.ContainsAny(p, "{}") {
			segs[i] = fakeSegment{literal: p}
			continue
		}
		expr := "^"
		rest := p
		for rest != "" {
			open := strings.IndexByte(rest, '{')
			if open < 0 {
				if strings.IndexByte(rest, '}') >= 0 {
					return nil, fmt.Errorf("pattern %q has an unmatched '}'", pattern)
				}
				expr += regexp.QuoteMeta(rest)
				break
			}
			if strings.IndexByte(rest[:open], '}') >= 0 {
				return nil, fmt.Errorf("pattern %q has an unmatched '}'", pattern)
			}
			end := strings.IndexByte(rest[open:], '}')
			if end < 0 {
				return nil, fmt.Errorf("pattern %q has an unmatched '{'", pattern)
			}
			end += open
			if end == open+1 || strings.IndexByte(rest[open+1:end], '{') >= 0 {
				return nil, fmt.Errorf("pattern %q has an unnamed parameter or a stray brace", pattern)
			}
			expr += regexp.QuoteMeta(rest[:open]) + "(.+?)"
			rest = rest[end+1:]
		}
		segs[i] = fakeSegment{re: regexp.MustCompile(expr + "$")}
	}
	return segs, nil
}

// matches reports whether the unescaped segments of a request path match the
// route's pattern.
func (r *fakeRoute) matches(segs []string) bool {
	if len(segs) != len(r.segs) {
		return false
	}
	for i, s := range r.segs {
		if s.re == nil {
			if segs[i] != s.literal {
				return false
			}
			continue
		}
		if !s.re.MatchString(segs[i]) {
			return false
		}
	}
	return true
}

// Put stores a JSON object at path, an unescaped path such as
// "/v1/Services/KS1": it is then served by the routes and listed under the
// path's parent. Replacing an object keeps its place in lists. The bytes are
// copied and later sent as they are, so a test may seed malformed JSON.
func (f *FakeServer) Put(path string, object []byte) {
	f.put(path, "", object)
}

// PutRaw stores an answer that is not JSON, such as a file to download, at
// path, to be sent with the given Content-Type ("application/octet-stream"
// when empty). It is not listed.
func (f *FakeServer) PutRaw(path, contentType string, body []byte) {
	if contentType == "" {
		contentType = "application/octet-stream"
	}
	f.put(path, contentType, body)
}

func (f *FakeServer) put(path, contentType string, body []byte) {
	parent := ""
	if i := strings.LastIndexByte(path, '/'); i >= 0 {
		parent = path[:i]
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.store(path, parent, contentType, bytes.Clone(body))
}

// store writes an object, keeping the place of the one it replaces. It
// requires f.mu.
func (f *FakeServer) store(path, parent, contentType string, body []byte) {
	f.clock++
	if o := f.objects[path]; o != nil {
		o.version = f.clock
		o.contentType = contentType
		o.body = body
		return
	}
	f.objects[path] = &fakeObject{parent: parent, seq: f.clock, version: f.clock, contentType: contentType, body: body}
}

// Get returns a copy of what is stored at path, an unescaped path, and
// whether there is anything.
func (f *FakeServer) Get(path string) ([]byte, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	o := f.objects[path]
	if o == nil {
		return nil, false
	}
	return bytes.Clone(o.body), true
}

// Requests returns a copy of every request received so far, in order.
func (f *FakeServer) Requests() []FakeRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]FakeRequest, len(f.log))
	for i, r := range f.log {
		r.Header = r.Header.Clone()
		r.Body = bytes.Clone(r.Body)
		out[i] = r
	}
	return out
}

// ServeHTTP serves a request with the first matching route.
func (f *FakeServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, readErr := io.ReadAll(io.LimitReader(r.Body, fakeMaxBody+1))
	tooLarge := len(body) > fakeMaxBody
	if tooLarge {
		body = body[:fakeMaxBody]
	}
	if len(body) == 0 {
		body = nil
	}
	rec := FakeRequest{
		Method:   r.Method,
		Path:     r.URL.EscapedPath(),
		RawQuery: r.URL.RawQuery,
		Header:   r.Header.Clone(),
		Body:     bytes.Clone(body),
	}
	f.mu.Lock()
	f.log = append(f.log, rec)
	f.mu.Unlock()

	if f.cfg.Authorize != nil {
		ar := r.WithContext(r.Context()) // a shallow copy, to give it the body again
		ar.Body = io.NopCloser(bytes.NewReader(body))
		if !f.cfg.Authorize(ar) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="fake"`)
			f.fail(w, http.StatusUnauthorized, "Unauthorized", "the request is not authorized")
			return
		}
	}
	switch {
	case tooLarge:
		f.fail(w, http.StatusRequestEntityTooLarge, "PayloadTooLarge", "the request body is larger than 1 MiB")
		return
	case readErr != nil:
		f.fail(w, http.StatusBadRequest, "BadRequest", "reading the request body: "+readErr.Error())
		return
	}

	segs := strings.Split(r.URL.EscapedPath(), "/")
	for i, s := range segs {
		u, err := url.PathUnescape(s)
		if err != nil {
			f.fail(w, http.StatusBadRequest, "BadRequest", "malformed path segment "+strconv.Quote(s))
			return
		}
		segs[i] = u
	}
	path := strings.Join(segs, "/")

	var route *fakeRoute
	var allow []string
	for i := range f.routes {
		rt := &f.routes[i]
		if !rt.matches(segs) {
			continue
		}
		if rt.Method == r.Method {
			route = rt
			break
		}
		if !slices.Contains(allow, rt.Method) {
			allow = append(allow, rt.Method)
		}
	}
	if route == nil {
		if len(allow) > 0 {
			w.Header().Set("Allow", strings.Join(allow, ", "))
			f.fail(w, http.StatusMethodNotAllowed, "MethodNotAllowed", "method "+r.Method+" is not allowed on "+path)
			return
		}
		f.fail(w, http.StatusNotFound, "NotFound", "no route for "+r.Method+" "+path)
		return
	}

	contentType := r.Header.Get("Content-Type")
	switch route.Kind {
	case fakeGet, fakeAction:
		f.serveStored(w, route, path)
	case fakeList:
		f.serveList(w, r, route, path)
	case fakeCreate:
		f.serveCreate(w, route, path, contentType, body)
	case fakeUpdate:
		f.serveUpdate(w, route, path, contentType, body)
	case fakeDelete:
		f.serveDelete(w, route, path)
	}
}

// lookup returns a copy of the body and the content type stored at path.
func (f *FakeServer) lookup(path string) (body []byte, contentType string, version uint64, ok bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	o := f.objects[path]
	if o == nil {
		return nil, "", 0, false
	}
	return bytes.Clone(o.body), o.contentType, o.version, true
}

func (f *FakeServer) serveStored(w http.ResponseWriter, route *fakeRoute, path string) {
	body, contentType, _, ok := f.lookup(path)
	if !ok {
		f.fail(w, http.StatusNotFound, "NotFound", "nothing is stored at "+path)
		return
	}
	fakeWrite(w, fakeStatus(route, http.StatusOK), contentType, body)
}

func (f *FakeServer) serveCreate(w http.ResponseWriter, route *fakeRoute, path, contentType string, body []byte) {
	object, key, err := route.Apply(nil, contentType, body)
	if err != nil {
		f.fail(w, http.StatusBadRequest, "BadRequest", err.Error())
		return
	}
	if key == "" {
		f.fail(w, http.StatusInternalServerError, "InternalError", "the fake's Apply returned no key")
		return
	}
	if err := fakeValidJSON(object); err != nil {
		f.fail(w, http.StatusInternalServerError, "InternalError", "the fake's Apply returned invalid JSON: "+err.Error())
		return
	}
	parent := strings.TrimSuffix(path, "/")
	full := parent + "/" + key
	f.mu.Lock()
	if f.objects[full] != nil {
		f.mu.Unlock()
		f.fail(w, http.StatusConflict, "Conflict", "an object is already stored at "+full)
		return
	}
	f.store(full, parent, "", bytes.Clone(object))
	f.mu.Unlock()
	w.Header().Set("Location", (&url.URL{Path: full}).EscapedPath())
	fakeWrite(w, fakeStatus(route, http.StatusCreated), "", object)
}

func (f *FakeServer) serveUpdate(w http.ResponseWriter, route *fakeRoute, path, contentType string, body []byte) {
	for range fakeMaxApply {
		existing, _, version, ok := f.lookup(path)
		if !ok {
			f.fail(w, http.StatusNotFound, "NotFound", "nothing is stored at "+path)
			return
		}
		object, _, err := route.Apply(existing, contentType, body)
		if err != nil {
			f.fail(w, http.StatusBadRequest, "BadRequest", err.Error())
			return
		}
		if err := fakeValidJSON(object); err != nil {
			f.fail(w, http.StatusInternalServerError, "InternalError", "the fake's Apply returned invalid JSON: "+err.Error())
			return
		}
		f.mu.Lock()
		o := f.objects[path]
		if o == nil {
			f.mu.Unlock()
			f.fail(w, http.StatusNotFound, "NotFound", "nothing is stored at "+path)
			return
		}
		if o.version != version {
			f.mu.Unlock()
			continue // changed meanwhile: apply again to the new object
		}
		f.store(path, o.parent, "", bytes.Clone(object))
		f.mu.Unlock()
		fakeWrite(w, fakeStatus(route, http.StatusOK), "", object)
		return
	}
	f.fail(w, http.StatusConflict, "Conflict", "the object at "+path+" kept changing during the update")
}

func (f *FakeServer) serveDelete(w http.ResponseWriter, route *fakeRoute, path string) {
	f.mu.Lock()
	o := f.objects[path]
	delete(f.objects, path)
	f.mu.Unlock()
	if o == nil {
		f.fail(w, http.StatusNotFound, "NotFound", "nothing is stored at "+path)
		return
	}
	fakeWrite(w, fakeStatus(route, http.StatusNoContent), o.contentType, o.body)
}

func (f *FakeServer) serveList(w http.ResponseWriter, r *http.Request, route *fakeRoute, path string) {
	parent := strings.TrimSuffix(path, "/")
	type item struct {
		seq  uint64
		body []byte
	}
	var items []item
	f.mu.Lock()
	for _, o := range f.objects {
		if o.parent == parent && o.contentType == "" {
			items = append(items, item{o.seq, o.body}) // bodies are never modified in place
		}
	}
	seeded := f.envelopes[parent]
	f.mu.Unlock()
	slices.SortFunc(items, func(a, b item) int { return cmp.Compare(a.seq, b.seq) })

	q := r.URL.Query()
	size := f.cfg.DefaultPageSize
	if size <= 0 {
		size = fakeDefaultPageSize
	}
	if f.cfg.SizeParam != "" && q.Get(f.cfg.SizeParam) != "" {
		n, err := strconv.Atoi(q.Get(f.cfg.SizeParam))
		if err != nil {
			f.fail(w, http.StatusBadRequest, "BadRequest", "invalid page size "+strconv.Quote(q.Get(f.cfg.SizeParam)))
			return
		}
		size = n
	}
	size = min(max(size, 1), fakeMaxPageSize)

	var members []fakeMember
	start, end := 0, len(items)
	style := f.cfg.PaginationStyle
	if style == "nextLink" && route.Items == "" {
		style = "" // a bare array has no room for the link
	}
	switch style {
	case "nextLink":
		if tok := q.Get(fakePageToken); tok != "" {
			after, err := strconv.ParseUint(tok, 10, 64)
			if err != nil {
				f.fail(w, http.StatusBadRequest, "BadRequest", "invalid page token "+strconv.Quote(tok))
				return
			}
			start, _ = slices.BinarySearchFunc(items, after+1, func(it item, seq uint64) int { return cmp.Compare(it.seq, seq) })
		}
		end = start + min(size, len(items)-start)
		if end < len(items) {
			q.Set(fakePageToken, strconv.FormatUint(items[end-1].seq, 10))
			next := url.URL{Scheme: "http", Host: r.Host, Path: r.URL.Path, RawPath: r.URL.RawPath, RawQuery: q.Encode()}
			if r.TLS != nil {
				next.Scheme = "https"
			}
			members = fakeSet(members, f.cfg.NextPath, appendString(nil, next.String()))
		} else if len(f.cfg.NextPath) > 1 {
			members = fakeSet(members, f.cfg.NextPath, []byte("null"))
		}
	case "pageNumber":
		page := f.cfg.FirstPage
		if f.cfg.PageParam != "" && q.Get(f.cfg.PageParam) != "" {
			n, err := strconv.Atoi(q.Get(f.cfg.PageParam))
			if err != nil || n < f.cfg.FirstPage {
				f.fail(w, http.StatusBadRequest, "BadRequest", "invalid page number "+strconv.Quote(q.Get(f.cfg.PageParam)))
				return
			}
			page = n
		}
		if idx := page - f.cfg.FirstPage; idx < (len(items)+size-1)/size {
			start = idx * size
			end = min(start+size, len(items))
		} else {
			start = len(items)
		}
	default:
		size = max(len(items), 1)
	}
	if f.cfg.TotalPagesPath != nil {
		members = fakeSet(members, f.cfg.TotalPagesPath, strconv.AppendInt(nil, int64((len(items)+size-1)/size), 10))
	}
	if f.cfg.TotalCountPath != nil {
		members = fakeSet(members, f.cfg.TotalCountPath, strconv.AppendInt(nil, int64(len(items)), 10))
	}
	// Seeded members come after the fake's own, which win (fakeSet keeps the
	// first value): the items, the next link and the totals are never seeded.
	for _, l := range seeded {
		if l.path[0] == route.Items || slices.Equal(l.path, f.cfg.NextPath) {
			continue
		}
		members = fakeSet(members, l.path, l.value)
	}

	arr := []byte{'['}
	for i, it := range items[start:end] {
		if i > 0 {
			arr = append(arr, ',')
		}
		arr = appendRaw(arr, it.body)
	}
	arr = append(arr, ']')
	out := arr
	if route.Items != "" {
		members = append([]fakeMember{{name: route.Items, value: arr}}, members...)
		out = fakeAppendObject(nil, members)
	}
	fakeWrite(w, fakeStatus(route, http.StatusOK), "", out)
}

// fakeErrorShape is where the error body of some statuses holds its code
// and message.
type fakeErrorShape struct {
	CodePath     []string
	CodeIsNumber bool
	MessagePath  []string
}

// fail answers with an error body built from the config: the shape of the
// status when it has one, else the default shape.
func (f *FakeServer) fail(w http.ResponseWriter, status int, code, message string) {
	shape, byStatus := f.cfg.ErrorShapes[status]
	if !byStatus {
		shape = fakeErrorShape{CodePath: f.cfg.ErrorCodePath, CodeIsNumber: f.cfg.ErrorCodeIsNumber, MessagePath: f.cfg.ErrorMessagePath}
	}
	var members []fakeMember
	if shape.CodePath != nil {
		mapped, ok := f.cfg.ErrorCodes[status]
		ok = ok && !byStatus // the codes are the default shape's
		switch {
		case shape.CodeIsNumber && ok:
			members = fakeSet(members, shape.CodePath, []byte(mapped))
		case shape.CodeIsNumber:
			members = fakeSet(members, shape.CodePath, appendInt(nil, int64(status)))
		case ok:
			members = fakeSet(members, shape.CodePath, appendString(nil, mapped))
		default:
			members = fakeSet(members, shape.CodePath, appendString(nil, code))
		}
	}
	if shape.MessagePath != nil {
		members = fakeSet(members, shape.MessagePath, appendString(nil, message))
	}
	fakeWrite(w, status, "", fakeAppendObject(nil, members))
}

// fakeStatus returns the route's success status, def when it has none.
func fakeStatus(route *fakeRoute, def int) int {
	if route.Status != 0 {
		return route.Status
	}
	return def
}

// fakeWrite sends an answer; contentType "" means JSON. Statuses that have no
// body get none.
func fakeWrite(w http.ResponseWriter, status int, contentType string, body []byte) {
	if status == http.StatusNoContent || status == http.StatusNotModified || status < 200 {
		w.WriteHeader(status)
		return
	}
	if contentType == "" {
		contentType = "application/json"
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// fakeValidJSON reports why b is not one valid JSON value.
func fakeValidJSON(b []byte) error {
	d := newDecoder(b)
	if err := d.skip(); err != nil {
		return err
	}
	return d.end()
}

// fakeMember is a member of a JSON object being built: a value, or nested
// members when value is nil.
type fakeMember struct {
	name    string
	value   []byte
	members []fakeMember
}

// PutPageEnvelope makes every page of the list served at path (an unescaped
// collection path such as "/v1/Services/KS1/PhoneNumbers") carry the members
// of envelope, a JSON object, beside those the fake writes itself: page
// metadata the fake cannot derive, such as a count or a page's own URL. The
// items, the next link and the totals the schema declares are the fake's
// own and win over seeded ones. Seeding again replaces the envelope; nil
// removes it.
func (f *FakeServer) PutPageEnvelope(path string, envelope []byte) error {
	var leaves []fakeLeaf
	if envelope != nil {
		var d decoder
		d.reset(envelope)
		if err := fakeLeaves(&d, nil, &leaves); err != nil {
			return err
		}
		if err := d.end(); err != nil {
			return err
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.envelopes == nil {
		f.envelopes = map[string][]fakeLeaf{}
	}
	f.envelopes[strings.TrimSuffix(path, "/")] = leaves
	return nil
}

// fakeLeaf is a member of a seeded page envelope that is not an object:
// its path from the envelope's root and its JSON value.
type fakeLeaf struct {
	path  []string
	value []byte
}

// fakeLeaves appends the leaves of the object d is at, under prefix.
func fakeLeaves(d *decoder, prefix []string, out *[]fakeLeaf) error {
	if err := d.beginObject(); err != nil {
		return err
	}
	var names memberNames
	for {
		name, ok, err := d.nextField()
		if err != nil || !ok {
			return err
		}
		if !names.Add(name) {
			return d.errDuplicate(name)
		}
		path := append(slices.Clone(prefix), string(name))
		if d.peek() == kindObject {
			if err := fakeLeaves(d, path, out); err != nil {
				return withField(err, string(name))
			}
			continue
		}
		raw, err := d.rawCopy()
		if err != nil {
			return withField(err, string(name))
		}
		*out = append(*out, fakeLeaf{path: path, value: raw})
	}
}

// fakeSet sets the member at path to value, creating the objects on the way.
// The first value set at a path wins; a path that runs into a value or ends on
// an object is ignored.
func fakeSet(ms []fakeMember, path []string, value []byte) []fakeMember {
	if len(path) == 0 {
		return ms
	}
	i := slices.IndexFunc(ms, func(m fakeMember) bool { return m.name == path[0] })
	if len(path) == 1 {
		if i < 0 {
			ms = append(ms, fakeMember{name: path[0], value: value})
		}
		return ms
	}
	if i < 0 {
		ms = append(ms, fakeMember{name: path[0]})
		i = len(ms) - 1
	} else if ms[i].value != nil {
		return ms
	}
	ms[i].members = fakeSet(ms[i].members, path[1:], value)
	return ms
}

// fakeAppendObject appends the object with the given members.
func fakeAppendObject(dst []byte, ms []fakeMember) []byte {
	dst = append(dst, '{')
	for i, m := range ms {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendString(dst, m.name)
		dst = append(dst, ':')
		if m.value != nil {
			dst = appendRaw(dst, m.value)
		} else {
			dst = fakeAppendObject(dst, m.members)
		}
	}
	return append(dst, '}')
}
