package openapi

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestPointerEscapes(t *testing.T) {
	assert.Equal(t, "#/paths/~1v1~1a~0b/get", pointer("paths", "/v1/a~b", "get"))
	assert.Equal(t, "#/x/y~1z", child("#/x", "y/z"))
	assert.Equal(t, "a/b~c", unescapeToken("a~1b~0c"))
	assert.Equal(t, "microsoft.graph.entity", rootOf("#/components/schemas/microsoft.graph.entity/allOf/1"))
	assert.Equal(t, "", rootOf("#/paths/~1a"))
}

func TestPathTemplates(t *testing.T) {
	for p, ok := range map[string]bool{
		"/a": true, "/a/{id}": true, "/f(x={x},y={y})": true, "/": true,
		"a": false, "/a/{}": false, "/a/{b": false, "/a/b}": false, "/a/{{b}}": false, "/a?x": false, "/a b": false,
	} {
		assert.Equal(t, ok, validPath(p), p)
	}
	assert.Equal(t, "/callRecords/{callRecordId}/sessions/{sessionId}", renamePath("/callRecords/{callRecord-id}/sessions/{session-id}"))
	assert.Equal(t, "/v1/Services/{ServiceSid}", renamePath("/v1/Services/{ServiceSid}"))
	assert.Equal(t, []string{"a", "b"}, pathParamNames("/x/{a}/y({b},{a})"))
}

func TestNames(t *testing.T) {
	assert.Equal(t, "session_mode", typeIdent("session_enum_mode"))
	assert.Equal(t, "T1a", typeIdent("1a"))
	assert.Equal(t, "phoneNumbers", lowerFirst(identWords("PhoneNumbers")))
	assert.Equal(t, "fullSummary", lowerFirst(identWords("full-summary")))
	assert.Equal(t, "participants_v2", lowerFirst(identWords("participants_v2")))
	assert.True(t, httpToken("If-Match"))
	assert.False(t, httpToken("Locati([on"))
	assert.Equal(t, `a\x01b\u0085`, printable("a\x01b\u0085"))
}
