package checkout

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
)

func TestAdminOrdersSearchAndFilter(t *testing.T) {
	e := newEnv(t, Options{})
	paid, _ := paidOrder(t, e, "find.me@example.com")
	open := e.order(e.buyer("other@example.com"), "mug", 1)
	failed := e.failedOrder(e.buyer("declined@example.com"), "teapot")
	_, err := e.refund(paid.Ref, "1")
	check(t, err)
	a := e.attempt(paid.Ref)

	refs := func(f OrderFilter) []string {
		t.Helper()
		l, err := e.svc.AdminOrders(e.ctx, f)
		check(t, err)
		var out []string
		for _, it := range l.Items {
			out = append(out, it.Ref+":"+it.State)
		}
		return out
	}
	for name, c := range map[string]struct {
		f    OrderFilter
		want []string
	}{
		"all tried, newest first": {OrderFilter{}, []string{failed.Ref + ":failed", paid.Ref + ":partially-refunded"}},
		"failed":                  {OrderFilter{Status: ResultFailed}, []string{failed.Ref + ":failed"}},
		"never tried to pay":      {OrderFilter{Status: ResultUnpaid}, []string{open.Ref + ":unpaid"}},
		"part of an email":        {OrderFilter{Query: "FIND.me"}, []string{paid.Ref + ":partially-refunded"}},
		"order ref":               {OrderFilter{Query: open.Ref}, []string{open.Ref + ":unpaid"}},
		"paymentRequestId":        {OrderFilter{Query: a.PaymentRequestID}, []string{paid.Ref + ":partially-refunded"}},
		"paymentId":               {OrderFilter{Query: a.PaymentID}, []string{paid.Ref + ":partially-refunded"}},
		"partially refunded":      {OrderFilter{Status: ResultPartiallyRefunded}, []string{paid.Ref + ":partially-refunded"}},
		"as staff type it":        {OrderFilter{Status: " Partially_Refunded"}, []string{paid.Ref + ":partially-refunded"}},
		"paid, not refunded":      {OrderFilter{Status: "PAID"}, nil},
		"LIKE is literal":         {OrderFilter{Query: "%"}, nil},
	} {
		if got := refs(c.f); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", name, got, c.want)
		}
	}
	l, err := e.svc.AdminOrders(e.ctx, OrderFilter{Query: "find.me"})
	check(t, err)
	assertEqual(t, l.Items[0].BuyerEmail+" "+l.Items[0].Method, "find.me@example.com Wallet", "buyer and method")
}

func TestAdminOrdersPaginate(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("many@example.com")
	for i := 0; i < OrdersPageSize+2; i++ {
		e.order(b, "notebook", 1)
	}
	first, err := e.svc.AdminOrders(e.ctx, OrderFilter{Status: ResultUnpaid, Page: 1})
	check(t, err)
	second, err := e.svc.AdminOrders(e.ctx, OrderFilter{Status: ResultUnpaid, Page: 2})
	check(t, err)
	if len(first.Items) != OrdersPageSize || !first.HasNext || len(second.Items) != 2 || second.HasNext {
		t.Fatalf("pages: %d %v, %d %v", len(first.Items), first.HasNext, len(second.Items), second.HasNext)
	}
}

func TestDashboard(t *testing.T) {
	e := newEnv(t, Options{})
	paidOrder(t, e, "dash@example.com")
	e.sb.SetRefundDelay(time.Hour)
	o, _ := paidOrder(t, e, "dash2@example.com")
	_, err := e.refund(o.Ref, "1")
	check(t, err)
	d, err := e.svc.AdminDashboard(e.ctx)
	check(t, err)
	if len(d.Payments) != 1 || d.Payments[0].Count != 2 || d.Payments[0].Total != (Money{"USD", 7400}) {
		t.Fatalf("payments today: %+v", d.Payments)
	}
	pct, ok := d.SuccessRate()
	assertEqual(t, pct, 100, "success rate")
	assertEqual(t, ok, true, "success rate known")
	assertEqual(t, d.RefundsProcessing, 1, "refunds processing")
	assertEqual(t, len(d.Hours), 24, "hours")
	sum := 0
	for _, h := range d.Hours {
		sum += h.Count
	}
	assertEqual(t, sum, 2, "payments in the last 24 hours")
	if last := d.Hours[23].Start; time.Since(last) > time.Hour || time.Since(last) < 0 {
		t.Fatalf("the last bar starts at %v", last)
	}
	assertEqual(t, d.Forged, 0, "refused notifications")

	// Refused notifications of the last 24 hours are open problems; older
	// ones are not.
	check(t, e.svc.RecordForged(e.ctx, "t", []byte(`{"notifyType":"PAYMENT_RESULT"}`), "bad signature"))
	e.later(25 * time.Hour)
	check(t, e.svc.RecordForged(e.ctx, "t", []byte(`{"notifyType":"PAYMENT_RESULT"}`), "bad signature"))
	d, err = e.svc.AdminDashboard(e.ctx)
	check(t, err)
	assertEqual(t, d.Forged, 1, "refused notifications in the last 24 hours")
	assertEqual(t, d.Problems(), d.Quarantined+1+d.StuckAttempts+d.CancelsStuck+d.RefundsProcessing, "open problems")
}

