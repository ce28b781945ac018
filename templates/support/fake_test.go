package support

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// fakeDo sends one request to h and returns the recorded answer.
func fakeDo(t *testing.T, h http.Handler, method, target, contentType, body string) *httptest.ResponseRecorder {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, target, rd)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

// fakeJSON decodes an answer's JSON body, failing the test if it is not JSON.
func fakeJSON(t *testing.T, w *httptest.ResponseRecorder) map[string]any {
	t.Helper()
	if ct := w.Header().Get("Content-Type"); ct != "application/json" {
		t.Fatalf("Content-Type = %q, want application/json (body %s)", ct, w.Body)
	}
	var m map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &m); err != nil {
		t.Fatalf("body %q: %v", w.Body, err)
	}
	return m
}

// fakeWant checks an answer's status and, unless body is "", its exact body.
func fakeWant(t *testing.T, w *httptest.ResponseRecorder, status int, body string) {
	t.Helper()
	if w.Code != status {
		t.Fatalf("status = %d, want %d (body %s)", w.Code, status, w.Body)
	}
	if body != "" && w.Body.String() != body {
		t.Fatalf("body = %s\nwant   %s", w.Body, body)
	}
}

// fakeNestedErrors is the config of an API with {"error":{"code","message"}}
// error bodies.
var fakeNestedErrors = fakeConfig{
	ErrorCodePath:    []string{"error", "code"},
	ErrorMessagePath: []string{"error", "message"},
}

// fakeWantError checks an error answer in the fakeNestedErrors shape.
func fakeWantError(t *testing.T, w *httptest.ResponseRecorder, status int, code string) string {
	t.Helper()
	if w.Code != status {
		t.Fatalf("status = %d, want %d (body %s)", w.Code, status, w.Body)
	}
	m := fakeJSON(t, w)
	e, ok := m["error"].(map[string]any)
	if !ok || len(m) != 1 || len(e) != 2 {
		t.Fatalf("error body %s: want {\"error\":{\"code\",\"message\"}}", w.Body)
	}
	if e["code"] != code {
		t.Fatalf("error code = %v, want %q", e["code"], code)
	}
	msg, _ := e["message"].(string)
	if msg == "" {
		t.Fatalf("error body %s has no message", w.Body)
	}
	return msg
}

// fakeToyApply is an Apply over JSON objects: create gives the object the
// next key as "id"; update merges the members sent into the stored object.
func fakeToyApply(keys *atomic.Int64) func(existing []byte, contentType string, body []byte) ([]byte, string, error) {
	return func(existing []byte, contentType string, body []byte) ([]byte, string, error) {
		if contentType != "application/json" {
			return nil, "", fmt.Errorf("unsupported content type %q", contentType)
		}
		obj := map[string]any{}
		if existing != nil {
			if err := json.Unmarshal(existing, &obj); err != nil {
				return nil, "", err
			}
		}
		var req map[string]any
		if err := json.Unmarshal(body, &req); err != nil {
			return nil, "", errors.New("malformed body")
		}
		for k, v := range req {
			obj[k] = v
		}
		key := ""
		if existing == nil {
			key = "s" + strconv.FormatInt(keys.Add(1), 10)
			obj["id"] = key
		}
		out, err := json.Marshal(obj)
		return out, key, err
	}
}

