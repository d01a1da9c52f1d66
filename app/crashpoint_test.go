package app

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
)

func TestParseCrashAt(t *testing.T) {
	good := map[string]crashPoint{
		"":                 {},
		"after:pay":        {"after:pay", 1},
		"after:refund#3":   {"after:refund", 3},
		"notify-tx#12":     {"notify-tx", 12},
		"after:applyToken": {"after:applyToken", 1},
	}
	for v, want := range good {
		got, err := parseCrashAt(v)
		if err != nil || got != want {
			t.Errorf("%q: %+v %v, want %+v", v, got, err, want)
		}
	}
	for _, v := range []string{"pay", "after:", "notify-tx#0", "notify-tx#x", "before:pay"} {
		if _, err := parseCrashAt(v); err == nil {
			t.Errorf("%q accepted", v)
		}
	}
	if _, err := load(map[string]string{"TEST_CRASH_AT": "sometimes"}); err == nil || !strings.HasPrefix(err.Error(), "config: TEST_CRASH_AT:") {
		t.Fatalf("bad TEST_CRASH_AT: %v", err)
	}
	if crashHook("", nil) != nil {
		t.Fatal("a hook without TEST_CRASH_AT")
	}
}

// TestCrashHookKills runs the hook in a child process: other points and
// the hits before the n-th pass; the n-th kills the process with SIGKILL.
func TestCrashHookKills(t *testing.T) {
	if os.Getenv("CRASH_HOOK_CHILD") == "1" {
		hook := crashHook("after:pay#2", func(string) {})
		hook("after:refund")
		hook("after:pay")
		fmt.Println("survived the first hit")
		hook("after:pay")
		fmt.Println("survived the second hit")
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashHookKills$")
	cmd.Env = append(os.Environ(), "CRASH_HOOK_CHILD=1")
	var out bytes.Buffer
	cmd.Stdout = &out
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		t.Fatalf("child ended with %v: %s", err, out.String())
	}
	ws, ok := exit.Sys().(syscall.WaitStatus)
	if !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("child not killed by SIGKILL: %v", err)
	}
	if got := out.String(); !strings.Contains(got, "survived the first hit") || strings.Contains(got, "second") {
		t.Fatalf("child output %q", got)
	}
}
