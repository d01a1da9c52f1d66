package handlers

import (
	"fmt"
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

// The notice after a refund is sent says which failed refunds it settled
// and how much, as its confirmation said it would: each failed refund
// named by its refundRequestId — all of what was owed, part of it and
// what stays owed, several failures each with its part, and, for a
// refund Antom has not confirmed yet, what it settles once made. A
// refund that settles no failure says only that it was made.
func TestRefundNoticeSaysWhatItSettled(t *testing.T) {
	const exceed = `{"result":{"resultCode":"REFUND_AMOUNT_EXCEED","resultStatus":"F","resultMessage":"refund amount exceed"}}`
	const unknown = `{"result":{"resultCode":"UNKNOWN_EXCEPTION","resultStatus":"U","resultMessage":"unknown"}}`
	// S with a refundTime: made at once ("": S without one, still
	// processing).
	const madeNow = `{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"},"refundId":"RFDID-MADE","refundTime":"2026-12-01T08:00:00+08:00"}`
	for _, c := range []struct {
		name   string
		fails  []string // amounts of failed refunds first
		amount string
		answer string // the refund's answer
		want   func(ref string) string
	}{
		{"nothing owed", nil, "5.00", madeNow, func(string) string { return "Refunded $5.00." }},
		{"all of it", []string{"5.00"}, "6.00", madeNow, func(ref string) string {
			return "Refunded $6.00. It settles the $5.00 still owed to the buyer from the failed refund RF-" + ref + "-KEYFAILS0."
		}},
		{"part of it", []string{"5.00"}, "2.00", madeNow, func(ref string) string {
			return "Refunded $2.00. It makes good $2.00 of the $5.00 still owed to the buyer from the failed refund RF-" + ref + "-KEYFAILS0; the other $3.00 stays owed."
		}},
		{"several", []string{"5.00", "5.00"}, "7.00", madeNow, func(ref string) string {
			return "Refunded $7.00. It makes good $7.00 of the $10.00 still owed to the buyer from the failed refunds RF-" + ref + "-KEYFAILS0 ($5.00) and RF-" + ref +
				"-KEYFAILS1 ($2.00); the other $3.00 stays owed."
		}},
		{"the first of several", []string{"5.00", "5.00"}, "3.00", madeNow, func(ref string) string {
			return "Refunded $3.00. It makes good $3.00 of the $10.00 still owed to the buyer from failed refunds: RF-" + ref + "-KEYFAILS0 ($3.00); the other $7.00 stays owed."
		}},
		{"still processing", []string{"5.00"}, "5.00", "", func(ref string) string {
			return "Refund of $5.00 sent; Antom is still processing it. Once Antom makes it, it settles the $5.00 still owed to the buyer from the failed refund RF-" +
				ref + "-KEYFAILS0 (should it fail, the $5.00 is owed again)."
		}},
		{"not confirmed yet", []string{"5.00"}, "5.00", unknown, func(ref string) string {
			return "Antom has not confirmed the refund of $5.00 yet; we keep asking. Once Antom makes it, it settles the $5.00 still owed to the buyer from the failed refund RF-" +
				ref + "-KEYFAILS0 (should it fail, the $5.00 is owed again)."
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			ta, f := newFakeAntomApp(t)
			ref, _ := ta.paidOrder(t, "notice-settles@example.com") // $37.00
			b := ta.client(t)
			b.staffSignIn()
			answer := func(body string) {
				f.mu.Lock()
				defer f.mu.Unlock()
				f.answer = nil
				if body != "" {
					f.answer = map[string]string{"refund": body, "inquiryRefund": body}
				}
			}
			answer(exceed)
			for i, amount := range c.fails {
				failed := b.confirm("/admin/orders/"+ref+"/refunds", url.Values{"amount": {amount}, "key": {fmt.Sprintf("KEYFAILS%d", i)}})
				assertEqual(t, failed.status, http.StatusSeeOther, "the refund that fails")
			}
			answer(c.answer)
			path := "/admin/orders/" + ref + "/refunds"
			asked := b.post(path, url.Values{"amount": {c.amount}, "key": {"KEYMINE"}})
			confirmation := confirmationOf(t, asked.location, path)
			yes := confirmForm(t, b.get(confirmation).body)
			made := b.post(path, yes)
			assertEqual(t, made.status, http.StatusSeeOther, "the refund")
			_, words, data := flashOf(t, b, made.location)
			assertEqual(t, words, c.want(ref), "the notice")
			if c.answer != madeNow { // the words the page says once Antom makes it
				assertEqual(t, data["refund-done"], "Refunded $5.00. It settles the $5.00 still owed to the buyer from the failed refund RF-"+ref+"-KEYFAILS0.", "the notice once made")
			}
			// The same form sent again (Reload, or Chromium resending the
			// POST after an instance died), or its confirmation opened
			// again: nothing new, and the same sentence of what the
			// refund settles as the first answer had.
			sent := f.count("refund")
			for _, again := range []page{b.post(path, yes), b.get(confirmation)} {
				_, words, _ := flashOf(t, b, noticed(t, again, "/admin/orders/"+ref))
				assertEqual(t, words, refundFormRepeated+" "+c.want(ref), "the notice of the form sent again")
			}
			assertEqual(t, f.count("refund"), sent, "refunds sent to Antom")
		})
	}
}
