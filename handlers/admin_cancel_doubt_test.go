package handlers

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"antom-checkout/db"
)

// While a cancel of ours may still reverse a card payment that went
// through (the buyer chose to pay another way), staff's order page says
// so beside its badge and offers no capture, void or refund — the cancel,
// if it took effect, releases the hold or gives the money back by itself;
// once the payment stands, the forms are back.
func TestStaffOrderPageWaitsForACancelInDoubt(t *testing.T) {
	ta := newAdminApp(t)
	guest := ta.client(t)
	staff := ta.client(t)
	staff.staffSignIn()
	ctx := context.Background()
	for _, c := range []struct{ mode, badge, effect, waits, form, waitsHere string }{
		{"MANUAL", "authorized — cancel being checked (not confirmed)", "it releases the authorization by itself", "Capture and void wait for it.", "capture-form", "capture-waits"},
		{"AUTOMATIC", "paid — cancel being checked (not confirmed)", "it gives the money back by itself", "Refunds wait for it.", "refund-form", "order-refundable"},
	} {
		ref := guest.buy("mug", "1")
		id := ta.paidWhileCancelling(t, ref, c.mode, true)
		d := html(t, staff.get("/admin/orders/"+ref).body)
		assertEqual(t, textOf(t, d, "order-status"), c.badge, c.mode+": badge")
		note := textOf(t, d, "cancel-doubt")
		if !strings.Contains(note, "the buyer chose to pay another way") || !strings.Contains(note, c.effect) || !strings.Contains(note, c.waits) {
			t.Fatalf("%s: the note says %q", c.mode, note)
		}
		if where := textOf(t, d, c.waitsHere); !strings.Contains(where, "the cancel above") {
			t.Fatalf("%s: where the action would be, the page says %q", c.mode, where)
		}
		buyers := html(t, guest.get("/orders/"+ref).body)
		assertEqual(t, textOf(t, buyers, "result-status"), "Cancellation being checked", c.mode+": the buyer's badge, as My orders says")
		assertEqual(t, testid(d, c.form).Length(), 0, c.mode+": the form while in doubt")
		list := html(t, staff.get("/admin/orders").body)
		assertEqual(t, strings.TrimSpace(testid(list, "order-status").First().Text()), c.badge, c.mode+": the list's badge (newest first)")

		// A capture sent anyway (a tab opened before, a second staff
		// member): nothing sent, and the refusal reads as news that waits
		// on Antom — neutral, dropped by the live page once the order
		// changes — not as bad news that stays beside the form once back.
		// (Refunds are refused by the same rule, cancelInDoubtRefusal.)
		if c.mode == "MANUAL" {
			sent := staff.post("/admin/orders/"+ref+"/capture", shownBefore(t, ta, staff, "/admin/orders/"+ref+"/capture", url.Values{"amount": {"1.00"}}))
			toOrder(t, []page{sent}, ref)
			refused := html(t, staff.get(sent.location).body)
			flash := testid(refused, "flash")
			tone, _ := flash.Attr("data-tone")
			if !strings.Contains(flash.Text(), "Not sent: your capture waits for a cancel of this payment") || tone != "pending" || testid(refused, "problem").Length() != 0 {
				t.Fatalf("the refusal reads %q (tone %q), problem %q", flash.Text(), tone, testid(refused, "problem").Text())
			}
			// Said once: the notice leaves to the page's note whose cancel
			// it is, what it does and that the app keeps asking.
			for _, again := range []string{c.effect, "the buyer chose to pay another way", "keeps asking"} {
				if strings.Contains(flash.Text(), again) {
					t.Errorf("the refusal says again what the page's note says (%q): %q", again, flash.Text())
				}
			}
		}

		if ok, err := ta.DB.EndCancelDoubt(ctx, id, db.CancelFail, ta.now); err != nil || !ok {
			t.Fatalf("%s: end the doubt: %v %v", c.mode, ok, err)
		}
		d = html(t, staff.get("/admin/orders/"+ref).body)
		assertEqual(t, testid(d, "cancel-doubt").Length(), 0, c.mode+": the note once the payment stands")
		assertEqual(t, testid(d, c.form).Length(), 1, c.mode+": the form once the payment stands")
	}
}
