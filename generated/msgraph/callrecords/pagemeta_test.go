// Hand-written tests (not generated): page metadata (api.pagination.metadata)
// and expanded collections that continue (api.pagination.expandedNextLink),
// against the published examples in testdata (see SOURCE.md).

package callrecords_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	cr "github.com/sessiongen/sessiongen/generated/msgraph/callrecords"
)

// pmFixture reads a published example, with every absolute Graph URL in it
// pointed at base, so that the links it carries lead to the test server.
func pmFixture(t *testing.T, name, base string) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	require.NoError(t, err)
	// The published links are "https://graph.microsoft.com/v1.0/$metadata#..."
	// (a documentation artefact: the fragment would be dropped); keep the
	// path after the fragment so the link names the collection it continues.
	data = bytes.ReplaceAll(data, []byte("https://graph.microsoft.com/v1.0/$metadata#"), []byte(base+"/"))
	return data
}

// pmWithMember returns a JSON object with member name (raw JSON value)
// inserted first.
func pmWithMember(t *testing.T, obj []byte, name, value string) []byte {
	t.Helper()
	i := bytes.IndexByte(obj, '{')
	require.GreaterOrEqual(t, i, 0)
	return append(append(append([]byte(nil), obj[:i+1]...), []byte(`"`+name+`":`+value+`,`)...), obj[i+1:]...)
}

// TestPageMetadataGraph reads @odata.count (sent with $count=true; the
// published examples carry none, so the test adds it as OData 4.01 places
// it) and @odata.context from list-sessions example 1, on ListPage and on
// every page after it, while the iterator still yields only items.
func TestPageMetadataGraph(t *testing.T) {
	var srvURL string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body := pmFixture(t, "list-sessions.example1.response.json", srvURL)
		if r.URL.Query().Get("$skiptoken") != "" {
			// The last page: no next link, and no count either.
			body = bytes.Replace(body, []byte(`"@odata.nextLink"`), []byte(`"other"`), 1)
		} else {
			body = pmWithMember(t, body, "@odata.count", "2")
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	defer srv.Close()
	srvURL = srv.URL
	c := clNewClient(t, srv.URL)
	ctx := context.Background()

	page, err := c.CallRecords.Sessions(ctRecordID).ListPage(ctx, nil)
	require.NoError(t, err)
	meta := page.Meta()
	count, ok := meta.Count.Get()
	assert.True(t, ok, "@odata.count read")
	assert.Equal(t, int64(2), count)
	context_, ok := meta.Context.Get()
	assert.True(t, ok, "@odata.context read")
	assert.Equal(t, srv.URL+"/communications/callRecords('e523d2ed-2966-4b6b-925b-754a88034cc5')/sessions", context_)
	require.True(t, page.HasNext())

	last, err := page.Next(ctx)
	require.NoError(t, err)
	assert.False(t, last.Meta().Count.IsSet(), "a page without @odata.count has no count")
	assert.True(t, last.Meta().Context.IsSet())
	assert.False(t, last.HasNext())

	// The iterator is unchanged: items only, two pages of one session each.
	n := 0
	for s, err := range c.CallRecords.Sessions(ctRecordID).List(ctx, nil) {
		require.NoError(t, err)
		assert.NotEmpty(t, s.ID)
		n++
	}
	assert.Equal(t, 2, n)

	// A nil page (no page) has no metadata rather than a panic.
	var none *cr.Page[*cr.Session]
	assert.Equal(t, cr.PageMeta{}, none.Meta())
}

// TestPageMetadataGraphStrict checks that metadata is read strictly: null
// is not set, a value of another type is an error at the member's JSON path,
// and a repeated member is an error, never last-wins.
func TestPageMetadataGraphStrict(t *testing.T) {
	base, err := os.ReadFile("testdata/list-sessions.example1.response.json")
	require.NoError(t, err)
	base = bytes.Replace(base, []byte(`"@odata.nextLink"`), []byte(`"other"`), 1)
	cases := []struct {
		name, Member, value string
		wantPath            string // the error's JSON path
	}{
		{"null count", "@odata.count", "null", "-"}, // "-": no error
		{"count as a string", "@odata.count", `"2"`, `["@odata.count"]`},
		{"count not an integer", "@odata.count", `2.5`, `["@odata.count"]`},
		{"context as a number", "@odata.context", `1`, `["@odata.context"]`},
		// A duplicate is reported on the object holding it, naming the member.
		{"context repeated", "@odata.context", `"x"`, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			body := pmWithMember(t, base, tc.Member, tc.value)
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write(body)
			}))
			defer srv.Close()
			page, err := clNewClient(t, srv.URL).CallRecords.Sessions(ctRecordID).ListPage(context.Background(), nil)
			if tc.wantPath == "-" {
				require.NoError(t, err)
				assert.False(t, page.Meta().Count.IsSet())
				return
			}
			var de *cr.DecodeError
			require.ErrorAs(t, err, &de)
			assert.Equal(t, tc.wantPath, de.Path, "error %v", err)
			if tc.wantPath == "" {
				assert.Contains(t, de.Msg, `duplicate field "`+tc.Member+`"`)
			}
		})
	}
}

