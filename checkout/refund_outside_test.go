package checkout

import (
	"strings"
	"testing"

	"antom-checkout/antom"
	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
)

// refundAtAntom refunds minor of the order's payment at Antom directly,
// as Antom Dashboard or another system would: a signed merchant call
// with a refundRequestId of its own, not in our books.
func (e *env) refundAtAntom(ref, requestID string, minor int64) {
	e.t.Helper()
	resp, err := e.svc.antom.Refund(e.ctx, &antom.RefundRequest{RefundRequestID: requestID,
		PaymentID: e.attempt(ref).PaymentID, RefundAmount: antom.MinorAmount("USD", minor)})
	check(e.t, err)
	assertEqual(e.t, resp.RefundTime != "", true, "refunded at Antom")
}

// A refund made outside this app, then a staff refund Antom refuses
// REFUND_AMOUNT_EXCEED: the outside refund is asked for (inquiryPayment)
// and taken into the books; the refused refund is owed to nobody, and
// its words name the outside refund.
func TestRefundRefusedForAnOutsideRefundAdoptsIt(t *testing.T) {
	e := newEnv(t, Options{})
	o, _ := paidOrder(t, e, "outside@example.com")
	e.refundAtAntom(o.Ref, "EXT-REFUND-0001", 3700)
	assertEqual(t, e.adminOrder(o.Ref).Refundable, Money{"USD", 3700}, "our books before: behind Antom's")

	r, err := e.refund(o.Ref, "37")
	check(t, err)
	assertEqual(t, r.Status+"/"+r.ResultCode, "FAIL/REFUND_AMOUNT_EXCEED", "refund")
	assertEqual(t, r.OutsideTook, true, "refused for the outside refund")
	for _, want := range []string{"outside this app", "EXT-REFUND-0001 of $37.00", "Nothing of it is owed"} {
		if !strings.Contains(r.Words, want) {
			t.Fatalf("words %q lack %q", r.Words, want)
		}
	}

	m := e.adminOrder(o.Ref)
	assertDeep(t, []any{m.Refunded, m.Refundable, m.RefundFailed, m.CanRefund},
		[]any{Money{"USD", 3700}, Money{"USD", 0}, Money{"USD", 0}, false}, "refunded, refundable, owed")
	var outside, refused RefundInfo
	for _, x := range m.Refunds {
		switch x.RefundRequestID {
		case "EXT-REFUND-0001":
			outside = x
		case r.RefundRequestID:
			refused = x
		}
	}
	assertDeep(t, []any{outside.Outside, outside.Status, outside.Amount, outside.CreatedBy, outside.RefundID != "", outside.RefundedAt.IsZero()},
		[]any{true, RefundSuccess, Money{"USD", 3700}, "", true, false}, "the outside refund")
	assertDeep(t, []any{refused.OpenFailure, refused.Words}, []any{false, r.Words}, "the refused refund, on the order page")

	buyer := e.result(Viewer{BuyerID: o.BuyerID}, o.Ref)
	assertDeep(t, []any{buyer.Refunded, buyer.RefundFailed, buyer.RefundFailures}, []any{Money{"USD", 3700}, Money{"USD", 0}, 0},
		"the buyer's page: refunded, nothing owed")
	if !e.timelineHas(o.Ref, "refund EXT-REFUND-0001 of $37.00 made outside this app") {
		t.Fatal("the timeline does not tell of the outside refund")
	}
	assertEqual(t, e.sb.Calls("payments/inquiryPayment") > 0, true, "Antom asked")
}

