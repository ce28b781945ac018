package generator

import (
	"go/token"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestUsedNames: names count only as code, never inside comments, strings,
// runes or numbers, and a selector split over lines is still a selector.
func TestUsedNames(t *testing.T) {
	src := []byte("package p\n" +
		"// Decoder in a comment\n/* Skip in a block */\n" +
		"var s = \"Peek \\\" Reset\" + `Skip` + string('\\'')\n" +
		"var n = 0x1eReset + 1e5\n" +
		"func f(d *Decoder) { d.\n\tBeginObject(); WithField(nil, \"x\") }\n")
	names := map[string]bool{"Decoder": true, "Skip": true, "Peek": true, "Reset": true, "BeginObject": true, "WithField": true}
	plain, selected := map[string]bool{}, map[string]bool{}
	usedNames(src, names, plain, selected)
	assert.Equal(t, map[string]bool{"Decoder": true, "WithField": true}, plain)
	assert.Equal(t, map[string]bool{"BeginObject": true}, selected)
}

// TestUsedNamesSkipsDeclaredNames: a field, parameter or key that shares a
// support type's name is not a use of the type; a type after it, in a type
// switch case, a conversion or a composite literal is.
func TestUsedNamesSkipsDeclaredNames(t *testing.T) {
	src := []byte("package p\n" +
		"type S struct {\n\tDuration Optional[float64]\n\tDate *int\n}\n" +
		"var s = S{Duration: Some(1.0)}\n" +
		"func f(x any) { Page := 1; _ = Page; switch x.(type) { case Member: }; _ = []Violation{} }\n")
	names := map[string]bool{"Duration": true, "Date": true, "Optional": true, "Some": true, "Page": true, "Member": true, "Violation": true}
	plain, selected := map[string]bool{}, map[string]bool{}
	usedNames(src, names, plain, selected)
	assert.Equal(t, map[string]bool{"Optional": true, "Some": true, "Page": true, "Member": true, "Violation": true}, plain)
	assert.Empty(t, selected)
}

// TestFeatureAPIFollowsKeptTypes: a used file's exported constants are kept,
// its exported functions only with a type they name, its exported types only
// when reached.
func TestFeatureAPIFollowsKeptTypes(t *testing.T) {
	kept := map[string]bool{"Optional": true}
	assert.True(t, featureAPI(supportDecl{kind: token.CONST, names: []string{"RuleEnum"}}, kept))
	assert.True(t, featureAPI(supportDecl{kind: token.FUNC, names: []string{"Null"}, idents: []string{"Null", "T", "Optional"}}, kept))
	assert.False(t, featureAPI(supportDecl{kind: token.FUNC, names: []string{"ParseDuration"}, idents: []string{"ParseDuration", "Duration"}}, kept))
	assert.False(t, featureAPI(supportDecl{kind: token.TYPE, names: []string{"Duration"}, idents: []string{"Duration", "Optional"}}, kept))
}