func TestFakeRouting(t *testing.T) {
	f := newFake(fakeNestedErrors, []fakeRouteSpec{
		{Method: "GET", Pattern: "/v1/items/{id}", Kind: fakeGet},
		{Method: "GET", Pattern: "/v1/items/{id}/parts/{part}", Kind: fakeGet},
		{Method: "DELETE", Pattern: "/v1/items/{id}", Kind: fakeDelete},
		{Method: "GET", Pattern: "/v1/users('{id}')", Kind: fakeGet},
		// Shadowed by the first route: the first match wins.
		{Method: "GET", Pattern: "/v1/items/special", Kind: fakeAction, Status: http.StatusAccepted},
	})
	f.Put("/v1/items/a", []byte(`{"id":"a"}`))
	f.Put("/v1/items/a/parts/p1", []byte(`{"part":"p1"}`))
	f.Put("/v1/items/x/y", []byte(`{"id":"x/y"}`))
	f.Put("/v1/items/special", []byte(`{"special":true}`))
	f.Put("/v1/users/u1", []byte(`{"wrong":true}`))
	f.Put("/v1/users('u1')", []byte(`{"user":"u1"}`))

	fakeWant(t, fakeDo(t, f, "GET", "/v1/items/a", "", ""), 200, `{"id":"a"}`)
	fakeWant(t, fakeDo(t, f, "GET", "/v1/items/a/parts/p1", "", ""), 200, `{"part":"p1"}`)
	fakeWant(t, fakeDo(t, f, "GET", "/v1/users('u1')", "", ""), 200, `{"user":"u1"}`)
	fakeWant(t, fakeDo(t, f, "GET", "/v1/users%28%27u1%27%29", "", ""), 200, `{"user":"u1"}`)
	// An escaped slash stays inside its segment and is stored unescaped.
	fakeWant(t, fakeDo(t, f, "GET", "/v1/items/x%2Fy", "", ""), 200, `{"id":"x/y"}`)
	fakeWant(t, fakeDo(t, f, "GET", "/v1/items/special", "", ""), 200, `{"special":true}`)

	// A parameter matches exactly one non-empty segment.
	for _, target := range []string{"/v1/items/x/y", "/v1/items/", "/v1/items", "/v1/items/a/parts/", "/v1/users()", "/v1/users('')", "/nope", "/"} {
		msg := fakeWantError(t, fakeDo(t, f, "GET", target, "", ""), 404, "NotFound")
		if !strings.Contains(msg, "no route") {
			t.Errorf("GET %s: message %q", target, msg)
		}
	}
	// A matched route with nothing stored is a 404 too.
	fakeWantError(t, fakeDo(t, f, "GET", "/v1/items/b", "", ""), 404, "NotFound")

	w := fakeDo(t, f, "PUT", "/v1/items/a", "application/json", `{}`)
	fakeWantError(t, w, 405, "MethodNotAllowed")
	if got := w.Header().Get("Allow"); got != "GET, DELETE" {
		t.Errorf("Allow = %q", got)
	}
	fakeWantError(t, fakeDo(t, f, "POST", "/nope", "", ""), 404, "NotFound")

	// Error bodies follow the configured paths, top-level ones included.
	for _, tc := range []struct {
		cfg  fakeConfig
		want string
	}{
		{fakeConfig{ErrorCodePath: []string{"code"}, ErrorMessagePath: []string{"message"}}, `{"code":"NotFound","message":"no route for GET /x"}`},
		{fakeConfig{ErrorMessagePath: []string{"detail"}}, `{"detail":"no route for GET /x"}`},
		{fakeConfig{ErrorCodePath: []string{"a", "b", "code"}, ErrorMessagePath: []string{"a", "message"}}, `{"a":{"b":{"code":"NotFound"},"message":"no route for GET /x"}}`},
		{fakeConfig{}, `{}`},
	} {
		fakeWant(t, fakeDo(t, newFake(tc.cfg, nil), "GET", "/x", "", ""), 404, tc.want)
	}
}