// Part refunded outside this app ($10.00 of a $37.00 refund refused):
// what is left is refundable, and the refused refund stays owed, as it
// was — the outside refund gave the buyer less than it asked, and
// whether the rest is owed is staff's to tell: the timeline names what
// was found and what Antom leaves. (It was marked owing nothing, which
// told staff and buyer the buyer was owed nothing of $37.00 after $10.00.)
func TestRefundRefusedForAPartRefundedOutside(t *testing.T) {
	e := newEnv(t, Options{})
	o, _ := paidOrder(t, e, "outside-part@example.com")
	e.refundAtAntom(o.Ref, "EXT-PART-1", 1000)
	r, err := e.refund(o.Ref, "37")
	check(t, err)
	assertEqual(t, r.OutsideTook, false, "refused for the outside refund")
	m := e.adminOrder(o.Ref)
	// Owed as far as the payment leaves: the books never owe more than
	// can still be refunded.
	assertDeep(t, []any{m.Refunded, m.Refundable, m.RefundFailed}, []any{Money{"USD", 1000}, Money{"USD", 2700}, Money{"USD", 2700}},
		"refunded, refundable, owed")
	if !e.timelineHas(o.Ref, "refunds made outside this app (EXT-PART-1) gave the buyer $10.00 of the $37.00 it asked, and Antom leaves $27.00 to refund") {
		t.Fatal("the timeline does not say what the outside refund gave and what is left")
	}
	ok, err := e.refund(o.Ref, "27")
	check(t, err)
	assertEqual(t, ok.Status, RefundSuccess, "the rest refunded")
	assertEqual(t, e.adminOrder(o.Ref).RefundFailed, Money{"USD", 0}, "owed once the rest is refunded")
}

// A refund made outside this app makes good no failure of ours (db's
// makingGoodN, checkout's makingNow): taken into our books after an
// earlier refund failed, it has a newer id than that failure, and was
// counted as made after it to make it good, so the buyer was told less
// was owed than that failure left.
func TestOutsideRefundMakesGoodNoFailureOfOurs(t *testing.T) {
	e := newEnv(t, Options{})
	o, _ := paidOrder(t, e, "outside-earlier@example.com") // $37.00
	e.failNextRefund()
	failed, err := e.refund(o.Ref, "10")
	check(t, err)
	assertEqual(t, failed.Status, RefundFail, "the first refund")
	e.refundAtAntom(o.Ref, "EXT-LATER-1", 500)
	refused, err := e.refund(o.Ref, "37")
	check(t, err)
	assertEqual(t, refused.ResultCode, antom.CodeRefundAmountExceed, "the second refund")
	_, open := e.openOwed(o.Ref)
	assertEqual(t, open[failed.RefundRequestID], Money{"USD", 1000}, "owed of the first failure")
	buyer := e.result(Viewer{BuyerID: o.BuyerID}, o.Ref)
	if buyer.RefundFailed.Minor < 1000 {
		t.Fatalf("the buyer's page says %v is owed, less than the first failure's $10.00", buyer.RefundFailed)
	}
}

// When Antom cannot be asked, the refused refund stays an open failure,
// and its words tell staff plainly that Antom leaves less to refund than
// our books and to check Antom Dashboard before settling another way.
func TestRefundRefusedAsTooMuchWarnsWhenAntomCannotBeAsked(t *testing.T) {
	e := newEnv(t, Options{})
	o, _ := paidOrder(t, e, "outside-unasked@example.com")
	e.refundAtAntom(o.Ref, "EXT-REFUND-0002", 3700)
	e.sb.Faults().SetAPI("payments/inquiryPayment", sandbox.APIFault{ServerErrorNext: 1})
	r, err := e.refund(o.Ref, "37")
	check(t, err)
	assertEqual(t, r.Status+"/"+r.ResultCode, "FAIL/REFUND_AMOUNT_EXCEED", "refund")
	assertEqual(t, r.OutsideTook, false, "nothing adopted")
	for _, want := range []string{"Antom says less is left to refund on this payment than our books show",
		"Check the payment in Antom Dashboard before refunding another way", "pays the buyer twice"} {
		if !strings.Contains(r.Words, want) {
			t.Fatalf("words %q lack %q", r.Words, want)
		}
	}
	m := e.adminOrder(o.Ref)
	assertDeep(t, []any{m.Refunded, m.RefundFailed, m.Refunds[0].OpenFailure, m.Refunds[0].Words}, []any{Money{"USD", 0}, Money{"USD", 3700}, true, r.Words},
		"still open, with the warning")
	if !e.timelineHas(o.Ref, "asking Antom (inquiryPayment) for refunds made outside this app failed") {
		t.Fatal("the timeline does not say Antom could not be asked")
	}
}