// TestContinueExpandedCollection continues the expanded sessions of
// get-callrecord example 2 and the expanded participants_v2 of example 3:
// the sessions link leads to two pages served from list-sessions example 1
// (example 2 repeats "@odata.type" in a callee, which the strict decoder
// rejects), the first linking on to the second.
func TestContinueExpandedCollection(t *testing.T) {
	var srvURL string
	var paths []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		paths = append(paths, r.URL.RequestURI())
		var body []byte
		switch {
		case strings.HasSuffix(r.URL.Path, "/sessions") && r.URL.Query().Get("$skiptoken") == "abc":
			// Page 2 of the expanded sessions links to page 3 ...
			body = pmFixture(t, "list-sessions.example1.response.json", srvURL)
			body = bytes.Replace(body, []byte("$skiptoken=abc"), []byte("$skiptoken=def"), 1)
		case strings.HasSuffix(r.URL.Path, "/sessions") && r.URL.Query().Get("$skiptoken") == "def":
			// ... the last, without a next link.
			body = pmFixture(t, "list-sessions.example1.response.json", srvURL)
			body = bytes.Replace(body, []byte(`"@odata.nextLink"`), []byte(`"other"`), 1)
		case strings.HasSuffix(r.URL.Path, "/participants_v2"):
			body = []byte(`{"@odata.context":"x","value":[{"id":"p3"},{"id":"p4"}]}`)
		default:
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	defer srv.Close()
	srvURL = srv.URL
	c := clNewClient(t, srv.URL)
	ctx := context.Background()

	var record cr.CallRecord
	require.NoError(t, record.UnmarshalJSON(pmFixture(t, "get-callrecord.example2-expand-sessions-segments.response.json", srv.URL)))
	first, _ := record.Sessions.Get()
	require.Len(t, first, 1)
	require.True(t, record.SessionsNextLink.IsSet(), "sessions@odata.nextLink kept")

	var rest []cr.Session
	for s, err := range c.ContinueCallRecordSessions(ctx, &record) {
		require.NoError(t, err)
		rest = append(rest, s)
	}
	require.Len(t, rest, 2, "two more pages of one session each")
	assert.NotEmpty(t, rest[0].ID)
	assert.Equal(t, []string{
		"/communications/callRecords('e523d2ed-2966-4b6b-925b-754a88034cc5')/sessions?$expand=segments&$skiptoken=abc",
		"/communications/callRecords('e523d2ed-2966-4b6b-925b-754a88034cc5')/sessions?$skiptoken=def",
	}, paths)

	// The page variant: metadata and Next like any list page.
	page, err := c.ContinueCallRecordSessionsPage(ctx, &record)
	require.NoError(t, err)
	assert.Len(t, page.Items, 1)
	assert.True(t, page.Meta().Context.IsSet())
	assert.True(t, page.HasNext())

	// The record re-encodes the link it was given.
	enc, err := record.AppendJSON(nil)
	require.NoError(t, err)
	assert.Contains(t, string(enc), `"sessions@odata.nextLink":"`+srv.URL+`/communications/`)

	// Example 3: participants_v2 continue the same way.
	var record3 cr.CallRecord
	require.NoError(t, record3.UnmarshalJSON(pmFixture(t, "get-callrecord.example3-expand-participants_v2.response.json", srv.URL)))
	var ids []string
	for p, err := range c.ContinueCallRecordParticipantsV2(ctx, &record3) {
		require.NoError(t, err)
		ids = append(ids, p.ID)
	}
	assert.Equal(t, []string{"p3", "p4"}, ids)

	// Without a link (example 1: nothing expanded) there is nothing more,
	// and nothing is sent.
	before := len(paths)
	var record1 cr.CallRecord
	require.NoError(t, record1.UnmarshalJSON(pmFixture(t, "get-callrecord.example1-basic.response.json", srv.URL)))
	for range c.ContinueCallRecordSessions(ctx, &record1) {
		t.Fatal("yielded without a link")
	}
	page, err = c.ContinueCallRecordSessionsPage(ctx, &record1)
	assert.NoError(t, err)
	assert.Nil(t, page)
	assert.Equal(t, before, len(paths))
}

// TestContinueExpandedCollectionHostConfinement checks that an expanded
// collection's next link is followed only on the client's base URL scheme
// and host, as list next links are: the published link (graph.microsoft.com)
// seen from a client of another base URL, another host, and a link with
// credentials are refused with *ForeignURLError before anything is sent.
func TestContinueExpandedCollectionHostConfinement(t *testing.T) {
	sent := 0
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sent++
		_, _ = w.Write([]byte(`{"value":[]}`))
	}))
	defer other.Close()
	self := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sent++
		_, _ = w.Write([]byte(`{"value":[]}`))
	}))
	defer self.Close()
	published, err := os.ReadFile("testdata/get-callrecord.example2-expand-sessions-segments.response.json")
	require.NoError(t, err)
	var record cr.CallRecord
	require.NoError(t, record.UnmarshalJSON(published))
	c := clNewClient(t, self.URL)

	links := map[string]string{
		"published link, other base URL": record.SessionsNextLink.Or(""),
		"other test server":              other.URL + "/sessions?$skiptoken=abc",
		"credentials in the link":        strings.Replace(self.URL, "://", "://user:pass@", 1) + "/sessions",
		"scheme-relative other host":     "//example.com/sessions",
	}
	for name, link := range links {
		t.Run(name, func(t *testing.T) {
			r := record
			r.SessionsNextLink = cr.Some(link)
			var fe *cr.ForeignURLError
			for _, err := range c.ContinueCallRecordSessions(context.Background(), &r) {
				require.True(t, errors.As(err, &fe), "error %v, want *ForeignURLError", err)
			}
			require.NotNil(t, fe, "the iterator yielded the error")
			_, err := c.ContinueCallRecordSessionsPage(context.Background(), &r)
			require.ErrorAs(t, err, &fe)
		})
	}
	assert.Zero(t, sent, "nothing sent to any server")
}

