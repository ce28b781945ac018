package support

import (
	"context"
	"errors"
	"iter"
)

// paginate turns page fetching into an iterator over the items of every
// page. fetch gets the page for a call and returns its items and the call
// for the next page, nil when there is none.
//
// Pages are fetched lazily, on the consumer's goroutine (no goroutine is
// started): breaking out of the loop stops fetching. The iterator yields a
// fetch error once, with the zero T, and stops; items fetch returned with
// the error (a whole page whose next link was refused) are yielded first. It checks ctx before each page and each item
// and, once ctx has ended, yields ctx.Err() once and stops. A next call that
// asks for the same page as the current one (same method, URL and query)
// ends the iteration with an error rather than looping forever.
//
// Not inlined: inlined, its closure would be compiled again in every list
// method of every generated package, once per item type.
//
//go:noinline
func paginate[T any](ctx context.Context, first *httpCall, fetch pageFetch[T]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		for c := first; c != nil; {
			if err := ctx.Err(); err != nil {
				yield(zero, err)
				return
			}
			key := paginateKey(c)
			items, next, _, err := fetch(ctx, c)
			// A page that arrived whole is yielded even when what comes after
			// it failed (a next link refused as foreign): the error follows.
			for _, item := range items {
				if err := ctx.Err(); err != nil {
					yield(zero, err)
					return
				}
				if !yield(item, nil) {
					return
				}
			}
			if err != nil {
				yield(zero, err)
				return
			}
			if next != nil && paginateKey(next) == key {
				yield(zero, errors.New("the server returned the same page as the next page"))
				return
			}
			c = next
		}
	}
}

// paginateKey identifies the page a call asks for.
func paginateKey(c *httpCall) string {
	target := c.Path
	if c.URL != nil {
		target = c.URL.String()
	}
	method := c.Method
	if method == "" {
		method = "GET"
	}
	return method + " " + target + " " + c.Query.Encode()
}
