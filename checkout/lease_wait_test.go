package checkout

import (
	"context"
	"errors"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
)

// cardPageScale scales the sandbox's clocks for these tests: a card page
// stays open ~8 s, past the slow calls they make (newEnv's ~1 s is not).
const cardPageScale = 0.01

// leftCardPage is an order whose buyer is on (or left) Antom's hosted
// card page: its open attempt and the paymentId.
func (e *env) leftCardPage(email string) (Viewer, Order, db.Attempt, string) {
	e.t.Helper()
	b := e.buyer(email)
	v := Viewer{BuyerID: b.ID}
	o := e.order(b, "mug", 1)
	_, paymentID := e.startCard(v, o.Ref, false, 0)
	return v, o, e.attempt(o.Ref), paymentID
}

// leasedBy has holder, a stand-in worker of another instance, take the
// lease on work for leaseTime.
func (e *env) leasedBy(work, holder string) {
	e.t.Helper()
	now := e.svc.now()
	ok, err := e.db.ClaimLease(e.ctx, work, holder, now, now.Add(leaseTime))
	check(e.t, err)
	assertEqual(e.t, ok, true, "lease taken by "+holder)
}

// reconcilerAsking has worker (a reconciler, of this instance or
// another) ask Antom about the attempt, its inquiry answering only after
// latency; it returns once the worker holds the attempt's lease, and a
// channel closed once it is done.
func (e *env) reconcilerAsking(worker *Service, a db.Attempt, latency time.Duration) <-chan struct{} {
	e.t.Helper()
	e.sb.Faults().SetAPI("payments/inquiryPayment", sandbox.APIFault{Latency: latency})
	done := make(chan struct{})
	go func() {
		defer close(done)
		worker.checkLeased(e.ctx, a.ID, "reconciler", false)
	}()
	for {
		holder, _, err := e.db.LeaseHolder(e.ctx, attemptWork(a.ID))
		check(e.t, err)
		if holder != "" {
			return done
		}
		select {
		case <-done:
			e.t.Fatal("the reconciler finished before it was seen holding the lease")
		case <-time.After(time.Millisecond):
		}
	}
}

// assertOnePayment checks the sandbox's ledger: the order's one payment,
// in status, with nothing refunded, captured or voided.
func (e *env) assertOnePayment(paymentID, status string) {
	e.t.Helper()
	l, err := e.sb.Ledger(e.ctx, e.clientCfg.ClientID)
	check(e.t, err)
	n := 0
	for _, p := range l.Payments {
		if p.PaymentID != paymentID {
			continue
		}
		n++
		assertEqual(e.t, p.Status, status, "the payment at Antom")
		assertEqual(e.t, p.Refunded, int64(0), "refunded at Antom")
		assertEqual(e.t, p.Voided, false, "voided at Antom")
	}
	assertEqual(e.t, n, 1, "payments at Antom")
	assertEqual(e.t, len(l.Refunds), 0, "refunds at Antom")
}

// "Pay another way" while a reconciler asks Antom about the card attempt
// waits for it to finish, then cancels the attempt it left open: one
// cancel, sent after the reconciler let go, and the order may be paid
// again. The reconciler may run in this process (its release wakes the
// wait) or on another instance (the wait claims again).
func TestPayAnotherWayWaitsForTheReconciler(t *testing.T) {
	for _, where := range []string{"this instance", "another instance"} {
		t.Run(where, func(t *testing.T) {
			e := newEnvScaled(t, Options{ActionWait: 10 * time.Second}, cardPageScale)
			v, o, a, paymentID := e.leftCardPage("another-waits@example.com")
			worker := e.svc
			if where == "another instance" {
				worker = e.instance()
			}
			cancels := e.sb.Calls("payments/cancel")
			reconciled := e.reconcilerAsking(worker, a, 300*time.Millisecond)

			got, err := e.svc.PayAnotherWay(e.ctx, v, o.Ref)
			check(t, err)
			select {
			case <-reconciled:
			default:
				t.Fatal("paying another way ended while the reconciler still held the attempt")
			}
			assertEqual(t, got.Status, db.OrderOpen, "order after paying another way")
			assertEqual(t, e.attempt(o.Ref).Status, db.AttemptCancelled, "the left attempt")
			assertEqual(t, e.sb.Calls("payments/cancel")-cancels, 1, "cancels")
			e.assertOnePayment(paymentID, antom.PaymentCancelled)
		})
	}
}

