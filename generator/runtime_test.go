package generator

import (
	"slices"
	"strings"
	"testing"

	"github.com/sessiongen/sessiongen/schema"
)

// TestRuntimeDirsReserved: the folders the shared runtime is written to are
// the ones the schema validation keeps package.path out of.
func TestRuntimeDirsReserved(t *testing.T) {
	if want := []string{RuntimeDir, FakeRuntimeDir}; !slices.Equal(schema.RuntimeDirs, want) {
		t.Errorf("schema.RuntimeDirs = %q, want %q", schema.RuntimeDirs, want)
	}
}

// TestRewriteRefusesShadowedRuntime: a generated local named like the
// runtime's import would hide it; the rewrite says so rather than emit code
// that does not compile.
func TestRewriteRefusesShadowedRuntime(t *testing.T) {
	support, _, err := supportSources()
	if err != nil {
		t.Fatal(err)
	}
	names, err := newRuntimeNames(support)
	if err != nil {
		t.Fatal(err)
	}
	rw := &rewriter{names: names, runtimePath: "example.com/x/" + RuntimeDir, fakePath: "example.com/x/" + FakeRuntimeDir}
	src := []byte("package p\n\nfunc f(sessiongenrt string) error {\n\tvar d decoder\n\td.reset([]byte(sessiongenrt))\n\treturn d.end()\n}\n")
	if _, err := rw.rewriteGo("p.go", src, modePackage); err == nil || !strings.Contains(err.Error(), "sessiongenrt") {
		t.Errorf("rewrite of a file declaring sessiongenrt: err = %v, want one naming it", err)
	}
	ok := []byte("package p\n\nfunc f(s string) error {\n\tvar d decoder\n\td.reset([]byte(s))\n\treturn d.end()\n}\n")
	out, err := rw.rewriteGo("p.go", ok, modePackage)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"example.com/x/internal/sessiongenrt"`, "var d sessiongenrt.Decoder", "d.Reset(", "d.End()"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("rewritten file lacks %q:\n%s", want, out)
		}
	}
}