func TestFakeRoundTrip(t *testing.T) {
	var keys atomic.Int64
	apply := fakeToyApply(&keys)
	f := newFake(fakeNestedErrors, []fakeRouteSpec{
		{Method: "GET", Pattern: "/api/v1/sessions/", Kind: fakeList, Items: "sessions"},
		{Method: "POST", Pattern: "/api/v1/sessions/", Kind: fakeCreate, Apply: apply},
		{Method: "GET", Pattern: "/api/v1/sessions/{id}", Kind: fakeGet},
		{Method: "PATCH", Pattern: "/api/v1/sessions/{id}", Kind: fakeUpdate, Apply: apply},
		{Method: "DELETE", Pattern: "/api/v1/sessions/{id}", Kind: fakeDelete},
	})
	fakeWant(t, fakeDo(t, f, "GET", "/api/v1/sessions/", "", ""), 200, `{"sessions":[]}`)

	w := fakeDo(t, f, "POST", "/api/v1/sessions/", "application/json", `{"name":"one"}`)
	fakeWant(t, w, 201, `{"id":"s1","name":"one"}`)
	if got := w.Header().Get("Location"); got != "/api/v1/sessions/s1" {
		t.Errorf("Location = %q", got)
	}
	fakeJSON(t, w)
	fakeWant(t, fakeDo(t, f, "POST", "/api/v1/sessions/", "application/json", `{"name":"two"}`), 201, `{"id":"s2","name":"two"}`)
	if got, ok := f.Get("/api/v1/sessions/s1"); !ok || string(got) != `{"id":"s1","name":"one"}` {
		t.Errorf("Get = %s, %v", got, ok)
	}
	fakeWant(t, fakeDo(t, f, "GET", "/api/v1/sessions/s1", "", ""), 200, `{"id":"s1","name":"one"}`)
	fakeWant(t, fakeDo(t, f, "GET", "/api/v1/sessions/", "", ""), 200, `{"sessions":[{"id":"s1","name":"one"},{"id":"s2","name":"two"}]}`)

	// Updating keeps the object's place in the list.
	fakeWant(t, fakeDo(t, f, "PATCH", "/api/v1/sessions/s1", "application/json", `{"name":"uno","n":1}`), 200, `{"id":"s1","n":1,"name":"uno"}`)
	fakeWant(t, fakeDo(t, f, "GET", "/api/v1/sessions/s1", "", ""), 200, `{"id":"s1","n":1,"name":"uno"}`)
	fakeWant(t, fakeDo(t, f, "GET", "/api/v1/sessions/", "", ""), 200, `{"sessions":[{"id":"s1","n":1,"name":"uno"},{"id":"s2","name":"two"}]}`)
	fakeWantError(t, fakeDo(t, f, "PATCH", "/api/v1/sessions/s9", "application/json", `{}`), 404, "NotFound")

	// Apply's errors are 400s with their text as the message.
	if msg := fakeWantError(t, fakeDo(t, f, "PATCH", "/api/v1/sessions/s1", "application/json", `{`), 400, "BadRequest"); msg != "malformed body" {
		t.Errorf("message = %q", msg)
	}
	if msg := fakeWantError(t, fakeDo(t, f, "POST", "/api/v1/sessions/", "text/plain", `x`), 400, "BadRequest"); msg != `unsupported content type "text/plain"` {
		t.Errorf("message = %q", msg)
	}

	fakeWant(t, fakeDo(t, f, "DELETE", "/api/v1/sessions/s1", "", ""), 204, "")
	if w := fakeDo(t, f, "DELETE", "/api/v1/sessions/s2", "", ""); w.Body.Len() != 0 || w.Header().Get("Content-Type") != "" {
		t.Errorf("204 with body %q, Content-Type %q", w.Body, w.Header().Get("Content-Type"))
	}
	fakeWantError(t, fakeDo(t, f, "DELETE", "/api/v1/sessions/s1", "", ""), 404, "NotFound")
	fakeWantError(t, fakeDo(t, f, "GET", "/api/v1/sessions/s1", "", ""), 404, "NotFound")
	if _, ok := f.Get("/api/v1/sessions/s1"); ok {
		t.Error("deleted object still stored")
	}
	fakeWant(t, fakeDo(t, f, "GET", "/api/v1/sessions/", "", ""), 200, `{"sessions":[]}`)

	// A re-created object goes to the end of the list.
	f.Put("/api/v1/sessions/a", []byte(`{"id":"a"}`))
	f.Put("/api/v1/sessions/b", []byte(`{"id":"b"}`))
	f.Put("/api/v1/sessions/a", []byte(`{"id":"a","v":2}`))
	fakeWant(t, fakeDo(t, f, "GET", "/api/v1/sessions/", "", ""), 200, `{"sessions":[{"id":"a","v":2},{"id":"b"}]}`)
}

func TestFakeCreateForm(t *testing.T) {
	var gotExisting, gotBody []byte
	var gotType string
	f := newFake(fakeConfig{ErrorCodePath: []string{"code"}, ErrorMessagePath: []string{"message"}}, []fakeRouteSpec{
		{Method: "GET", Pattern: "/v1/Services", Kind: fakeList, Items: "services"},
		{Method: "POST", Pattern: "/v1/Services", Kind: fakeCreate, Apply: func(existing []byte, contentType string, body []byte) ([]byte, string, error) {
			gotExisting, gotType, gotBody = existing, contentType, body
			q, err := url.ParseQuery(string(body))
			if err != nil {
				return nil, "", err
			}
			out := appendString([]byte(`{"sid":`), q.Get("Sid"))
			out = append(out, `,"friendly_name":`...)
			out = appendString(out, q.Get("FriendlyName"))
			return append(out, '}'), q.Get("Sid"), nil
		}},
		{Method: "POST", Pattern: "/v1/Bad", Kind: fakeCreate, Apply: func([]byte, string, []byte) ([]byte, string, error) {
			return []byte(`{"x":`), "k", nil
		}},
		{Method: "POST", Pattern: "/v1/NoKey", Kind: fakeCreate, Apply: func([]byte, string, []byte) ([]byte, string, error) {
			return []byte(`{}`), "", nil
		}},
	})
	fakeWant(t, fakeDo(t, f, "POST", "/v1/Services", "application/x-www-form-urlencoded", "FriendlyName=a+b&Sid=KS1"), 201, `{"sid":"KS1","friendly_name":"a b"}`)
	if gotExisting != nil || gotType != "application/x-www-form-urlencoded" || string(gotBody) != "FriendlyName=a+b&Sid=KS1" {
		t.Errorf("Apply got %q %q %q", gotExisting, gotType, gotBody)
	}
	fakeWant(t, fakeDo(t, f, "GET", "/v1/Services", "", ""), 200, `{"services":[{"sid":"KS1","friendly_name":"a b"}]}`)
	// A second object with the same key is a conflict.
	fakeWant(t, fakeDo(t, f, "POST", "/v1/Services", "application/x-www-form-urlencoded", "Sid=KS1"), 409, "")
	if got, _ := f.Get("/v1/Services/KS1"); string(got) != `{"sid":"KS1","friendly_name":"a b"}` {
		t.Errorf("conflicting create replaced the object: %s", got)
	}
	fakeWant(t, fakeDo(t, f, "POST", "/v1/Services", "application/x-www-form-urlencoded", "Sid=%zz"), 400, "")
	// What Apply returns must be JSON, with a key.
	fakeWant(t, fakeDo(t, f, "POST", "/v1/Bad", "", ""), 500, "")
	if _, ok := f.Get("/v1/Bad/k"); ok {
		t.Error("invalid object stored")
	}
	fakeWant(t, fakeDo(t, f, "POST", "/v1/NoKey", "", ""), 500, `{"code":"InternalError","message":"the fake's Apply returned no key"}`)
}

