package handlers

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"antom-checkout/checkout"
	"antom-checkout/db"
	"antom-checkout/views"
)

// A staff refund that failed is an open problem until staff refund
// again: the dashboard counts it and links to the orders concerned, the
// list marks them, and the order page says so.
func TestAdminSeesFailedRefunds(t *testing.T) {
	ta := newAdminApp(t)
	ref, _ := ta.paidOrder(t, "payer@example.com")
	other, _ := ta.paidOrder(t, "other@example.com")
	a, err := ta.DB.SuccessfulAttempt(context.Background(), ta.order(t, ref).ID)
	if err != nil {
		t.Fatal(err)
	}
	b := ta.client(t)
	b.staffSignIn()
	failed := `<span class="count count-bad">1</span> <span>failed refund to make again or settle with the buyer another way`

	ta.refund(t, ref, a.ID, 100, db.RefundFail)
	p := b.get("/admin")
	assertEqual(t, p.status, http.StatusOK, "dashboard")
	assertContains(t, p.body, `<a href="/admin/orders?status=refund-failed" data-testid="problem-refunds-failed">`, failed)

	p = b.get("/admin/orders?status=refund-failed")
	assertEqual(t, p.status, http.StatusOK, "orders")
	assertContains(t, p.body, ref, `data-testid="refund-failed-badge"`, `<option value="refund-failed" selected>`)
	if strings.Contains(p.body, other) {
		t.Fatalf("the filter lists %s, which has no failed refund", other)
	}

	p = b.get("/admin/orders/" + ref)
	// (ta.refund fails it as the reconciler does: closed by us, not by Antom)
	assertContains(t, p.body, `data-testid="refund-failed"`, "A failed refund leaves $1.00 owed: as far as Antom has told us, the buyer has not got this money back.")

	// Refunding again settles the problem.
	ta.refund(t, ref, a.ID, 200, db.RefundProcessing)
	p = b.get("/admin")
	assertContains(t, p.body, `<span class="count">0</span> <span>failed refunds to make again`)
	p = b.get("/admin/orders/" + ref)
	if strings.Contains(p.body, `data-testid="refund-failed"`) {
		t.Fatal("the order page still reports a refund made again")
	}
}

