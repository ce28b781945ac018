package sessions_test

import (
	"context"
	"fmt"
	"log"
	"net/http/httptest"

	"github.com/sessiongen/sessiongen/generated/syllable/sessions"
	"github.com/sessiongen/sessiongen/generated/syllable/sessions/sessionsfake"
)

// Example_listSessions lists sessions two at a time: the iterator asks for
// page 0, 1, 2 and stops at total_pages. The fake server, seeded with Put,
// stands in for https://api.syllable.cloud.
func Example_listSessions() {
	fake := sessionsfake.NewFakeServer()
	for _, id := range []string{"a1", "b2", "c3", "d4", "e5"} {
		fake.Put("/api/v1/sessions/"+id, []byte(`{"timestamp":"2023-11-07T05:31:56Z","session_id":"`+id+`","source":"+18042221111"}`))
	}
	srv := httptest.NewServer(fake)
	defer srv.Close()

	client, err := sessions.NewClient(sessions.WithBaseURL(srv.URL), sessions.WithAPIKey("your API key"))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	params := &sessions.SessionsListParams{Limit: sessions.Some[int64](2)}
	for s, err := range client.Sessions.List(ctx, params) {
		if err != nil {
			log.Fatal(err)
		}
		id, _ := s.SessionID.Get()
		fmt.Println(id, s.Timestamp.Format("2006-01-02"))
	}
	for _, r := range fake.Requests() {
		fmt.Println(r.Method, r.Path+"?"+r.RawQuery)
	}
	// Output:
	// a1 2023-11-07
	// b2 2023-11-07
	// c3 2023-11-07
	// d4 2023-11-07
	// e5 2023-11-07
	// GET /api/v1/sessions/?limit=2
	// GET /api/v1/sessions/?limit=2&page=1
	// GET /api/v1/sessions/?limit=2&page=2
}
