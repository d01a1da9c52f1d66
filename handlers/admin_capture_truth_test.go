package handlers

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// A capture whose outcome Antom has not confirmed (here: no answer at
// all) is never said as done: staff get a neutral notice that Antom has
// not confirmed it and no money is taken until it does — not a green
// "sent" — and the order shows the capture under way. The void's
// unconfirmed notice is neutral too.
func TestUnconfirmedCaptureAndVoidAreNotSaidDone(t *testing.T) {
	ta := newAdminApp(t)
	b := ta.client(t)
	b.staffSignIn()

	ref := ta.authorizedOrder(t, "unconfirmed-capture@example.com")
	p := b.post("/admin/orders/"+ref+"/capture", url.Values{"amount": {"10.00"}})
	if p.status != http.StatusSeeOther || !namesNotice(p.location, "/admin/orders/"+ref) {
		t.Fatalf("capture answered %d %q:\n%s", p.status, p.location, p.body)
	}
	page := b.get(p.location)
	assertContains(t, page.body, `data-tone="pending"`, "Antom has not confirmed the capture yet: no money is taken until it does.",
		`data-testid="capture-pending"`)
	assertLiveClaimsHideable(t, page.body)
	for _, wrong := range []string{`data-tone="ok"`, "notice-ok", "Capture sent", "Captured: Antom confirmed"} {
		if strings.Contains(page.body, wrong) {
			t.Fatalf("an unconfirmed capture's page says %q:\n%s", wrong, page.body)
		}
	}

	ref = ta.authorizedOrder(t, "unconfirmed-void@example.com")
	p = b.post("/admin/orders/"+ref+"/void", url.Values{"confirm": {"yes"}})
	page = b.get(noticed(t, p, "/admin/orders/"+ref))
	assertContains(t, page.body, `data-tone="pending"`, "Antom has not confirmed the void yet.")
	assertLiveClaimsHideable(t, page.body)
	if strings.Contains(page.body, "notice-ok") {
		t.Fatalf("an unconfirmed void's notice is green:\n%s", page.body)
	}
}

// liveWords is a sentence saying the page shows what happens by itself,
// which the page's signed-out state hides (app.css's .live-words).
var liveWords = regexp.MustCompile(`<span class="live-words">[^<]*</span>`)

// assertLiveClaimsHideable fails if staff's page body says it (or the
// order) shows the outcome anywhere but in .live-words: signed out in
// another tab, the page no longer updates, and such words, in a notice
// shown once as much as in the page, would stay on screen untrue.
func assertLiveClaimsHideable(t *testing.T, body string) {
	t.Helper()
	if rest := liveWords.ReplaceAllString(body, ""); strings.Contains(rest, "shows the outcome") {
		t.Fatalf("the page says it shows the outcome outside .live-words:\n%s", body)
	}
}
