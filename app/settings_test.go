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
	"time"

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
	gateway := settingsGateway(t, store)
	// close closes an app once (Close may run once only), at its restart
	// or at cleanup.
	closers := map[*App]func() error{}
	start := func(captureMode string) (*App, *syncBuffer) {
		t.Helper()
		a, logs, closeApp := startSettingsApp(t, gateway, store, map[string]string{"CAPTURE_MODE": captureMode})
		closers[a] = closeApp
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

// settingsGateway is the gateway /healthz's check finds (nothing else is
// asked), with the sandbox's credentials provisioned in store's DATA_DIR.
func settingsGateway(t *testing.T, store map[string]string) string {
	t.Helper()
	gateway := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(gateway.Close)
	sandboxtest.Provision(t, filepath.Join(store["DATA_DIR"], "sandbox"))
	return strings.TrimPrefix(gateway.URL, "http://")
}

// startSettingsApp starts an app on store's database with settings on
// top of the test's own, and returns it, its log and a close that closes
// it once (also at cleanup).
func startSettingsApp(t *testing.T, gateway string, store, settings map[string]string) (*App, *syncBuffer, func() error) {
	t.Helper()
	env := map[string]string{
		"ADMIN_PASSWORD": "correct horse battery staple", "SANDBOX_ADDR": gateway, "METRICS_ADDR": "127.0.0.1:0",
	}
	for _, m := range []map[string]string{store, settings} {
		for k, v := range m {
			env[k] = v
		}
	}
	cfg, err := load(env)
	check(t, err)
	logs := &syncBuffer{}
	a, err := New(context.Background(), cfg, slog.New(slog.NewTextHandler(logs, nil)))
	check(t, err)
	closeApp := sync.OnceValue(a.Close)
	t.Cleanup(func() { closeApp() })
	return a, logs, closeApp
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

// PUBLIC_URLs that name one address in other spellings — the host's
// case, the scheme's default port, the slash of an empty path — are the
// same setting: a start with one after a start with another warns of
// nothing, and the watch finds nothing. Another port is another address.
func TestPublicURLsSpelledOtherwiseAreTheSame(t *testing.T) {
	store := map[string]string{"DATA_DIR": t.TempDir(), "DEMO": "1"}
	gateway := settingsGateway(t, store)
	const differs = `msg="PUBLIC_URL=`
	first, firstLogs, _ := startSettingsApp(t, gateway, store, map[string]string{"PUBLIC_URL": "https://Shop.example"})
	second, secondLogs, _ := startSettingsApp(t, gateway, store, map[string]string{"PUBLIC_URL": "HTTPS://shop.EXAMPLE:443/"})
	if strings.Contains(secondLogs.String(), differs) {
		t.Fatalf("a start with the same address spelled otherwise warned:\n%s", secondLogs)
	}
	ctx := context.Background()
	for _, a := range []*App{first, second} {
		check(t, a.checkSettings(ctx))
		if d := a.settingsDiffer(); len(d) != 0 {
			t.Fatalf("%s: differs in %v", a.cfg.PublicURL, d)
		}
	}
	if strings.Contains(firstLogs.String(), differs) {
		t.Fatalf("the first instance said its PUBLIC_URL differs:\n%s", firstLogs)
	}

	_, thirdLogs, _ := startSettingsApp(t, gateway, store, map[string]string{"PUBLIC_URL": "https://shop.example:8443"})
	if !strings.Contains(thirdLogs.String(), `level=WARN msg="PUBLIC_URL=https://shop.example:8443 differs from https://shop.EXAMPLE:443, set by a start at `) {
		t.Fatalf("a start with another port did not warn:\n%s", thirdLogs)
	}
	check(t, first.checkSettings(ctx))
	if d := first.settingsDiffer(); strings.Join(d, ",") != "PUBLIC_URL" {
		t.Fatalf("after a start on another port the first differs in %v, want PUBLIC_URL", d)
	}
}

func TestPublicURLKey(t *testing.T) {
	for _, c := range []struct{ a, b string }{
		{"https://Shop.example", "https://shop.example/"},
		{"https://shop.example:443", "https://shop.example"},
		{"http://shop.example:80/", "HTTP://SHOP.EXAMPLE"},
		{"http://[::1]:80", "http://[::1]"},
		{"http://127.0.0.1:8080", "http://127.0.0.1:8080/"},
	} {
		if !sameSetting("PUBLIC_URL", c.a, c.b) {
			t.Errorf("%s and %s differ: %s, %s", c.a, c.b, publicURLKey(c.a), publicURLKey(c.b))
		}
	}
	for _, c := range []struct{ a, b string }{
		{"https://shop.example", "http://shop.example"},
		{"https://shop.example", "https://shop.example:8443"},
		{"http://shop.example:443", "http://shop.example"},
		{"https://shop.example", "https://www.shop.example"},
		{"https://shop.example/shop", "https://shop.example"},
	} {
		if sameSetting("PUBLIC_URL", c.a, c.b) {
			t.Errorf("%s and %s are the same (%s)", c.a, c.b, publicURLKey(c.a))
		}
	}
	if sameSetting("MERCHANT_NAME", "Shop", "shop") {
		t.Error("MERCHANT_NAME compared in PUBLIC_URL's spelling")
	}
}

// The watch checks at each tick of its ticker: a CAPTURE_MODE another
// instance's start made the shop's is not seen before the next tick, and
// is on it; and the watch returns once its context ends.
func TestSettingsWatchNoticesAChangeOnItsNextTick(t *testing.T) {
	store := map[string]string{"DATA_DIR": t.TempDir()}
	gateway := settingsGateway(t, store)
	first, firstLogs, _ := startSettingsApp(t, gateway, store, map[string]string{"CAPTURE_MODE": CaptureManual})
	ticks := make(chan time.Time) // unsent to: a second send returns once the first tick's check has ended
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	watched := make(chan struct{})
	go func() { first.watchSettings(ctx, ticks); close(watched) }()

	tick := func() {
		t.Helper()
		select {
		case ticks <- time.Now():
		case <-watched:
			t.Fatal("the watch returned before its context ended")
		case <-time.After(10 * time.Second):
			t.Fatal("the watch took no tick within 10 s")
		}
	}
	tick()
	tick() // the first tick's check has ended
	if d := first.settingsDiffer(); len(d) != 0 {
		t.Fatalf("alone, the first differs in %v", d)
	}
	startSettingsApp(t, gateway, store, map[string]string{"CAPTURE_MODE": CaptureAutomatic})
	if d := first.settingsDiffer(); len(d) != 0 {
		t.Fatalf("the first differs in %v before its next tick", d)
	}
	tick() // the check of the second start's settings
	tick()
	if d := first.settingsDiffer(); strings.Join(d, ",") != "CAPTURE_MODE" {
		t.Fatalf("after its next tick the first differs in %v, want CAPTURE_MODE", d)
	}
	settingsSay(t, first, "differ", []string{"CAPTURE_MODE"}, 1)
	if n := strings.Count(firstLogs.String(), `level=WARN msg="CAPTURE_MODE=MANUAL on this instance differs from the shop's AUTOMATIC`); n != 1 {
		t.Fatalf("%d WARN lines after the ticks:\n%s", n, firstLogs)
	}

	cancel()
	select {
	case <-watched:
	case <-time.After(10 * time.Second):
		t.Fatal("the watch did not return within 10 s of its context's end")
	}
}
