package e2e

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// TestMain makes the test process the reaper of its orphans, so that
// Chromium's helper processes, left behind when the browser process exits,
// can be waited for before their profile directory is removed, and stops
// the tests' shared Chromium when they are done.
func TestMain(m *testing.M) {
	if err := unix.Prctl(unix.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: cannot become a subreaper:", err)
		os.Exit(2)
	}
	code := m.Run()
	if err := sharedChromium.Stop(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		if code == 0 {
			code = 1
		}
	}
	os.Exit(code)
}

// stopProcessGroup kills what is left of the process group pgid and reaps
// every member, so that none is still writing when it returns.
func stopProcessGroup(pgid int, limit time.Duration) error {
	syscall.Kill(-pgid, syscall.SIGKILL)
	deadline := time.Now().Add(limit)
	for {
		var status syscall.WaitStatus
		pid, err := syscall.Wait4(-pgid, &status, syscall.WNOHANG, nil)
		switch {
		case errors.Is(err, syscall.ECHILD):
			// None of the group is our child: any member left is an
			// orphan of someone else; make sure none is alive.
			if !groupAlive(pgid) {
				return nil
			}
		case err != nil && !errors.Is(err, syscall.EINTR):
			return fmt.Errorf("wait for process group %d: %w", pgid, err)
		case pid > 0:
			continue // reaped one; look for the next at once
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("process group %d still running after %v", pgid, limit)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// groupAlive reports whether any process other than a zombie is in the
// process group pgid.
func groupAlive(pgid int) bool {
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, p := range stats {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		// pid (comm) state ppid pgrp …; comm may hold spaces and parens.
		rest := string(b[strings.LastIndexByte(string(b), ')')+1:])
		f := strings.Fields(rest)
		if len(f) < 3 || f[0] == "Z" {
			continue
		}
		if g, _ := strconv.Atoi(f[2]); g == pgid {
			return true
		}
	}
	return false
}
