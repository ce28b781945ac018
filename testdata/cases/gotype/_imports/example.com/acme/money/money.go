// Package money stands for a caller's own package without Validate.
package money

import "encoding/json"

// Amount is an amount in cents, written as a JSON number.
type Amount int64

// MarshalJSON writes the amount as a number.
func (a Amount) MarshalJSON() ([]byte, error) { return json.Marshal(int64(a)) }

// UnmarshalJSON reads a number.
func (a *Amount) UnmarshalJSON(b []byte) error { return json.Unmarshal(b, (*int64)(a)) }
