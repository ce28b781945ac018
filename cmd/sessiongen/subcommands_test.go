package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestHelpNamesEveryCommand(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if status := run("sessiongen", []string{"help"}, &stdout, &stderr); status != exitOK {
		t.Fatalf("help: exit %d, stderr %q", status, stderr.String())
	}
	for name, verb := range subcommands() {
		if verb.summary == "" {
			t.Errorf("command %s has no summary", name)
		}
		if !strings.Contains(stdout.String(), "  "+name+" ") {
			t.Errorf("help does not list %s:\n%s", name, stdout.String())
		}
	}
}

func TestHelpOfUnknownCommandIsAUsageError(t *testing.T) {
	var stdout, stderr bytes.Buffer
	status := run("sessiongen", []string{"help", "frobnicate"}, &stdout, &stderr)
	if status != exitUsage || !strings.Contains(stderr.String(), `unknown command "frobnicate"`) {
		t.Errorf("help frobnicate: exit %d, stderr %q; want %d and the unknown command named", status, stderr.String(), exitUsage)
	}
}
