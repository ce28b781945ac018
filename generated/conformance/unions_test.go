package conformance_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/sessiongen/sessiongen/generated/conformance/kinds"
)

// TestUnionAPI pins the caller's side of a generated scalar union: one
// constructor per member, Is and As report exactly the member set, the zero
// value holds none (Validate reports it at its path, the encoder refuses
// it), and encoding/json reads and writes the union as the codec does.
func TestUnionAPI(t *testing.T) {
	at := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	since := kinds.UnionsSinceFromDateTime(at)
	assert.True(t, since.IsDateTime())
	assert.False(t, since.IsInt64())
	got, ok := since.AsDateTime()
	assert.True(t, ok)
	assert.True(t, got.Equal(at))
	n, ok := since.AsInt64()
	assert.False(t, ok)
	assert.Zero(t, n)
	assert.False(t, kinds.UnionsSince{}.IsSet())

	v := kinds.Unions{
		Need:  kinds.UnionsNeedFromInt64(-7),
		Loc:   []kinds.UnionsLocItem{kinds.UnionsLocItemFromString("body"), kinds.UnionsLocItemFromInt64(2)},
		Value: kinds.Some(kinds.UnionsValueFromBoolean(false)),
		Maybe: kinds.Null[kinds.UnionsMaybe](),
		Since: kinds.Some(since),
	}
	require.NoError(t, v.Validate())
	const want = `{"need":-7,"loc":["body",2],"value":false,"maybe":null,"since":"2024-01-02T03:04:05Z"}`
	enc, err := v.AppendJSON(nil)
	require.NoError(t, err)
	assert.Equal(t, want, string(enc))
	std, err := json.Marshal(v)
	require.NoError(t, err)
	assert.Equal(t, want, string(std))

	var back kinds.Unions
	require.NoError(t, json.Unmarshal([]byte(want), &back))
	assert.Equal(t, v.Need, back.Need)
	loc := back.Loc
	require.Len(t, loc, 2)
	assert.Equal(t, kinds.UnionsLocItemFromInt64(2), loc[1])

	// A lone union through encoding/json, strictly.
	var item kinds.UnionsLocItem
	require.NoError(t, json.Unmarshal([]byte(`"x"`), &item))
	assert.Equal(t, kinds.UnionsLocItemFromString("x"), item)
	assert.EqualError(t, json.Unmarshal([]byte(`2.5`), &item), `json: number "2.5" is not an integer (int64) at offset 0`)

	// The zero union: reported where it is, refused by the encoders.
	v.Need = kinds.UnionsNeed{}
	v.Loc = []kinds.UnionsLocItem{{}}
	var ve *kinds.ValidationError
	require.ErrorAs(t, v.Validate(), &ve)
	require.Len(t, ve.Violations, 2)
	assert.Equal(t, "need", ve.Violations[0].Path)
	assert.Equal(t, "loc[0]", ve.Violations[1].Path)
	assert.Equal(t, kinds.RuleRequired, ve.Violations[0].Rule)
	var unset *kinds.UnsetUnionError
	_, err = v.AppendJSON(nil)
	require.True(t, errors.As(err, &unset), "%v", err)
	assert.Equal(t, "UnionsNeed", unset.Type)
	_, err = json.Marshal(v)
	assert.True(t, errors.As(err, &unset), "%v", err)
}