// fakeSeed stores n objects {"n":i} under parent, keys k0, k1, ...
func fakeSeed(f *FakeServer, parent string, n int) {
	for i := range n {
		f.Put(parent+"/k"+strconv.Itoa(i), []byte(`{"n":`+strconv.Itoa(i)+`}`))
	}
}

// fakeItems returns the "n" members of the objects of a page's array.
func fakeItems(t *testing.T, v any) []int {
	t.Helper()
	arr, ok := v.([]any)
	if !ok {
		t.Fatalf("items are %T, not an array", v)
	}
	var ns []int
	for _, it := range arr {
		ns = append(ns, int(it.(map[string]any)["n"].(float64)))
	}
	return ns
}

func TestFakeListNextLink(t *testing.T) {
	for _, tc := range []struct {
		name     string
		nextPath []string
		items    string
		scheme   string
	}{
		{"envelope", []string{"meta", "next_page_url"}, "sessions", "http"},
		{"top", []string{"@odata.nextLink"}, "value", "https"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(fakeConfig{PaginationStyle: "nextLink", NextPath: tc.nextPath, SizeParam: "PageSize"}, []fakeRouteSpec{
				{Method: "GET", Pattern: "/v1/sessions", Kind: fakeList, Items: tc.items},
			})
			fakeSeed(f, "/v1/sessions", 7)
			f.Put("/v1/sessions/k0/events/e1", []byte(`{"n":100}`))  // not directly under
			f.PutRaw("/v1/sessions/file", "text/plain", []byte("x")) // not JSON
			f.Put("/v1/sessionsX", []byte(`{"n":200}`))              // a sibling

			target := tc.scheme + "://api.example.com/v1/sessions?PageSize=3&Filter=a+b"
			var pages [][]int
			for len(pages) < 10 {
				w := fakeDo(t, f, "GET", target, "", "")
				fakeWant(t, w, 200, "")
				m := fakeJSON(t, w)
				pages = append(pages, fakeItems(t, m[tc.items]))
				var next any
				var present bool
				if len(tc.nextPath) == 2 {
					meta, _ := m["meta"].(map[string]any)
					next, present = meta[tc.nextPath[1]]
					if len(m) != 2 || len(meta) != 1 {
						t.Fatalf("page %s: unexpected members", w.Body)
					}
				} else {
					next, present = m[tc.nextPath[0]]
					if want := 1; present {
						want = 2
						if len(m) != want {
							t.Fatalf("page %s: unexpected members", w.Body)
						}
					} else if len(m) != want {
						t.Fatalf("page %s: unexpected members", w.Body)
					}
				}
				if next == nil {
					// The last page: null in an envelope, absent at the top.
					if present != (len(tc.nextPath) > 1) {
						t.Fatalf("last page %s: next link present = %v", w.Body, present)
					}
					break
				}
				s := next.(string)
				u, err := url.Parse(s)
				if err != nil || u.Scheme != tc.scheme || u.Host != "api.example.com" || u.Path != "/v1/sessions" {
					t.Fatalf("next link %q", s)
				}
				q := u.Query()
				if q.Get("PageSize") != "3" || q.Get("Filter") != "a b" || q.Get("fakePageToken") == "" {
					t.Fatalf("next link %q lost the query", s)
				}
				target = s
			}
			if want := [][]int{{0, 1, 2}, {3, 4, 5}, {6}}; !reflect.DeepEqual(pages, want) {
				t.Fatalf("pages = %v, want %v", pages, want)
			}
		})
	}

	// The page token is a cursor: deleting an object already listed does not
	// skip any, and bad tokens are 400s.
	f := newFake(fakeConfig{PaginationStyle: "nextLink", NextPath: []string{"next"}, SizeParam: "size"}, []fakeRouteSpec{
		{Method: "GET", Pattern: "/v1/sessions", Kind: fakeList, Items: "value"},
		{Method: "DELETE", Pattern: "/v1/sessions/{id}", Kind: fakeDelete},
	})
	fakeSeed(f, "/v1/sessions", 4)
	m := fakeJSON(t, fakeDo(t, f, "GET", "/v1/sessions?size=2", "", ""))
	fakeWant(t, fakeDo(t, f, "DELETE", "/v1/sessions/k0", "", ""), 204, "")
	w := fakeDo(t, f, "GET", m["next"].(string), "", "")
	if got := fakeItems(t, fakeJSON(t, w)["value"]); !reflect.DeepEqual(got, []int{2, 3}) {
		t.Errorf("second page after a delete = %v", got)
	}
	fakeWant(t, fakeDo(t, f, "GET", "/v1/sessions?fakePageToken=zz", "", ""), 400, "")
	fakeWant(t, fakeDo(t, f, "GET", "/v1/sessions?size=x", "", ""), 400, "")
}

