package callrecords_test

import (
	"context"
	"fmt"
	"log"
	"net/http/httptest"

	"github.com/sessiongen/sessiongen/generated/msgraph/callrecords"
)

// Example_listSessions lists the sessions of a call record two at a time; the
// iterator follows @odata.nextLink. The fake server, seeded with the
// published example, stands in for https://graph.microsoft.com/v1.0.
func Example_listSessions() {
	fake := callrecords.NewFakeServer()
	const record = "e523d2ed-2966-4b6b-925b-754a88034cc5"
	for _, id := range []string{"a", "b", "c"} {
		fake.Put("/communications/callRecords/"+record+"/sessions/"+id, []byte(`{"id":"`+id+
			`","modalities":["audio"],"startDateTime":"2020-02-25T18:52:21.2169889Z","endDateTime":"2020-02-25T18:52:46.7640013Z"}`))
	}
	srv := httptest.NewServer(fake)
	defer srv.Close()

	client, err := callrecords.NewClient(callrecords.WithBaseURL(srv.URL),
		callrecords.WithTokenSource(func(ctx context.Context) (string, error) {
			return "an access token from any OAuth library", nil
		}))
	if err != nil {
		log.Fatal(err)
	}
	params := &callrecords.SessionsListParams{Top: callrecords.Some[int32](2)}
	for s, err := range client.CallRecords.Sessions(record).List(context.Background(), params) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(s.ID, s.Modalities, s.EndDateTime.Sub(s.StartDateTime))
	}
	// Output:
	// a [audio] 25.5470124s
	// b [audio] 25.5470124s
	// c [audio] 25.5470124s
}
