package app_test

import (
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"antom-checkout/antom/sandbox/sandboxtest"
	"antom-checkout/app"
	"antom-checkout/internal/syncbuf"
)

// TestStartWarnsOfWhatIsExposed: METRICS_ADDR on every interface and
// TRUSTED_PROXIES covering every address each log a WARN line at start
// saying what that exposes; loopback metrics and named proxies log none.
func TestStartWarnsOfWhatIsExposed(t *testing.T) {
	start := func(env map[string]string) string {
		logs := &syncbuf.Buffer{}
		env["DATA_DIR"], env["ADMIN_PASSWORD"] = t.TempDir(), "a staff password of 12+"
		// The built-in sandbox's keys, made once for the binary: seven
		// starts made fourteen 2048-bit keys.
		sandboxtest.Provision(t, filepath.Join(env["DATA_DIR"], "sandbox"))
		cfg, err := app.Load(func(k string) string { return env[k] })
		if err != nil {
			t.Fatal(err)
		}
		a, err := app.New(context.Background(), cfg, slog.New(slog.NewTextHandler(logs, nil)))
		if err != nil {
			t.Fatal(err)
		}
		a.Close()
		return logs.String()
	}
	for _, metrics := range []string{"0.0.0.0:9091", ":9091", "[::]:9091", "10.0.0.5:9091"} {
		logs := start(map[string]string{"METRICS_ADDR": metrics})
		if !strings.Contains(logs, `level=WARN msg="METRICS_ADDR is not loopback: /metrics and /debug/pprof/`) || !strings.Contains(logs, "metrics_addr="+metrics) {
			t.Errorf("METRICS_ADDR=%s: no warning in\n%s", metrics, logs)
		}
	}
	for _, proxies := range []string{"0.0.0.0/0", "10.0.0.5,::/0"} {
		logs := start(map[string]string{"TRUSTED_PROXIES": proxies})
		if !strings.Contains(logs, `level=WARN msg="TRUSTED_PROXIES trusts every address: any client names its own address in X-Forwarded-For, which defeats the sign-in throttles`) {
			t.Errorf("TRUSTED_PROXIES=%s: no warning in\n%s", proxies, logs)
		}
	}
	if logs := start(map[string]string{"METRICS_ADDR": "127.0.0.1:9091", "TRUSTED_PROXIES": "10.0.0.5,10.1.0.0/16,::1"}); strings.Contains(logs, "level=WARN") {
		t.Errorf("warned of nothing exposed:\n%s", logs)
	}
}
