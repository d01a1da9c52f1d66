package handlers

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"
)

// Staff free text that is shown or sent to Antom — a refund's reason, a
// refund lookup's id, as the "handled another way" note — is refused
// when it holds a format character (zero-width, text-direction override:
// "evil" would read "live"), a card number, or is not one line, with the field's error, on
// the form and on the confirmed post alike; nothing is stored or asked.
func TestStaffTextRefusesInvisibleAndBidiCharacters(t *testing.T) {
	ta := newAdminApp(t)
	ref, _ := ta.paidOrder(t, "payer@example.com")
	b := ta.client(t)
	b.staffSignIn()
	key := refundFormKey(t, b.get("/admin/orders/"+ref).body)
	events := ta.count(t, "SELECT COUNT(*) FROM events")
	for _, c := range []struct{ text, want string }{
		{"\u202elive", "Plain text only, please: the reason holds"},
		{"broken\u200bmug", "Plain text only, please: the reason holds"},
		{"\u2066broken\u2069", "Plain text only, please: the reason holds"},
		{"broken\nmug", "One line of text, please: its line breaks are spaces in the field now — check it and send again."},
		{"damaged mug, card 4111 1111 1111 1111", "No card numbers, please: the reason holds what reads as one"},
		{"Order 123\tdamaged in transit", "No tabs, please: the reason holds a tab (text pasted from a spreadsheet often does) — put a space in its place."},
	} {
		fields := url.Values{"amount": {"1.00"}, "reason": {c.text}, "key": {key}}
		for _, form := range []url.Values{fields, shownBefore(t, ta, b, "/admin/orders/"+ref+"/refunds", fields)} {
			p := b.post("/admin/orders/"+ref+"/refunds", form)
			assertEqual(t, p.status, http.StatusUnprocessableEntity, fmt.Sprintf("reason %+q (confirm=%s)", c.text, form.Get("confirm")))
			assertContains(t, p.body, `data-testid="reason-error"`, c.want)
		}
		p := b.lookup("RF-" + c.text)
		assertEqual(t, p.status, http.StatusUnprocessableEntity, fmt.Sprintf("lookup of %+q", c.text))
		assertContains(t, p.body, `data-testid="id-error"`)
	}
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM refunds"), 0, "refunds stored")
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM events"), events, "timeline lines")
	// Other scripts, accents and emoji still pass.
	p := b.ask("/admin/orders/"+ref+"/refunds", url.Values{"amount": {"1.00"}, "reason": {"tasse cassée — 破損 👍"}, "key": {key}})
	assertEqual(t, p.status, http.StatusOK, "a reason in other scripts asks to confirm")
}
