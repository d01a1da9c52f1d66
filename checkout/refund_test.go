package checkout

import (
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
)

const staffActor = "staff@shop.example"

// paidOrder pays 2 × coffee ($37.00) with a funded GCash wallet and
// returns the order and the wallet user's login.
func paidOrder(t *testing.T, e *env, email string) (Order, string) {
	t.Helper()
	b, wallet, login := payer(t, e, email)
	o := e.order(b, "coffee", 2)
	paid, err := e.svc.PayWithWallet(e.ctx, b.ID, o.Ref, wallet, antom.Env{ClientIP: "203.0.113.7"})
	check(t, err)
	assertEqual(t, paid.Status, db.OrderPaid, "order")
	e.verdicts("PAYMENT_RESULT", 1) // the payment's notification is in
	return paid, login
}

// refund sends the refund form with a fresh key.
func (e *env) refund(ref, amount string) (RefundInfo, error) {
	e.t.Helper()
	key, err := NewRefundKey()
	check(e.t, err)
	r, _, err := e.svc.RefundOrder(e.ctx, staffActor, ref, RefundInput{Amount: amount, Reason: "customer asked", Key: key})
	return r, err
}

// adminOrder returns the order as the admin shows it.
func (e *env) adminOrder(ref string) AdminOrder {
	e.t.Helper()
	o, err := e.svc.AdminOrderDetail(e.ctx, ref)
	check(e.t, err)
	return o
}

func assertField(t *testing.T, err error, field, want string) {
	t.Helper()
	var input *InputError
	if !errors.As(err, &input) || !strings.Contains(input.Fields[field], want) {
		t.Fatalf("error %v, want field %q saying %q", err, field, want)
	}
}

func TestRefundOverPaidIsRefusedWithoutCallingAntom(t *testing.T) {
	e := newEnv(t, Options{})
	o, _ := paidOrder(t, e, "over@example.com")
	for amount, msg := range map[string]string{
		"37.01": "At most $37.00 can be refunded.",
		"abc":   "Enter a number",
		"0":     "above zero",
		"1.234": "at most 2 digits",
		"":      "Enter an amount.",
	} {
		_, err := e.refund(o.Ref, amount)
		assertField(t, err, "amount", msg)
	}
	assertEqual(t, e.sb.Calls("payments/refund"), 0, "refund calls")
	assertEqual(t, len(e.adminOrder(o.Ref).Refunds), 0, "refunds stored")
}

func TestPartialRefundsAddUpToThePaidAmount(t *testing.T) {
	e := newEnv(t, Options{})
	o, login := paidOrder(t, e, "partial@example.com")
	before, err := e.sb.Balance(e.ctx, login, "USD")
	check(t, err)

	r, err := e.refund(o.Ref, "10")
	check(t, err)
	assertEqual(t, r.Status, RefundSuccess, "first refund")
	if r.RefundID == "" || r.RefundedAt.IsZero() || r.CreatedBy != staffActor {
		t.Fatalf("refund without refundId, time or author: %+v", r)
	}
	d := e.adminOrder(o.Ref)
	assertEqual(t, d.State, ResultPartiallyRefunded, "status after $10")
	assertEqual(t, d.Refundable, Money{"USD", 2700}, "refundable")

	_, err = e.refund(o.Ref, "20.00")
	check(t, err)
	_, err = e.refund(o.Ref, "7.01")
	assertField(t, err, "amount", "At most $7.00 can be refunded.")
	calls := e.sb.Calls("payments/refund")
	assertEqual(t, calls, 2, "refund calls")

	r, err = e.refund(o.Ref, "7")
	check(t, err)
	assertEqual(t, r.Status, RefundSuccess, "last refund")
	d = e.adminOrder(o.Ref)
	assertEqual(t, d.State, ResultRefunded, "status")
	assertEqual(t, d.CanRefund, false, "can refund a fully refunded order")
	_, err = e.refund(o.Ref, "0.01")
	assertConflict(t, err, "Nothing was left to refund when you pressed it.") // where the order stood, not what was typed

	after, err := e.sb.Balance(e.ctx, login, "USD")
	check(t, err)
	assertEqual(t, after-before, int64(3700), "money back to the wallet")
	// The order itself stays PAID for the rest of the app.
	row, err := e.db.OrderByRef(e.ctx, o.Ref)
	check(t, err)
	assertEqual(t, row.Status, db.OrderPaid, "stored order status")
	// Staff actions are on the timeline with who did them.
	var byStaff int
	for _, ev := range d.Timeline {
		if ev.Kind == EventStaff && ev.Actor == staffActor && strings.Contains(ev.Detail, "refund of") {
			byStaff++
		}
	}
	assertEqual(t, byStaff, 3, "staff refund events")
}

