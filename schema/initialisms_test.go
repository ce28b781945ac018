package schema

import "testing"

// TestPackageInitialisms pins that package.initialisms is read and names
// only the file that declares it: account_sid is AccountSID there and
// AccountSid in a file without the word.
func TestPackageInitialisms(t *testing.T) {
	src := func(pkg string) []byte {
		return []byte("sessiongen: 1\npackage: " + pkg + "\napi:\n  baseURL: https://api.example.com\n  auth: {scheme: bearer}\n" +
			"types:\n  account_sid:\n    properties:\n      id: {type: string}\n")
	}
	for _, tc := range []struct{ pkg, want string }{
		{"{name: demo, path: demo, initialisms: [SID]}", "AccountSID"},
		{"{name: demo, path: demo, initialisms: []}", "AccountSid"},
		{"{name: demo, path: demo}", "AccountSid"},
	} {
		f, err := Parse("schema.yaml", src(tc.pkg))
		if err != nil {
			t.Fatalf("%s: %v", tc.pkg, err)
		}
		if got := f.Types[0].GoIdent(f.Namer()); got != tc.want {
			t.Errorf("%s: GoIdent = %q, want %q", tc.pkg, got, tc.want)
		}
	}
}