// TestNamedUnionAPI pins a union declared under types: one Go type named as
// the type, shared by every property that names it, with the same API as a
// union written in place.
func TestNamedUnionAPI(t *testing.T) {
	v := kinds.Unions{
		Need: kinds.UnionsNeedFromInt64(1),
		At:   kinds.Some(kinds.InstantFromInt64(1700000000)),
		Ats:  map[string]kinds.Optional[kinds.Instant]{"a": kinds.Some(kinds.InstantFromDateTime(time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC))), "b": kinds.Null[kinds.Instant]()},
	}
	require.NoError(t, v.Validate())
	const want = `{"need":1,"at":1700000000,"ats":{"a":"2024-01-02T00:00:00Z","b":null}}`
	std, err := json.Marshal(v)
	require.NoError(t, err)
	assert.Equal(t, want, string(std))
	var back kinds.Unions
	require.NoError(t, json.Unmarshal([]byte(want), &back))
	at, _ := back.At.Get()
	n, ok := at.AsInt64()
	assert.True(t, ok && n == 1700000000 && !at.IsDateTime())

	var lone kinds.Instant
	assert.EqualError(t, json.Unmarshal([]byte(`true`), &lone), `json: expected date-time or int64, found true at offset 0`)
	var ve *kinds.ValidationError
	require.ErrorAs(t, lone.Validate(), &ve)
	assert.Equal(t, kinds.RuleRequired, ve.Violations[0].Rule)
	// An enum member: named as its enum type, checked as the enum is.
	hue := kinds.UnionsHueFromColor(kinds.ColorRed)
	assert.True(t, hue.IsColor() && !hue.IsBoolean())
	c, ok := hue.AsColor()
	assert.True(t, ok)
	assert.Equal(t, kinds.ColorRed, c)
	require.NoError(t, hue.Validate())
	require.ErrorAs(t, kinds.UnionsHueFromColor("pink").Validate(), &ve)
	assert.Equal(t, kinds.RuleEnum, ve.Violations[0].Rule)

	v.Ats = map[string]kinds.Optional[kinds.Instant]{"z": kinds.Some(kinds.Instant{})}
	require.ErrorAs(t, v.Validate(), &ve)
	require.Len(t, ve.Violations, 1)
	assert.Equal(t, "ats.z", ve.Violations[0].Path)
}

// TestNullableItemsAPI pins items and map values that may be null: held in
// Optional, null is Null(), a value Some(x); an absent item (Optional's zero
// value) has no JSON form: Validate reports it, the encoder writes null.
// encoding/json reads and writes them as the codec does.
func TestNullableItemsAPI(t *testing.T) {
	v := kinds.NullableItems{
		Tags:   []kinds.Optional[string]{kinds.Some("a"), kinds.Null[string]()},
		Scores: map[string]kinds.Optional[float64]{"b": kinds.Null[float64](), "a": kinds.Some(1.5)},
		Grid:   []kinds.Optional[[]kinds.Optional[int32]]{kinds.Null[[]kinds.Optional[int32]](), kinds.Some([]kinds.Optional[int32]{kinds.Some[int32](1), kinds.Null[int32]()})},
	}
	require.NoError(t, v.Validate())
	const want = `{"tags":["a",null],"scores":{"a":1.5,"b":null},"grid":[null,[1,null]]}`
	enc, err := v.AppendJSON(nil)
	require.NoError(t, err)
	assert.Equal(t, want, string(enc))
	std, err := json.Marshal(v)
	require.NoError(t, err)
	assert.Equal(t, want, string(std))

	var back kinds.NullableItems
	require.NoError(t, back.UnmarshalJSON([]byte(want)))
	assert.Equal(t, v, back)
	var viaStd kinds.NullableItems
	require.NoError(t, json.Unmarshal([]byte(want), &viaStd))
	assert.Equal(t, v, viaStd)

	// An absent item: Validate names it; encoded as null, it would come back
	// as Null, not as it was.
	v.Tags = []kinds.Optional[string]{kinds.Some("a"), {}}
	var ve *kinds.ValidationError
	require.ErrorAs(t, v.Validate(), &ve)
	require.Len(t, ve.Violations, 1)
	assert.Equal(t, "tags[1]", ve.Violations[0].Path)
	assert.Equal(t, kinds.RuleRequired, ve.Violations[0].Rule)
	enc, err = v.AppendJSON(nil)
	require.NoError(t, err)
	assert.Equal(t, `{"tags":["a",null],"scores":{"a":1.5,"b":null},"grid":[null,[1,null]]}`, string(enc))

	// Items of a polymorphic type that may be null: Optional holds the
	// interface; encoding/json reads the subtype by its discriminator.
	const shapes = `{"shapes":[null,{"@type":"circle","radius":1}]}`
	var poly kinds.NullableItems
	require.NoError(t, json.Unmarshal([]byte(shapes), &poly))
	items := poly.Shapes
	require.Len(t, items, 2)
	assert.True(t, items[0].IsNull())
	circle, _ := items[1].Get()
	assert.IsType(t, &kinds.Circle{}, circle)
	std, err = json.Marshal(poly)
	require.NoError(t, err)
	assert.Equal(t, shapes, string(std))
}