// Staff may mark a failed refund handled another way (settled with the
// buyer outside Antom): the form asks how, a confirmation repeats it and
// changes nothing, then the problem is closed — the dashboard, the filter
// and the order page no longer count it — the timeline says who, when and
// how, and the buyer's page says the shop settled it with them another
// way instead of that it will sort it out. A note that is missing, a
// cross-site post, or a refund that is no longer open changes nothing.
func TestAdminMarksAFailedRefundHandledAnotherWay(t *testing.T) {
	ta := newAdminApp(t)
	buyer := ta.client(t)
	buyer.signUp("payer@example.com")
	ref := buyer.buy("coffee", "2")
	attempt := ta.openAttempt(t, ref, ta.insertWallet(t, ta.buyerID(t, "payer@example.com"), "0917****pay"))
	ta.settle(t, ref, attempt, db.AttemptSuccess, "SUCCESS", "PAY-"+ref)
	ta.refund(t, ref, attempt, 700, db.RefundFail)
	ta.lookedAbsent(t, ref, 700) // closed by us: handled another way only after a lookup
	assertContains(t, buyer.get("/orders/"+ref).body, `data-testid="refund-failed"`)
	failed, err := ta.DB.RefundByRequestID(context.Background(), "RF-"+ref+"-700")
	if err != nil {
		t.Fatal(err)
	}
	handled := func() string {
		t.Helper()
		r, err := ta.DB.RefundByID(context.Background(), failed.ID)
		if err != nil {
			t.Fatal(err)
		}
		return r.HandledBy
	}
	action := fmt.Sprintf("/admin/orders/%s/refunds/%d/handled", ref, failed.ID)
	b := ta.client(t)
	b.staffSignIn()
	p := b.get("/admin/orders/" + ref)
	assertContains(t, p.body, `action="`+action+`"`, `data-testid="handled-note"`, "Mark handled another way")

	// No note: the form again with its error, nothing marked.
	p = b.post(action, url.Values{"note": {"  "}})
	assertEqual(t, p.status, http.StatusUnprocessableEntity, "no note")
	assertContains(t, p.body, `data-testid="handled-error"`, "Say how it was settled with the buyer")
	// A cross-site post is refused before anything runs.
	req, err := http.NewRequest(http.MethodPost, b.base+action, strings.NewReader("note=x&confirm=yes"))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err := b.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	assertEqual(t, resp.StatusCode, http.StatusForbidden, "cross-site post")
	// The confirmation repeats what was typed and marks nothing.
	p = b.ask(action, url.Values{"note": {"bank transfer on 3 Dec, ref 42"}})
	assertEqual(t, p.status, http.StatusOK, "confirmation")
	assertContains(t, p.body, `data-testid="confirm"`, "Mark the failed refund of $7.00 on order "+confirmRef(ref, "")+" handled another way?",
		"bank transfer on 3 Dec, ref 42", `name="confirm" value="yes"`,
		`name="owed" value="700"`, // what it marks, held to if a refund made since changes it
		// Closed as failed by us, not by Antom: Antom may yet do it, though
		// a lookup found none. The lookup is a link, prefilled with this
		// refund.
		"a Refund lookup by staff on "+views.AdminTime(nil, ta.now)+" found no such refund at Antom. Should Antom report it done after all, the buyer would get this money twice.",
		`<a href="/admin/refunds/lookup?id=RF-`+ref+`-700" data-testid="confirm-caution-link">Refund lookup of RF-`+ref+`-700</a>`)
	lookup := b.get("/admin/refunds/lookup?id=RF-" + ref + "-700")
	assertEqual(t, lookup.status, http.StatusOK, "the lookup, prefilled")
	assertContains(t, lookup.body, `value="RF-`+ref+`-700"`, `data-testid="lookup-form"`)
	assertEqual(t, handled(), "", "handled before the confirmation")

	p = b.confirm(action, url.Values{"note": {"bank transfer on 3 Dec, ref 42"}})
	assertEqual(t, p.status, http.StatusSeeOther, "confirmed")
	assertEqual(t, handled(), staffEmail, "handled by")
	p = b.get("/admin/orders/" + ref)
	assertContains(t, p.body, `data-testid="refund-handled">$7.00 handled another way by `+wholeEmailThen(staffEmail, ","),
		"failed refund RF-"+ref+"-700 of $7.00 handled another way: bank transfer on 3 Dec, ref 42", "by "+wholeEmail(staffEmail))
	if strings.Contains(p.body, `data-testid="refund-failed"`) || strings.Contains(p.body, `data-testid="handled-form"`) {
		t.Fatal("the order page still reports the failed refund as open")
	}
	assertContains(t, b.get("/admin").body, `<span class="count">0</span> <span>failed refunds to make again`)
	if strings.Contains(b.get("/admin/orders?status=refund-failed").body, ref) {
		t.Fatal("the filter still lists the order")
	}
	// Again: refused, said once, nothing changed.
	b.refusedAt("/admin/orders/"+ref, action, shownBefore(t, ta, b, action, url.Values{"note": {"again"}}), "already marked handled another way, by "+staffEmail)
	// Another order's path, or an unknown refund: not found.
	other, _ := ta.paidOrder(t, "other@example.com")
	assertEqual(t, b.post(fmt.Sprintf("/admin/orders/%s/refunds/%d/handled", other, failed.ID), url.Values{"note": {"x"}}).status, http.StatusNotFound, "another order's refund")
	assertEqual(t, b.post("/admin/orders/"+ref+"/refunds/abc/handled", url.Values{"note": {"x"}}).status, http.StatusNotFound, "not an id")

	// The buyer's page is honest: not "will sort it out", but settled
	// another way, with the amount.
	d := html(t, buyer.get("/orders/"+ref).body)
	if testid(d, "refund-failed").Length() != 0 {
		t.Fatal("the buyer still reads that the shop will sort it out")
	}
	notice := "A refund of $7.00 could not be made through your payment. The shop says it has settled this with you another way; if this money has not reached you, contact the shop."
	assertEqual(t, textOf(t, d, "refund-handled"), notice, "buyer's notice")

	// The $7.00 settled another way is not refundable again: the form
	// offers the rest, and more is refused, nothing stored.
	left := ta.order(t, ref).Amount - 700
	dollars := func(minor int64) string { return fmt.Sprintf("$%d.%02d", minor/100, minor%100) }
	p = b.get("/admin/orders/" + ref)
	// The summary says where the $7.00 went: Total = Refunded + Settled
	// another way + Refundable.
	assertContains(t, p.body, `data-testid="order-refundable">`+dollars(left)+`<`, "Up to "+dollars(left)+".",
		`<dt>Settled another way</dt>`, `data-testid="order-settled">$7.00<`)
	key := refundFormKey(t, p.body)
	refunds := ta.count(t, "SELECT COUNT(*) FROM refunds")
	over := b.post("/admin/orders/"+ref+"/refunds", shownBefore(t, ta, b, "/admin/orders/"+ref+"/refunds",
		url.Values{"amount": {fmt.Sprintf("%d.%02d", (left+1)/100, (left+1)%100)}, "key": {key}})) // a page shown before the settlement
	assertEqual(t, over.status, http.StatusUnprocessableEntity, "a refund of the money settled another way")
	assertContains(t, over.body, "At most "+dollars(left)+" can be refunded. ($7.00 of this payment was settled with the buyer another way after a refund failed: see its refunds.)")
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM refunds"), refunds, "refunds stored")
	// A later refund through the payment does not undo the settlement:
	// the buyer still reads it, staff still see who handled it.
	ta.refund(t, ref, attempt, 100, db.RefundSuccess)
	assertEqual(t, textOf(t, html(t, buyer.get("/orders/"+ref).body), "refund-handled"), notice, "buyer's notice after a later refund")
	assertContains(t, b.get("/admin/orders/"+ref).body, `data-testid="refund-handled">$7.00 handled another way by `+wholeEmailThen(staffEmail, ","))
}

