package main

import (
	"context"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

// stopOnSignal returns a context that ends at the first SIGTERM or SIGINT,
// the start of a graceful stop (app's Serve: in-flight requests and their
// Antom calls finish, bounded by the shutdown's 10 s). After it, a second
// SIGINT — a person pressing Ctrl-C again — ends the process at once; a
// repeated SIGTERM is logged and ignored, since process managers (systemd,
// Kubernetes, a supervisor told twice) send SIGTERM again and then SIGKILL
// after their own timeout, and a second SIGTERM cutting payments short
// mid-call would leave their outcome for the reconciler. release stops
// listening.
func stopOnSignal(log *slog.Logger) (ctx context.Context, release func()) {
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 4) // signal.Notify drops what a full channel cannot take
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go watchSignals(sigs, cancel, interruptNow, log)
	return ctx, func() { signal.Stop(sigs); cancel() }
}

// watchSignals handles the signals until sigs is closed: the first stops
// gracefully (stop), a later SIGINT calls now, a later SIGTERM is only
// logged.
func watchSignals(sigs <-chan os.Signal, stop func(), now func(), log *slog.Logger) {
	stopping := false
	for sig := range sigs {
		switch {
		case !stopping:
			stopping = true
			stop()
		case sig == os.Interrupt:
			log.Warn("second Ctrl-C: ending at once; requests in flight are cut off and the reconciler settles their outcomes on the next start")
			now()
		default:
			log.Info("SIGTERM again: ignored, still stopping gracefully (at most 10 s for requests in flight and their Antom calls); " +
				"Ctrl-C again or SIGKILL ends the process at once")
		}
	}
}

// interruptNow ends the process as SIGINT does by default: killed by the
// signal, as a second Ctrl-C ended it before a handler was installed.
func interruptNow() {
	signal.Reset(os.Interrupt)
	_ = syscall.Kill(os.Getpid(), syscall.SIGINT)
	os.Exit(130) // not reached: the signal's default action ended the process
}
