package checkout

import (
	"slices"
	"strings"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// conflictedCard starts a card payment of a new order of email's (its
// page open at Antom: the sandbox in real time) and, when other is not
// "", applies an inquiry answer naming paymentId other for it as the
// reconciler would: a paymentId conflict.
func (e *env) conflictedCard(email, other string) (Buyer, Order, db.Attempt) {
	e.t.Helper()
	b := e.buyer(email)
	o := e.order(b, "mug", 1)
	_, paymentID := e.startCard(Viewer{BuyerID: b.ID}, o.Ref, false, 0)
	a := e.attempt(o.Ref)
	assertEqual(e.t, a.PaymentID, paymentID, "the paymentId on record")
	if other != "" {
		e.conflictingAnswer(a, other)
	}
	return b, o, a
}

// conflictingAnswer applies, as the reconciler's inquiry, Antom's
// SUCCESS for attempt a naming paymentId other.
func (e *env) conflictingAnswer(a db.Attempt, other string) {
	e.t.Helper()
	settled := e.svc.applyInquiry(e.ctx, a, &antom.InquiryPaymentResponse{PaymentStatus: antom.PaymentSuccess,
		PaymentRequestID: a.PaymentRequestID, PaymentID: other, PaymentAmount: antom.MinorAmount(a.Currency, a.Amount)}, "reconciler")
	assertEqual(e.t, settled, false, "an answer naming another paymentId settled")
}

// A payment kept processing because Antom answered naming another
// paymentId than the one on record is not cancelled by the reconciler
// past its expiry (a cancel of a payment we cannot name may end, or give
// back, the wrong one): it stays processing, no cancel is stored or
// sent, and staff are told — the order's page (PaymentIDConflicts), the
// dashboard's count, the orders filter, and one timeline line saying it
// was not cancelled. The same payment without the conflict is cancelled
// as before. The buyer's own "pay another way" still cancels it.
func TestPaymentIDConflictIsLeftForStaff(t *testing.T) {
	const other = "2026120600000000000000000000000011"
	for _, tc := range []struct {
		name     string
		conflict bool
	}{{"without a conflict: cancelled past its expiry", false}, {"paymentId conflict: left for staff", true}} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnvScaled(t, Options{}, 1) // the card page stays open at Antom: inquiries say PROCESSING
			otherID := ""
			if tc.conflict {
				otherID = other
			}
			b, o, a := e.conflictedCard("conflict-held@example.com", otherID)
			for _, d := range []time.Duration{hostedPayExpiry + cancelGrace + time.Minute, hostedPayExpiry + cancelGrace + 40*time.Minute} {
				e.later(d) // past the payment's expiry: the check is due
				check(t, e.svc.Reconcile(e.ctx))
				e.svc.Wait()
			}
			after := e.attempt(o.Ref)
			_, cancels, lines := e.timelineCounts(o.Ref, "cancelled at Antom")
			if !tc.conflict {
				if after.CancelStatus == "" {
					t.Fatalf("without a conflict the expired payment was not cancelled: %s; timeline %q", after.Status, lines)
				}
				d, err := e.svc.AdminDashboard(e.ctx)
				check(t, err)
				assertEqual(t, d.PaymentIDConflicts, 0, "dashboard: paymentId conflicts")
				assertEqual(t, len(e.adminOrder(o.Ref).PaymentIDConflicts), 0, "order page: paymentId conflicts")
				return
			}
			assertEqual(t, after.Status, db.AttemptProcessing, "the payment")
			assertEqual(t, after.CancelStatus, "", "its cancel")
			assertEqual(t, cancels, 0, "cancels")
			for _, l := range lines {
				if strings.HasPrefix(l, EventAntomCall+": cancel") {
					t.Fatalf("a cancel was sent: %q", l)
				}
			}
			_, held, _ := e.timelineCounts(o.Ref, a.PaymentRequestID+": not cancelled automatically")
			assertEqual(t, held, 1, "lines saying it was not cancelled (two passes)")
			if after.NextCheckAt.IsZero() {
				t.Fatal("the payment is no longer asked about: Antom's own word would not apply")
			}

			m := e.adminOrder(o.Ref)
			if len(m.PaymentIDConflicts) != 1 || m.PaymentIDConflicts[0].PaymentRequestID != a.PaymentRequestID ||
				m.PaymentIDConflicts[0].OnRecord != a.PaymentID || !slices.Equal(m.PaymentIDConflicts[0].Others, []string{other}) {
				t.Fatalf("order page: paymentId conflicts %+v", m.PaymentIDConflicts)
			}
			d, err := e.svc.AdminDashboard(e.ctx)
			check(t, err)
			assertEqual(t, d.PaymentIDConflicts, 1, "dashboard: paymentId conflicts")
			if d.Problems() < 1 {
				t.Fatal("not among the dashboard's open problems")
			}
			list, err := e.svc.AdminOrders(e.ctx, OrderFilter{Status: FilterPaymentIDConflict})
			check(t, err)
			if len(list.Items) != 1 || list.Items[0].Ref != o.Ref {
				t.Fatalf("the orders filter lists %+v", list.Items)
			}

			// The buyer's own choice to pay another way is theirs: it cancels.
			if _, err := e.svc.PayAnotherWay(e.ctx, Viewer{BuyerID: b.ID}, o.Ref); err != nil && !strings.Contains(err.Error(), "not confirmed") {
				t.Fatal(err)
			}
			e.svc.Wait()
			if e.attempt(o.Ref).CancelStatus == "" {
				t.Fatal("the buyer's pay another way sent no cancel")
			}
		})
	}
}

