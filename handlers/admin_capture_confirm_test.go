package handlers

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// confirmForm is what the confirmation page's form posts when its Confirm
// is pressed: its hidden fields, as the browser sends them.
func confirmForm(t *testing.T, body string) url.Values {
	t.Helper()
	posted := url.Values{}
	html(t, body).Find(`[data-testid="confirm"] form input[type=hidden]`).Each(func(_ int, s *goquery.Selection) {
		posted.Add(s.AttrOr("name", ""), s.AttrOr("value", ""))
	})
	if posted.Get("confirm") != "yes" {
		t.Fatalf("the confirmation's form carries %v", posted)
	}
	return posted
}

// A capture asks to be confirmed, as a void or a refund does: its form
// sends staff to a page saying what is captured, of what, from whom and
// what is released, and nothing reaches Antom before Confirm. Confirm
// captures once; the confirmation opened again says, neutrally, that
// there is nothing to confirm; a bad amount is the form again (422),
// nothing sent.
func TestStaffConfirmsCapture(t *testing.T) {
	ta, f := newFakeAntomApp(t)
	ref := ta.authorizedOrder(t, "holder@example.com")
	order := "/admin/orders/" + ref
	b := ta.client(t)
	b.staffSignIn()

	bad := b.post(order+"/capture", url.Values{"amount": {"99.00"}})
	assertEqual(t, bad.status, http.StatusUnprocessableEntity, "a capture above the authorization")
	assertContains(t, bad.body, "Capture between $0.01 and $37.00.")

	at := confirmationOf(t, b.post(order+"/capture", url.Values{"amount": {"3.00"}}).location, order+"/capture")
	ask := b.get(at)
	assertEqual(t, ask.status, http.StatusOK, "capture asks first")
	assertContains(t, ask.body, "Capture $3.00 of the $37.00 authorized on order "+confirmRef(ref, "?"), ">Capture $3.00</button>",
		`action="/admin/orders/`+ref+`/capture"`, wholeEmail("holder@example.com"), "$34.00 (the rest of the authorization)",
		`data-testid="confirm-no"`)
	assertEqual(t, f.count("capture"), 0, "captures sent before confirming")
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM captures"), 0, "captures stored before confirming")

	done := noticed(t, b.post(order+"/capture", confirmForm(t, ask.body)), order)
	assertNotices(t, pageNotices(t, b, done), "ok: Captured: Antom confirmed the capture.")
	assertEqual(t, f.count("capture"), 1, "captures sent once confirmed")

	again := b.get(at) // Back, a reload, another tab
	toOrder(t, []page{again}, ref)
	refusedOnce(t, b, again.location, "note", "Nothing to confirm: you had already sent this capture ($3.00).")
	assertEqual(t, f.count("capture"), 1, "captures sent")
}
