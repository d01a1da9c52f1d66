package app

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"antom-checkout/antom/sandbox/sandboxtest"
	"antom-checkout/db/dbtest"
)

// Instances on one database given different CAPTURE_MODEs (the trial: one
// of three restarted with AUTOMATIC while the others ran MANUAL) start, as
// a rolling restart needs, but never silently: the later start logs one
// WARN line naming the setting, both values and when the shop's was set,
// and makes its value the shop's; the instance still running the old one
// says so on its next check — in /healthz (still 200) and
// checkout_settings_differ — once, until it restarts with the shop's
// value.
func TestInstancesThatDifferInASharedSettingSaySo(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		settingsDiffer(t, map[string]string{"DATA_DIR": t.TempDir()})
	})
	t.Run("postgres", func(t *testing.T) {
		settingsDiffer(t, map[string]string{"DATA_DIR": t.TempDir(), "DATABASE_URL": dbtest.PostgresURL(t)})
	})
}

func settingsDiffer(t *testing.T, store map[string]string) {
	gateway := httptest.NewServer(http.NotFoundHandler()) // what /healthz's gateway check finds; nothing else is asked
	defer gateway.Close()
	sandboxtest.Provision(t, filepath.Join(store["DATA_DIR"], "sandbox"))
	// close closes an app once (Close may run once only), at its restart
	// or at cleanup.
	closers := map[*App]func() error{}
	start := func(captureMode string) (*App, *syncBuffer) {
		t.Helper()
		env := map[string]string{
			"CAPTURE_MODE": captureMode, "ADMIN_PASSWORD": "correct horse battery staple",
			"SANDBOX_ADDR": strings.TrimPrefix(gateway.URL, "http://"), "METRICS_ADDR": "127.0.0.1:0",
		}
		for k, v := range store {
			env[k] = v
		}
		cfg, err := load(env)
		check(t, err)
		logs := &syncBuffer{}
		a, err := New(context.Background(), cfg, slog.New(slog.NewTextHandler(logs, nil)))
		check(t, err)
		closers[a] = sync.OnceValue(a.Close)
		t.Cleanup(func() { closers[a]() })
		return a, logs
	}
	ctx := context.Background()

	first, firstLogs := start(CaptureManual)
	if strings.Contains(firstLogs.String(), "level=WARN") {
		t.Fatalf("the first start warned:\n%s", firstLogs)
	}
	second, secondLogs := start(CaptureAutomatic)
	warn := regexp.MustCompile(`level=WARN msg="CAPTURE_MODE=AUTOMATIC differs from MANUAL, set by a start at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ: ` +
		`every instance on this database must share it; this start makes AUTOMATIC the shop's — restart any others with it, or this one with MANUAL" ` +
		`setting=CAPTURE_MODE value=AUTOMATIC was=MANUAL was_set_at=`)
	if n := len(warn.FindAllString(secondLogs.String(), -1)); n != 1 || strings.Count(secondLogs.String(), "level=WARN") != 1 {
		t.Fatalf("the second start, with another CAPTURE_MODE, logged %d such WARN lines:\n%s", n, secondLogs)
	}
	settingsSay(t, second, "ok", nil, 0)

	// The first instance's periodic check finds the shop's CAPTURE_MODE
	// changed: one WARN line however many checks, /healthz and the gauge
	// while it lasts.
	check(t, first.checkSettings(ctx))
	check(t, first.checkSettings(ctx))
	if n := strings.Count(firstLogs.String(), `level=WARN msg="CAPTURE_MODE=MANUAL on this instance differs from the shop's AUTOMATIC, set by a start at `); n != 1 {
		t.Fatalf("%d WARN lines after two checks:\n%s", n, firstLogs)
	}
	settingsSay(t, first, "differ", []string{"CAPTURE_MODE"}, 1)
	check(t, second.checkSettings(ctx))
	settingsSay(t, second, "ok", nil, 0)

	// The first restarts with the shop's value: it starts without a
	// warning, and its checks, as the second's, find nothing.
	check(t, closers[first]())
	first, firstLogs = start(CaptureAutomatic)
	check(t, first.checkSettings(ctx))
	if strings.Contains(firstLogs.String(), "level=WARN") {
		t.Fatalf("the restart with the shop's value warned:\n%s", firstLogs)
	}
	settingsSay(t, first, "ok", nil, 0)
	check(t, second.checkSettings(ctx))
	settingsSay(t, second, "ok", nil, 0)
}

// settingsSay checks what a's /healthz (200 whatever its settings) and
// checkout_settings_differ{setting="CAPTURE_MODE"} say.
func settingsSay(t *testing.T, a *App, status string, differ []string, gauge int) {
	t.Helper()
	rec := httptest.NewRecorder()
	a.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/healthz", nil))
	var health struct {
		Settings struct {
			Status string   `json:"status"`
			Differ []string `json:"differ"`
		} `json:"settings"`
	}
	check(t, json.Unmarshal(rec.Body.Bytes(), &health))
	if rec.Code != http.StatusOK || health.Settings.Status != status || strings.Join(health.Settings.Differ, ",") != strings.Join(differ, ",") {
		t.Fatalf("/healthz %d %s; want settings %s %v", rec.Code, rec.Body, status, differ)
	}
	rec = httptest.NewRecorder()
	a.MetricsHandler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	body, _ := io.ReadAll(rec.Body)
	want := `checkout_settings_differ{setting="CAPTURE_MODE"} ` + string(rune('0'+gauge)) + "\n"
	if !strings.Contains(string(body), want) || !strings.Contains(string(body), `checkout_settings_differ{setting="PUBLIC_URL"} 0`) {
		t.Fatalf("/metrics has no %q:\n%s", want, grepLines(string(body), "settings_differ"))
	}
}

func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// syncBuffer is a log both an app's goroutines and the test use.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