// The reconciler that "pay another way" waits for finds the card payment
// paid (the buyer did finish it): the order is paid, nothing is
// cancelled, and no money moves again.
func TestPayAnotherWayWaitsForTheReconcilerThatFindsItPaid(t *testing.T) {
	e := newEnvScaled(t, Options{ActionWait: 10 * time.Second}, cardPageScale)
	e.sb.Faults().SetNotify(sandbox.NotifyFault{DropNext: 100}) // only the inquiry tells
	v, o, a, paymentID := e.leftCardPage("another-paid@example.com")
	check(t, e.sb.PayCard(e.ctx, paymentID, "4242424242424242"))
	cancels := e.sb.Calls("payments/cancel")
	reconciled := e.reconcilerAsking(e.instance(), a, 300*time.Millisecond)

	got, err := e.svc.PayAnotherWay(e.ctx, v, o.Ref)
	check(t, err)
	<-reconciled
	assertEqual(t, got.Status, db.OrderPaid, "order after paying another way")
	assertEqual(t, e.sb.Calls("payments/cancel")-cancels, 0, "cancels")
	e.assertOnePayment(paymentID, antom.PaymentSuccess)
}

// A lease still held when the wait is over (its holder died: the lease
// runs out only after leaseTime) sends nothing: the order stays
// PROCESSING and the buyer may ask again; once the lease is free, the
// card payment is cancelled. (Before leasedWait this was answered at
// once; now after Options.ActionWait.)
func TestPayAnotherWayGivesUpOnALeaseHeldPastItsWait(t *testing.T) {
	const wait = 300 * time.Millisecond
	e := newEnvScaled(t, Options{ActionWait: wait}, cardPageScale)
	v, o, a, paymentID := e.leftCardPage("another-leased@example.com")
	e.leasedBy(attemptWork(a.ID), "dead instance")

	inquiries, cancels := e.sb.Calls("payments/inquiryPayment"), e.sb.Calls("payments/cancel")
	start := time.Now()
	if _, err := e.svc.PayAnotherWay(e.ctx, v, o.Ref); !errors.Is(err, ErrCancelNotConfirmed) {
		t.Fatalf("paying another way while leased: %v", err)
	}
	if took := time.Since(start); took < wait {
		t.Fatalf("gave up after %v, before its wait of %v", took, wait)
	}
	assertEqual(t, e.sb.Calls("payments/inquiryPayment")-inquiries, 0, "inquiries while leased")
	assertEqual(t, e.sb.Calls("payments/cancel")-cancels, 0, "cancels while leased")
	assertEqual(t, e.attempt(o.Ref).CancelStatus, db.CancelProcessing, "the choice, stored for the reconciler")

	check(t, e.db.ReleaseLease(e.ctx, attemptWork(a.ID), "dead instance"))
	e.later(manualCheckEvery + time.Second)
	// The buyer may stop waiting before Antom answers (the wait is short,
	// a loaded machine slow); the cancel then goes on without them.
	if _, err := e.svc.PayAnotherWay(e.ctx, v, o.Ref); err != nil && !errors.Is(err, ErrCancelNotConfirmed) {
		t.Fatalf("paying another way once the lease is free: %v", err)
	}
	e.svc.Wait()
	e.waitOrderAs(v, o.Ref, db.OrderOpen)
	assertEqual(t, e.attempt(o.Ref).Status, db.AttemptCancelled, "the left attempt")
	assertEqual(t, e.sb.Calls("payments/cancel")-cancels, 1, "cancels")
	e.assertOnePayment(paymentID, antom.PaymentCancelled)
}

