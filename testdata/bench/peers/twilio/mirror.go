// Copied from generated/twilio/proxy/mirror_test.go (types only; keep in step).
//
// Hand-written (not generated): plain structs with json tags mirroring the
// generated types, so that encoding/json decodes and encodes the benchmark
// payloads into an equivalent Go value: the same fields and JSON names, a
// pointer for every optional or nullable scalar (nil maps stand for absent),
// time.Time for date-times, string for enums. The tags are the generated
// ones (omitzero on every optional field).

package twilio

import (
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
