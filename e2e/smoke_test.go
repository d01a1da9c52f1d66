package e2e

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

func TestSmokeHomeAndHealth(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)

	b.visit("/")
	if got := b.text(`[data-testid=home-title]`); got != "Welcome to the shop" {
		t.Fatalf("home title = %q", got)
	}
	if got := b.text(`[data-testid=sandbox-banner]`); !strings.Contains(got, "sandbox") {
		t.Fatalf("sandbox banner = %q", got)
	}
	var stylesheetLoaded bool
	b.run(chromedp.Evaluate(`getComputedStyle(document.querySelector(".site-header")).borderBottomStyle === "solid"`, &stylesheetLoaded))
	if !stylesheetLoaded {
		t.Fatal("the stylesheet did not apply")
	}

	b.visit("/healthz")
	if got := b.text("body"); !strings.Contains(got, `"status":"ok"`) {
		t.Fatalf("healthz in the browser: %s", got)
	}

	resp := get(t, srv.URL+"/healthz")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("healthz status %d", resp.StatusCode)
	}
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	var h struct {
		Status   string `json:"status"`
		Database struct{ Status string }
		Gateway  struct{ Status, Mode string }
	}
	if err := json.Unmarshal(raw, &h); err != nil {
		t.Fatal(err)
	}
	if h.Status != "ok" || h.Database.Status != "ok" || h.Gateway.Status != "ok" || h.Gateway.Mode != "sandbox" {
		t.Fatalf("healthz = %+v", h)
	}
	if u, _ := url.Parse(srv.SandboxURL); strings.Contains(string(raw), u.Host) {
		t.Fatalf("/healthz names the sandbox's address: %s", raw)
	}
}