// failedOrder is an order of b whose one payment attempt failed.
func (e *env) failedOrder(b Buyer, slug string) Order {
	e.t.Helper()
	o, id := e.walletAttempt(b, slug)
	set := db.Settlement{Status: db.AttemptFail, Code: "RISK_REJECT", Source: db.SourceAntom}
	if ok, err := e.db.SettleAttempt(e.ctx, id, db.AttemptProcessing, "", set, time.Now()); err != nil || !ok {
		e.t.Fatalf("fail the attempt: %v %v", ok, err)
	}
	return o
}

// walletAttempt is an order of b with a wallet payment attempt just
// started (PROCESSING, the reconciler not due for an hour), and its id.
func (e *env) walletAttempt(b Buyer, slug string) (Order, int64) {
	e.t.Helper()
	o := e.order(b, slug, 1)
	row, err := e.db.OrderByRef(e.ctx, o.Ref)
	check(e.t, err)
	now := time.Now()
	id, err := e.db.InsertAttempt(e.ctx, db.Attempt{OrderID: row.ID, PaymentRequestID: fmt.Sprintf("PR-%s-W", o.Ref),
		Method: db.MethodWallet, Currency: row.Currency, Amount: row.Amount, Status: db.AttemptProcessing,
		ExpiresAt: now.Add(time.Hour), NextCheckAt: now.Add(time.Hour), CreatedAt: now})
	check(e.t, err)
	return o, id
}

// authorizedOrder is an order of b paid by a MANUAL card authorization
// on Antom's card page (the env's CaptureMode must be MANUAL).
func (e *env) authorizedOrder(b Buyer, slug string) Order {
	e.t.Helper()
	o := e.order(b, slug, 1)
	_, paymentID := e.startCard(Viewer{BuyerID: b.ID}, o.Ref, false, 0)
	check(e.t, e.sb.PayCard(e.ctx, paymentID, "4242424242424242"))
	e.waitOrder(b, o.Ref, db.OrderAuthorized)
	return o
}