// A payment we closed ourselves that Antom still holds open is not
// cancelled either when Antom's answers about it conflict on paymentId.
func TestPaymentIDConflictClosedByUsIsNotCancelled(t *testing.T) {
	const other = "2026120600000000000000000000000012"
	e := newEnvScaled(t, Options{}, 1)
	_, o, a := e.conflictedCard("conflict-closed@example.com", "")
	ok, err := e.db.SettleAttempt(e.ctx, a.ID, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptFail,
		Code: antom.CodeOrderNotExist, Source: db.SourceOurs, NextCheckAt: time.Now()}, time.Now())
	check(t, err)
	assertEqual(t, ok, true, "closed by us")
	a = e.attempt(o.Ref)
	e.conflictingAnswer(a, other)
	e.later(time.Minute) // its watch's check is due; Antom says PROCESSING
	check(t, e.svc.Reconcile(e.ctx))
	e.svc.Wait()
	after := e.attempt(o.Ref)
	assertEqual(t, after.CancelStatus, "", "its cancel")
	assertEqual(t, after.Status, db.AttemptFail, "the payment, as we closed it")
	d, err := e.svc.AdminDashboard(e.ctx)
	check(t, err)
	assertEqual(t, d.PaymentIDConflicts, 1, "dashboard: paymentId conflicts")
}

// The conflict line is said once per other paymentId Antom names, not
// again at every inquiry that gets the same answer; another paymentId
// still is told.
func TestPaymentIDConflictToldOncePerPaymentID(t *testing.T) {
	const other, third = "2026120600000000000000000000000013", "2026120600000000000000000000000014"
	e := newEnvScaled(t, Options{}, 1)
	_, o, a := e.conflictedCard("conflict-once@example.com", "")
	for range 3 {
		e.conflictingAnswer(a, other)
	}
	_, n, lines := e.timelineCounts(o.Ref, namedAgainst(other, a.PaymentID))
	assertEqual(t, n, 1, "lines naming "+other+" (three inquiries)")
	e.conflictingAnswer(a, third)
	e.conflictingAnswer(a, third)
	_, n, _ = e.timelineCounts(o.Ref, namedAgainst(third, a.PaymentID))
	assertEqual(t, n, 1, "lines naming "+third+" (two inquiries)")
	_, all, _ := e.timelineCounts(o.Ref, "the one on record: not applied")
	if all != 2 {
		t.Fatalf("%d conflict lines, want 2: %q", all, lines)
	}
	m := e.adminOrder(o.Ref)
	if len(m.PaymentIDConflicts) != 1 || !slices.Equal(m.PaymentIDConflicts[0].Others, []string{other, third}) {
		t.Fatalf("order page: paymentId conflicts %+v", m.PaymentIDConflicts)
	}
}