// A buyer who goes away while "pay another way" waits for Antom is
// answered at once (their request ends); the choice is stored all the
// same, and the work goes on without them: once Antom answers, the card
// payment is cancelled, once.
func TestPayAnotherWayGoesOnWhenTheBuyerLeaves(t *testing.T) {
	e := newEnvScaled(t, Options{ActionWait: time.Minute}, cardPageScale)
	v, o, _, paymentID := e.leftCardPage("another-gone@example.com")
	silent := e.silence("payments/inquiryPayment")

	cancels := e.sb.Calls("payments/cancel")
	ctx, cancel := context.WithCancel(e.ctx)
	left := make(chan error, 1)
	go func() {
		_, err := e.svc.PayAnotherWay(ctx, v, o.Ref)
		left <- err
	}()
	silent.heldNow(t) // the inquiry is out: the buyer waits for it
	cancel()
	select {
	case err := <-left:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("paying another way, the buyer gone: %v", err)
		}
	case <-time.After(answerBound):
		t.Fatal("paying another way still waits after the buyer went away")
	}
	assertEqual(t, e.sb.Calls("payments/cancel")-cancels, 0, "cancels while the inquiry is out")
	assertEqual(t, e.attempt(o.Ref).CancelStatus, db.CancelProcessing, "the choice, stored")

	silent.release()
	e.svc.Wait()
	assertEqual(t, e.attempt(o.Ref).Status, db.AttemptCancelled, "the left attempt")
	assertEqual(t, e.sb.Calls("payments/cancel")-cancels, 1, "cancels")
	e.assertOnePayment(paymentID, antom.PaymentCancelled)
}

// "Check again" whose inquiry is slower than the buyer's wait says that
// Antom is still being asked, and the answer, once in, is applied and
// told to the result page's long-poll.
func TestCheckNowSaysWhenAntomIsStillBeingAsked(t *testing.T) {
	e := newEnvScaled(t, Options{ActionWait: 200 * time.Millisecond}, cardPageScale)
	e.sb.Faults().SetNotify(sandbox.NotifyFault{DropNext: 100}) // only the inquiry tells
	v, o, _, paymentID := e.leftCardPage("check-slow@example.com")
	check(t, e.sb.PayCard(e.ctx, paymentID, "4242424242424242"))
	e.sb.Faults().SetAPI("payments/inquiryPayment", sandbox.APIFault{Latency: time.Second})
	news, stop := e.svc.Hub().Subscribe(OrderSubject(o.Ref))
	defer stop()

	if _, err := e.svc.CheckNow(e.ctx, v, o.Ref); !errors.Is(err, ErrStillAsking) {
		t.Fatalf("check again, inquiry still out: %v", err)
	}
	assertEqual(t, e.attempt(o.Ref).Status, db.AttemptProcessing, "attempt as the buyer is answered")
	select {
	case <-news:
	case <-time.After(10 * time.Second):
		t.Fatal("the inquiry's answer was not told to the page")
	}
	e.waitOrderAs(v, o.Ref, db.OrderPaid)
	e.assertOnePayment(paymentID, antom.PaymentSuccess)
}

// "Check again" while another worker holds the attempt's lease past the
// wait asks nothing and says that Antom is still being asked; once the
// lease is free, it asks Antom, once.
func TestCheckNowWhileLeasedSaysStillAsking(t *testing.T) {
	e := newEnvScaled(t, Options{ActionWait: 200 * time.Millisecond}, cardPageScale)
	v, o, a, _ := e.leftCardPage("check-leased@example.com")
	e.leasedBy(attemptWork(a.ID), "other instance")
	inquiries := e.sb.Calls("payments/inquiryPayment")
	if _, err := e.svc.CheckNow(e.ctx, v, o.Ref); !errors.Is(err, ErrStillAsking) {
		t.Fatalf("check again while leased: %v", err)
	}
	e.svc.Wait()
	assertEqual(t, e.sb.Calls("payments/inquiryPayment")-inquiries, 0, "inquiries while leased")

	check(t, e.db.ReleaseLease(e.ctx, attemptWork(a.ID), "other instance"))
	e.later(manualCheckEvery + time.Second)
	// Once free, the check asks Antom; the buyer may stop waiting before
	// it answers (ActionWait is short, and a loaded machine slow), and the
	// inquiry then goes on without them: Wait lets it end before counting.
	if _, err := e.svc.CheckNow(e.ctx, v, o.Ref); err != nil && !errors.Is(err, ErrStillAsking) {
		t.Fatalf("check again once free: %v", err)
	}
	e.svc.Wait()
	assertEqual(t, e.sb.Calls("payments/inquiryPayment")-inquiries, 1, "inquiries once free")
}