func TestFakeListPageNumber(t *testing.T) {
	for _, first := range []int{0, 1} {
		t.Run(strconv.Itoa(first), func(t *testing.T) {
			f := newFake(fakeConfig{
				PaginationStyle: "pageNumber",
				SizeParam:       "per_page",
				PageParam:       "page",
				FirstPage:       first,
				TotalPagesPath:  []string{"meta", "total_pages"},
				TotalCountPath:  []string{"meta", "total"},
				ErrorCodePath:   []string{"code"},
			}, []fakeRouteSpec{
				{Method: "GET", Pattern: "/v2/calls", Kind: fakeList, Items: "calls"},
			})
			fakeSeed(f, "/v2/calls", 7)
			want := []string{
				`{"calls":[{"n":0},{"n":1},{"n":2}],"meta":{"total_pages":3,"total":7}}`,
				`{"calls":[{"n":3},{"n":4},{"n":5}],"meta":{"total_pages":3,"total":7}}`,
				`{"calls":[{"n":6}],"meta":{"total_pages":3,"total":7}}`,
				`{"calls":[],"meta":{"total_pages":3,"total":7}}`,
			}
			for i, body := range want {
				fakeWant(t, fakeDo(t, f, "GET", fmt.Sprintf("/v2/calls?page=%d&per_page=3", first+i), "", ""), 200, body)
			}
			// No page number: the first page; far pages are empty.
			fakeWant(t, fakeDo(t, f, "GET", "/v2/calls?per_page=3", "", ""), 200, want[0])
			fakeWant(t, fakeDo(t, f, "GET", "/v2/calls?per_page=3&page=9223372036854775807", "", ""), 200, want[3])
			fakeWant(t, fakeDo(t, f, "GET", fmt.Sprintf("/v2/calls?page=%d", first-1), "", ""), 400, `{"code":"BadRequest"}`)
			fakeWant(t, fakeDo(t, f, "GET", "/v2/calls?page=one", "", ""), 400, `{"code":"BadRequest"}`)
			// The default page size holds them all.
			fakeWant(t, fakeDo(t, f, "GET", "/v2/calls", "", ""), 200, `{"calls":[{"n":0},{"n":1},{"n":2},{"n":3},{"n":4},{"n":5},{"n":6}],"meta":{"total_pages":1,"total":7}}`)
		})
	}

	// A bare array (no Items member) is paged by number too.
	f := newFake(fakeConfig{PaginationStyle: "pageNumber", PageParam: "page", FirstPage: 1, DefaultPageSize: 2}, []fakeRouteSpec{
		{Method: "GET", Pattern: "/v2/calls", Kind: fakeList},
	})
	fakeSeed(f, "/v2/calls", 3)
	fakeWant(t, fakeDo(t, f, "GET", "/v2/calls?page=2", "", ""), 200, `[{"n":2}]`)
}

func TestFakeListSizes(t *testing.T) {
	f := newFake(fakeConfig{PaginationStyle: "pageNumber", SizeParam: "size", PageParam: "page", TotalPagesPath: []string{"pages"}}, []fakeRouteSpec{
		{Method: "GET", Pattern: "/x", Kind: fakeList, Items: "items"},
	})
	fakeSeed(f, "/x", 1001)
	for _, tc := range []struct {
		query string
		n     int
		pages float64
	}{
		{"", 50, 21},
		{"size=0", 1, 1001},
		{"size=-5", 1, 1001},
		{"size=7", 7, 143},
		{"size=5000", 1000, 2},
	} {
		m := fakeJSON(t, fakeDo(t, f, "GET", "/x?"+tc.query, "", ""))
		if n := len(m["items"].([]any)); n != tc.n || m["pages"] != tc.pages {
			t.Errorf("%q: %d items, %v pages; want %d, %v", tc.query, n, m["pages"], tc.n, tc.pages)
		}
	}

	// An API that does not page returns the whole list.
	f = newFake(fakeConfig{SizeParam: "size", TotalCountPath: []string{"count"}}, []fakeRouteSpec{
		{Method: "GET", Pattern: "/x", Kind: fakeList, Items: "items"},
	})
	fakeSeed(f, "/x", 60)
	m := fakeJSON(t, fakeDo(t, f, "GET", "/x?size=2", "", ""))
	if n := len(m["items"].([]any)); n != 60 || m["count"] != float64(60) {
		t.Errorf("unpaged list: %d items, count %v", n, m["count"])
	}
}

