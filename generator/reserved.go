package generator

// ReservedNames returns the Go identifiers the support code copied into
// every generated package declares: no schema type may take one. Tools that
// write schemas (sessiongen import) use it to pick other Go names.
func ReservedNames() (map[string]bool, error) {
	_, reserved, err := supportSources()
	if err != nil {
		return nil, err
	}
	out := make(map[string]bool, len(reserved))
	for name := range reserved {
		out[name] = true
	}
	return out, nil
}
