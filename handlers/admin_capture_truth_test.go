package handlers

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"antom-checkout/db"
)

// A capture whose outcome Antom has not confirmed (here: no answer at
// all) is never said as done: staff read that Antom has not confirmed it
// and that it is not counted as taken until it does (Antom may have
// taken it, or another amount: the timeline says what it answered) —
// not a green "sent" — and the
// order shows the capture under way. It is said once: by the order's own
// neutral line of the capture under way, which says it more fully (the
// amount), not by a notice above it saying the same again: the redirect
// names none. The void's unconfirmed news is neutral and said once too.
// Once Antom has answered, the page says what became of it and nothing
// on it says "not confirmed" (a notice of it would then be untrue).
func TestUnconfirmedCaptureAndVoidAreNotSaidDone(t *testing.T) {
	ta := newAdminApp(t)
	b := ta.client(t)
	b.staffSignIn()

	ref := ta.authorizedOrder(t, "unconfirmed-capture@example.com")
	p := b.confirm("/admin/orders/"+ref+"/capture", url.Values{"amount": {"10.00"}})
	if p.status != http.StatusSeeOther || p.location != "/admin/orders/"+ref {
		t.Fatalf("capture answered %d %q (want 303 to the order, naming no notice):\n%s", p.status, p.location, p.body)
	}
	page := b.get(p.location)
	d := html(t, page.body)
	assertEqual(t, textOf(t, d, "capture-pending"), "Capture of $10.00 sent; Antom has not confirmed it yet, so it is not counted as taken until it does (the timeline says what Antom has answered). "+
		"We keep asking Antom (and send it again if needed). This page shows the outcome.", "the capture under way")
	assertNotices(t, noticesIn(d))
	assertEqual(t, strings.Count(page.body, "has not confirmed"), 1, "notices that the capture is not confirmed")
	assertLiveClaimsHideable(t, page.body)
	for _, wrong := range []string{`data-tone="ok"`, "notice-ok", "Capture sent", "Captured: Antom confirmed"} {
		if strings.Contains(page.body, wrong) {
			t.Fatalf("an unconfirmed capture's page says %q:\n%s", wrong, page.body)
		}
	}

	ref = ta.authorizedOrder(t, "unconfirmed-void@example.com")
	p = b.confirm("/admin/orders/"+ref+"/void", nil)
	if p.status != http.StatusSeeOther || p.location != "/admin/orders/"+ref {
		t.Fatalf("void answered %d %q (want 303 to the order, naming no notice):\n%s", p.status, p.location, p.body)
	}
	page = b.get(p.location)
	d = html(t, page.body)
	assertEqual(t, textOf(t, d, "void-pending"), "Void sent; Antom has not confirmed it yet. It is sent again until Antom answers. This page shows the outcome.", "the void under way")
	assertNotices(t, noticesIn(d))
	assertEqual(t, strings.Count(page.body, "has not confirmed"), 1, "notices that the void is not confirmed")
	assertLiveClaimsHideable(t, page.body)
	if strings.Contains(page.body, "notice-ok") {
		t.Fatalf("an unconfirmed void's notice is green:\n%s", page.body)
	}

	// Antom confirms the void before the page is read: the page says it
	// is voided, and nothing on it that it is not confirmed.
	ref = ta.authorizedOrder(t, "void-confirmed-since@example.com")
	if p = b.confirm("/admin/orders/"+ref+"/void", nil); p.status != http.StatusSeeOther {
		t.Fatalf("void answered %d:\n%s", p.status, p.body)
	}
	a, err := ta.DB.SuccessfulAttempt(t.Context(), ta.order(t, ref).ID)
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := ta.DB.SetCancelStatus(t.Context(), a.ID, db.CancelSuccess, time.Time{}, ta.now); err != nil || !ok {
		t.Fatalf("void confirmed: %v %v", ok, err)
	}
	if ok, err := ta.DB.SetOrderStatus(t.Context(), a.OrderID, db.OrderAuthorized, db.OrderVoided, ta.now); err != nil || !ok {
		t.Fatalf("order voided: %v %v", ok, err)
	}
	page = b.get(p.location)
	d = html(t, page.body)
	assertEqual(t, testid(d, "void-pending").Length(), 0, "a void-pending line once voided")
	assertNotices(t, noticesIn(d))
	// (The timeline keeps its line of the void not confirmed then.)
	assertEqual(t, strings.Count(page.body, "has not confirmed"), 0, "sayings that Antom has not confirmed the void, once it has")
	assertContains(t, page.body, "voided")
}

// noticesIn are the one-time notices of an admin page, as
// "<tone>: <words>" in the order it shows them: flash (ok or pending),
// note, problem.
func noticesIn(d *goquery.Document) []string {
	var got []string
	d.Find(`[data-testid="flash"], [data-testid="note"], [data-testid="problem"]`).Each(func(_ int, s *goquery.Selection) {
		tone := s.AttrOr("data-testid", "")
		if tone == "flash" {
			tone = s.AttrOr("data-tone", "")
		}
		got = append(got, tone+": "+strings.Join(strings.Fields(s.Text()), " "))
	})
	return got
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