// "Check again" that Antom answers only after the buyer's wait, and with
// no outcome (the card page is still open): the check's end is told to
// the order's pages all the same, and by then the attempt's Checks has
// grown past what CheckNow returned — the page no longer says that Antom
// is still being asked.
func TestCheckNowTellsThePageWhenItEndsWithoutAnOutcome(t *testing.T) {
	e := newEnvScaled(t, Options{ActionWait: 200 * time.Millisecond}, cardPageScale)
	v, o, _, _ := e.leftCardPage("check-open@example.com")
	e.sb.Faults().SetAPI("payments/inquiryPayment", sandbox.APIFault{Latency: time.Second})
	news, stop := e.svc.Hub().Subscribe(OrderSubject(o.Ref))
	defer stop()

	checks, err := e.svc.CheckNow(e.ctx, v, o.Ref)
	if !errors.Is(err, ErrStillAsking) {
		t.Fatalf("check again, inquiry still out: %v", err)
	}
	r, err := e.svc.OrderResult(e.ctx, v, o.Ref)
	check(t, err)
	assertEqual(t, r.Payment.Checks, checks, "checks ended as the buyer is answered")
	select {
	case <-news:
	case <-time.After(5 * time.Second): // Antom answers after 1 s; the card page closes (scaled) after about 8
		t.Fatal("the check's end was not told to the page")
	}
	r, err = e.svc.OrderResult(e.ctx, v, o.Ref)
	check(t, err)
	assertEqual(t, r.State, ResultCardPage, "the payment, still open")
	if r.Payment.Checks <= checks {
		t.Fatalf("checks %d after Antom answered, want more than %d", r.Payment.Checks, checks)
	}
}

// Staff looking a refund up while another instance's worker holds its
// lease wait for it to let go, then ask Antom; still held past the wait,
// they read errBusy and Antom is not asked.
func TestLookupRefundWaitsForTheLeaseHolder(t *testing.T) {
	e := newEnv(t, Options{ActionWait: 10 * time.Second})
	o, _ := paidOrder(t, e, "lookup-leased@example.com")
	e.sb.Faults().SetAPI("payments/refund", sandbox.APIFault{UnknownNext: refundTries})
	r, err := e.refund(o.Ref, "1.00")
	check(t, err)
	e.leasedBy(refundWork(r.ID), "other instance")

	inquiries := e.sb.Calls("payments/inquiryRefund")
	released := make(chan int, 1)
	time.AfterFunc(100*time.Millisecond, func() {
		released <- e.sb.Calls("payments/inquiryRefund") - inquiries
		if err := e.db.ReleaseLease(e.ctx, refundWork(r.ID), "other instance"); err != nil {
			t.Error(err) // not Fatal: another goroutine
		}
	})
	got, err := e.svc.LookupRefund(e.ctx, staffActor, r.RefundRequestID)
	check(t, err)
	assertEqual(t, <-released, 0, "inquiries while leased")
	assertEqual(t, got.OrderRef, o.Ref, "the refund's order")
	assertEqual(t, e.sb.Calls("payments/inquiryRefund")-inquiries, 1, "inquiries")

	e.svc.opts.ActionWait = 100 * time.Millisecond
	e.leasedBy(refundWork(r.ID), "other instance")
	if _, err := e.svc.LookupRefund(e.ctx, staffActor, r.RefundRequestID); !errors.Is(err, errBusy) {
		t.Fatalf("lookup while leased past the wait: %v", err)
	}
	assertEqual(t, e.sb.Calls("payments/inquiryRefund")-inquiries, 1, "inquiries")
}
