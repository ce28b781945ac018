package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sessiongen/sessiongen/generator"
	"github.com/sessiongen/sessiongen/generator/output"
	"github.com/sessiongen/sessiongen/schema"
)

// synthSchema returns a valid schema with n object types, big enough that
// writing its output takes a while. The "old" and "new" variants differ in
// every schema-derived file, and only "new" has enums (so enums_gen.go is
// created by the new generation).
func synthSchema(n int, variant string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `sessiongen: 1
package:
  name: big
  path: acme/big
  description: |
    Package big is synthesized by the crash test (%s variant).
api:
  baseURL: https://api.example.com/v1
  auth: {scheme: bearer}
types:
`, variant)
	if variant == "new" {
		for i := range n / 10 {
			fmt.Fprintf(&b, "  Kind%d:\n    description: Enum number %d.\n    enum: [alpha, beta, gamma%d]\n", i, i, i)
		}
	}
	for i := range n {
		fmt.Fprintf(&b, "  Thing%d:\n    description: Thing number %d (%s).\n    key: id\n    properties:\n", i, i, variant)
		fmt.Fprintf(&b, "      id: {type: string, required: true, readOnly: true}\n")
		fmt.Fprintf(&b, "      name: {type: string, maxLength: %d, description: The name of thing %d.}\n", 10+i, i)
		fmt.Fprintf(&b, "      when: {type: date-time, nullable: true}\n")
		fmt.Fprintf(&b, "      tags: {type: array, items: {type: string, minLength: 1}, maxItems: %d}\n", 5+i%7)
		if variant == "new" {
			fmt.Fprintf(&b, "      count: {type: int64, minimum: 0}\n")
			fmt.Fprintf(&b, "      kind: {type: Kind%d}\n", i%(n/10))
			if i > 0 {
				fmt.Fprintf(&b, "      prev: {type: Thing%d, nullable: true}\n", i-1)
			}
		} else {
			fmt.Fprintf(&b, "      count: {type: int32, minimum: 1}\n")
		}
	}
	return []byte(b.String())
}

// generateFile writes src to schemaPath and generates it in memory.
func generateFile(t *testing.T, schemaPath string, src []byte) []generator.File {
	t.Helper()
	if err := os.WriteFile(schemaPath, src, 0o644); err != nil {
		t.Fatal(err)
	}
	files, err := schema.LoadFiles(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	gen, err := generator.Generate(files)
	if err != nil {
		t.Fatal(err)
	}
	return gen
}

func byPath(files []generator.File) map[string][]byte {
	m := map[string][]byte{}
	for _, f := range files {
		m[f.Path] = f.Content
	}
	return m
}

// tempFiles lists the writer's temporary files under root.
func tempFiles(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	for p := range snapshot(t, root) {
		base := filepath.Base(p)
		if strings.HasPrefix(base, ".sessiongen-") && strings.HasSuffix(base, ".tmp") {
			out = append(out, p)
		}
	}
	return out
}

// writeStarted reports whether the run replacing old under out has begun
// writing: a temporary file exists, or a file is not its old self.
func writeStarted(out string, old map[string]os.FileInfo) bool {
	dir := filepath.Join(out, "acme", "big")
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	if len(entries) != len(old) {
		return true
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".sessiongen-") {
			return true
		}
		info, err := e.Info()
		if err != nil || old[e.Name()] == nil || !os.SameFile(info, old[e.Name()]) {
			return true
		}
	}
	return false
}

