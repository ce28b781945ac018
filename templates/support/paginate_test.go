package support

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// ptPages is a fake API of pages: page i holds pages[i] and links to page
// i+1. It counts fetches.
type ptPages struct {
	pages   [][]int
	fetches int
	failOn  int // page number whose fetch fails; -1 for none
}

var errPtFetch = errors.New("page fetch failed")

func (p *ptPages) fetch(_ context.Context, c *httpCall) ([]int, *httpCall, any, error) {
	p.fetches++
	i, err := strconv.Atoi(c.Query.Get("page"))
	if err != nil {
		return nil, nil, nil, err
	}
	if i == p.failOn {
		return []int{-1}, nil, nil, errPtFetch // items that came with the error are yielded before it
	}
	var next *httpCall
	if i+1 < len(p.pages) {
		next = &httpCall{Path: "/items", Query: map[string][]string{"page": {strconv.Itoa(i + 1)}}}
	}
	return p.pages[i], next, nil, nil
}

func ptFirst() *httpCall {
	return &httpCall{Path: "/items", Query: map[string][]string{"page": {"0"}}}
}

func ptNewPages() *ptPages {
	return &ptPages{pages: [][]int{{1, 2, 3}, {4, 5, 6}, {7}}, failOn: -1}
}

func TestPaginateAllPages(t *testing.T) {
	p := ptNewPages()
	var got []int
	for v, err := range paginate(context.Background(), ptFirst(), p.fetch) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, v)
	}
	if want := []int{1, 2, 3, 4, 5, 6, 7}; !reflect.DeepEqual(got, want) {
		t.Errorf("items = %v, want %v", got, want)
	}
	if p.fetches != 3 {
		t.Errorf("%d fetches, want 3", p.fetches)
	}

	// The sequence can be ranged over again: it starts from the first page.
	got = got[:0]
	for v := range paginate(context.Background(), ptFirst(), p.fetch) {
		got = append(got, v)
	}
	if len(got) != 7 || p.fetches != 6 {
		t.Errorf("second pass: %v after %d fetches", got, p.fetches)
	}
}

func TestPaginateEmptyPages(t *testing.T) {
	p := &ptPages{pages: [][]int{{}, {1}, {}, {}}, failOn: -1}
	var got []int
	for v, err := range paginate(context.Background(), ptFirst(), p.fetch) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, v)
	}
	if !reflect.DeepEqual(got, []int{1}) || p.fetches != 4 {
		t.Errorf("items %v after %d fetches", got, p.fetches)
	}
	for range paginate(context.Background(), nil, p.fetch) {
		t.Error("a nil first call yielded")
	}
}

// ptSettledGoroutines returns the goroutine count once it stops falling, so
// that goroutines of earlier tests that are exiting do not count.
func ptSettledGoroutines() int {
	n := runtime.NumGoroutine()
	for range 50 {
		runtime.Gosched()
		time.Sleep(time.Millisecond)
		m := runtime.NumGoroutine()
		if m >= n {
			return m
		}
		n = m
	}
	return n
}

func TestPaginateBreak(t *testing.T) {
	before := ptSettledGoroutines()
	p := ptNewPages()
	var got []int
	for v, err := range paginate(context.Background(), ptFirst(), p.fetch) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, v)
		if v == 5 {
			break
		}
	}
	if !reflect.DeepEqual(got, []int{1, 2, 3, 4, 5}) || p.fetches != 2 {
		t.Errorf("items %v after %d fetches, want [1 2 3 4 5] after 2", got, p.fetches)
	}
	// paginate starts no goroutine, so nothing is left running.
	if after := ptSettledGoroutines(); after > before {
		t.Errorf("%d goroutines before, %d after", before, after)
	}
}

func TestPaginateFetchError(t *testing.T) {
	p := ptNewPages()
	p.failOn = 1
	var got []int
	var errs []error
	for v, err := range paginate(context.Background(), ptFirst(), p.fetch) {
		if err != nil {
			errs = append(errs, err)
			if v != 0 {
				t.Errorf("error yielded with %d, want the zero value", v)
			}
			continue // the iterator must stop on its own
		}
		got = append(got, v)
	}
	if !reflect.DeepEqual(got, []int{1, 2, 3, -1}) {
		t.Errorf("items = %v, want page 1's, then what came with the error", got)
	}
	if len(errs) != 1 || !errors.Is(errs[0], errPtFetch) {
		t.Errorf("errors = %v, want the fetch error once", errs)
	}
	if p.fetches != 2 {
		t.Errorf("%d fetches, want 2", p.fetches)
	}
}