// The REFUND_RESULT of a refund made outside this app comes first and is
// stale, on no timeline (notifyRefund names no paymentId); once the
// refund is taken into the books it is linked to the order, and a Refund
// lookup by its id names our order.
func TestOutsideRefundNoticeLinkedOnceAdopted(t *testing.T) {
	e := newEnv(t, Options{})
	o, _ := paidOrder(t, e, "outside-inbox@example.com")
	e.refundAtAntom(o.Ref, "EXT-REFUND-0003", 3700)
	assertDeep(t, e.verdicts("REFUND_RESULT", 1), []string{VerdictStale}, "unknown refund")
	unlinked, err := e.db.StaleUnlinked(e.ctx, antom.NotifyRefundResult, 10)
	check(t, err)
	assertEqual(t, len(unlinked), 1, "stale and unlinked before")

	before, err := e.svc.LookupRefund(e.ctx, staffActor, "EXT-REFUND-0003")
	check(t, err)
	assertEqual(t, before.OrderRef, "", "lookup before: not one of ours")
	_, err = e.refund(o.Ref, "37")
	check(t, err)

	n, err := e.db.NotificationByID(e.ctx, unlinked[0].ID)
	check(t, err)
	assertEqual(t, n.Subject, OrderSubject(o.Ref), "linked to the order")
	if !strings.Contains(n.Detail, "made outside this app") {
		t.Fatalf("detail %q", n.Detail)
	}
	after, err := e.svc.LookupRefund(e.ctx, staffActor, "EXT-REFUND-0003")
	check(t, err)
	assertEqual(t, after.OrderRef+" "+after.Status, o.Ref+" SUCCESS", "lookup after: our order")
}

// refundInfoOf is the order's refund requestID as staff's page shows it.
func (e *env) refundInfoOf(ref, requestID string) RefundInfo {
	e.t.Helper()
	for _, r := range e.adminOrder(ref).Refunds {
		if r.RefundRequestID == requestID {
			return r
		}
	}
	e.t.Fatalf("order %s has no refund %s", ref, requestID)
	return RefundInfo{}
}

// A refund refused REFUND_AMOUNT_EXCEED while Antom could not be asked
// stays owed with the plain warning; a later refusal whose ask finds the
// refund made outside this app settles it too: the outside refund
// explains it, so it owes nothing and its words and the timeline say
// why. (Only the refund refused when they were found was marked: the
// earlier one stayed owed, warning staff to check Antom Dashboard.)
func TestOutsideRefundFoundLaterSettlesAnEarlierRefusal(t *testing.T) {
	e := newEnv(t, Options{})
	o, _ := paidOrder(t, e, "outside-later@example.com") // $37.00
	e.refundAtAntom(o.Ref, "EXT-LATE-1", 3700)
	e.sb.Faults().SetAPI("payments/inquiryPayment", sandbox.APIFault{ServerErrorNext: 1})
	first, err := e.refund(o.Ref, "37")
	check(t, err)
	assertEqual(t, first.ResultCode+"/"+first.Status, antom.CodeRefundAmountExceed+"/"+RefundFail, "the first refund")
	assertEqual(t, e.adminOrder(o.Ref).RefundFailed, Money{"USD", 3700}, "owed while Antom could not be asked")

	second, err := e.refund(o.Ref, "5")
	check(t, err)
	assertEqual(t, second.ResultCode, antom.CodeRefundAmountExceed, "the second refund")
	was := e.refundInfoOf(o.Ref, first.RefundRequestID)
	assertDeep(t, []any{was.OutsideTook, was.OpenFailure}, []any{true, false}, "the first refund, once the outside refund is found")
	if !strings.Contains(was.Words, "EXT-LATE-1 of $37.00") {
		t.Fatalf("words %q", was.Words)
	}
	// $37.00 found explains the first refund whole, and nothing of the
	// second: never more than was found.
	assertEqual(t, e.refundInfoOf(o.Ref, second.RefundRequestID).OutsideTook, false, "the second refund")
	m := e.adminOrder(o.Ref)
	assertDeep(t, []any{m.Refunded, m.Refundable, m.RefundFailed}, []any{Money{"USD", 3700}, Money{"USD", 0}, Money{"USD", 0}},
		"refunded, refundable, owed")
	for _, want := range []string{
		"refund " + first.RefundRequestID + " refused REFUND_AMOUNT_EXCEED (refused before they were in our books) because refunds made outside this app (EXT-LATE-1) had taken that amount: nothing of it is owed to the buyer",
		"refund " + second.RefundRequestID + " refused REFUND_AMOUNT_EXCEED: refunds made outside this app (EXT-LATE-1) gave the buyer $0.00 of the $5.00 it asked (the rest of their $37.00 explains other refused refunds), and Antom leaves $0.00 to refund",
	} {
		if !e.timelineHas(o.Ref, want) {
			t.Fatalf("the timeline lacks %q", want)
		}
	}
}

