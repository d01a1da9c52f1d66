package main

import (
	"bytes"
	"log/slog"
	"os"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// The first signal stops gracefully; after it a second Ctrl-C (a person)
// ends the process at once, while SIGTERM sent again (a process manager,
// a supervisor told twice) is logged and ignored, leaving requests in
// flight their shutdown bound.
func TestSecondSignal(t *testing.T) {
	term, intr := syscall.SIGTERM, os.Interrupt
	for _, c := range []struct {
		name    string
		sigs    []os.Signal
		did     []string // "stop": graceful stop begun; "now": ended at once
		ignored int      // lines saying a SIGTERM was ignored
	}{
		{"SIGTERM", []os.Signal{term}, []string{"stop"}, 0},
		{"SIGTERM three times", []os.Signal{term, term, term}, []string{"stop"}, 2},
		{"Ctrl-C twice", []os.Signal{intr, intr}, []string{"stop", "now"}, 0},
		{"SIGTERM twice then Ctrl-C", []os.Signal{term, term, intr}, []string{"stop", "now"}, 1},
		{"Ctrl-C then SIGTERM", []os.Signal{intr, term}, []string{"stop"}, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			var logs bytes.Buffer
			sigs := make(chan os.Signal)
			var did []string // written by watchSignals only, read once it returned
			done := make(chan struct{})
			go func() {
				defer close(done)
				watchSignals(sigs, func() { did = append(did, "stop") }, func() { did = append(did, "now") },
					slog.New(slog.NewTextHandler(&logs, nil)))
			}()
			for _, s := range c.sigs {
				sigs <- s
			}
			close(sigs)
			<-done
			if !slices.Equal(did, c.did) {
				t.Fatalf("did %v, want %v", did, c.did)
			}
			if n := strings.Count(logs.String(), "SIGTERM again: ignored"); n != c.ignored {
				t.Fatalf("%d lines of an ignored SIGTERM, want %d:\n%s", n, c.ignored, logs.String())
			}
		})
	}
}
