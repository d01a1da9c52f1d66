package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestArgumentsThatAreNoCommand: -h, --help and anything else that is not
// a command print the usage on stderr and exit 2 without reading a
// setting or writing a file (before, they started the app with defaults:
// ./data, keys and a one-time password); `help` prints it on stdout.
func TestArgumentsThatAreNoCommand(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	getenv := func(k string) string { t.Errorf("read %s", k); return "" }
	ctx, cancel := context.WithCancel(t.Context())
	cancel() // an app started by mistake stops at once
	for _, args := range [][]string{{"--help"}, {"-h"}, {"serve"}, {"sandbox", "now"}, {"help", "me"}, {""}} {
		var logs, stdout, stderr bytes.Buffer
		err := command(args)(ctx, getenv, &logs)
		if status := exitStatus(err, &stdout, &stderr); status != 2 || stdout.Len() != 0 || logs.Len() != 0 ||
			!strings.HasPrefix(stderr.String(), "usage: antom-checkout ") || !strings.Contains(stderr.String(), "antom-checkout sandbox") ||
			!strings.Contains(stderr.String(), "Configuration is by environment: see README") {
			t.Errorf("%q: status %d, stdout %q, stderr %q", args, status, stdout.String(), stderr.String())
		}
	}
	var stdout, stderr bytes.Buffer
	if status := exitStatus(command([]string{"help"})(ctx, getenv, &stderr), &stdout, &stderr); status != 0 ||
		stdout.String() != usage || stderr.Len() != 0 {
		t.Errorf("help: status %d, stdout %q, stderr %q", status, stdout.String(), stderr.String())
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("wrote %v", entries)
	}
}

// The binary itself: --help exits 2 with the usage on stderr, help 0 with
// it on stdout.
func TestMainExitStatusForArguments(t *testing.T) {
	for args, want := range map[string]int{"--help": 2, "sandbox now": 2, "staff reset not-an-email": 2, "help": 0} {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Dir = t.TempDir()
		cmd.Env = append(os.Environ(), "CHECKOUT_TEST_MAIN=1", "CHECKOUT_TEST_ARGS="+args)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		status := 0
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			status = exit.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		out := stderr.String()
		if want == 0 {
			out = stdout.String()
		}
		out = strings.TrimPrefix(out, "staff reset: \"not-an-email\" is not an email address\n") // which argument, first
		if status != want || out != usage {
			t.Errorf("%s: status %d, stdout %q, stderr %q", args, status, stdout.String(), stderr.String())
		}
		if entries, _ := os.ReadDir(cmd.Dir); len(entries) != 0 {
			t.Errorf("%s: wrote %v", args, entries)
		}
	}
}

// `staff reset EMAIL` is a command: with a DATA_DIR that holds no
// database it says so, exits 1 and creates nothing; `staff` without
// "reset EMAIL" is a usage mistake, exit 2 with the usage (which names
// the staff command) — an argument that is no email too (it exited 1). (What the reset does: app's TestStaffReset….)
func TestStaffIsACommand(t *testing.T) {
	dir := t.TempDir()
	getenv := func(k string) string {
		if k == "DATA_DIR" {
			return dir
		}
		return ""
	}
	for args, want := range map[string]int{"staff reset admin@shop.example": 1, "staff": 2, "staff reset": 2, "staff reset a b": 2,
		"staff reset not-an-email": 2} {
		var logs, stdout, stderr bytes.Buffer
		err := command(strings.Fields(args))(t.Context(), getenv, &logs)
		status := exitStatus(err, &stdout, &stderr)
		wantErr := map[bool]string{true: usage}[want == 2]
		if args == "staff reset not-an-email" { // which argument, then the usage
			wantErr = "staff reset: \"not-an-email\" is not an email address\n" + usage
		}
		if status != want || (want == 2) != (stderr.String() == wantErr) {
			t.Errorf("%q: status %d, stderr %q; want %d", args, status, stderr.String(), want)
		}
	}
	if !strings.Contains(usage, "antom-checkout staff reset EMAIL") {
		t.Error("the usage does not name the staff command")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("wrote %v", entries)
	}
}
