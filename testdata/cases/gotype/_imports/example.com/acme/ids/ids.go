// Package ids stands for a caller's own package: the golden test
// type-checks the gotype case against it.
package ids

import (
	"encoding/json"
	"errors"
	"strings"
)

// SessionID is a session identifier, "KC" and 32 hex digits.
type SessionID struct{ hex string }

// MarshalJSON writes the identifier as a JSON string.
func (s SessionID) MarshalJSON() ([]byte, error) { return json.Marshal("KC" + s.hex) }

// UnmarshalJSON reads a JSON string starting with KC.
func (s *SessionID) UnmarshalJSON(b []byte) error {
	var str string
	if err := json.Unmarshal(b, &str); err != nil {
		return err
	}
	hex, ok := strings.CutPrefix(str, "KC")
	if !ok {
		return errors.New("a session id starts with KC")
	}
	s.hex = hex
	return nil
}

// Validate reports an identifier of the wrong length.
func (s SessionID) Validate() error {
	if len(s.hex) != 32 {
		return errors.New("want 32 hex digits after KC")
	}
	return nil
}
