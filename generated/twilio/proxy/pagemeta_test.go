// Hand-written tests (not generated): page metadata (api.pagination.metadata,
// Twilio's "meta" object) against the published examples in testdata (see
// SOURCE.md).

package proxy_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	pr "github.com/sessiongen/sessiongen/generated/twilio/proxy"
)

// TestPageMetadataTwilio reads the meta members of ListPhoneNumber.readFull
// (page, page_size, first_page_url, url, key; previous_page_url is null on
// the first page and reads as not set) on ListPage, while the iterator
// still yields only items.
func TestPageMetadataTwilio(t *testing.T) {
	body, err := os.ReadFile("testdata/ListPhoneNumber.readFull.200.response.json")
	require.NoError(t, err)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	defer srv.Close()
	c := clNewClient(t, srv.URL)
	ctx := context.Background()

	page, err := c.Services.PhoneNumbers(ctServiceSID).ListPage(ctx, nil)
	require.NoError(t, err)
	meta := page.Meta()
	get := func(o pr.Optional[string]) string { v, _ := o.Get(); return v }
	n, ok := meta.Page.Get()
	assert.True(t, ok)
	assert.Equal(t, int32(0), n)
	size, ok := meta.PageSize.Get()
	assert.True(t, ok)
	assert.Equal(t, int32(50), size)
	assert.Equal(t, "https://proxy.twilio.com/v1/Services/KSaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/PhoneNumbers?PageSize=50&Page=0", get(meta.FirstPageURL))
	assert.Equal(t, "https://proxy.twilio.com/v1/Services/KSaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/PhoneNumbers?PageSize=50&Page=0", get(meta.URL))
	assert.Equal(t, "phone_numbers", get(meta.Key))
	assert.False(t, meta.PreviousPageURL.IsSet(), "null previous_page_url is not set")
	assert.Len(t, page.Items, 1)
	assert.False(t, page.HasNext())

	var sids []string
	for p, err := range c.Services.PhoneNumbers(ctServiceSID).List(ctx, nil) {
		require.NoError(t, err)
		sids = append(sids, p.SID.Or(""))
	}
	assert.Equal(t, []string{"PNaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}, sids)
}

// TestPageMetadataTwilioStrict checks that a meta member of the wrong type
// is an error at its JSON path inside meta, and a repeated one an error.
func TestPageMetadataTwilioStrict(t *testing.T) {
	base, err := os.ReadFile("testdata/ListPhoneNumber.readFull.200.response.json")
	require.NoError(t, err)
	cases := []struct {
		name, from, to, wantPath string
	}{
		{"page as a string", `"page": 0,`, `"page": "0",`, "meta.page"},
		{"page_size too large for int32", `"page_size": 50,`, `"page_size": 5000000000,`, "meta.page_size"},
		{"key as a number", `"key": "phone_numbers",`, `"key": 1,`, "meta.key"},
		{"first_page_url repeated", `"page": 0,`, `"page": 0, "first_page_url": "x",`, "meta"},
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
			_, err := clNewClient(t, srv.URL).Services.PhoneNumbers(ctServiceSID).ListPage(context.Background(), nil)
			var de *pr.DecodeError
			require.ErrorAs(t, err, &de)
			assert.Equal(t, tc.wantPath, de.Path, "error %v", err)
		})
	}
}

// TestFakePageEnvelope: the fake writes the meta members seeded with
// PutPageEnvelope (here the published ones of ListPhoneNumber.readFull) on
// every page, beside its own next_page_url, and the client reads them.
func TestFakePageEnvelope(t *testing.T) {
	fake, c := fkServe(t)
	const list = "/v1/Services/" + ctServiceSID + "/PhoneNumbers"
	for _, sid := range []string{"PN1", "PN2", "PN3"} {
		fake.Put(list+"/"+sid, []byte(`{"sid":"`+sid+`"}`))
	}
	published, err := os.ReadFile("testdata/ListPhoneNumber.readFull.200.response.json")
	require.NoError(t, err)
	require.NoError(t, fake.PutPageEnvelope(list, published))

	page, err := c.Services.PhoneNumbers(ctServiceSID).ListPage(context.Background(), &pr.PhoneNumbersListParams{PageSize: pr.Some[int64](2)})
	require.NoError(t, err)
	require.Len(t, page.Items, 2, "the fake's items, not the seeded ones")
	assert.Equal(t, "phone_numbers", page.Meta().Key.Or(""))
	assert.Equal(t, int32(50), page.Meta().PageSize.Or(0))
	require.True(t, page.HasNext(), "the fake's own next link")
	last, err := page.Next(context.Background())
	require.NoError(t, err)
	assert.Len(t, last.Items, 1)
	assert.Equal(t, "phone_numbers", last.Meta().Key.Or(""))
	assert.False(t, last.HasNext())
}