func TestRefundFormSentTwiceRefundsOnce(t *testing.T) {
	e := newEnv(t, Options{})
	o, _ := paidOrder(t, e, "twice@example.com")
	key, err := NewRefundKey()
	check(t, err)
	in := RefundInput{Amount: "5.00", Key: key}

	var wg sync.WaitGroup
	results := make([]RefundInfo, 3)
	repeats := make([]bool, 3)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var err error
			results[i], repeats[i], err = e.svc.RefundOrder(e.ctx, staffActor, o.Ref, in)
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	r, repeat, err := e.svc.RefundOrder(e.ctx, staffActor, o.Ref, in)
	check(t, err)
	assertEqual(t, repeat, true, "a later repeat")
	fresh := 0
	for i := range results {
		assertEqual(t, results[i].RefundRequestID, r.RefundRequestID, "refundRequestId")
		if !repeats[i] {
			fresh++
		}
	}
	assertEqual(t, fresh, 1, "forms that made a refund")
	assertEqual(t, e.sb.Calls("payments/refund"), 1, "refund calls")
	assertEqual(t, len(e.adminOrder(o.Ref).Refunds), 1, "refunds")

	// A forged or stale key is refused before anything happens.
	_, _, err = e.svc.RefundOrder(e.ctx, staffActor, o.Ref, RefundInput{Amount: "1", Key: "not a key!"})
	assertField(t, err, "", "expired")
}

// refund's answer is lost (U, then the work done but no answer) and so
// is every notification: the reconciler's inquiryRefund settles it.
func TestRefundUnknownSettledByReconciler(t *testing.T) {
	e := newEnv(t, Options{})
	o, _ := paidOrder(t, e, "unknown@example.com")
	e.sb.Faults().SetAPI("payments/refund", sandbox.APIFault{UnknownNext: 1, DropNext: 1})
	e.sb.Faults().SetNotify(sandbox.NotifyFault{DropNext: 100})

	r, err := e.refund(o.Ref, "12.34")
	check(t, err)
	assertEqual(t, r.Status, RefundProcessing, "refund after an unknown outcome")
	assertEqual(t, e.sb.Calls("payments/refund"), 2, "refund calls (same refundRequestId)")
	d := e.adminOrder(o.Ref)
	assertEqual(t, d.Refunding, Money{"USD", 1234}, "being refunded")
	assertEqual(t, d.Refundable, Money{"USD", 3700 - 1234}, "refundable while processing")
	_, err = e.refund(o.Ref, "24.67")
	assertField(t, err, "amount", "is being refunded now")

	check(t, e.svc.Reconcile(e.ctx)) // not due yet
	assertEqual(t, e.sb.Calls("payments/inquiryRefund"), 0, "inquiries before the first check")
	e.later(3 * time.Second)
	check(t, e.svc.Reconcile(e.ctx))
	d = e.adminOrder(o.Ref)
	assertEqual(t, d.Refunds[0].Status, RefundSuccess, "refund after the reconciler")
	if d.Refunds[0].RefundID == "" {
		t.Fatal("no refundId from the inquiry")
	}
	assertTimeline(t, d, EventState, "reconciler: inquiryRefund says SUCCESS")
}

