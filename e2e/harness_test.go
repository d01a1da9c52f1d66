package e2e

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"antom-checkout/app"
	"antom-checkout/app/apptest"
)

// startServer starts the app on the built-in sandbox for one test.
func startServer(t *testing.T, env map[string]string, tune ...func(*app.Config)) *apptest.Server {
	t.Helper()
	return apptest.Start(t, env, tune...)
}

// browser is one headless Chromium tab.
type browser struct {
	t    *testing.T
	ctx  context.Context
	base string
	shot atomic.Int32
}

// newBrowser opens a browser for the test — a browser context of its own
// (own cookies, storage, cache and connections, as a fresh profile) in
// the tests' one headless Chromium (sharedChromium) — or skips the test
// when Chromium is missing (fails under CI). Its first tab is 1280×900.
func newBrowser(t *testing.T, base string) *browser {
	t.Helper()
	path := findChromium()
	if path == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium not found, and CI is set: end-to-end tests must run (make test installs it as root)")
		}
		t.Skip("chromium not found: install Debian's chromium to run end-to-end tests")
	}
	ctx, err := sharedChromium.open(t, path)
	if err != nil {
		t.Fatalf("open a browser: %v", err)
	}
	b := &browser{t: t, ctx: ctx, base: base}
	b.onScreen()
	return b
}

// onScreen keeps the tab's pages visible and focused though another tab
// of the browser is in front, as two windows side by side (a test's
// phone and desktop, two staff members): a hidden tab's page holds no
// long-poll (app.js's livePoll) and would take the news only once shown.
// TestHiddenTabHoldsNoLongPoll hides its page itself.
func (b *browser) onScreen() {
	b.t.Helper()
	if err := chromedp.Run(b.ctx, emulation.SetFocusEmulationEnabled(true)); err != nil {
		b.t.Fatalf("keep the tab on screen: %v", err)
	}
}

func findChromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// run performs chromedp actions one after another, failing the test on
// error. An action that finds its node's id gone ("No node with given id
// found") runs once more: chromedp addresses nodes by the ids of the
// document it last read, and Chrome renumbers every node when that
// document is read again (a late DOM.documentUpdated after a page load,
// seen once in CI on a loaded machine), so the same query on the same
// page finds the same element under its new id. Every action here fails
// that way before it acts (a click before its mouse events, keys before
// the first one), so none is done twice.
func (b *browser) run(actions ...chromedp.Action) {
	b.t.Helper()
	for _, a := range actions {
		err := chromedp.Run(b.ctx, a)
		if err != nil && staleNode(err) {
			b.t.Logf("%T: %v; once more", a, err)
			err = chromedp.Run(b.ctx, a)
		}
		if err != nil {
			b.t.Fatalf("%T: %v", a, err)
		}
	}
}

// movedOn reports whether err only says that the page an action ran on
// has gone: a navigation ended it, or the page replaced itself (its
// script context gone: "Cannot find context with specified id").
func movedOn(err error) bool {
	return strings.Contains(err.Error(), "navigated") || strings.Contains(err.Error(), "Cannot find context")
}

// staleNode reports whether err is Chrome's answer to a node id from a
// document it has renumbered since.
func staleNode(err error) bool {
	return strings.Contains(err.Error(), "No node with given id found") || strings.Contains(err.Error(), "Could not find node with given id")
}

// visit opens a path of the app and waits for the page.
func (b *browser) visit(path string) {
	b.t.Helper()
	b.run(chromedp.Navigate(b.base+path), chromedp.WaitReady("body"))
	b.screenshot()
}

// tab opens another tab of the same browser (same cookies), e.g. for the
// phone's side of Scan to Link: a window of its own beside the first.
func (b *browser) tab() *browser {
	b.t.Helper()
	ctx, err := sharedChromium.tab(b.t, b.ctx)
	if err != nil {
		b.t.Fatal(err)
	}
	t := &browser{t: b.t, ctx: ctx, base: b.base}
	t.onScreen()
	return t
}

// open navigates to an absolute URL.
func (b *browser) open(url string) {
	b.t.Helper()
	b.run(chromedp.Navigate(url), chromedp.WaitReady("body"))
	b.screenshot()
}

// click clicks the element matching sel, then waits until an element
// matching next is visible (on this page or the one the click leads to).
func (b *browser) click(sel, next string) {
	b.t.Helper()
	b.run(chromedp.Click(sel, chromedp.ByQuery, chromedp.NodeVisible))
	b.run(chromedp.WaitVisible(next, chromedp.ByQuery))
	b.screenshot()
}

// waitText waits until an element matching sel contains want, on this
// page or on one the page moves on to by itself.
func (b *browser) waitText(sel, want string) {
	b.t.Helper()
	js := fmt.Sprintf(`(() => { const el = document.querySelector(%q); return !!el && el.textContent.includes(%q); })()`, sel, want)
	deadline := time.Now().Add(15 * time.Second)
	for {
		err := chromedp.Run(b.ctx,
			chromedp.WaitVisible(sel, chromedp.ByQuery),
			chromedp.Poll(js, nil, chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(time.Until(deadline))))
		if err == nil {
			break
		}
		// A navigation while polling ends the poll, and so does the page
		// replacing itself (its script context gone: "Cannot find context
		// with specified id"); look again on the new page.
		if !movedOn(err) || time.Now().After(deadline) {
			var got string
			chromedp.Run(b.ctx, chromedp.Evaluate(fmt.Sprintf(`(document.querySelector(%q)||{}).textContent`, sel), &got))
			b.t.Fatalf("waiting for %q in %s: %v (text now %q)", want, sel, err, got)
		}
	}
	b.screenshot()
}

// text returns the text of the first element matching sel.
func (b *browser) text(sel string) string {
	b.t.Helper()
	var s string
	b.run(chromedp.Text(sel, &s, chromedp.ByQuery))
	return strings.TrimSpace(s)
}

// html returns the current page's markup.
func (b *browser) html() string {
	b.t.Helper()
	var s string
	b.run(chromedp.OuterHTML("html", &s, chromedp.ByQuery))
	return s
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
	// A background tab may never paint: bring it forward first.
	b.run(page.BringToFront(), chromedp.Location(&loc), chromedp.CaptureScreenshot(&png))
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

// get fetches a URL outside the browser.
func get(t *testing.T, url string) *http.Response {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}
