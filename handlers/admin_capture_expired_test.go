package handlers

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"antom-checkout/db"
)

// A capture Antom refuses with AUTH_EXPIRED — of an authorization whose
// authExpiryTime the app does not know — is Antom's word that the
// authorization expired: the order closes as expired, staff's notice says
// so and that nothing was charged (with Antom's message, its time in UTC
// as staff read every other time, not with Antom's offset), no alarm says the money is still held or counts a
// failed capture, and a void afterwards is refused as for an expiry the
// app knew, without a call to Antom.
func TestCaptureRefusedAuthExpiredClosesTheOrder(t *testing.T) {
	ta, f := newFakeAntomApp(t)
	antomSaid := "the authorization expired at 2026-12-01T08:00:00+08:00"
	f.answer = map[string]string{"capture": `{"result":{"resultCode":"AUTH_EXPIRED","resultStatus":"F","resultMessage":"` + antomSaid + `"}}`}
	b := ta.client(t)
	b.staffSignIn()
	ref := ta.authorizedOrder(t, "auth-expired@example.com")

	voidTab := b.confirmation("/admin/orders/"+ref+"/void", nil) // shown before the capture
	p := b.confirm("/admin/orders/"+ref+"/capture", url.Values{"amount": {"37.00"}})
	if p.status != http.StatusSeeOther || !namesNotice(p.location, "/admin/orders/"+ref) {
		t.Fatalf("capture answered %d %q:\n%s", p.status, p.location, p.body)
	}
	assertEqual(t, ta.order(t, ref).Status, db.OrderExpired, "the order's status")
	page := b.get(p.location)
	assertContains(t, page.body, "Antom refused the capture (AUTH_EXPIRED: the authorization expired at 1\u00a0Dec\u00a02026 00:00:00\u00a0UTC).",
		"The authorization expired before it was captured: nothing was charged, and it can no longer be captured or voided.",
		`data-status="expired">authorization expired<`, "nothing (the authorization expired)")
	assertNoOpenCaptureFailure(t, b, page.body, `data-testid="capture-failed"`, "still open", "The money was not taken", `data-testid="capture-form"`,
		"0001-01-01", " 0001 ", // the zero time, not a paymentId's digits
		"2026-12-01T08:00:00+08:00") // Antom's time as it came

	p = b.post("/admin/orders/"+ref+"/void", voidTab)
	page = b.get(noticed(t, p, "/admin/orders/"+ref))
	assertContains(t, page.body, "The authorization expired before it was captured")
	if strings.Contains(page.body, "Authorization voided.") {
		t.Fatalf("a void of an expired authorization was said done:\n%s", page.body)
	}
	assertEqual(t, f.count("cancel"), 0, "voids sent")
	assertEqual(t, f.count("capture"), 1, "captures sent")
	assertEqual(t, ta.order(t, ref).Status, db.OrderExpired, "the order's status after the void")
}