// A smaller refund made after a failed one leaves the rest owed: still
// an open problem, for the rest, until refunds make all of it good.
func TestAdminSmallerRefundLeavesAFailedRefundOpen(t *testing.T) {
	ta := newAdminApp(t)
	ref, _ := ta.paidOrder(t, "payer@example.com")
	a, err := ta.DB.SuccessfulAttempt(context.Background(), ta.order(t, ref).ID)
	if err != nil {
		t.Fatal(err)
	}
	b := ta.client(t)
	b.staffSignIn()
	ta.refund(t, ref, a.ID, 400, db.RefundFail)
	ta.refund(t, ref, a.ID, 100, db.RefundSuccess)
	assertContains(t, b.get("/admin").body, `<span class="count count-bad">1</span> <span>failed refund to make again`)
	assertContains(t, b.get("/admin/orders?status=refund-failed").body, ref)
	assertContains(t, b.get("/admin/orders/"+ref).body, `data-testid="refund-failed"`, "A failed refund leaves $3.00 owed")
	ta.refund(t, ref, a.ID, 300, db.RefundSuccess)
	assertContains(t, b.get("/admin").body, `<span class="count">0</span> <span>failed refunds to make again`)
	if strings.Contains(b.get("/admin/orders/"+ref).body, `data-testid="refund-failed"`) {
		t.Fatal("the order page still reports a failed refund made good in full")
	}
}

