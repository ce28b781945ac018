// Hand-written (not generated): plain structs with json tags mirroring the
// generated types, so that encoding/json decodes and encodes the benchmark
// payloads into an equivalent Go value: the same fields and JSON names, a
// pointer for every optional or nullable scalar (nil maps stand for absent),
// time.Time for date-times, string for enums. The tags are the generated
// ones (omitzero on every optional field).

package proxy

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
	"time"
)

// mirrorPage mirrors a Twilio page of sessions.
type mirrorPage struct {
	Sessions []mirrorSession `json:"sessions"`
	Meta     mirrorMeta      `json:"meta"`
}

// mirrorMeta mirrors a Twilio page's "meta" object.
type mirrorMeta struct {
	Page            int64   `json:"page"`
	PageSize        int64   `json:"page_size"`
	FirstPageURL    string  `json:"first_page_url"`
	PreviousPageURL *string `json:"previous_page_url"`
	URL             string  `json:"url"`
	NextPageURL     *string `json:"next_page_url"`
	Key             string  `json:"key"`
}

// mirrorSession mirrors Session.
type mirrorSession struct {
	SID                 *string           `json:"sid,omitzero"`
	ServiceSID          *string           `json:"service_sid,omitzero"`
	AccountSID          *string           `json:"account_sid,omitzero"`
	DateStarted         *time.Time        `json:"date_started,omitzero"`
	DateEnded           *time.Time        `json:"date_ended,omitzero"`
	DateLastInteraction *time.Time        `json:"date_last_interaction,omitzero"`
	DateExpiry          *time.Time        `json:"date_expiry,omitzero"`
	UniqueName          *string           `json:"unique_name,omitzero"`
	Status              *string           `json:"status,omitzero"`
	ClosedReason        *string           `json:"closed_reason,omitzero"`
	TTL                 *int32            `json:"ttl,omitzero"`
	Mode                *string           `json:"mode,omitzero"`
	DateCreated         *time.Time        `json:"date_created,omitzero"`
	DateUpdated         *time.Time        `json:"date_updated,omitzero"`
	URL                 *string           `json:"url,omitzero"`
	Links               map[string]string `json:"links,omitzero"`
}

// TestMirrorKeepsPayload checks that the mirror is a faithful baseline: what
// encoding/json decodes into it and encodes back carries every non-null
// member of each benchmark payload, and so does the generated codec's
// re-encoding.
func TestMirrorKeepsPayload(t *testing.T) {
	for _, p := range loadBenchPayloads(t) {
		t.Run(p.name, func(t *testing.T) {
			v := decodeBenchValue(t, p)
			want := mirrorNormalize(t, p.data, false)
			out, err := json.Marshal(mirrorValue(v, p.page))
			if err != nil {
				t.Fatal(err)
			}
			if diff := mirrorDiff(mirrorNormalize(t, out, false), want); diff != "" {
				t.Errorf("encoding/json through the mirror loses data: %s", diff)
			}
			gen, err := v.appendJSON(nil, p.page)
			if err != nil {
				t.Fatal(err)
			}
			if diff := mirrorDiff(mirrorNormalize(t, gen, true), mirrorNormalize(t, p.data, true)); diff != "" {
				t.Errorf("sessiongen re-encoding differs: %s", diff)
			}
		})
	}
}

// mirrorNormalize decodes data generically, drops null members (absent and
// null are both nil in a mirror), optionally "@odata.type" members, and
// writes date-times as canonical UTC instants.
func mirrorNormalize(t *testing.T, data []byte, dropType bool) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	var walk func(v any) any
	walk = func(v any) any {
		switch v := v.(type) {
		case map[string]any:
			for k, e := range v {
				if e == nil || (dropType && k == "@odata.type") {
					delete(v, k)
					continue
				}
				v[k] = walk(e)
			}
		case []any:
			for i, e := range v {
				v[i] = walk(e)
			}
		case string:
			if ts, err := time.Parse(time.RFC3339Nano, v); err == nil {
				return ts.UTC().Format(time.RFC3339Nano)
			}
		}
		return v
	}
	return walk(v)
}

// mirrorDiff describes where two normalized documents first differ, or
// returns "" when they are equal.
func mirrorDiff(got, want any) string {
	if reflect.DeepEqual(got, want) {
		return ""
	}
	g, _ := json.Marshal(got) // sorted keys
	w, _ := json.Marshal(want)
	i := 0
	for i < len(g) && i < len(w) && g[i] == w[i] {
		i++
	}
	from := max(0, i-80)
	return fmt.Sprintf("at byte %d of the sorted form:\n got ...%s\nwant ...%s", i, g[from:min(len(g), i+80)], w[from:min(len(w), i+80)])
}
