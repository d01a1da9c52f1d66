package handlers

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

func TestHomePage(t *testing.T) {
	ta := newTestApp(t)
	rec := ta.get("/")
	assertEqual(t, rec.Code, http.StatusOK, "status")
	page := body(t, rec)
	if !strings.Contains(page, `data-testid="home-title"`) || !strings.Contains(page, `data-testid="products"`) {
		t.Fatalf("home page lacks its title or the storefront:\n%s", page)
	}
	if strings.Contains(page, "sandbox-banner") {
		t.Fatal("the sandbox banner shows while talking to real Antom")
	}
	h := rec.Header()
	if !strings.Contains(h.Get("Content-Security-Policy"), "form-action 'self' https://open-sea-global.alipay.com") ||
		h.Get("X-Content-Type-Options") != "nosniff" || h.Get("X-Frame-Options") != "DENY" {
		t.Fatalf("security headers: %v", h)
	}
}

func TestUnknownPathIs404Page(t *testing.T) {
	rec := newTestApp(t).get("/no/such/page")
	assertEqual(t, rec.Code, http.StatusNotFound, "status")
	if !strings.Contains(body(t, rec), "There is no page at this address.") {
		t.Fatal("404 page lacks its message")
	}
}

func TestStaticFiles(t *testing.T) {
	rec := newTestApp(t).get("/static/css/app.css")
	assertEqual(t, rec.Code, http.StatusOK, "status")
	if !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/css") {
		t.Fatalf("content type %q", rec.Header().Get("Content-Type"))
	}
}

func TestHealthz(t *testing.T) {
	ta := newTestApp(t)
	rec := ta.get("/healthz")
	assertEqual(t, rec.Code, http.StatusOK, "status")
	var h struct {
		Status   string
		Database struct{ Status string }
		Gateway  struct{ Status, Mode, Error string }
	}
	if err := json.Unmarshal([]byte(body(t, rec)), &h); err != nil {
		t.Fatal(err)
	}
	assertEqual(t, h.Status+"/"+h.Database.Status+"/"+h.Gateway.Status+"/"+h.Gateway.Mode, "ok/ok/ok/antom", "health")

	ta.gateway = errDown
	rec = ta.get("/healthz")
	assertEqual(t, rec.Code, http.StatusServiceUnavailable, "status with the gateway down")
	if err := json.Unmarshal([]byte(body(t, rec)), &h); err != nil {
		t.Fatal(err)
	}
	assertEqual(t, h.Status+"/"+h.Gateway.Status, "degraded/error", "health with the gateway down")

	ta.DB.Close()
	rec = ta.get("/healthz")
	assertEqual(t, rec.Code, http.StatusServiceUnavailable, "status with the database closed")
}