// Refunds made after failures make good the oldest unmet failure first,
// never a later one: only the failures not made good are open — on the
// dashboard, in the filter, on the order page — and only those can be
// marked handled another way; one made good in part owes, and says, the
// rest.
func TestAdminOnlyFailuresNotMadeGoodAreOpen(t *testing.T) {
	ta := newAdminApp(t)
	ref, _ := ta.paidOrder(t, "payer@example.com")
	a, err := ta.DB.SuccessfulAttempt(context.Background(), ta.order(t, ref).ID)
	if err != nil {
		t.Fatal(err)
	}
	refundID := func(amount int64) int64 {
		t.Helper()
		r, err := ta.DB.RefundByRequestID(context.Background(), "RF-"+ref+"-"+itoa(amount))
		if err != nil {
			t.Fatal(err)
		}
		return r.ID
	}
	action := func(id int64) string { return fmt.Sprintf("/admin/orders/%s/refunds/%d/handled", ref, id) }
	b := ta.client(t)
	b.staffSignIn()
	// Failed $4.00, refunds of $4.00 in all make it good, failed $3.00.
	ta.refund(t, ref, a.ID, 400, db.RefundFail)
	ta.refund(t, ref, a.ID, 150, db.RefundSuccess)
	ta.refund(t, ref, a.ID, 250, db.RefundSuccess)
	ta.refund(t, ref, a.ID, 300, db.RefundFail)
	ta.lookedAbsent(t, ref, 400, 300)
	first, second := refundID(400), refundID(300)
	assertContains(t, b.get("/admin").body, `<span class="count count-bad">1</span> <span>failed refund to make again`)
	assertContains(t, b.get("/admin/orders?status=refund-failed").body, ref)
	p := b.get("/admin/orders/" + ref)
	assertContains(t, p.body, "A failed refund leaves $3.00 owed", `action="`+action(second)+`"`)
	if n := strings.Count(p.body, `data-testid="handled-form"`); n != 1 || strings.Contains(p.body, `action="`+action(first)+`"`) {
		t.Fatalf("the order page offers %d handled forms (the made-good failure's among them: %v), want the open one only",
			n, strings.Contains(p.body, `action="`+action(first)+`"`))
	}
	fields := url.Values{"note": {"bank transfer"}}
	for _, form := range []url.Values{fields, shownBefore(t, ta, b, action(first), fields)} {
		b.refusedAt("/admin/orders/"+ref, action(first), form,
			"is made good by refunds of the payment made after it, which Antom has made: it is no longer open.")
	}
	r, err := ta.DB.RefundByID(context.Background(), first)
	if err != nil {
		t.Fatal(err)
	}
	assertEqual(t, r.HandledBy, "", "the made-good failure is not marked")

	// Another failure, then a smaller refund: the oldest unmet failure
	// is made good in part and owes the rest; the next owes all of it.
	ta.refund(t, ref, a.ID, 200, db.RefundFail)
	ta.lookedAbsent(t, ref, 200)
	ta.refund(t, ref, a.ID, 50, db.RefundSuccess)
	third := refundID(200)
	assertContains(t, b.get("/admin").body, `<span class="count count-bad">2</span> <span>failed refunds to make again`)
	p = b.get("/admin/orders/" + ref)
	assertContains(t, p.body, "Failed refunds leave $4.50 owed", `action="`+action(second)+`"`, `action="`+action(third)+`"`,
		"Settled the $2.50 still owed of the failed refund RF-"+ref+"-300 of $3.00 (a later refund made the rest good)",
		"Settled this $2.00 (RF-"+ref+"-200)")
	p = b.ask(action(second), url.Values{"note": {"bank transfer"}})
	assertEqual(t, p.status, http.StatusOK, "confirmation")
	assertContains(t, p.body, "Mark the $2.50 still owed of the failed refund of $3.00 on order "+confirmRef(ref, "")+" handled another way?")

	// Marked: what is settled is the $2.50 owed, not the refund's $3.00
	// (a trial found the $0.50 refunded through the payment counted
	// twice, and less left refundable than was).
	p = b.confirm(action(second), url.Values{"note": {"bank transfer"}})
	assertEqual(t, p.status, http.StatusSeeOther, "confirmed")
	o := ta.order(t, ref)
	refunded := int64(150 + 250 + 50)
	dollars := func(minor int64) string { return fmt.Sprintf("$%d.%02d", minor/100, minor%100) }
	p = b.get("/admin/orders/" + ref)
	assertContains(t, p.body, `data-testid="order-settled">$2.50<`, `data-testid="order-refunded">`+dollars(refunded)+`<`,
		`data-testid="order-refundable">`+dollars(o.Amount-refunded-250)+`<`, `data-testid="refund-handled">$2.50 handled another way by `)
}

