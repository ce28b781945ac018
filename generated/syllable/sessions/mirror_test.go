// Hand-written (not generated): plain structs with json tags mirroring the
// generated types, so that encoding/json decodes and encodes the benchmark
// payloads into an equivalent Go value: the same fields and JSON names, a
// pointer for every optional or nullable scalar (nil maps stand for absent),
// time.Time for date-times, string for enums. The tags are the generated
// ones (omitzero on every optional field).

package sessions

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
	"time"
)

// mirrorPage mirrors ListResponseSession, a Syllable page of sessions.
type mirrorPage struct {
	Items      []mirrorSession `json:"items"`
	Page       int64           `json:"page"`
	PageSize   int64           `json:"page_size"`
	TotalPages *int64          `json:"total_pages,omitzero"`
	TotalCount *int64          `json:"total_count,omitzero"`
}

// mirrorSession mirrors Session.
type mirrorSession struct {
	Timestamp                 time.Time `json:"timestamp"`
	SessionID                 *string   `json:"session_id,omitzero"`
	ConversationID            *string   `json:"conversation_id,omitzero"`
	ChannelManagerService     *string   `json:"channel_manager_service,omitzero"`
	ChannelManagerType        *string   `json:"channel_manager_type,omitzero"`
	ChannelManagerSID         *string   `json:"channel_manager_sid,omitzero"`
	AgentID                   *string   `json:"agent_id,omitzero"`
	AgentName                 *string   `json:"agent_name,omitzero"`
	AgentType                 *string   `json:"agent_type,omitzero"`
	AgentTimezone             *string   `json:"agent_timezone,omitzero"`
	PromptID                  *string   `json:"prompt_id,omitzero"`
	PromptName                *string   `json:"prompt_name,omitzero"`
	PromptVersion             *string   `json:"prompt_version,omitzero"`
	PromptVersionNumber       *int64    `json:"prompt_version_number,omitzero"`
	Duration                  *float64  `json:"duration,omitzero"`
	SessionLabelID            *string   `json:"session_label_id,omitzero"`
	Source                    *string   `json:"source,omitzero"`
	Target                    *string   `json:"target,omitzero"`
	IsLegacy                  *bool     `json:"is_legacy,omitzero"`
	IsTest                    *bool     `json:"is_test,omitzero"`
	IsOutbound                *bool     `json:"is_outbound,omitzero"`
	UserTerminated            *bool     `json:"user_terminated,omitzero"`
	TransferVoicemailDetected *bool     `json:"transfer_voicemail_detected,omitzero"`
	OverrideTimestamp         *string   `json:"override_timestamp,omitzero"`
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
