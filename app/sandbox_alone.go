package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"time"

	"antom-checkout/antom/sandbox"
)

// SandboxConfig configures `antom-checkout sandbox`: the Antom sandbox
// alone, for app instances that point at it with SANDBOX_URL.
type SandboxConfig struct {
	Addr    string // SANDBOX_ADDR
	DataDir string // DATA_DIR: state and credentials in DATA_DIR/sandbox
	// TimeScale is SANDBOX_TIME_SCALE, as for the built-in sandbox
	// (Config.SandboxTimeScale): it multiplies the sandbox's own delays
	// (notification retries, expiries, settlements); 1, the default, is
	// Antom's real schedule.
	TimeScale float64
}

// LoadSandbox reads the sandbox's settings; the first problem is one line
// naming the setting.
func LoadSandbox(getenv func(string) string) (SandboxConfig, error) {
	c := SandboxConfig{
		Addr:      or(getenv("SANDBOX_ADDR"), "localhost:8081"),
		DataDir:   dataDir(getenv),
		TimeScale: 1,
	}
	if err := checkAddr("SANDBOX_ADDR", c.Addr); err != nil {
		return SandboxConfig{}, err
	}
	var err error
	if c.TimeScale, err = parseTimeScale(getenv("SANDBOX_TIME_SCALE")); err != nil {
		return SandboxConfig{}, err
	}
	return c, nil
}

// RunSandbox serves the sandbox alone on ln until ctx ends. Its merchant
// credentials are provisioned in DATA_DIR/sandbox, where apps started
// with the same DATA_DIR and SANDBOX_URL read them.
func RunSandbox(ctx context.Context, cfg SandboxConfig, ln net.Listener, log *slog.Logger) error {
	dir := filepath.Join(cfg.DataDir, "sandbox")
	creds, err := sandbox.Provision(dir)
	if err != nil {
		ln.Close()
		return fmt.Errorf("sandbox: credentials: %w", err)
	}
	base := "http://" + browsable(cfg.Addr)
	sb, err := sandbox.Open(ctx, sandbox.Config{DataDir: dir, BaseURL: base, TimeScale: cfg.TimeScale, Logger: log})
	if err != nil {
		ln.Close()
		return err
	}
	defer sb.Close()
	sb.Start(ctx)
	srv := newServer(sb.Handler(), log)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("Antom sandbox running on its own", "gateway", base, "client_id", creds.ClientID, "credentials", dir,
		"control", base+"/sandbox/control", "apps", "SANDBOX_URL="+base+" DATA_DIR="+cfg.DataDir, "time_scale", cfg.TimeScale)
	select {
	case <-ctx.Done():
	case err = <-errc:
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	srv.Shutdown(shutdownCtx)
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}
