package proof

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"antom-checkout/antom/sandbox"
	"antom-checkout/app"
)

// localSandbox is the Antom sandbox running in this process on a
// loopback port, as `antom-checkout sandbox` runs it.
type localSandbox struct {
	url      string
	clientID string
	stop     func()
}

// startSandbox provisions and starts the sandbox with its state in
// dir/sandbox, its clocks scaled by scale.
func startSandbox(ctx context.Context, dir string, scale float64, log *slog.Logger) (*localSandbox, error) {
	sbDir := filepath.Join(dir, "sandbox")
	creds, err := sandbox.Provision(sbDir)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	base := "http://" + ln.Addr().String()
	ctx, cancel := context.WithCancel(ctx)
	sb, err := sandbox.Open(ctx, sandbox.Config{DataDir: sbDir, BaseURL: base, TimeScale: scale, Logger: log})
	if err != nil {
		cancel()
		ln.Close()
		return nil, err
	}
	sb.Start(ctx)
	srv := &http.Server{Handler: sb.Handler(), ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	return &localSandbox{url: base, clientID: creds.ClientID, stop: func() {
		cancel()
		srv.Close()
		sb.Close()
	}}, nil
}

// localApp is the app running in this process on a fixed loopback
// address, against a sandbox of its own (SANDBOX_URL).
type localApp struct {
	url  string
	stop func() error
}

// proofOrderLimits lifts the app's order limits (ORDERS_PER_VISITOR,
// ORDERS_PER_ADDRESS) for a proof's binary: its buyers order hundreds of
// times in minutes, all from loopback.
var proofOrderLimits = [2]string{"ORDERS_PER_VISITOR=1000000", "ORDERS_PER_ADDRESS=1000000"}

// startApp starts the app on addr ("127.0.0.1:0" for any port) with its
// data in dir, pointed at the sandbox, with the given capture mode. It
// reconciles every 200 ms so that a run settles quickly.
func startApp(ctx context.Context, dir, addr, sandboxURL, captureMode string, log *slog.Logger) (*localApp, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	base := "http://" + ln.Addr().String()
	env := map[string]string{"ADDR": ln.Addr().String(), "PUBLIC_URL": base, "DATA_DIR": dir,
		"SANDBOX_URL": sandboxURL, "ADMIN_PASSWORD": staffPassword, "CAPTURE_MODE": captureMode,
		"ORDERS_PER_VISITOR": "1000000", "ORDERS_PER_ADDRESS": "1000000"}
	cfg, err := app.Load(func(k string) string { return env[k] })
	if err != nil {
		ln.Close()
		return nil, err
	}
	cfg.ReconcileEvery = 200 * time.Millisecond
	ctx, cancel := context.WithCancel(ctx)
	a, err := app.New(ctx, cfg, log)
	if err != nil {
		cancel()
		ln.Close()
		return nil, err
	}
	done := make(chan error, 1)
	go func() { done <- a.Serve(ctx, app.Listeners{App: ln}) }()
	return &localApp{url: base, stop: sync.OnceValue(func() error {
		cancel()
		err := <-done
		return errors.Join(err, a.Close())
	})}, nil
}

// logTo returns a logger writing to a file in dir, and a func closing it.
func logTo(dir, name string) (*slog.Logger, func(), error) {
	f, err := os.OpenFile(filepath.Join(dir, name), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, nil, fmt.Errorf("log file: %w", err)
	}
	return slog.New(slog.NewTextHandler(f, nil)), func() { f.Close() }, nil
}
