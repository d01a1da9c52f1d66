package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"antom-checkout/db"
)

// A refund's notice says where it stands when the page shows it: Antom
// may settle the refund between the form's answer (still processing:
// "Antom has not confirmed …") and the order page that shows the notice
// — made, the page says it was refunded (a form sent again: "already
// submitted. Refunded …"), not that Antom has not confirmed it beside the
// refund's row saying it succeeded; failed, no news of it under way (the
// order's alarm says it failed).
func TestAdminRefundNoticeSaysWhereTheRefundStandsNow(t *testing.T) {
	for _, c := range []struct {
		name, settle string
		repeat       bool
		want         string // the flash, "" for none
	}{
		{"made", db.RefundSuccess, false, "ok: Refunded $5.00."},
		{"made, the form sent again", db.RefundSuccess, true, "ok: This refund form was already submitted. Refunded $5.00."},
		{"failed", db.RefundFail, false, ""},
		{"still processing", "", false, "pending: Antom has not confirmed the refund of $5.00 yet; we keep asking."},
	} {
		t.Run(c.name, func(t *testing.T) {
			ta := newAdminApp(t)
			ref, _ := ta.paidOrder(t, "notice-now@example.com")
			b := ta.client(t)
			b.staffSignIn()
			key := refundFormKey(t, b.get("/admin/orders/"+ref).body)
			form := b.confirmation("/admin/orders/"+ref+"/refunds", url.Values{"amount": {"5"}, "key": {key}})
			sent := b.post("/admin/orders/"+ref+"/refunds", form)
			if c.repeat {
				sent = b.post("/admin/orders/"+ref+"/refunds", form)
			}
			// Antom cannot be reached here: the refund is processing, and
			// its notice left for the order page says so.
			if sent.status != http.StatusSeeOther {
				t.Fatalf("refund: %d", sent.status)
			}
			if c.settle != "" {
				var id int64
				if err := ta.DB.SQL().QueryRowContext(context.Background(), "SELECT id FROM refunds").Scan(&id); err != nil {
					t.Fatal(err)
				}
				if ok, err := ta.DB.SettleRefund(context.Background(), id, db.RefundProcessing, "", c.settle, c.settle, "REFUND-1", db.SourceAntom, ta.now, ta.now); err != nil || !ok {
					t.Fatalf("settle: %v %v", ok, err)
				}
			}
			var flash []string
			for _, n := range pageNotices(t, b, noticed(t, sent, "/admin/orders/"+ref)) {
				if strings.HasPrefix(n, "ok: ") || strings.HasPrefix(n, "pending: ") {
					flash = append(flash, n)
				}
			}
			if got := strings.Join(flash, " | "); got != c.want {
				t.Errorf("the order page's news: %q, want %q", got, c.want)
			}
		})
	}
}