// When another payment pays the order while one whose answers conflict
// on paymentId is still open, that one is not cancelled automatically
// either (no cancel stored, none sent): the settlement's line says it is
// left for staff, and the order's page and the dashboard tell them.
func TestPaymentIDConflictOpenWhenAnotherPaidIsNotCancelled(t *testing.T) {
	const other = "2026120600000000000000000000000015"
	e := newEnvScaled(t, Options{}, 1)
	b := e.buyer("conflict-paid-other@example.com")
	o := e.order(b, "teapot", 1)
	first := e.cardClosedByUs(b, o.Ref)
	e.startCard(Viewer{BuyerID: b.ID}, o.Ref, false, 0)
	second := e.attempt(o.Ref)
	e.conflictingAnswer(second, other)

	check(t, e.sb.PayCard(e.ctx, first.PaymentID, "4242424242424242")) // a late success of the first
	e.waitOrder(b, o.Ref, db.OrderPaid)
	e.svc.Wait()
	after := e.reattempt(second)
	assertEqual(t, after.Status, db.AttemptProcessing, "the open payment")
	assertEqual(t, after.CancelStatus, "", "its cancel")
	if !e.timelineHas(o.Ref, second.PaymentRequestID+" still open, not cancelled automatically") {
		_, _, lines := e.timelineCounts(o.Ref, "")
		t.Fatalf("the timeline does not say the open payment was left for staff: %q", lines)
	}
	if m := e.adminOrder(o.Ref); len(m.PaymentIDConflicts) != 1 || m.PaymentIDConflicts[0].PaymentRequestID != second.PaymentRequestID {
		t.Fatalf("order page: paymentId conflicts %+v", m.PaymentIDConflicts)
	}
}

// Staff's own actions still work on a payment Antom settled whose later
// answer named another paymentId: the settled payment stands with the
// paymentId it was settled with, is no held conflict (not on the
// dashboard's count), and staff's void is sent and confirmed.
func TestPaymentIDConflictAfterSettlementLeavesStaffActions(t *testing.T) {
	const other = "2026120600000000000000000000000016"
	e := newEnvScaled(t, Options{CaptureMode: antom.CaptureManual}, 1)
	o := e.authorized("conflict-void@example.com")
	a := e.attempt(o.Ref)
	settled := e.svc.settleNow(e.ctx, a, outcomeOf(db.AttemptSuccess, antom.CodeSuccess, other, ""), "inquiryPayment says SUCCESS")
	assertEqual(t, settled, false, "settled again")
	if !e.timelineHas(o.Ref, namedAgainst(other, a.PaymentID)) {
		t.Fatal("the conflicting answer was not told")
	}
	d, err := e.svc.AdminDashboard(e.ctx)
	check(t, err)
	assertEqual(t, d.PaymentIDConflicts, 0, "dashboard: paymentId conflicts of payments Antom has not settled")
	check(t, e.svc.Void(e.ctx, staffActor, o.Ref))
	e.svc.Wait()
	assertEqual(t, e.attempt(o.Ref).CancelStatus, db.CancelSuccess, "staff's void")
}

// The conflict is data, not words: a timeline line in the conflict's
// words with nothing recorded holds nothing and shows nothing, while a
// PAYMENT_RESULT naming another paymentId, quarantined, records it —
// the order's page, the dashboard and the filter then tell it.
func TestPaymentIDConflictIsRecordedNotReadFromTheTimeline(t *testing.T) {
	const other = "2026120600000000000000000000000017"
	e := newEnvScaled(t, Options{}, 1)
	_, o, a := e.conflictedCard("conflict-data@example.com", "")
	for _, line := range []string{a.PaymentRequestID + ": an answer " + namedAgainst(other, a.PaymentID) + ": not applied",
		"PAYMENT_RESULT: quarantined (paymentId " + other + " differs from the one on record (" + a.PaymentID + "): not applied)"} {
		e.svc.record(e.ctx, nil, OrderSubject(o.Ref), EventState, line)
	}
	if m := e.adminOrder(o.Ref); len(m.PaymentIDConflicts) != 0 {
		t.Fatalf("order page: paymentId conflicts from the timeline's words: %+v", m.PaymentIDConflicts)
	}
	d, err := e.svc.AdminDashboard(e.ctx)
	check(t, err)
	assertEqual(t, d.PaymentIDConflicts, 0, "dashboard: paymentId conflicts from the timeline's words")
	held, err := e.svc.conflictIn(e.ctx, e.db.Queries, a)
	check(t, err)
	assertEqual(t, held, false, "held for the timeline's words")

	named := a
	named.PaymentID = other
	e.receiveAs(paymentBody(named, "S", a.Amount), VerdictQuarantined, "PAYMENT_RESULT naming another paymentId")
	m := e.adminOrder(o.Ref)
	if len(m.PaymentIDConflicts) != 1 || !slices.Equal(m.PaymentIDConflicts[0].Others, []string{other}) {
		t.Fatalf("order page: paymentId conflicts %+v", m.PaymentIDConflicts)
	}
	d, err = e.svc.AdminDashboard(e.ctx)
	check(t, err)
	assertEqual(t, d.PaymentIDConflicts, 1, "dashboard: paymentId conflicts")
	held, err = e.svc.conflictIn(e.ctx, e.db.Queries, a)
	check(t, err)
	assertEqual(t, held, true, "held")
}
