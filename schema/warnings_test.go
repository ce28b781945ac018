package schema

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestPagedItemsWarning: a paged response whose items member no other list
// uses, that is not its path's last segment and not a common envelope name
// is a warning at the response (not an error: generation goes on); the
// names the rule explains are not.
func TestPagedItemsWarning(t *testing.T) {
	schema := func(items ...string) string {
		var b strings.Builder
		b.WriteString(`sessiongen: 1
package: {name: demo, path: acme/demo}
api:
  baseURL: https://api.example.com
  auth: {scheme: bearer}
  pagination: {style: nextLink, next: [next]}
types:
  Thing:
    properties:
      id: {type: string}
resources:
`)
		for i, it := range items {
			name := []string{"phoneNumbers", "others", "thirds"}[i]
			path := []string{"/v1/PhoneNumbers", "/v1/Others", "/v1/Thirds"}[i]
			b.WriteString("  " + name + ":\n    type: Thing\n    path: " + path + "\n    methods:\n      list:\n        http: GET\n        path: " + path +
				"\n        response: {type: Thing, paged: true, items: " + it + "}\n")
		}
		return b.String()
	}
	for _, tc := range []struct {
		items []string
		warn  []string // "line:col items"
	}{
		{[]string{"phone_numbers", "others", "thirds"}, nil},                 // each names its path (Twilio)
		{[]string{"value", "value", "value"}, nil},                           // shared (OData)
		{[]string{"data"}, nil},                                              // a common envelope name
		{[]string{"shared", "shared"}, nil},                                  // shared
		{[]string{"phone_numbrs", "others"}, []string{"19:19 phone_numbrs"}}, // a typo
		{[]string{"data", "results", "record"}, []string{"35:19 record"}},
	} {
		f, err := Parse("s.yaml", []byte(schema(tc.items...)))
		if err != nil {
			t.Fatalf("%v: %v", tc.items, err)
		}
		var got []string
		for _, w := range f.Warnings {
			if !strings.Contains(w.Msg, "a page without it is an error") {
				t.Errorf("%v: warning %q", tc.items, w.Msg)
			}
			got = append(got, strings.TrimPrefix(w.String(), "s.yaml:"))
		}
		if len(got) != len(tc.warn) {
			t.Errorf("%v: warnings %q, want %q", tc.items, got, tc.warn)
			continue
		}
		for i, w := range tc.warn {
			pos, items, _ := strings.Cut(w, " ")
			if !strings.HasPrefix(got[i], pos+": ") || !strings.Contains(got[i], `items "`+items+`"`) {
				t.Errorf("%v: warning %q, want %s", tc.items, got[i], w)
			}
		}
	}
}

// TestBundledAPIsHaveNoWarnings: the bundled definitions load without a
// doubt.
func TestBundledAPIsHaveNoWarnings(t *testing.T) {
	paths, err := filepath.Glob("apis/*.yaml")
	if err != nil || len(paths) == 0 {
		t.Fatal(paths, err)
	}
	files, err := LoadFiles(paths...)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		for _, w := range f.Warnings {
			t.Errorf("%s", w)
		}
	}
}