// Staff see each order in the state its buyer's result page shows (the
// one read model, result.go) — on the list, on the order's page and
// through the filter for that state, and through no other. A card
// payment whose hosted page the buyer left is "not finished" for both,
// never "processing"; a MANUAL capture refunded in full is refunded for
// both, though less than the order's total was captured.
func TestAdminStatesAgree(t *testing.T) {
	var all []stateCase
	add := func(o Order, want string) { all = append(all, stateCase{o, want}) }

	// Real time: the card pages stay open (newEnv's sandbox closes them
	// in well under a second).
	e := newEnvScaled(t, Options{}, 1)
	b := e.buyer("states@example.com")
	v := Viewer{BuyerID: b.ID}
	add(e.order(b, "mug", 1), ResultUnpaid)
	add(e.failedOrder(b, "teapot"), ResultFailed)
	add(e.processingOrder(b, "notebook"), ResultProcessing)
	cardPage := e.order(b, "mug", 1)
	e.startCard(v, cardPage.Ref, false, 0)
	check(t, e.returnFrom(e.ctx, v, cardPage.Ref)) // back without paying
	add(cardPage, ResultCardPage)
	if at := e.adminOrder(cardPage.Ref).Attempts; len(at) != 1 || !at[0].CardPage || at[0].Cancelling {
		t.Fatalf("the attempt on the card page, as staff see it: %+v", at)
	}
	left := e.order(b, "mug", 1)
	e.startCard(v, left.Ref, false, 0)
	_, err := e.svc.PayAnotherWay(e.ctx, v, left.Ref)
	check(t, err)
	add(left, ResultCancelled)
	leaving := e.order(b, "mug", 1)
	e.startCard(v, leaving.Ref, false, 0)
	e.sb.Faults().SetAPI("payments/cancel", sandbox.APIFault{UnknownNext: cancelTries})
	if _, err := e.svc.PayAnotherWay(e.ctx, v, leaving.Ref); !errors.Is(err, ErrCancelNotConfirmed) {
		t.Fatalf("cancel answered U: %v", err)
	}
	add(leaving, ResultCancelling)
	// A cancel of ours stored before Antom's answers named another
	// paymentId is held (db.Attempt.CancelHeld): no longer being
	// cancelled, "processing" for both — the filter too (orderState).
	_, heldCancel, ha := e.conflictedCard("states-held@example.com", "")
	stored, err := e.db.RequestCancel(e.ctx, ha.ID, "", time.Now())
	check(t, err)
	assertEqual(t, stored, true, "the app's own cancel stored")
	e.conflictingAnswer(e.attempt(heldCancel.Ref), "2026120600000000000000000000000020")
	add(heldCancel, ResultProcessing)
	paid, _ := paidOrder(t, e, "states2@example.com")
	add(paid, ResultPaid)
	part, _ := paidOrder(t, e, "states3@example.com")
	_, err = e.refund(part.Ref, "1")
	check(t, err)
	add(part, ResultPartiallyRefunded)
	full, _ := paidOrder(t, e, "states4@example.com")
	_, err = e.refund(full.Ref, "37")
	check(t, err)
	add(full, ResultRefunded)
	// Nothing refunded, and part or all settled another way: not "paid".
	partly, _ := paidOrder(t, e, "states5@example.com")
	e.settledAnotherWay(partly.Ref, "10")
	add(partly, ResultPartlySettled)
	settled, _ := paidOrder(t, e, "states6@example.com")
	e.settledAnotherWay(settled.Ref, "37")
	add(settled, ResultSettled)
	// A refund made through Antom decides: partially refunded.
	both, _ := paidOrder(t, e, "states7@example.com")
	_, err = e.refund(both.Ref, "5")
	check(t, err)
	e.settledAnotherWay(both.Ref, "10")
	add(both, ResultPartiallyRefunded)
	// Refunded through Antom, and the rest settled another way: all of
	// it went back, so refunded; the page says which part went which way.
	rest, _ := paidOrder(t, e, "states8@example.com")
	_, err = e.refund(rest.Ref, "27")
	check(t, err)
	e.settledAnotherWay(rest.Ref, "10")
	add(rest, ResultRefunded)
	// Paid as the buyer chose to pay another way, and our cancel gave the
	// money back: open again, "not paid yet" for both (last: it holds
	// Antom's notifications back).
	rb, returned, _ := e.paidRace("states9@example.com")
	e.payAnotherWayRacing(rb, returned.Ref)
	ra := e.attempt(returned.Ref)
	e.receiveAs(paymentBody(ra, "S", ra.Amount), VerdictApplied, "PAYMENT_RESULT S after the cancel")
	add(returned, ResultCancelled)
	e.agree(all)
	if at := e.adminOrder(returned.Ref).Attempts; len(at) != 1 || !at[0].CancelledAfterPayment || !at[0].Left {
		t.Fatalf("the attempt whose money went back, as staff see it: %+v", at)
	}
	if r := e.result(Viewer{BuyerID: rest.BuyerID}, rest.Ref); !r.RestSettled || r.Refunded.Minor != 2700 || r.RefundHandled.Minor != 1000 {
		t.Fatalf("refunded $27, the rest settled: %+v", r)
	}
	if r := e.result(Viewer{BuyerID: full.BuyerID}, full.Ref); r.RestSettled {
		t.Fatal("refunded in full through Antom: nothing settled another way")
	}

	all = nil
	m := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	mb := m.buyer("manual.states@example.com")
	authorize := func(slug string) Order { return m.authorizedOrder(mb, slug) }
	add(authorize("teapot"), ResultAuthorized)
	voided := authorize("teapot")
	check(t, m.svc.Void(m.ctx, "staff", voided.Ref))
	m.waitOrder(mb, voided.Ref, db.OrderVoided)
	add(voided, ResultVoided)
	captured := authorize("teapot") // ¥5,800, of which ¥5,000 captured, then refunded
	check(t, m.svc.Capture(m.ctx, "staff", captured.Ref, 5000))
	m.waitOrder(mb, captured.Ref, db.OrderPaid)
	_, err = m.refund(captured.Ref, "5000")
	check(t, err)
	add(captured, ResultRefunded)
	// The buyer's cancel reached the payment after it was authorized: in
	// doubt, authorized for both (the page says it checks); landed, the
	// hold is released and the order open again, "not paid yet" for both
	// — not cancelled, nor voided. Last: they hold Antom's notifications
	// back.
	doubt, _, _ := m.authorizedWhileCancelling(mb)
	add(doubt, ResultAuthorized)
	released, ra, _ := m.authorizedWhileCancelling(mb)
	_, err = m.svc.antom.Cancel(m.ctx, &antom.CancelRequest{PaymentRequestID: ra.PaymentRequestID})
	check(t, err)
	m.svc.cancelConfirmed(m.ctx, ra, "buyer chose to pay another way")
	add(released, ResultCancelled)
	m.agree(all)
	if at := m.adminOrder(released.Ref).Attempts; len(at) != 1 || !at[0].Released {
		t.Fatalf("the released authorization, as staff see it: %+v", at)
	}

	// Past its expiry, the authorization nothing captured closes.
	waiting := all[0].Order
	m.later(time.Until(m.attempt(waiting.Ref).AuthExpiresAt) + time.Minute)
	check(t, m.svc.Reconcile(m.ctx))
	m.agree([]stateCase{{waiting, ResultExpired}})
}

