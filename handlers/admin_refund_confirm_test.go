package handlers

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// The page that asks to confirm a refund lists the refunds the order
// already has, as they are now — one a colleague made since the order's
// page was shown included, with who and how it stands — and what may
// still be refunded, so that two refunds for one complaint are not made
// by accident. An order with none says so, and what may be refunded.
func TestRefundConfirmationNamesRefundsMadeMeanwhile(t *testing.T) {
	ta, _ := newFakeAntomApp(t)
	ref, _ := ta.paidOrder(t, "confirm-refunds@example.com")
	b := ta.client(t)
	b.staffSignIn()

	ask := func(amount, key string) string {
		p := b.post("/admin/orders/"+ref+"/refunds", url.Values{"amount": {amount}, "key": {key}})
		assertEqual(t, p.status, http.StatusOK, "the confirmation")
		return p.body
	}
	first := strings.Join(strings.Fields(html(t, ask("12.00", "KEYMINE")).Find("main").Text()), " ")
	for _, want := range []string{"Refunded beforenothing", "Refundable now$37.00"} {
		if !strings.Contains(first, want) {
			t.Fatalf("the first confirmation does not say %q:\n%s", want, first)
		}
	}
	colleague := b.post("/admin/orders/"+ref+"/refunds", url.Values{"amount": {"10.00"}, "key": {"KEYCOLLEAGUE"}, "confirm": {"yes"}})
	assertEqual(t, colleague.status, http.StatusSeeOther, "the colleague's refund")

	d := html(t, ask("12.00", "KEYMINE"))
	text := strings.Join(strings.Fields(d.Find("main").Text()), " ")
	for _, want := range []string{"Refunded before", "$10.00 by " + staffEmail, "(being made)", "Refundable now$27.00"} {
		if !strings.Contains(text, want) {
			t.Fatalf("the confirmation does not say %q:\n%s", want, text)
		}
	}
}
