package handlers

import (
	"net/http"
	"net/url"
	"testing"
)

// The page that asks to confirm a refund while a failed refund is still
// owed to the buyer says what the new refund settles of it, by the
// books' rule (a refund made after refunds failed makes them good, as
// far as it goes): all of it, or part and what stays owed. Without a
// failed refund owed it says nothing of the kind.
func TestRefundConfirmationSaysWhatItSettles(t *testing.T) {
	ta, f := newFakeAntomApp(t)
	ref, _ := ta.paidOrder(t, "confirm-settles@example.com") // $37.00
	b := ta.client(t)
	b.staffSignIn()
	settles := func(amount string) string {
		t.Helper()
		p := b.ask("/admin/orders/"+ref+"/refunds", url.Values{"amount": {amount}, "key": {"KEYMINE"}})
		assertEqual(t, p.status, http.StatusOK, "the confirmation")
		d := html(t, p.body)
		if testid(d, "confirm-settles").Length() == 0 {
			return ""
		}
		return textOf(t, d, "confirm-settles")
	}
	assertEqual(t, settles("12.00"), "", "no refund failed")

	f.mu.Lock()
	f.answer = map[string]string{"refund": `{"result":{"resultCode":"REFUND_AMOUNT_EXCEED","resultStatus":"F","resultMessage":"refund amount exceed"}}`}
	f.mu.Unlock()
	failed := b.confirm("/admin/orders/"+ref+"/refunds", url.Values{"amount": {"5.00"}, "key": {"KEYFAILS"}})
	assertEqual(t, failed.status, http.StatusSeeOther, "the refund that fails")
	f.mu.Lock()
	f.answer = nil
	f.mu.Unlock()

	assertEqual(t, settles("32.00"), "This refund includes the $5.00 still owed to the buyer from the refund that failed: "+
		"once this refund is made, that failed refund is settled (should this refund fail, the $5.00 is owed again).", "a refund of more than is owed")
	assertEqual(t, settles("5.00"), "This refund includes the $5.00 still owed to the buyer from the refund that failed: "+
		"once this refund is made, that failed refund is settled (should this refund fail, the $5.00 is owed again).", "a refund of what is owed")
	assertEqual(t, settles("2.00"), "This refund makes good $2.00 of the $5.00 still owed to the buyer from the refund that failed; "+
		"the other $3.00 stays owed.", "a refund of less than is owed")

	good := b.confirm("/admin/orders/"+ref+"/refunds", url.Values{"amount": {"5.00"}, "key": {"KEYMAKESGOOD"}})
	assertEqual(t, good.status, http.StatusSeeOther, "the refund that makes it good")
	assertEqual(t, settles("2.00"), "", "the failed refund made good: nothing owed")
}

// Two failed refunds owed: the confirmation speaks of both, oldest made
// good first.
func TestRefundConfirmationSettlesSeveral(t *testing.T) {
	ta, f := newFakeAntomApp(t)
	ref, _ := ta.paidOrder(t, "confirm-settles-two@example.com") // $37.00
	b := ta.client(t)
	b.staffSignIn()
	f.mu.Lock()
	f.answer = map[string]string{"refund": `{"result":{"resultCode":"REFUND_AMOUNT_EXCEED","resultStatus":"F","resultMessage":"refund amount exceed"}}`}
	f.mu.Unlock()
	for _, key := range []string{"KEYFAILS1", "KEYFAILS2"} {
		failed := b.confirm("/admin/orders/"+ref+"/refunds", url.Values{"amount": {"5.00"}, "key": {key}})
		assertEqual(t, failed.status, http.StatusSeeOther, "the refund that fails")
	}
	p := b.ask("/admin/orders/"+ref+"/refunds", url.Values{"amount": {"7.00"}, "key": {"KEYMINE"}})
	assertEqual(t, p.status, http.StatusOK, "the confirmation")
	assertEqual(t, textOf(t, html(t, p.body), "confirm-settles"), "This refund makes good $7.00 of the $10.00 still owed to the buyer from the refunds that failed; "+
		"the other $3.00 stays owed.", "two failures, part made good")
}