// Antom never received the refund: inquiryRefund answers ORDER_NOT_EXIST,
// asked again after 15 s; after three answers the refund is FAIL and its
// amount can be refunded again.
func TestRefundNeverCreatedFailsAfterThreeInquiries(t *testing.T) {
	e := newEnv(t, Options{})
	o, _ := paidOrder(t, e, "never@example.com")
	e.sb.Faults().SetAPI("payments/refund", sandbox.APIFault{UnknownNext: refundTries})
	r, err := e.refund(o.Ref, "37")
	check(t, err)
	assertEqual(t, r.Status, RefundProcessing, "refund")

	for i, at := range []time.Duration{3 * time.Second, 19 * time.Second, 35 * time.Second} {
		e.later(at)
		check(t, e.svc.Reconcile(e.ctx))
		assertEqual(t, e.sb.Calls("payments/inquiryRefund"), i+1, "inquiries")
		d := e.adminOrder(o.Ref)
		want := RefundProcessing
		if i == 2 {
			want = RefundFail
		}
		assertEqual(t, d.Refunds[0].Status, want, "refund after inquiry")
	}
	// Not asked before its 15 s are up.
	e.later(36 * time.Second)
	check(t, e.svc.Reconcile(e.ctx))
	assertEqual(t, e.sb.Calls("payments/inquiryRefund"), 3, "inquiries after FAIL")
	d := e.adminOrder(o.Ref)
	assertEqual(t, d.Refunds[0].ResultCode, "ORDER_NOT_EXIST", "code")
	assertEqual(t, d.Refundable, Money{"USD", 3700}, "refundable again")
	e.sb.Faults().Reset()
	e.lookedUpAbsent(r) // closed by us: a new refund waits for the lookup (needsLookup)
	r, err = e.refund(o.Ref, "37")
	check(t, err)
	assertEqual(t, r.Status, RefundSuccess, "a new refund")
}

// With a refund delay the sandbox answers S without refundTime: the
// refund is accepted, still PROCESSING, until notifyRefund says SUCCESS.
func TestDelayedRefundSettledByNotification(t *testing.T) {
	e := newEnv(t, Options{})
	o, _ := paidOrder(t, e, "delay@example.com")
	e.sb.SetRefundDelay(300 * time.Millisecond)
	r, err := e.refund(o.Ref, "5")
	check(t, err)
	assertEqual(t, r.Status, RefundProcessing, "refund while the sandbox processes it")
	if r.RefundID == "" {
		t.Fatal("the accepted refund has no refundId")
	}
	assertEqual(t, e.verdicts("REFUND_RESULT", 1)[0], VerdictApplied, "notifyRefund")
	d := e.adminOrder(o.Ref)
	assertEqual(t, d.Refunds[0].Status, RefundSuccess, "refund after notifyRefund")
	assertEqual(t, d.State, ResultPartiallyRefunded, "order")
	if d.Refunds[0].RefundedAt.IsZero() {
		t.Fatal("no refund time")
	}
}

// The same, with every notification lost: the reconciler finds it
// PROCESSING, then SUCCESS once the sandbox is done.
func TestDelayedRefundSettledByReconciler(t *testing.T) {
	e := newEnv(t, Options{})
	o, _ := paidOrder(t, e, "delayrec@example.com")
	e.sb.SetRefundDelay(time.Hour) // Antom is making it until the test says
	e.sb.Faults().SetNotify(sandbox.NotifyFault{DropNext: 100})
	_, err := e.refund(o.Ref, "5")
	check(t, err)
	e.later(3 * time.Second)
	check(t, e.svc.Reconcile(e.ctx)) // the sandbox is still processing
	assertEqual(t, e.adminOrder(o.Ref).Refunds[0].Status, RefundProcessing, "refund during the delay")
	check(t, e.sb.SettleRefunds(e.ctx))
	e.later(10 * time.Second)
	check(t, e.svc.Reconcile(e.ctx))
	assertEqual(t, e.adminOrder(o.Ref).Refunds[0].Status, RefundSuccess, "refund after the delay")
	assertEqual(t, e.sb.Calls("payments/inquiryRefund"), 2, "inquiries")
}