// A "handled another way" note that shows nothing (invisible or blank
// characters only) or holds format characters (zero-width, text-direction
// overrides: category Cf) is refused with the form's error, on the
// confirmation step and on the confirmed post alike, and nothing is
// marked.
func TestAdminHandledNoteRefusesInvisibleAndBidiCharacters(t *testing.T) {
	ta := newAdminApp(t)
	ref, _ := ta.paidOrder(t, "payer@example.com")
	a, err := ta.DB.SuccessfulAttempt(context.Background(), ta.order(t, ref).ID)
	if err != nil {
		t.Fatal(err)
	}
	ta.refund(t, ref, a.ID, 300, db.RefundFail)
	ta.lookedAbsent(t, ref, 300)
	failed, err := ta.DB.RefundByRequestID(context.Background(), "RF-"+ref+"-300")
	if err != nil {
		t.Fatal(err)
	}
	action := fmt.Sprintf("/admin/orders/%s/refunds/%d/handled", ref, failed.ID)
	b := ta.client(t)
	b.staffSignIn()
	events := ta.count(t, "SELECT COUNT(*) FROM events")
	for _, c := range []struct{ note, want string }{
		{"\u200b", "Say how it was settled with the buyer"},
		{" \u200b\u200c\u2060 \ufeff ", "Say how it was settled with the buyer"},
		{"\u3164\u2800", "Say how it was settled with the buyer"},
		{"\u0301", "Say how it was settled with the buyer"},
		{"bank transfer \u202eref 24", "Plain text only, please"},
		{"\u2066cash\u2069", "Plain text only, please"},
		{"paid\u200bin cash", "Plain text only, please"},
		{"refunded to card 4111111111111111", "No card numbers, please: the note holds what reads as one"},
		{"cash\u2028card", "One line of text, please: its line breaks are spaces in the field now — check it and send again."},
	} {
		fields := url.Values{"note": {c.note}}
		for _, form := range []url.Values{fields, shownBefore(t, ta, b, action, fields)} {
			p := b.post(action, form)
			assertEqual(t, p.status, http.StatusUnprocessableEntity, fmt.Sprintf("note %+q (confirm=%s)", c.note, form.Get("confirm")))
			assertContains(t, p.body, `data-testid="handled-error"`, c.want)
		}
	}
	r, err := ta.DB.RefundByID(context.Background(), failed.ID)
	if err != nil {
		t.Fatal(err)
	}
	assertEqual(t, r.HandledBy, "", "marked by a refused note")
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM events"), events, "timeline lines")
	// Letters of any script, accents and emoji without joiners still pass.
	p := b.ask(action, url.Values{"note": {"virement bancaire réf. 42 — 払い戻し済み 👍"}})
	assertEqual(t, p.status, http.StatusOK, "a note in other scripts")
}

