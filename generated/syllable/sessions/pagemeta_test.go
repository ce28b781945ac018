// Hand-written tests (not generated): page metadata (api.pagination.metadata)
// against the published example in testdata (see SOURCE.md).

package sessions_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	sy "github.com/sessiongen/sessiongen/generated/syllable/sessions"
)

// TestPageMetadataSyllable reads page, page_size, total_pages and
// total_count of the sessions-list docs example on each page; total_pages,
// which is also what ends the iteration, is read once and serves both.
func TestPageMetadataSyllable(t *testing.T) {
	base, err := os.ReadFile("testdata/sessions-list.docs-example.200.response.json")
	require.NoError(t, err)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The example says page 0 of total_pages 4; serve 2 pages of it.
		page := r.URL.Query().Get("page")
		if page == "" {
			page = "0"
		}
		body := bytes.Replace(base, []byte(`"page": 0`), []byte(`"page": `+page), 1)
		body = bytes.Replace(body, []byte(`"total_pages": 4`), []byte(`"total_pages": 2`), 1)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	defer srv.Close()
	c := clNewClient(t, srv.URL)
	ctx := context.Background()

	page, err := c.Sessions.ListPage(ctx, &sy.SessionsListParams{Page: sy.Some[int64](0), Limit: sy.Some[int64](1)})
	require.NoError(t, err)
	want := func(o sy.Optional[int64]) int64 {
		t.Helper()
		v, ok := o.Get()
		require.True(t, ok)
		return v
	}
	m := page.Meta()
	assert.Equal(t, int64(0), want(m.Page))
	assert.Equal(t, int64(25), want(m.PageSize))
	assert.Equal(t, int64(2), want(m.TotalPages))
	assert.Equal(t, int64(100), want(m.TotalCount))
	require.True(t, page.HasNext(), "page 0 of 2")
	next, err := page.Next(ctx)
	require.NoError(t, err)
	assert.Equal(t, int64(1), want(next.Meta().Page))
	assert.False(t, next.HasNext(), "total_pages ends the iteration")

	n := 0
	for s, err := range c.Sessions.List(ctx, &sy.SessionsListParams{Limit: sy.Some[int64](1)}) {
		require.NoError(t, err)
		require.NotNil(t, s)
		n++
	}
	assert.Equal(t, 2, n, "one item on each of the two pages")
}

// TestPageMetadataSyllableStrict checks that null totals read as not set
// (the spec types them integer | null) and that a total of the wrong type
// is an error at its JSON path.
func TestPageMetadataSyllableStrict(t *testing.T) {
	base, err := os.ReadFile("testdata/sessions-list.docs-example.200.response.json")
	require.NoError(t, err)
	cases := []struct {
		name, from, to, wantPath string
	}{
		{"null totals", `"total_count": 100`, `"total_count": null`, "-"},
		{"total_count as a string", `"total_count": 100`, `"total_count": "100"`, "total_count"},
		{"total_pages as a number", `"total_pages": 4`, `"total_pages": 4.5`, "total_pages"},
		{"page_size as a bool", `"page_size": 25`, `"page_size": true`, "page_size"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			body := bytes.Replace(base, []byte(tc.from), []byte(tc.to), 1)
			require.NotEqual(t, base, body, "the fixture holds %s", tc.from)
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write(body)
			}))
			defer srv.Close()
			page, err := clNewClient(t, srv.URL).Sessions.ListPage(context.Background(), nil)
			if tc.wantPath == "-" {
				require.NoError(t, err)
				assert.False(t, page.Meta().TotalCount.IsSet(), "null is not set")
				assert.Equal(t, strconv.Itoa(4), page.Meta().TotalPages.String())
				return
			}
			var de *sy.DecodeError
			require.ErrorAs(t, err, &de)
			assert.Equal(t, tc.wantPath, de.Path, "error %v", err)
		})
	}
}

// TestFakePageMetadata: the fake writes the totals the schema declares
// (totalPages, totalCount), which the metadata reading the same members
// exposes; members whose meaning the format does not declare (page,
// page_size) are not written by the fake and read as not set.
func TestFakePageMetadata(t *testing.T) {
	fake, _, c := fkServe(t)
	for i := range 5 {
		fake.Put("/api/v1/sessions/s"+strconv.Itoa(i), clSession(t, "s"+strconv.Itoa(i)))
	}
	page, err := c.Sessions.ListPage(context.Background(), &sy.SessionsListParams{Limit: sy.Some[int64](2)})
	require.NoError(t, err)
	m := page.Meta()
	assert.Equal(t, "3", m.TotalPages.String())
	assert.Equal(t, "5", m.TotalCount.String())
	assert.False(t, m.Page.IsSet())
	assert.False(t, m.PageSize.IsSet())
}