// Antom refuses a refund we thought possible (it was refunded behind our
// back): FAIL with the code, and the refund made outside this app is
// found and taken into the books.
func TestRefundRefusedByAntomIsFail(t *testing.T) {
	e := newEnv(t, Options{})
	o, _ := paidOrder(t, e, "refused@example.com")
	_, err := e.svc.antom.Refund(e.ctx, &antom.RefundRequest{RefundRequestID: "RF-ELSEWHERE-1",
		PaymentID: e.attempt(o.Ref).PaymentID, RefundAmount: antom.MinorAmount("USD", 3000)})
	check(t, err)
	r, err := e.refund(o.Ref, "10")
	check(t, err)
	assertEqual(t, r.Status+"/"+r.ResultCode, "FAIL/REFUND_AMOUNT_EXCEED", "refund")
	if !strings.Contains(r.Words, "RF-ELSEWHERE-1 of $30.00") {
		t.Fatalf("words: %q", r.Words)
	}
	assertEqual(t, e.adminOrder(o.Ref).Refundable, Money{"USD", 700}, "a failed refund takes nothing; the outside one $30.00")
}

func refundBody(r RefundInfo, status string, amount int64) []byte {
	n := antom.NotifyRefund{
		NotifyType: antom.NotifyRefundResult, RefundStatus: status, RefundRequestID: r.RefundRequestID,
		RefundID: r.RefundID, RefundAmount: antom.MinorAmount(r.Amount.Currency, amount),
		RefundTime: time.Now().UTC().Format(time.RFC3339),
		Result:     antom.Result{ResultCode: "SUCCESS", ResultStatus: "S", ResultMessage: "success"},
	}
	b, _ := json.Marshal(n)
	return b
}

func TestRefundNotificationsAreIdempotentAndChecked(t *testing.T) {
	e := newEnv(t, Options{})
	o, _ := paidOrder(t, e, "notify@example.com")
	e.sb.SetRefundDelay(time.Hour) // the sandbox will not settle it: we do, by hand
	r, err := e.refund(o.Ref, "5")
	check(t, err)
	receive := func(body []byte) string {
		t.Helper()
		v, err := e.svc.ReceiveNotification(e.ctx, Inbound{RequestTime: "2026-11-22T10:00:00Z", Body: body})
		check(t, err)
		return v
	}
	assertEqual(t, receive(refundBody(r, "SUCCESS", 501)), VerdictQuarantined, "another amount")
	assertEqual(t, e.adminOrder(o.Ref).Refunds[0].Status, RefundProcessing, "after a quarantined notice")
	assertEqual(t, receive(refundBody(r, "SUCCESS", 500)), VerdictApplied, "first")
	assertEqual(t, receive(refundBody(r, "SUCCESS", 500)), VerdictDuplicate, "repeat")
	assertEqual(t, receive(refundBody(r, "FAIL", 500)), VerdictQuarantined, "contradiction")
	unknown := r
	unknown.RefundRequestID, unknown.RefundID = "RF-NOT-OURS", ""
	assertEqual(t, receive(refundBody(unknown, "SUCCESS", 500)), VerdictStale, "unknown refund")

	d := e.adminOrder(o.Ref)
	assertEqual(t, d.Refunds[0].Status, RefundSuccess, "refund")
	settles := 0
	for _, ev := range d.Timeline {
		if ev.Kind == EventState && strings.Contains(ev.Detail, r.RefundRequestID+" of $5.00 SUCCESS") {
			settles++
		}
	}
	assertEqual(t, settles, 1, "settlements on the timeline")
}