// A refund we closed as failed, settled another way (once a lookup found
// Antom had no such refund), that Antom then makes after all: the buyer
// got the money twice. The order page says so
// in red, the dashboard counts it, and the money settled still counts as
// taken (Refundable leaves out both).
func TestAdminRefundMadeAfterItWasSettledAnotherWay(t *testing.T) {
	ta := newAdminApp(t)
	ref, _ := ta.paidOrder(t, "twice@example.com")
	o := ta.order(t, ref)
	a, err := ta.DB.SuccessfulAttempt(context.Background(), o.ID)
	if err != nil {
		t.Fatal(err)
	}
	ta.refund(t, ref, a.ID, 200, db.RefundFail) // closed as failed by us: Antom never showed it
	ta.lookedAbsent(t, ref, 200)
	b := ta.client(t)
	b.staffSignIn()
	r := ta.handledByStaff(t, b, ref, 200)
	if strings.Contains(b.get("/admin").body, `data-testid="problem-refunds-paid-twice"`) {
		t.Fatal("the dashboard reports a refund paid twice before Antom made it")
	}
	ta.madeAfterAll(t, r)
	dollars := func(minor int64) string { return fmt.Sprintf("$%d.%02d", minor/100, minor%100) }
	p := b.get("/admin/orders/" + ref)
	assertContains(t, p.body, `data-testid="refund-paid-twice-notice"`, "was settled another way ($2.00, by "+wholeEmailThen(staffEmail, "),")+" then Antom made it after all: the buyer got $2.00 more than was meant",
		`data-testid="refund-paid-twice">Antom made this refund after it was settled another way: the buyer got $2.00 more than was meant.`,
		`data-testid="order-refunded">$2.00<`, `data-testid="order-settled">$2.00<`, `data-testid="order-refundable">`+dollars(o.Amount-400)+`<`)
	assertContains(t, b.get("/admin").body, `<a href="/admin/orders?status=refund-paid-twice" data-testid="problem-refunds-paid-twice">`,
		"made twice (settled another way or tried again, then made by Antom after all: the buyer got the money twice)")
	if notice := between(t, p.body, `data-testid="refund-paid-twice-notice"`, "</div>"); strings.Contains(notice, "refunds after it") {
		t.Errorf("the notice speaks of refunds after it, and there are none:\n%s", notice)
	}
	other, _ := ta.paidOrder(t, "other@example.com")
	listed := b.get("/admin/orders?status=refund-paid-twice")
	assertEqual(t, listed.status, http.StatusOK, "the filter")
	assertContains(t, listed.body, ref)
	if strings.Contains(listed.body, other) {
		t.Fatal("the paid-twice filter lists an order without such a refund")
	}
}

// A failed refund that a later refund made part good, settled another
// way for the rest, then made by Antom after all: the notice says how
// much of it was settled another way and that this was all still owed.
func TestAdminRefundMadeAfterItsRestWasSettledAnotherWay(t *testing.T) {
	ta := newAdminApp(t)
	ref, _ := ta.paidOrder(t, "rest-twice@example.com")
	o := ta.order(t, ref)
	a, err := ta.DB.SuccessfulAttempt(context.Background(), o.ID)
	if err != nil {
		t.Fatal(err)
	}
	ta.refund(t, ref, a.ID, 500, db.RefundFail)
	ta.refund(t, ref, a.ID, 300, db.RefundSuccess) // makes $3.00 of it good
	ta.lookedAbsent(t, ref, 500)
	b := ta.client(t)
	b.staffSignIn()
	ta.madeAfterAll(t, ta.handledByStaff(t, b, ref, 500))
	notice := between(t, b.get("/admin/orders/"+ref).body, `data-testid="refund-paid-twice-notice"`, "</div>")
	assertContains(t, notice, "of $5.00 was settled another way (by "+wholeEmailThen(staffEmail, ":")+" $2.00, all that was still owed of it then), then Antom made it after all: the buyer got $5.00 more than was meant.")
}

