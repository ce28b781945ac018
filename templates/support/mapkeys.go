package support

import "slices"

// sortedKeys appends the keys of m to buf[:0] and sorts them. Encoders call it
// with a small array on their stack, so maps of up to len(buf) members encode
// without allocating, in an order that does not depend on Go's map iteration.
func sortedKeys[V any](m map[string]V, buf []string) []string {
	keys := buf[:0]
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
