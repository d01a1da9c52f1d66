package handlers

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"antom-checkout/checkout"
)

// A refund whose outcome Antom has not confirmed (here: no answer at
// all, as after U) is never said as sent: staff get a neutral notice
// that Antom has not confirmed it yet, not a green "sent".
func TestUnconfirmedRefundIsNotSaidSent(t *testing.T) {
	ta := newAdminApp(t)
	ref, _ := ta.paidOrder(t, "unconfirmed-refund@example.com")
	b := ta.client(t)
	b.staffSignIn()

	key := refundFormKey(t, b.get("/admin/orders/"+ref).body)
	p := b.post("/admin/orders/"+ref+"/refunds", url.Values{"amount": {"4.00"}, "key": {key}, "confirm": {"yes"}})
	if p.status != http.StatusSeeOther || p.location != "/admin/orders/"+ref {
		t.Fatalf("refund answered %d %q:\n%s", p.status, p.location, p.body)
	}
	page := b.get("/admin/orders/" + ref)
	assertContains(t, page.body, `data-tone="pending"`,
		"Antom has not confirmed the refund of $4.00 yet; we keep asking. The order shows the outcome.",
		`data-testid="refund-status" data-status="PROCESSING"`)
	for _, wrong := range []string{`data-tone="ok"`, "notice-ok", "Refund of $4.00 sent", "still processing it"} {
		if strings.Contains(page.body, wrong) {
			t.Fatalf("an unconfirmed refund's page says %q:\n%s", wrong, page.body)
		}
	}
}

// A refund Antom accepted (S, with its refundId) and is still processing
// is said sent; one it has not answered (no refundId) is not; done and
// failed ones say so.
func TestRefundNoticeWords(t *testing.T) {
	four := checkout.Money{Currency: "USD", Minor: 400}
	for _, tt := range []struct {
		name        string
		r           checkout.RefundInfo
		want        string
		unconfirmed bool
	}{
		{"accepted", checkout.RefundInfo{Amount: four, Status: checkout.RefundProcessing, RefundID: "RFD-1"},
			"Refund of $4.00 sent; Antom is still processing it.", false},
		{"not answered", checkout.RefundInfo{Amount: four, Status: checkout.RefundProcessing},
			"Antom has not confirmed the refund of $4.00 yet; we keep asking. The order shows the outcome.", true},
		{"done", checkout.RefundInfo{Amount: four, Status: checkout.RefundSuccess, RefundID: "RFD-1"}, "Refunded $4.00.", false},
		{"failed", checkout.RefundInfo{Amount: four, Status: checkout.RefundFail, Words: "Antom has no record of it: the refund was never created."},
			"The refund of $4.00 failed. Antom has no record of it: the refund was never created.", false},
	} {
		assertEqual(t, refundNotice(tt.r, false), tt.want, tt.name)
		assertEqual(t, tt.r.Unconfirmed(), tt.unconfirmed, tt.name+": unconfirmed")
	}
}
