// Copied from generated/syllable/sessions/mirror_test.go (types only; keep in step).
//
// Hand-written (not generated): plain structs with json tags mirroring the
// generated types, so that encoding/json decodes and encodes the benchmark
// payloads into an equivalent Go value: the same fields and JSON names, a
// pointer for every optional or nullable scalar (nil maps stand for absent),
// time.Time for date-times, string for enums. The tags are the generated
// ones (omitzero on every optional field).

package syllable

import (
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
