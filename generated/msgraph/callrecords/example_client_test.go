package callrecords_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"

	"github.com/sessiongen/sessiongen/generated/msgraph/callrecords"
	"github.com/sessiongen/sessiongen/generated/msgraph/callrecords/callrecordsfake"
)

// Example_listSessions lists the sessions of a call record two at a time; the
// iterator follows @odata.nextLink. The fake server, seeded with the
// published example, stands in for https://graph.microsoft.com/v1.0.
func Example_listSessions() {
	fake := callrecordsfake.NewFakeServer()
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

// ExampleClient_ContinueCallRecordSessions reads a call record whose
// expanded sessions arrived in part (sessions@odata.nextLink is set) and
// fetches the rest of them. The fake server stands in for Graph: it serves
// the record as seeded, and the sessions the link leads to.
func ExampleClient_ContinueCallRecordSessions() {
	fake := callrecordsfake.NewFakeServer()
	const record = "e523d2ed-2966-4b6b-925b-754a88034cc5"
	const sessions = "/communications/callRecords/" + record + "/sessions"
	session := func(id string) []byte {
		return []byte(`{"id":"` + id + `","modalities":["audio"],"startDateTime":"2020-02-25T18:52:21Z","endDateTime":"2020-02-25T18:52:46Z"}`)
	}
	fake.Put("/communications/callRecords/"+record, []byte(`{"id":"`+record+`","version":1,"type":"groupCall",`+
		`"modalities":["audio"],"lastModifiedDateTime":"2020-02-25T19:00:24Z","startDateTime":"2020-02-25T18:52:21Z",`+
		`"endDateTime":"2020-02-25T18:52:46Z","sessions":[`+string(session("a"))+`],"sessions@odata.nextLink":"`+sessions+`?$top=1"}`))
	for _, id := range []string{"b", "c"} {
		fake.Put(sessions+"/"+id, session(id))
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

	ctx := context.Background()
	r, err := client.CallRecords.Get(ctx, record, &callrecords.CallRecordsGetParams{Expand: []string{"sessions"}})
	if err != nil {
		log.Fatal(err)
	}
	all, _ := r.Sessions.Get()
	for s, err := range client.ContinueCallRecordSessions(ctx, r) {
		if err != nil {
			log.Fatal(err)
		}
		all = append(all, s)
	}
	for _, s := range all {
		fmt.Println(s.ID)
	}
	// Output:
	// a
	// b
	// c
}

// ExamplePage_Meta reads @odata.count, which Graph sends when the request
// asks for it with $count=true; the iterator methods yield items only.
func ExamplePage_Meta() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"@odata.count":2,"value":[{"id":"a","modalities":["audio"],"startDateTime":"2020-02-25T18:52:21Z","endDateTime":"2020-02-25T18:52:46Z"}]}`)
	}))
	defer srv.Close()
	client, err := callrecords.NewClient(callrecords.WithBaseURL(srv.URL),
		callrecords.WithTokenSource(func(ctx context.Context) (string, error) { return "token", nil }))
	if err != nil {
		log.Fatal(err)
	}
	params := &callrecords.SessionsListParams{Count: callrecords.Some(true)}
	page, err := client.CallRecords.Sessions("e523d2ed-2966-4b6b-925b-754a88034cc5").ListPage(context.Background(), params)
	if err != nil {
		log.Fatal(err)
	}
	n, ok := page.Meta().Count.Get()
	fmt.Println(len(page.Items), "of", n, ok, page.Meta().Context.IsSet())
	// Output:
	// 1 of 2 true false
}
