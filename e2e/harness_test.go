package e2e

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"antom-checkout/app"
)

// server is the app and its sandbox, started for one test.
type server struct {
	App        *app.App
	URL        string // the app, e.g. http://127.0.0.1:41234
	SandboxURL string
}

// startServer starts the app on the built-in sandbox, on free loopback
// ports, with a fresh DATA_DIR. Extra environment settings may be given.
func startServer(t *testing.T, env map[string]string) *server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	sln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{
		"ADDR":         ln.Addr().String(),
		"PUBLIC_URL":   "http://" + ln.Addr().String(),
		"DATA_DIR":     t.TempDir(),
		"SANDBOX_ADDR": sln.Addr().String(),
	}
	for k, v := range env {
		vars[k] = v
	}
	cfg, err := app.Load(func(k string) string { return vars[k] })
	if err != nil {
		t.Fatal(err)
	}
	cfg.SandboxTimeScale = 0.01
	ctx, cancel := context.WithCancel(context.Background())
	log := slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	a, err := app.New(ctx, cfg, log)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- a.Serve(ctx, ln, sln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
		a.Close()
	})
	return &server{App: a, URL: "http://" + ln.Addr().String(), SandboxURL: a.Config().GatewayURL}
}

// testWriter sends the app's warnings to the test log.
type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// browser is one headless Chromium tab.
type browser struct {
	t    *testing.T
	ctx  context.Context
	base string
	shot atomic.Int32
}

// newBrowser starts headless Chromium for the test, or skips the test when
// Chromium is missing (fails under CI).
func newBrowser(t *testing.T, base string) *browser {
	t.Helper()
	path := findChromium()
	if path == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium not found, and CI is set: end-to-end tests must run (make test installs it as root)")
		}
		t.Skip("chromium not found: install Debian's chromium to run end-to-end tests")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.WindowSize(1280, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	if err := chromedp.Run(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return &browser{t: t, ctx: ctx, base: base}
}

func findChromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// run performs chromedp actions, failing the test on error.
func (b *browser) run(actions ...chromedp.Action) {
	b.t.Helper()
	if err := chromedp.Run(b.ctx, actions...); err != nil {
		b.t.Fatal(err)
	}
}

// visit opens a path of the app and waits for the page.
func (b *browser) visit(path string) {
	b.t.Helper()
	b.run(chromedp.Navigate(b.base+path), chromedp.WaitReady("body"))
	b.screenshot()
}

// text returns the text of the first element matching sel.
func (b *browser) text(sel string) string {
	b.t.Helper()
	var s string
	b.run(chromedp.Text(sel, &s, chromedp.ByQuery))
	return strings.TrimSpace(s)
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9_.-]+`)

// screenshot saves the current page when E2E_SCREENSHOTS names a folder.
func (b *browser) screenshot() {
	dir := os.Getenv("E2E_SCREENSHOTS")
	if dir == "" {
		return
	}
	b.t.Helper()
	var png []byte
	var loc string
	b.run(chromedp.Location(&loc), chromedp.FullScreenshot(&png, 100))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.t.Fatal(err)
	}
	n := b.shot.Add(1)
	name := fmt.Sprintf("%s-%02d-%s.png", unsafeName.ReplaceAllString(b.t.Name(), "_"), n,
		unsafeName.ReplaceAllString(strings.TrimPrefix(loc, b.base), "_"))
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

// getJSON fetches a URL outside the browser.
func get(t *testing.T, url string) *http.Response {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}
