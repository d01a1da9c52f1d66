// Package apptest starts the whole app on the built-in sandbox, on free
// loopback ports with a fresh DATA_DIR, for end-to-end tests and
// benchmarks.
package apptest

import (
	"context"
	"log/slog"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"antom-checkout/antom/sandbox/sandboxtest"
	"antom-checkout/app"
)

// Server is a running app and its sandbox.
type Server struct {
	App        *app.App
	URL        string // the app, e.g. http://127.0.0.1:41234
	SandboxURL string
	stop       func() error
}

// Stop stops the app as SIGTERM would (Serve's context ends) and returns
// what Serve returned. The database stays open until cleanup.
func (s *Server) Stop() error { return s.stop() }

// Start starts the app for one test or benchmark and stops it at cleanup.
// tune may adjust the configuration (time limits, scales) before start.
// The app's warnings and errors go to the test log.
func Start(tb testing.TB, env map[string]string, tune ...func(*app.Config)) *Server {
	tb.Helper()
	return StartLogged(tb, slog.New(slog.NewTextHandler(logWriter{tb}, &slog.HandlerOptions{Level: slog.LevelWarn})), env, tune...)
}

// StartLogged is Start with the app (and its sandbox) writing to log, for
// tests that read what the app logs.
func StartLogged(tb testing.TB, log *slog.Logger, env map[string]string, tune ...func(*app.Config)) *Server {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	sln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	vars := map[string]string{
		"ADDR":         ln.Addr().String(),
		"PUBLIC_URL":   "http://" + ln.Addr().String(),
		"DATA_DIR":     tb.TempDir(),
		"SANDBOX_ADDR": sln.Addr().String(),
	}
	for k, v := range env {
		vars[k] = v
	}
	cfg, err := app.Load(func(k string) string { return vars[k] })
	if err != nil {
		tb.Fatal(err)
	}
	if cfg.Sandbox && cfg.SandboxURL == "" {
		// The built-in sandbox's keys, made once per test binary
		// (openSandbox finds them in DATA_DIR/sandbox).
		sandboxtest.Provision(tb, filepath.Join(cfg.DataDir, "sandbox"))
	}
	cfg.ReconcileEvery = 200 * time.Millisecond
	for _, f := range tune {
		f(&cfg)
	}
	ctx, cancel := context.WithCancel(context.Background())
	listeners := app.Listeners{App: ln, Sandbox: sln}
	if cfg.MetricsAddr != "" {
		if listeners.Metrics, err = net.Listen("tcp", cfg.MetricsAddr); err != nil {
			tb.Fatal(err)
		}
	}
	a, err := app.New(ctx, cfg, log)
	if err != nil {
		cancel()
		listeners.Close()
		tb.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- a.Serve(ctx, listeners) }()
	stop := sync.OnceValue(func() error {
		cancel()
		return <-done
	})
	tb.Cleanup(func() {
		if err := stop(); err != nil {
			tb.Errorf("serve: %v", err)
		}
		a.Close()
	})
	return &Server{App: a, URL: "http://" + ln.Addr().String(), SandboxURL: a.Config().GatewayURL, stop: stop}
}

// logWriter sends the app's warnings and errors to the test log.
type logWriter struct{ tb testing.TB }

func (w logWriter) Write(p []byte) (int, error) {
	w.tb.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}
