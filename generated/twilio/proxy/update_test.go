package proxy_test

import (
	"context"
	"net/http"
	"net/url"
	"reflect"
	"testing"

	pr "github.com/sessiongen/sessiongen/generated/twilio/proxy"
)

// TestClientUpdateSendsOnlySetKeys: every update method (body shape update)
// sends exactly the form keys the caller set: nothing for an empty update,
// one key for one field. The answer does not matter here, only the request.
func TestClientUpdateSendsOnlySetKeys(t *testing.T) {
	stub := clNewStub(t, func(w http.ResponseWriter, r *http.Request, n int) { clReply(w, 500, nil) })
	c := clNewClient(t, stub.srv.URL, pr.WithRetryPolicy(pr.RetryPolicy{MaxAttempts: 1}))
	ctx := context.Background()
	services := c.Services
	cases := []struct {
		name string
		send func() error
		want url.Values
	}{
		{"Services.Update/empty", func() error {
			_, err := services.Update(ctx, ctServiceSID, &pr.ServicesUpdateRequest{})
			return err
		}, url.Values{}},
		{"Services.Update/UniqueName", func() error {
			_, err := services.Update(ctx, ctServiceSID, &pr.ServicesUpdateRequest{UniqueName: pr.Some("x")})
			return err
		}, url.Values{"UniqueName": {"x"}}},
		{"PhoneNumbers.Update/empty", func() error {
			_, err := services.PhoneNumbers(ctServiceSID).Update(ctx, ctPhoneSID, &pr.PhoneNumbersUpdateRequest{})
			return err
		}, url.Values{}},
		{"PhoneNumbers.Update/IsReserved", func() error {
			_, err := services.PhoneNumbers(ctServiceSID).Update(ctx, ctPhoneSID, &pr.PhoneNumbersUpdateRequest{IsReserved: pr.Some(false)})
			return err
		}, url.Values{"IsReserved": {"false"}}},
		{"Sessions.Update/empty", func() error {
			_, err := services.Sessions(ctServiceSID).Update(ctx, ctSessionSID, &pr.SessionsUpdateRequest{})
			return err
		}, url.Values{}},
		{"Sessions.Update/Ttl", func() error {
			_, err := services.Sessions(ctServiceSID).Update(ctx, ctSessionSID, &pr.SessionsUpdateRequest{TTL: pr.Some[int32](0)})
			return err
		}, url.Values{"Ttl": {"0"}}},
	}
	for i, tc := range cases {
		if err := tc.send(); err == nil {
			t.Errorf("%s: no error from a 500", tc.name)
		}
		reqs := stub.requests()
		if len(reqs) != i+1 {
			t.Fatalf("%s: %d requests, want %d", tc.name, len(reqs), i+1)
		}
		got, err := url.ParseQuery(string(reqs[i].Body))
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: sent %q (%v), want %v", tc.name, reqs[i].Body, err, tc.want)
		}
	}
}