func TestFakeAction(t *testing.T) {
	f := newFake(fakeNestedErrors, []fakeRouteSpec{
		{Method: "POST", Pattern: "/v1/sessions/{id}/end", Kind: fakeAction},
		{Method: "GET", Pattern: "/v1/recordings/{id}/media", Kind: fakeAction},
		{Method: "POST", Pattern: "/v1/sessions/{id}/ping", Kind: fakeAction, Status: http.StatusAccepted},
		{Method: "DELETE", Pattern: "/v1/keep/{id}", Kind: fakeDelete, Status: http.StatusOK},
	})
	f.Put("/v1/sessions/s1/end", []byte(`{"ended":true}`))
	f.PutRaw("/v1/recordings/r 1/media", "audio/wav", []byte("RIFF\x00\x01\xff"))
	f.PutRaw("/v1/sessions/s1/ping", "", []byte("pong"))
	f.Put("/v1/keep/k", []byte(`{"id":"k"}`))

	fakeWant(t, fakeDo(t, f, "POST", "/v1/sessions/s1/end", "application/json", `{"reason":"x"}`), 200, `{"ended":true}`)
	// Actions answer again and again.
	fakeWant(t, fakeDo(t, f, "POST", "/v1/sessions/s1/end", "", ""), 200, `{"ended":true}`)
	fakeWantError(t, fakeDo(t, f, "POST", "/v1/sessions/s2/end", "", ""), 404, "NotFound")

	w := fakeDo(t, f, "GET", "/v1/recordings/r%201/media", "", "")
	fakeWant(t, w, 200, "RIFF\x00\x01\xff")
	if ct := w.Header().Get("Content-Type"); ct != "audio/wav" {
		t.Errorf("Content-Type = %q", ct)
	}
	w = fakeDo(t, f, "POST", "/v1/sessions/s1/ping", "", "")
	fakeWant(t, w, http.StatusAccepted, "pong")
	if ct := w.Header().Get("Content-Type"); ct != "application/octet-stream" {
		t.Errorf("Content-Type = %q", ct)
	}
	// A delete with a status other than 204 answers with what it removed.
	fakeWant(t, fakeDo(t, f, "DELETE", "/v1/keep/k", "", ""), 200, `{"id":"k"}`)
}

