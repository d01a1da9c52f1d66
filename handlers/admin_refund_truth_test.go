package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"antom-checkout/checkout"
	"antom-checkout/db"
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
	p := b.confirm("/admin/orders/"+ref+"/refunds", url.Values{"amount": {"4.00"}, "key": {key}})
	if p.status != http.StatusSeeOther || !namesNotice(p.location, "/admin/orders/"+ref) {
		t.Fatalf("refund answered %d %q:\n%s", p.status, p.location, p.body)
	}
	page := b.get(p.location)
	assertContains(t, page.body, `data-tone="pending"`,
		"Antom has not confirmed the refund of $4.00 yet; we keep asking.",
		`data-testid="refund-status" data-status="PROCESSING"`)
	assertLiveClaimsHideable(t, page.body)
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
			"Antom has not confirmed the refund of $4.00 yet; we keep asking.", true},
		{"done", checkout.RefundInfo{Amount: four, Status: checkout.RefundSuccess, RefundID: "RFD-1"}, "Refunded $4.00.", false},
		{"failed", checkout.RefundInfo{Amount: four, Status: checkout.RefundFail, Words: "Antom has no record of the payment it refunds: the refund was never created."},
			"The refund of $4.00 failed. Antom has no record of the payment it refunds: the refund was never created.", false},
	} {
		assertEqual(t, refundNotice(tt.r, false), tt.want, tt.name)
		assertEqual(t, tt.r.Unconfirmed(), tt.unconfirmed, tt.name+": unconfirmed")
		// The same form submitted again says so first: submitted, not
		// "sent", which only the words after it say, and only when true.
		// A failure is not told again: the order's alarm says it, with why.
		again := tt.want
		if tt.r.Status == checkout.RefundFail {
			again = "Nothing was sent again: that refund failed, as the order says below."
		}
		assertEqual(t, refundNotice(tt.r, true), "This refund form was already submitted. "+again, tt.name+", submitted again")
		other := tt.r
		other.AskedAgain = checkout.Money{Currency: "USD", Minor: 750}
		assertEqual(t, refundNotice(other, true), "This refund form was already submitted for a refund of $4.00; this time it asked for $7.50, "+
			"which was not sent: one form makes one refund. Reload the order to enter a new refund. "+again, tt.name+", submitted again for another amount")
	}
}

// A refund form submitted a second time makes no second refund, and its
// notice says truthfully what became of the refund it made, in the tone
// of that outcome: done, failed, accepted and still processing, or not
// confirmed by Antom (no answer) — never "sent" for that last one.
func TestRefundFormSubmittedTwiceSaysWhatBecameOfIt(t *testing.T) {
	ta := newAdminApp(t)
	ctx := context.Background()
	for _, tt := range []struct {
		name   string
		settle func(t *testing.T, id int64)
		notice string // data-testid of the notice: flash or problem
		tone   string // the flash's data-tone ("" for a problem)
		want   string
	}{
		{"unconfirmed", func(*testing.T, int64) {}, "flash", "pending",
			"This refund form was already submitted. Antom has not confirmed the refund of $4.00 yet; we keep asking."},
		{"accepted", func(t *testing.T, id int64) {
			if err := ta.DB.SetRefundID(ctx, id, "REFUND-ACCEPTED", ta.now); err != nil {
				t.Fatal(err)
			}
		}, "flash", "ok", "This refund form was already submitted. Refund of $4.00 sent; Antom is still processing it."},
		{"done", func(t *testing.T, id int64) {
			if ok, err := ta.DB.SettleRefund(ctx, id, db.RefundProcessing, "", db.RefundSuccess, "SUCCESS", "REFUND-DONE", db.SourceAntom, ta.now, ta.now); err != nil || !ok {
				t.Fatalf("settle: %v %v", ok, err)
			}
		}, "flash", "ok", "This refund form was already submitted. Refunded $4.00."},
		{"failed", func(t *testing.T, id int64) {
			if ok, err := ta.DB.SettleRefund(ctx, id, db.RefundProcessing, "", db.RefundFail, "REFUND_WINDOW_EXCEED", "", db.SourceAntom, time.Time{}, ta.now); err != nil || !ok {
				t.Fatalf("settle: %v %v", ok, err)
			}
		}, "note", "note", "This refund form was already submitted. Nothing was sent again: that refund failed, as the order says below."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ref, _ := ta.paidOrder(t, tt.name+"-twice@example.com")
			b := ta.client(t)
			b.staffSignIn()
			form := b.confirmation("/admin/orders/"+ref+"/refunds", url.Values{"amount": {"4.00"}, "key": {refundFormKey(t, b.get("/admin/orders/"+ref).body)}})
			b.get(noticed(t, b.post("/admin/orders/"+ref+"/refunds", form), "/admin/orders/"+ref)) // shows the first submit's notice
			refunds, err := ta.DB.OrderRefunds(ctx, ta.order(t, ref).ID)
			if err != nil || len(refunds) != 1 {
				t.Fatalf("refunds after the first submit: %d %v", len(refunds), err)
			}
			tt.settle(t, refunds[0].ID)

			second := noticed(t, b.post("/admin/orders/"+ref+"/refunds", form), "/admin/orders/"+ref)
			if again, err := ta.DB.OrderRefunds(ctx, ta.order(t, ref).ID); err != nil || len(again) != 1 {
				t.Fatalf("refunds after the second submit: %d %v", len(again), err)
			}
			d := html(t, b.get(second).body)
			assertEqual(t, textOf(t, d, tt.notice), tt.want, "notice")
			if tt.tone != "" {
				tone, _ := testid(d, tt.notice).Attr("data-tone")
				assertEqual(t, tone, tt.tone, "tone")
			}
			if other := map[string]string{"flash": "problem", "problem": "flash", "note": "problem"}[tt.notice]; testid(d, other).Length() != 0 {
				t.Fatalf("a %s beside the %s: %q", other, tt.notice, testid(d, other).Text())
			}
		})
	}
}
