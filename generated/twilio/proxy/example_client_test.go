package proxy_test

import (
	"context"
	"fmt"
	"log"
	"net/http/httptest"

	"github.com/sessiongen/sessiongen/generated/twilio/proxy"
	"github.com/sessiongen/sessiongen/generated/twilio/proxy/proxyfake"
)

// Example_createSession creates a Proxy service and a session in it. The
// fake server stands in for https://proxy.twilio.com.
func Example_createSession() {
	srv := httptest.NewServer(proxyfake.NewFakeServer())
	defer srv.Close()
	client, err := proxy.NewClient(proxy.WithBaseURL(srv.URL),
		proxy.WithBasicAuth("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "your auth token"))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	service, err := client.Services.Create(ctx, &proxy.ServicesCreateRequest{UniqueName: "My Service"})
	if err != nil {
		log.Fatal(err)
	}
	serviceSID, _ := service.SID.Get()
	session, err := client.Services.Sessions(serviceSID).Create(ctx, &proxy.SessionsCreateRequest{
		UniqueName: proxy.Some("Order #1234"),
		TTL:        proxy.Some[int32](3600),
		Mode:       proxy.Some(proxy.SessionModeVoiceAndMessage),
	})
	if err != nil {
		log.Fatal(err)
	}
	sid, _ := session.SID.Get()
	name, _ := session.UniqueName.Get()
	ttl, _ := session.TTL.Get()
	mode, _ := session.Mode.Get()
	fmt.Println(serviceSID)
	fmt.Println(sid, name, ttl, mode)
	// Output:
	// KS00000000000000000000000000000001
	// KC00000000000000000000000000000002 Order #1234 3600 voice-and-message
}

// Example_listSessions lists the sessions of a service two at a time: the
// iterator follows meta.next_page_url, and ListPage/Next page by hand.
func Example_listSessions() {
	srv := httptest.NewServer(proxyfake.NewFakeServer())
	defer srv.Close()
	client, err := proxy.NewClient(proxy.WithBaseURL(srv.URL),
		proxy.WithBasicAuth("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "your auth token"))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	service, err := client.Services.Create(ctx, &proxy.ServicesCreateRequest{UniqueName: "My Service"})
	if err != nil {
		log.Fatal(err)
	}
	serviceSID, _ := service.SID.Get()
	sessions := client.Services.Sessions(serviceSID)
	for _, name := range []string{"order-1", "order-2", "order-3", "order-4", "order-5"} {
		if _, err := sessions.Create(ctx, &proxy.SessionsCreateRequest{UniqueName: proxy.Some(name)}); err != nil {
			log.Fatal(err)
		}
	}

	params := &proxy.SessionsListParams{PageSize: proxy.Some[int64](2)}
	for s, err := range sessions.List(ctx, params) {
		if err != nil {
			log.Fatal(err)
		}
		name, _ := s.UniqueName.Get()
		fmt.Println(name)
	}

	page, err := sessions.ListPage(ctx, params)
	for page != nil && err == nil {
		fmt.Println("page of", len(page.Items))
		page, err = page.Next(ctx)
	}
	if err != nil {
		log.Fatal(err)
	}
	// Output:
	// order-1
	// order-2
	// order-3
	// order-4
	// order-5
	// page of 2
	// page of 2
	// page of 1
}
