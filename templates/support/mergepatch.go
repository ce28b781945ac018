package support

import (
	"bytes"
	"encoding/json"
	"errors"
)

// mergePatch applies a JSON merge patch (RFC 7396) to target, as the fake
// applies a partial update to a stored resource: a member set to null is
// removed, a nested object is itself a patch, anything else replaces the
// stored member. Numbers keep their text. Off the client's hot path, so
// encoding/json is fine here.
func mergePatch(target, patch []byte) ([]byte, error) {
	var t, p any
	if err := decodeUseNumber(target, &t); err != nil {
		return nil, err
	}
	if err := decodeUseNumber(patch, &p); err != nil {
		return nil, err
	}
	if _, ok := p.(map[string]any); !ok {
		return nil, errors.New("json: a merge patch must be an object")
	}
	return json.Marshal(mergeValue(t, p))
}

// mergeValue is the MergePatch function of RFC 7396, section 2.
func mergeValue(target, patch any) any {
	pm, ok := patch.(map[string]any)
	if !ok {
		return patch
	}
	tm, ok := target.(map[string]any)
	if !ok {
		tm = map[string]any{}
	}
	for k, v := range pm {
		if v == nil {
			delete(tm, k)
			continue
		}
		tm[k] = mergeValue(tm[k], v)
	}
	return tm
}

func decodeUseNumber(b []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	if err := d.Decode(v); err != nil {
		return err
	}
	if d.More() {
		return errors.New("json: data after the value")
	}
	return nil
}