// stateCase is an order and the state its buyer should see.
type stateCase struct {
	Order
	want string
}

// agree checks that staff see each order in the state wanted, which is
// its buyer's.
func (e *env) agree(orders []stateCase) {
	t := e.t
	t.Helper()
	in := func(f OrderFilter, ref string) (string, bool) {
		t.Helper()
		l, err := e.svc.AdminOrders(e.ctx, f)
		check(t, err)
		for _, it := range l.Items {
			if it.Ref == ref {
				return it.State, true
			}
		}
		return "", false
	}
	for _, o := range orders {
		r := e.result(Viewer{BuyerID: o.BuyerID}, o.Ref)
		buyer := r.State
		assertEqual(t, buyer, o.want, o.Ref+": the buyer's state")
		e.checkoutAgrees(Viewer{BuyerID: o.BuyerID}, r)
		assertEqual(t, e.adminOrder(o.Ref).State, buyer, o.Ref+": the order's page")
		assertEqual(t, e.myOrdersState(Viewer{BuyerID: o.BuyerID}, o.Ref), buyer, o.Ref+": My orders")
		listed, _ := in(OrderFilter{Query: o.Ref}, o.Ref)
		assertEqual(t, listed, buyer, o.Ref+": the list")
		for _, c := range OrderStatusChoices() {
			if c.Value == "" || c.Value == FilterRefundProcessing {
				continue
			}
			_, found := in(OrderFilter{Query: o.Ref, Status: c.Value}, o.Ref)
			if c.Value == FilterAuthExpiring { // beside the states: some authorized orders only (its own tests)
				if found && buyer != ResultAuthorized {
					t.Fatalf("%s: %s listed as expiring", o.Ref, buyer)
				}
				continue
			}
			if c.Value == FilterCancelChecking { // beside the states: a paid or authorized order whose cancel is in doubt
				assertEqual(t, found, e.adminOrder(o.Ref).Pending == PendingCancelChecking, o.Ref+": filtered by "+c.Value)
				continue
			}
			if c.Value == FilterPaymentIDConflict { // beside the states: an order with a payment in a paymentId conflict
				assertEqual(t, found, len(e.adminOrder(o.Ref).PaymentIDConflicts) > 0, o.Ref+": filtered by "+c.Value)
				continue
			}
			assertEqual(t, found, c.Value == buyer, o.Ref+": filtered by "+c.Value)
		}
		_, found := in(OrderFilter{}, o.Ref)
		assertEqual(t, found, buyer != ResultUnpaid, o.Ref+": in the default list (someone tried to pay)")
	}
}

// myOrdersState is the state My orders (read for all the viewer's orders
// at once) gives order ref, after checking it against what the
// order-by-order read (buyerState) says of it, and its charges against
// its receipt's (Result.Charges).
func (e *env) myOrdersState(v Viewer, ref string) string {
	t := e.t
	t.Helper()
	mine, _, err := e.svc.MyOrders(e.ctx, v)
	check(t, err)
	row, err := e.db.OrderByRef(e.ctx, ref)
	check(t, err)
	single, err := e.svc.buyerState(e.ctx, e.db.Queries, row)
	check(t, err)
	for _, m := range mine {
		if m.Ref == ref {
			assertEqual(t, m.State, single, ref+": My orders and the order-by-order read")
			assertEqual(t, m.Charges, e.result(v, ref).Charges(), ref+": My orders' charges and its receipt's")
			return m.State
		}
	}
	t.Fatalf("%s: not in My orders", ref)
	return ""
}