// TestFakeContinuesExpandedCollection: a record seeded in the fake with a
// sessions next link (relative, resolved against the base URL) is read
// with Get, and ContinueCallRecordSessions pages through the fake's own
// sessions list, following the fake's next links, with the fake's pages'
// metadata.
func TestFakeContinuesExpandedCollection(t *testing.T) {
	fake, c := fkServe(t)
	ctx := context.Background()
	record := readFixture(t, "get-callrecord.example2-expand-sessions-segments.response.json")
	published := "https://graph.microsoft.com/v1.0/$metadata#communications/callRecords('e523d2ed-2966-4b6b-925b-754a88034cc5')/sessions?$expand=segments&$skiptoken=abc"
	seeded := bytes.Replace(record, []byte(published), []byte(ctSessionsP+"?$top=2"), 1)
	require.NotEqual(t, record, seeded, "the fixture holds the published link")
	fake.Put(ctRecordPath, seeded)
	ids := []string{"s1", "s2", "s3", "s4", "s5"}
	for _, id := range ids {
		fake.Put(ctSessionsP+"/"+id, clSession(t, id))
	}

	got, err := c.CallRecords.Get(ctx, ctRecordID, nil)
	require.NoError(t, err)
	assert.Equal(t, cr.Some(ctSessionsP+"?$top=2"), got.SessionsNextLink)
	var listed []string
	for s, err := range c.ContinueCallRecordSessions(ctx, got) {
		require.NoError(t, err)
		listed = append(listed, s.ID)
	}
	assert.Equal(t, ids, listed)
	before := len(fake.Requests())
	page, err := c.ContinueCallRecordSessionsPage(ctx, got)
	require.NoError(t, err)
	assert.Len(t, page.Items, 2)
	assert.True(t, page.HasNext())
	assert.Equal(t, before+1, len(fake.Requests()))
}