func TestPaginateContext(t *testing.T) {
	t.Run("cancelled while iterating", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		p := ptNewPages()
		var got []int
		var errs []error
		for v, err := range paginate(ctx, ptFirst(), p.fetch) {
			if err != nil {
				errs = append(errs, err)
				continue
			}
			got = append(got, v)
			if v == 2 {
				cancel()
			}
		}
		if !reflect.DeepEqual(got, []int{1, 2}) || p.fetches != 1 {
			t.Errorf("items %v after %d fetches, want [1 2] after 1", got, p.fetches)
		}
		if len(errs) != 1 || !errors.Is(errs[0], context.Canceled) {
			t.Errorf("errors = %v, want context.Canceled once", errs)
		}
	})
	t.Run("cancelled between pages", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		p := ptNewPages()
		fetch := func(ctx context.Context, c *httpCall) ([]int, *httpCall, any, error) {
			items, next, meta, err := p.fetch(ctx, c)
			if p.fetches == 1 {
				cancel() // the page came back, then the context ended
			}
			return items, next, meta, err
		}
		var errs []error
		n := 0
		for _, err := range paginate(ctx, ptFirst(), fetch) {
			if err != nil {
				errs = append(errs, err)
			} else {
				n++
			}
		}
		if n != 0 || p.fetches != 1 || len(errs) != 1 || !errors.Is(errs[0], context.Canceled) {
			t.Errorf("%d items, %d fetches, errors %v", n, p.fetches, errs)
		}
	})
	t.Run("cancelled before the start", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		p := ptNewPages()
		var errs []error
		for _, err := range paginate(ctx, ptFirst(), p.fetch) {
			errs = append(errs, err)
		}
		if p.fetches != 0 || len(errs) != 1 || !errors.Is(errs[0], context.Canceled) {
			t.Errorf("%d fetches, errors %v", p.fetches, errs)
		}
	})
}

func TestPaginateSamePageAgain(t *testing.T) {
	fetches := 0
	fetch := func(_ context.Context, c *httpCall) ([]string, *httpCall, any, error) {
		fetches++
		next := *c
		return []string{"a"}, &next, nil, nil
	}
	var items, errs int
	for _, err := range paginate(context.Background(), &httpCall{Path: "/x", Query: map[string][]string{"p": {"1"}}}, fetch) {
		if err != nil {
			errs++
		} else {
			items++
		}
		if items+errs > 10 {
			break
		}
	}
	if fetches != 1 || items != 1 || errs != 1 {
		t.Errorf("%d fetches, %d items, %d errors; want 1, 1, 1", fetches, items, errs)
	}
}

// TestPaginateTransport pages through a server's next links with httpTransport.Do
// and httpTransport.Next, as generated list methods do.
func TestPaginateTransport(t *testing.T) {
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		page, _ := strconv.Atoi(r.URL.Query().Get("$skiptoken"))
		next := ""
		if page < 2 {
			next = fmt.Sprintf("http://%s/v1.0/items?$skiptoken=%d", r.Host, page+1)
		}
		fmt.Fprintf(w, "%d,%d\n%s", 2*page, 2*page+1, next)
	}))
	defer srv.Close()
	tr, _ := ctTransport(t, srv.URL)
	fetch := func(ctx context.Context, c *httpCall) ([]string, *httpCall, any, error) {
		resp, err := tr.Do(ctx, c)
		if err != nil {
			return nil, nil, nil, err
		}
		items, link, _ := strings.Cut(string(resp.Body), "\n")
		if link == "" {
			return strings.Split(items, ","), nil, nil, nil
		}
		u, err := tr.Next(link)
		if err != nil {
			return nil, nil, nil, err
		}
		return strings.Split(items, ","), &httpCall{Method: "GET", URL: u, Retryable: true}, nil, nil
	}
	var got []string
	for v, err := range paginate(context.Background(), &httpCall{Method: "GET", Path: "/items", Retryable: true}, fetch) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, v)
	}
	if want := []string{"0", "1", "2", "3", "4", "5"}; !reflect.DeepEqual(got, want) || requests.Load() != 3 {
		t.Errorf("items %v after %d requests, want %v after 3", got, requests.Load(), want)
	}
}
