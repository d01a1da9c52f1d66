package cluster

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"antom-checkout/lang"
)

// When no instance can serve — each fails /healthz (503: its database
// down) — haproxy answers 503 with the shop's page, not its own bare one:
// a valid HTTP response (Go's client reads it) with Retry-After, the
// shop's logo and look inline (no instance answers for /static), and in
// every language that the shop is briefly unavailable and to try again.
func TestHAProxySaysTheShopIsBrieflyUnavailable(t *testing.T) {
	requireHAProxy(t)
	databaseDown := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "instance says 503", http.StatusServiceUnavailable)
	})
	lb, _ := startHAProxy(t, []*Instance{{addr: serve(t, databaseDown)}, {addr: serve(t, databaseDown)}})
	var (
		resp *http.Response
		body string
	)
	deadline := time.Now().Add(15 * time.Second)
	for { // until haproxy has taken both instances out (two failed checks, a second apart)
		var err error
		resp, err = http.Get("http://" + lb + "/checkout/ORD-1")
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		body = string(b)
		if !strings.Contains(body, "instance says 503") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("haproxy still sent requests to the failing instances after 15 s")
		}
		time.Sleep(100 * time.Millisecond)
	}
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("haproxy answered %d, want 503", resp.StatusCode)
	}
	for h, want := range map[string]string{"Content-Type": "text/html; charset=utf-8", "Retry-After": "30", "Cache-Control": "no-store"} {
		if got := resp.Header.Get(h); got != want {
			t.Errorf("%s: %q, want %q", h, got, want)
		}
	}
	if resp.ContentLength != int64(len(body)) {
		t.Errorf("Content-Length %d, the body has %d bytes", resp.ContentLength, len(body))
	}
	for _, want := range []string{`<html lang="en">`, `<svg xmlns="http://www.w3.org/2000/svg"`, `#1658d6`} {
		if !strings.Contains(body, want) {
			t.Errorf("the page has no %s:\n%s", want, body)
		}
	}
	if strings.Contains(body, "/static/") || strings.Contains(body, "<script") || strings.Contains(body, "<a ") { // "/" is this page while none answers
		t.Errorf("the page fetches from an instance or runs a script:\n%s", body)
	}
	for _, l := range lang.Languages {
		say := lang.For(l)
		section := `<section lang="` + l.Code + `" data-testid="unavailable-` + l.Code + `">` + "\n<h1>" + say.T("unavailable.title") + "</h1>\n<p>" + say.T("unavailable.body") + "</p>"
		if !strings.Contains(body, section) {
			t.Errorf("the page does not say, in %s:\n%s\nit is:\n%s", l.Code, section, body)
		}
	}
	if !strings.Contains(body, "The shop is briefly unavailable. Please try again in a minute.") {
		t.Errorf("the page does not say the shop is briefly unavailable:\n%s", body)
	}
}