// Several refunds refused while Antom could not be asked, then the
// outside refund found: they owe nothing, oldest first, only as far as
// what was found covers them all together ($30.00 found: the first
// $20.00 and the third $10.00; the second $20.00 stays owed, as far as
// the payment leaves: $7.00).
func TestOutsideRefundFoundSettlesRefusalsOnlyAsFarAsItGave(t *testing.T) {
	e := newEnv(t, Options{})
	o, _ := paidOrder(t, e, "outside-sum@example.com") // $37.00
	e.refundAtAntom(o.Ref, "EXT-SUM-1", 3000)
	e.sb.Faults().SetAPI("payments/inquiryPayment", sandbox.APIFault{ServerErrorNext: 2})
	var refused []RefundInfo
	for _, amount := range []string{"20", "20", "10"} {
		r, err := e.refund(o.Ref, amount)
		check(t, err)
		assertEqual(t, r.ResultCode, antom.CodeRefundAmountExceed, "refund of "+amount)
		refused = append(refused, r)
	}
	var took []bool
	for _, r := range refused {
		took = append(took, e.refundInfoOf(o.Ref, r.RefundRequestID).OutsideTook)
	}
	assertDeep(t, took, []bool{true, false, true}, "owing nothing")
	m := e.adminOrder(o.Ref)
	assertDeep(t, []any{m.Refunded, m.Refundable, m.RefundFailed}, []any{Money{"USD", 3000}, Money{"USD", 700}, Money{"USD", 700}},
		"refunded, refundable, owed")
	if !e.timelineHas(o.Ref, "refund "+refused[1].RefundRequestID+" refused REFUND_AMOUNT_EXCEED: refunds made outside this app (EXT-SUM-1) gave the buyer $10.00 of the $20.00 it asked (the rest of their $30.00 explains other refused refunds)") {
		t.Fatal("the timeline does not say what is left for the refund not covered")
	}
}

// outsideCovers never says refused refunds owe nothing for more than the
// outside refunds taken in after they were made gave: an outside refund
// the books knew before a refusal explains none of it.
func TestOutsideCoversNeverClaimsMoreThanFound(t *testing.T) {
	refused := func(id, amount int64) db.Refund {
		return db.Refund{ID: id, Amount: amount, Status: db.RefundFail, ResultCode: antom.CodeRefundAmountExceed, FinalSource: db.SourceAntom}
	}
	outside := func(id, amount int64) db.Refund {
		return db.Refund{ID: id, Amount: amount, Status: db.RefundSuccess, Outside: true, RefundRequestID: "EXT"}
	}
	for _, c := range []struct {
		name    string
		refunds []db.Refund
		want    map[int64]bool
	}{
		{"one covered", []db.Refund{refused(1, 10), outside(2, 10)}, map[int64]bool{1: true}},
		{"one part covered", []db.Refund{refused(1, 10), outside(2, 9)}, map[int64]bool{1: false}},
		{"known before", []db.Refund{outside(1, 10), refused(2, 10)}, map[int64]bool{}},
		{"two, one covered", []db.Refund{refused(1, 10), refused(2, 10), outside(3, 15)}, map[int64]bool{1: true, 2: false}},
		{"the later found later", []db.Refund{refused(1, 10), outside(2, 10), refused(3, 10), outside(4, 5)}, map[int64]bool{1: true, 3: false}},
		{"marked before count", []db.Refund{{ID: 1, Amount: 10, Status: db.RefundFail, OutsideTook: true}, refused(2, 5), outside(3, 12)}, map[int64]bool{2: false}},
	} {
		got := map[int64]bool{}
		for _, x := range outsideCovers(c.refunds) {
			got[x.r.ID] = x.took
		}
		assertDeep(t, got, c.want, c.name)
	}
}
