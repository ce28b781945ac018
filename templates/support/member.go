package support

import "encoding/json"

// Member is one JSON object member that the schema does not declare, kept by
// an open type so that it can be read and sent back unchanged.
type Member struct {
	Name  string
	Value json.RawMessage // the value exactly as received: valid JSON
}

// Lookup returns the value of the first member named name.
func Lookup(members []Member, name string) (json.RawMessage, bool) {
	for _, m := range members {
		if m.Name == name {
			return m.Value, true
		}
	}
	return nil, false
}