func TestFakeAuthorize(t *testing.T) {
	cfg := fakeNestedErrors
	cfg.Authorize = func(r *http.Request) bool {
		b, err := io.ReadAll(r.Body)
		return err == nil && r.Header.Get("Authorization") == "Bearer good" && string(b) != "evil"
	}
	f := newFake(cfg, []fakeRouteSpec{{Method: "POST", Pattern: "/v1/things/{id}", Kind: fakeAction}})
	f.Put("/v1/things/a", []byte(`{"a":1}`))

	w := fakeDo(t, f, "POST", "/v1/things/a", "", "")
	fakeWantError(t, w, 401, "Unauthorized")
	if w.Header().Get("WWW-Authenticate") == "" {
		t.Error("401 without WWW-Authenticate")
	}
	// Authorization comes before routing.
	fakeWantError(t, fakeDo(t, f, "GET", "/nope", "", ""), 401, "Unauthorized")

	send := func(body string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("POST", "/v1/things/a", strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer good")
		w := httptest.NewRecorder()
		f.ServeHTTP(w, req)
		return w
	}
	fakeWant(t, send("ok"), 200, `{"a":1}`)
	fakeWantError(t, send("evil"), 401, "Unauthorized")
	if n := len(f.Requests()); n != 4 {
		t.Errorf("%d requests logged, want 4 (refused ones too)", n)
	}
}

func TestFakeRequests(t *testing.T) {
	f := newFake(fakeNestedErrors, []fakeRouteSpec{{Method: "POST", Pattern: "/v1/things/{id}", Kind: fakeAction}})
	body := []byte("{\"a\": \"\xff\u00e9\"}\n")
	req := httptest.NewRequest("POST", "/v1/things/a%2Fb?x=1&x=2&y=%20", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	req.Header.Add("X-Multi", "1")
	req.Header.Add("X-Multi", "2")
	f.ServeHTTP(httptest.NewRecorder(), req)
	fakeDo(t, f, "GET", "/other", "", "")
	big := strings.Repeat("z", fakeMaxBody+10)
	fakeWantError(t, fakeDo(t, f, "POST", "/v1/things/big", "text/plain", big), 413, "PayloadTooLarge")
	req.Header.Set("X-Multi", "changed") // the log holds a copy

	got := f.Requests()
	if len(got) != 3 {
		t.Fatalf("%d requests", len(got))
	}
	r := got[0]
	if r.Method != "POST" || r.Path != "/v1/things/a%2Fb" || r.RawQuery != "x=1&x=2&y=%20" || !bytes.Equal(r.Body, body) {
		t.Errorf("request = %+v", r)
	}
	if !reflect.DeepEqual(r.Header["X-Multi"], []string{"1", "2"}) || r.Header.Get("Content-Type") != "application/json; charset=utf-8" {
		t.Errorf("header = %v", r.Header)
	}
	if got[1].Method != "GET" || got[1].Path != "/other" || got[1].Body != nil {
		t.Errorf("request = %+v", got[1])
	}
	if len(got[2].Body) != fakeMaxBody {
		t.Errorf("oversized body logged with %d bytes", len(got[2].Body))
	}
	// Changing what Requests returned changes nothing in the server.
	got[0].Body[0] = 'X'
	got[0].Header.Set("X-Multi", "3")
	if again := f.Requests()[0]; !bytes.Equal(again.Body, body) || again.Header.Get("X-Multi") != "1" {
		t.Errorf("the log was changed through a returned copy: %+v", again)
	}
	// Likewise for Put and Get.
	obj := []byte(`{"a":1}`)
	f.Put("/p", obj)
	obj[2] = 'b'
	g, _ := f.Get("/p")
	g[3] = 'c'
	if g, _ := f.Get("/p"); string(g) != `{"a":1}` {
		t.Errorf("stored object changed through a caller's slice: %s", g)
	}
}

func TestFakeConcurrent(t *testing.T) {
	var keys atomic.Int64
	f := newFake(fakeNestedErrors, []fakeRouteSpec{
		{Method: "GET", Pattern: "/v1/things", Kind: fakeList, Items: "value"},
		{Method: "POST", Pattern: "/v1/things", Kind: fakeCreate, Apply: fakeToyApply(&keys)},
		{Method: "GET", Pattern: "/v1/things/{id}", Kind: fakeGet},
		{Method: "POST", Pattern: "/v1/counter", Kind: fakeUpdate, Apply: func(existing []byte, _ string, _ []byte) ([]byte, string, error) {
			var c struct{ N int }
			if err := json.Unmarshal(existing, &c); err != nil {
				return nil, "", err
			}
			return []byte(`{"N":` + strconv.Itoa(c.N+1) + `}`), "", nil
		}},
	})
	f.Put("/v1/counter", []byte(`{"N":0}`))
	srv := httptest.NewServer(f)
	defer srv.Close()
	client := srv.Client()

	const workers, each = 8, 25
	var wg sync.WaitGroup
	errs := make(chan error, workers*each*3)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range each {
				for _, step := range []struct{ method, path, body string }{
					{"POST", "/v1/things", `{"x":1}`},
					{"POST", "/v1/counter", ``},
					{"GET", "/v1/things", ``},
				} {
					req, _ := http.NewRequest(step.method, srv.URL+step.path, strings.NewReader(step.body))
					req.Header.Set("Content-Type", "application/json")
					resp, err := client.Do(req)
					if err != nil {
						errs <- err
						continue
					}
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode >= 300 {
						errs <- fmt.Errorf("%s %s: %s", step.method, step.path, resp.Status)
					}
				}
				_ = f.Requests()
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if got, _ := f.Get("/v1/counter"); string(got) != fmt.Sprintf(`{"N":%d}`, workers*each) {
		t.Errorf("counter = %s after %d updates", got, workers*each)
	}
	resp, err := client.Get(srv.URL + "/v1/things")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var page struct{ Value []json.RawMessage }
	if err := json.NewDecoder(resp.Body).Decode(&page); err != nil || len(page.Value) != workers*each {
		t.Errorf("list: %d items, %v", len(page.Value), err)
	}
	if n := len(f.Requests()); n != workers*each*3+1 {
		t.Errorf("%d requests logged", n)
	}
}

func TestFakeNewFakePanics(t *testing.T) {
	apply := func([]byte, string, []byte) ([]byte, string, error) { return nil, "", nil }
	for _, tc := range []struct {
		name   string
		cfg    fakeConfig
		routes []fakeRouteSpec
	}{
		{"style", fakeConfig{PaginationStyle: "cursor"}, nil},
		{"method", fakeConfig{}, []fakeRouteSpec{{Pattern: "/x", Kind: fakeGet}}},
		{"kind", fakeConfig{}, []fakeRouteSpec{{Method: "GET", Pattern: "/x", Kind: fakeAction + 1}}},
		{"apply", fakeConfig{}, []fakeRouteSpec{{Method: "POST", Pattern: "/x", Kind: fakeCreate}}},
		{"status", fakeConfig{}, []fakeRouteSpec{{Method: "GET", Pattern: "/x", Kind: fakeGet, Status: 42}}},
		{"relative", fakeConfig{}, []fakeRouteSpec{{Method: "GET", Pattern: "x", Kind: fakeGet}}},
		{"unclosed", fakeConfig{}, []fakeRouteSpec{{Method: "GET", Pattern: "/x/{id", Kind: fakeGet}}},
		{"unopened", fakeConfig{}, []fakeRouteSpec{{Method: "GET", Pattern: "/x/id}", Kind: fakeGet}}},
		{"unnamed", fakeConfig{}, []fakeRouteSpec{{Method: "GET", Pattern: "/x/{}", Kind: fakeGet}}},
		{"nested", fakeConfig{}, []fakeRouteSpec{{Method: "PUT", Pattern: "/x/{a{b}}", Kind: fakeUpdate, Apply: apply}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			newFake(tc.cfg, tc.routes)
		})
	}
}

// TestFakeSegmentWithParameters matches OData function segments, which hold
// several parameters among literal text.
func TestFakeSegmentWithParameters(t *testing.T) {
	f := newFake(fakeConfig{}, []fakeRouteSpec{{Method: "GET", Pattern: "/calls/f(from={from},to={to})", Kind: fakeAction}})
	f.Put("/calls/f(from=2024,to=2025)", []byte(`{"ok":true}`))
	fakeWant(t, fakeDo(t, f, "GET", "/calls/f(from=2024,to=2025)", "", ""), 200, `{"ok":true}`)
	if got := fakeDo(t, f, "GET", "/calls/f(from=2024)", "", ""); got.Code != 404 {
		t.Errorf("a segment missing a parameter matched: %d", got.Code)
	}
}

// TestFakePutPageEnvelope: seeded envelope members appear on every page of
// the list, nested where they were seeded, beside the fake's own; the items,
// the next link and the totals stay the fake's; other lists are untouched;
// a malformed envelope is refused.
func TestFakePutPageEnvelope(t *testing.T) {
	f := newFake(fakeConfig{PaginationStyle: "nextLink", NextPath: []string{"meta", "next_page_url"}, SizeParam: "PageSize",
		TotalCountPath: []string{"meta", "total"}}, []fakeRouteSpec{
		{Method: "GET", Pattern: "/v1/sessions", Kind: fakeList, Items: "sessions"},
		{Method: "GET", Pattern: "/v1/other", Kind: fakeList, Items: "other"},
	})
	fakeSeed(f, "/v1/sessions", 3)
	err := f.PutPageEnvelope("/v1/sessions/", []byte(`{"meta":{"page":0,"key":"sessions","next_page_url":"https://evil.example/","total":99},`+
		`"sessions":[42],"count":{"n":3,"exact":true},"note":null}`))
	if err != nil {
		t.Fatal(err)
	}
	w := fakeDo(t, f, "GET", "/v1/sessions?PageSize=2", "", "")
	fakeWant(t, w, 200, "")
	want := `{"sessions":[{"n":0},{"n":1}],"meta":{"next_page_url":"http://example.com/v1/sessions?PageSize=2&fakePageToken=2","total":3,"page":0,"key":"sessions"},"count":{"n":3,"exact":true},"note":null}`
	if w.Body.String() != want {
		t.Errorf("page 1\n got %s\nwant %s", w.Body, want)
	}
	w = fakeDo(t, f, "GET", "/v1/sessions?PageSize=2&fakePageToken=2", "", "")
	want = `{"sessions":[{"n":2}],"meta":{"next_page_url":null,"total":3,"page":0,"key":"sessions"},"count":{"n":3,"exact":true},"note":null}`
	if w.Body.String() != want {
		t.Errorf("last page\n got %s\nwant %s", w.Body, want)
	}
	fakeWant(t, fakeDo(t, f, "GET", "/v1/other", "", ""), 200, `{"other":[],"meta":{"next_page_url":null,"total":0}}`)

	if err := f.PutPageEnvelope("/v1/sessions", nil); err != nil {
		t.Fatal(err)
	}
	fakeWant(t, fakeDo(t, f, "GET", "/v1/sessions?PageSize=5", "", ""), 200, `{"sessions":[{"n":0},{"n":1},{"n":2}],"meta":{"next_page_url":null,"total":3}}`)

	for _, bad := range []string{`[]`, `{"a":1,"a":2}`, `{"m":{"a":1,"a":2}}`, `{"a":1} x`, `{"a":}`} {
		if err := f.PutPageEnvelope("/v1/sessions", []byte(bad)); err == nil {
			t.Errorf("envelope %s accepted", bad)
		}
	}
}