// TestCrashSafety kills the generator (the test binary as main) at random
// points while it replaces a large output, and checks that every file is
// wholly the old or wholly the new version, and that the next run finishes
// the job and leaves no temporary files.
func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("re-executes the generator several times")
	}
	dir := t.TempDir()
	schemaPath := filepath.Join(dir, "big.yaml")
	out := filepath.Join(dir, "out")
	// Both generations name the same schema path in their headers, as they
	// would when a schema is edited in place. Generating takes longer than
	// writing whatever the size, so the kills are timed from the moment the
	// child starts writing rather than made likely by a huge schema.
	const types = 30
	oldGen := generateFile(t, schemaPath, synthSchema(types, "old"))
	newGen := generateFile(t, schemaPath, synthSchema(types, "new"))
	oldFiles, newFiles := byPath(oldGen), byPath(newGen)
	changed := 0
	for p, c := range newFiles {
		if !bytes.Equal(oldFiles[p], c) {
			changed++
		}
	}
	if changed < 4 {
		t.Fatalf("only %d files differ between the variants; the test needs more", changed)
	}

	// reset puts the old generation on disk and returns its files' identity.
	reset := func() map[string]os.FileInfo {
		t.Helper()
		if _, err := output.Write(out, oldGen, output.Options{}); err != nil {
			t.Fatal(err)
		}
		infos := map[string]os.FileInfo{}
		for p, f := range snapshot(t, out) {
			infos[filepath.Base(p)] = f.info
		}
		return infos
	}
	// How long writing the new generation over the old takes here (not
	// asserted: it only spreads the kill points over the write).
	reset()
	start := time.Now()
	if _, err := output.Write(out, newGen, output.Options{}); err != nil {
		t.Fatal(err)
	}
	window := time.Since(start)

	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	const iterations = 6
	inWrite, mixed, leftovers := 0, 0, 0
	for i := range iterations {
		old := reset()
		cmd := exec.Command(os.Args[0], "-o", out, schemaPath)
		cmd.Env = append(os.Environ(), testMainEnv+"=1")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		// Most kills land at a random point of the write; every fourth one
		// lands early (while loading or generating: nothing may change).
		var delay time.Duration
		if i%4 == 3 {
			delay = time.Duration(rng.Int64N(int64(50 * time.Millisecond)))
			time.Sleep(delay)
		} else {
			// Bounded wait for the write to start.
			deadline := time.Now().Add(10 * time.Second)
		poll:
			for !writeStarted(out, old) && time.Now().Before(deadline) {
				select {
				case <-done:
					break poll
				case <-time.After(100 * time.Microsecond):
				}
			}
			delay = time.Duration(rng.Int64N(int64(window) + 1))
			time.Sleep(delay)
		}
		select {
		case <-done:
		default:
			inWrite++
		}
		_ = cmd.Process.Kill() // SIGKILL; fails only when it has already exited
		<-done

		// Every .go file is wholly old or wholly new.
		nOld, nNew := 0, 0
		for p, f := range snapshot(t, out) {
			if !strings.HasSuffix(p, ".go") {
				continue
			}
			isOld := oldFiles[p] != nil && bytes.Equal(f.content, oldFiles[p])
			isNew := newFiles[p] != nil && bytes.Equal(f.content, newFiles[p])
			switch {
			case !isOld && !isNew:
				t.Errorf("iteration %d (killed %v in): %s is neither the old nor the new file (%d bytes)", i, delay, p, len(f.content))
			case isOld && !isNew:
				nOld++
			case isNew && !isOld:
				nNew++
			}
		}
		if nOld > 0 && nNew > 0 {
			mixed++
		}
		if len(tempFiles(t, out)) > 0 {
			leftovers++
		}

		// The next run completes the job and removes the leftovers. (It is
		// the write the command does after generating, run in process to
		// keep the test short; TestCrashSafetyNextRun runs the command.)
		if _, err := output.Write(out, newGen, output.Options{}); err != nil {
			t.Fatalf("iteration %d: run after the kill: %v", i, err)
		}
		if tmp := tempFiles(t, out); len(tmp) > 0 {
			t.Errorf("iteration %d: temporary files remain after a successful run: %v", i, tmp)
		}
		changes, err := output.Compare(out, newGen, output.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range changes {
			t.Errorf("iteration %d: after the run, %s is %s", i, c.Path, c.Kind)
		}
	}
	t.Logf("write takes %v; %d/%d kills while running, %d left a mix of old and new files, %d left temporary files",
		window, inWrite, iterations, mixed, leftovers)
}

// TestCrashSafetyNextRun leaves what a kill between creating a temporary
// file and renaming it leaves, and runs the command: it completes the output
// and removes the temporary files.
func TestCrashSafetyNextRun(t *testing.T) {
	schemaPath, out := setup(t)
	mustGenerate(t, "-o", out, schemaPath)
	pkg := filepath.Join(out, filepath.FromSlash(minimalPkg))
	types := filepath.Join(pkg, "types_gen.go")
	content, err := os.ReadFile(types)
	if err != nil {
		t.Fatal(err)
	}
	// A half-written temporary file, and the file it was to replace gone
	// stale.
	for _, name := range []string{".sessiongen-123456.tmp", ".sessiongen-9.tmp"} {
		if err := os.WriteFile(filepath.Join(pkg, name), content[:len(content)/2], 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(types, []byte("// Code generated by sessiongen from minimal.yaml. DO NOT EDIT.\n\npackage minimal\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// -check does not report or touch the temporary files: they are not
	// generated files.
	if code, stdout, _ := runCLI(t, "-check", "-o", out, schemaPath); code != exitFail || strings.Contains(stdout, ".tmp") {
		t.Errorf("-check: exit %d, stdout:\n%s", code, stdout)
	}
	if len(tempFiles(t, out)) != 2 {
		t.Errorf("-check removed temporary files")
	}
	if got, want := mustGenerate(t, "-o", out, schemaPath), "updated "+minimalPkg+"/types_gen.go\n"+summaryLine(0, 1, 0, out); got != want {
		t.Errorf("stdout %q, want %q", got, want)
	}
	if tmp := tempFiles(t, out); len(tmp) > 0 {
		t.Errorf("temporary files remain: %v", tmp)
	}
	if got, _ := os.ReadFile(types); !bytes.Equal(got, content) {
		t.Errorf("types_gen.go was not restored")
	}
}