func TestLookupRefund(t *testing.T) {
	e := newEnv(t, Options{})
	o, _ := paidOrder(t, e, "lookup@example.com")
	r, err := e.refund(o.Ref, "3.50")
	check(t, err)

	for _, id := range []string{r.RefundRequestID, r.RefundID} {
		got, err := e.svc.LookupRefund(e.ctx, staffActor, " "+id+" ")
		check(t, err)
		if !got.Found || got.Status != RefundSuccess || got.Amount != (Money{"USD", 350}) || got.RefundedAt.IsZero() ||
			got.OrderRef != o.Ref || got.RefundID != r.RefundID || got.RefundRequestID != r.RefundRequestID {
			t.Fatalf("lookup by %s: %+v", id, got)
		}
	}
	got, err := e.svc.LookupRefund(e.ctx, staffActor, "RF-NOBODY-KNOWS")
	check(t, err)
	assertEqual(t, got.Found, false, "unknown id found")
	_, err = e.svc.LookupRefund(e.ctx, staffActor, "  ")
	assertField(t, err, "id", "Enter a refundRequestId")
}

// A lookup Antom answers with an unsigned HTTP 500 says no verified
// answer came, never the code its body claims (the README's "Refund
// lookup, no answer" recipe), and changes nothing.
func TestLookupRefundWithoutAVerifiedAnswer(t *testing.T) {
	e := newEnv(t, Options{})
	o, _ := paidOrder(t, e, "lookup500@example.com")
	r, err := e.refund(o.Ref, "2")
	check(t, err)
	spent := e.arm(readmeRecipe(t, "Refund lookup, no answer"))
	_, err = e.svc.LookupRefund(e.ctx, staffActor, r.RefundRequestID)
	var input *InputError
	if !errors.As(err, &input) {
		t.Fatalf("lookup answered HTTP 500: %v", err)
	}
	assertEqual(t, input.Fields[""], "No verified answer from Antom (HTTP 500). Try again in a moment.", "staff's words")
	assertEqual(t, spent(), true, "the recipe's faults all fired")
	assertEqual(t, e.adminOrder(o.Ref).Refunds[0].Status, RefundSuccess, "our refund")
}

// A lookup of our refund still PROCESSING with us settles it when Antom
// says it is done.
func TestLookupSettlesOurRefund(t *testing.T) {
	e := newEnv(t, Options{})
	o, _ := paidOrder(t, e, "lookset@example.com")
	e.sb.SetRefundDelay(time.Hour) // Antom is making it until the test says
	e.sb.Faults().SetNotify(sandbox.NotifyFault{DropNext: 100})
	r, err := e.refund(o.Ref, "1")
	check(t, err)
	got, err := e.svc.LookupRefund(e.ctx, staffActor, r.RefundRequestID)
	check(t, err)
	assertEqual(t, got.Status+"/"+boolWord(got.Updated), "PROCESSING/false", "lookup during the delay")
	check(t, e.sb.SettleRefunds(e.ctx))
	got, err = e.svc.LookupRefund(e.ctx, staffActor, r.RefundID)
	check(t, err)
	assertEqual(t, got.Status+"/"+boolWord(got.Updated), "SUCCESS/true", "lookup after the delay")
	d := e.adminOrder(o.Ref)
	assertEqual(t, d.Refunds[0].Status, RefundSuccess, "our refund")
	assertTimeline(t, d, EventState, "refund lookup by "+staffActor)
}

func boolWord(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// assertTimeline fails unless the order's timeline has an event of kind
// whose detail contains want.
func assertTimeline(t *testing.T, d AdminOrder, kind, want string) {
	t.Helper()
	for _, ev := range d.Timeline {
		if ev.Kind == kind && strings.Contains(ev.Detail, want) {
			return
		}
	}
	var lines []string
	for _, ev := range d.Timeline {
		lines = append(lines, ev.Kind+": "+ev.Detail)
	}
	t.Fatalf("no %s event with %q in:\n%s", kind, want, strings.Join(lines, "\n"))
}