// processingOrder is an order of b whose wallet payment is being
// confirmed (no news yet).
func (e *env) processingOrder(b Buyer, slug string) Order {
	e.t.Helper()
	o, _ := e.walletAttempt(b, slug)
	row, err := e.db.OrderByRef(e.ctx, o.Ref)
	check(e.t, err)
	if ok, err := e.db.SetOrderStatus(e.ctx, row.ID, db.OrderOpen, db.OrderProcessing, time.Now()); err != nil || !ok {
		e.t.Fatalf("order processing: %v %v", ok, err)
	}
	return o
}

// A card page the buyer left open is no problem on the dashboard (the
// buyer's page says "not finished", not "processing"); a wallet payment
// being confirmed for over a minute is.
func TestDashboardCardPageIsNoProblem(t *testing.T) {
	e := newEnvScaled(t, Options{}, 1) // the card page stays open
	b := e.buyer("dash.card@example.com")
	o := e.order(b, "mug", 1)
	e.startCard(Viewer{BuyerID: b.ID}, o.Ref, false, 0)
	e.processingOrder(b, "teapot")
	e.later(2 * stuckAfter)
	d, err := e.svc.AdminDashboard(e.ctx)
	check(t, err)
	assertEqual(t, [3]int{d.StuckAttempts, d.CardPagesOpen, d.CancelsStuck}, [3]int{1, 1, 0}, "processing, card pages, cancelling")
	assertEqual(t, d.Problems(), d.Quarantined+d.Forged+1+d.RefundsProcessing, "open problems: the wallet payment only")
}

// checkoutAgrees checks that the checkout page's narrow read of an order
// (CheckoutResult) says what OrderResult said, r, about what that page
// shows: the order, and why its last payment did not go through (and
// who asked for its cancel).
func (e *env) checkoutAgrees(v Viewer, r Result) {
	t := e.t
	t.Helper()
	c, err := e.svc.CheckoutResult(e.ctx, v, r.Order.Ref)
	check(t, err)
	want := r.Order
	want.PaidAt, want.CreatedAt = time.Time{}, time.Time{}
	assertEqual(t, c.Order, want, r.Order.Ref+": the checkout page's order")
	state := r.State
	if state == ResultPartiallyRefunded || state == ResultRefunded || state == ResultPartlySettled || state == ResultSettled {
		state = ResultPaid
	}
	assertEqual(t, c.State, state, r.Order.Ref+": the checkout page's state")
	assertEqual(t, c.Decline, r.Decline, r.Order.Ref+": the checkout page's decline")
	assertEqual(t, c.Relink, r.Relink, r.Order.Ref+": the checkout page's relink")
	assertEqual(t, c.BuyerCancelled, r.BuyerCancelled, r.Order.Ref+": the checkout page's buyer-cancelled")
	assertEqual(t, c.CancelBy, r.CancelBy, r.Order.Ref+": the checkout page's cancel asked by")
	if _, err := e.svc.CheckoutResult(e.ctx, Viewer{BuyerID: v.BuyerID + 1000}, r.Order.Ref); !errors.Is(err, ErrNotFound) {
		t.Fatalf("%s: another buyer's checkout: %v", r.Order.Ref, err)
	}
}

// settledAnotherWay makes a staff refund of amount on a paid order fail
// (Antom refunded what the payment had left outside our books) and marks
// it handled another way.
func (e *env) settledAnotherWay(ref, amount string) {
	t := e.t
	t.Helper()
	a := e.attempt(ref)
	refunded, _, err := e.db.RefundTotals(e.ctx, a.ID)
	check(t, err)
	_, err = e.svc.antom.Refund(e.ctx, &antom.RefundRequest{RefundRequestID: "RF-ELSEWHERE-" + ref,
		PaymentID: a.PaymentID, RefundAmount: antom.MinorAmount(a.Currency, a.Amount-refunded)})
	check(t, err)
	// Antom cannot be asked about it then (inquiryPayment answers HTTP
	// 500): the refund made outside is not taken into the books, and the
	// refused refund stays a failure staff may settle another way.
	e.sb.Faults().SetAPI("payments/inquiryPayment", sandbox.APIFault{ServerErrorNext: 1})
	failed, err := e.refund(ref, amount)
	check(t, err)
	assertEqual(t, failed.Status, RefundFail, ref+": the refund over what Antom has left")
	check(t, e.svc.HandleFailedRefund(e.ctx, staffActor, ref, failed.ID, "bank transfer", ""))
}