// handledByStaff has staff (signed in on b) mark order ref's failed
// refund of amount (ta.refund's) handled another way, and returns it.
func (ta *testApp) handledByStaff(t *testing.T, b *browserClient, ref string, amount int64) db.Refund {
	t.Helper()
	r, err := ta.DB.RefundByRequestID(context.Background(), "RF-"+ref+"-"+itoa(amount))
	if err != nil {
		t.Fatal(err)
	}
	p := b.confirm(fmt.Sprintf("/admin/orders/%s/refunds/%d/handled", ref, r.ID), url.Values{"note": {"bank transfer"}})
	assertEqual(t, p.status, http.StatusSeeOther, "marked handled")
	return r
}

// madeAfterAll has Antom make failed refund r after all (a late SUCCESS
// of a refund we had closed as failed).
func (ta *testApp) madeAfterAll(t *testing.T, r db.Refund) {
	t.Helper()
	if ok, err := ta.DB.SettleRefund(context.Background(), r.ID, db.RefundFail, db.SourceOurs, db.RefundSuccess, "SUCCESS", "REFUND-LATE", db.SourceAntom, ta.now, ta.now); err != nil || !ok {
		t.Fatalf("late success: %v %v", ok, err)
	}
}

// A failure made good by a refund Antom is still processing is not open,
// and the refusal to mark it handled or to try it again names that
// refund, not "done, or still processing": should it fail, the failure is
// owed again.
func TestAdminMadeGoodByAProcessingRefundNamesIt(t *testing.T) {
	ta := newAdminApp(t)
	ref, _ := ta.paidOrder(t, "payer@example.com")
	a, err := ta.DB.SuccessfulAttempt(context.Background(), ta.order(t, ref).ID)
	if err != nil {
		t.Fatal(err)
	}
	b := ta.client(t)
	b.staffSignIn()
	ta.refund(t, ref, a.ID, 400, db.RefundFail)
	ta.lookedAbsent(t, ref, 400)
	ta.refund(t, ref, a.ID, 450, db.RefundProcessing)
	failed, err := ta.DB.RefundByRequestID(context.Background(), "RF-"+ref+"-400")
	if err != nil {
		t.Fatal(err)
	}
	base := fmt.Sprintf("/admin/orders/%s/refunds/%d/", ref, failed.ID)
	says := "Refund RF-" + ref + "-400 is made good by refunds of the payment made after it, refund RF-" + ref +
		"-450 among them still processing at Antom (should it fail, its line says what is owed again): "
	key, err := checkout.NewRefundKey()
	if err != nil {
		t.Fatal(err)
	}
	before := [2]int{ta.count(t, "SELECT COUNT(*) FROM refunds"), ta.count(t, "SELECT COUNT(*) FROM events")}
	handled, retry := url.Values{"note": {"bank transfer"}}, url.Values{"key": {key}, "owed": {"400"}}
	for _, shown := range []bool{false, true} {
		if shown {
			handled, retry = shownBefore(t, ta, b, base+"handled", handled), shownBefore(t, ta, b, base+"retry", retry)
		}
		b.refusedAt("/admin/orders/"+ref, base+"handled", handled, says+"it is no longer open.")
		b.refusedAt("/admin/orders/"+ref, base+"retry", retry, says+"there is nothing to try again.")
	}
	assertEqual(t, [2]int{ta.count(t, "SELECT COUNT(*) FROM refunds"), ta.count(t, "SELECT COUNT(*) FROM events")}, before,
		"refunds and timeline lines after the refusals")
	r, err := ta.DB.RefundByID(context.Background(), failed.ID)
	if err != nil {
		t.Fatal(err)
	}
	assertEqual(t, r.HandledBy, "", "the made-good failure is not marked")
	if _, err := ta.DB.RetryOfRefund(context.Background(), failed.ID); !errors.Is(err, db.ErrNotFound) {
		t.Fatalf("a retry was made of the made-good failure: %v", err)
	}
}
