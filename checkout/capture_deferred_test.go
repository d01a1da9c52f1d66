package checkout

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// keptCard pays a first order by card in AUTOMATIC mode, keeping the
// card, and returns the buyer, the kept card and how many CAPTURE_RESULTs
// the inbox holds once that payment is done.
func (e *env) keptCard(email string) (Buyer, SavedCard, int) {
	e.t.Helper()
	b := e.buyer(email)
	first := e.order(b, "mug", 1)
	_, paymentID := e.startCard(Viewer{BuyerID: b.ID}, first.Ref, true, 0)
	check(e.t, e.sb.PayCard(e.ctx, paymentID, "4242424242424242"))
	e.waitOrder(b, first.Ref, db.OrderPaid)
	e.verdicts(antom.NotifyCaptureResult, 1)
	e.svc.Wait()
	cards, err := e.svc.BuyerCards(e.ctx, b.ID)
	check(e.t, err)
	assertEqual(e.t, len(cards), 1, "kept cards")
	return b, cards[0], len(e.verdicts(antom.NotifyCaptureResult, 1))
}

// captureRowsNow returns the CAPTURE_RESULT inbox rows after the first
// skip, oldest first, as they are now.
func (e *env) captureRowsNow(skip int) []db.Notification {
	e.t.Helper()
	rows, err := e.db.RecentNotifications(e.ctx, 100)
	check(e.t, err)
	var out []db.Notification
	seen := 0
	for i := len(rows) - 1; i >= 0; i-- {
		if rows[i].Kind != antom.NotifyCaptureResult {
			continue
		}
		if seen++; seen > skip {
			n, err := e.db.NotificationByID(e.ctx, rows[i].ID)
			check(e.t, err)
			out = append(out, n)
		}
	}
	return out
}

// captureLines returns the CAPTURE_RESULT lines of an order's timeline.
func (e *env) captureLines(ref string) []string {
	e.t.Helper()
	events, err := e.db.Events(e.ctx, OrderSubject(ref))
	check(e.t, err)
	var out []string
	for _, ev := range events {
		if ev.Kind == EventNotification && strings.HasPrefix(ev.Detail, antom.NotifyCaptureResult+":") {
			out = append(out, ev.Detail)
		}
	}
	return out
}

// Antom's sandbox does not send an unacknowledged notification again. A
// one-click payment's automatic capture overtakes pay's answer and is
// deferred; staff replay it while pay's answer is still held (deferred
// again). Once pay's answer records the paymentId, the deferred row's
// replay is re-applied at once — no resend needed — and goes on the
// timeline once; both deferred rows are dealt with, so the deferred
// filter lists neither; and Antom's resend, when one does come, is a
// duplicate that adds nothing.
func TestDeferredCaptureIsAppliedOnceThePaymentIDIsKnown(t *testing.T) {
	e := newEnv(t, Options{})
	b, card, before := e.keptCard("deferredchain@example.com")

	var captures atomic.Int32
	var resendsHeld, paymentsHeld atomic.Bool
	resendsHeld.Store(true)
	paymentsHeld.Store(true)
	e.gateNotifications(func(body []byte) bool {
		switch {
		case bytes.Contains(body, []byte(`"PAYMENT_RESULT"`)):
			return !paymentsHeld.Load() // the paymentId comes with pay's answer only
		case bytes.Contains(body, []byte(`"CAPTURE_RESULT"`)):
			return captures.Add(1) == 1 || !resendsHeld.Load() // sent once, as the real sandbox does
		}
		return true
	})
	release := make(chan struct{})
	e.holdPayAnswers(func() { <-release })

	second := e.order(b, "notebook", 1)
	type paid struct {
		cp  CardPayment
		err error
	}
	done := make(chan paid, 1)
	go func() {
		cp, err := e.svc.PayByCard(e.ctx, Viewer{BuyerID: b.ID}, second.Ref, "", false, card.ID, nil, antom.Env{ClientIP: "198.51.100.4"})
		done <- paid{cp, err}
	}()
	deferred := e.captureRows(before, VerdictDeferred)[0]
	assertEqual(t, deferred.Verdict, VerdictDeferred, "the capture that overtook pay's answer")
	if !strings.Contains(deferred.Detail, "applied here once a payment of ours has that paymentId") {
		t.Fatalf("the inbox says %q", deferred.Detail)
	}
	v, err := e.svc.Replay(e.ctx, staffActor, deferred.ID)
	check(t, err)
	assertEqual(t, v, VerdictDeferred, "a staff replay while pay's answer is held")

	close(release)
	r := <-done
	check(t, r.err)
	assertEqual(t, r.cp.Order.Status, db.OrderPaid, "order after one click")
	paymentsHeld.Store(false)

	// Before any resend: the deferred row, its staff replay, and the
	// replay's re-application (pay's answer made it, before PayByCard
	// returned).
	rows := e.captureRowsNow(before)
	if len(rows) != 3 {
		var got []string
		for _, r := range rows {
			got = append(got, fmt.Sprintf("#%d %s (%s)", r.ID, r.Verdict, r.Detail))
		}
		t.Fatalf("CAPTURE_RESULT rows %q, want 3", got)
	}
	staff, again := rows[1], rows[2]
	assertEqual(t, staff.Verdict, VerdictDeferred, "the staff replay's verdict")
	assertEqual(t, again.Verdict, VerdictApplied, "the re-application's verdict")
	a := e.attempt(second.Ref)
	assertEqual(t, staff.Awaits, a.PaymentID, "the paymentId the staff replay waits for")
	if !strings.Contains(again.Detail, "replay of #"+strconv.FormatInt(staff.ID, 10)+" by "+reapplyActor) ||
		!strings.Contains(again.Detail, "automatic capture, as expected") {
		t.Fatalf("the re-application says %q", again.Detail)
	}
	for _, n := range []db.Notification{deferred, staff} {
		entry, err := e.svc.NotificationEntry(e.ctx, n.ID)
		check(t, err)
		assertEqual(t, entry.Verdict, VerdictDeferred, "verdict on arrival")
		assertEqual(t, entry.SettledBy, again.ID, "the row that dealt with the deferred row")
	}
	in, err := e.svc.NotificationInboxFiltered(e.ctx, InboxFilter{Verdict: VerdictDeferred}, 1)
	check(t, err)
	assertEqual(t, len(in.Entries), 0, "rows listed as deferred once dealt with")
	assertEqual(t, len(e.captureLines(second.Ref)), 1, "CAPTURE_RESULT lines on the order's timeline")

	// Antom in production sends it again: a duplicate, adding nothing.
	resendsHeld.Store(false)
	dup := e.captureRows(before+3, VerdictDuplicate)
	assertEqual(t, dup[len(dup)-1].Verdict, VerdictDuplicate, "Antom's resend")
	e.svc.Wait()
	lines := e.captureLines(second.Ref)
	if len(lines) != 1 || !strings.Contains(lines[0], "automatic capture, as expected") {
		t.Fatalf("the timeline's CAPTURE_RESULT lines: %q", lines)
	}
	autos, err := e.db.AutomaticCaptures(e.ctx, a.ID)
	check(t, err)
	assertEqual(t, len(autos), 1, "automatic captures recorded")
	assertEqual(t, autos[0].Amount, a.Amount, "automatic capture's amount")
}

// An automatic capture told twice — staff replay the applied
// CAPTURE_RESULT, then Antom's resend comes — is one capture: both are
// duplicates, and the order's timeline has one line for it.
func TestAutomaticCaptureToldTwiceIsOneCapture(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("autotwice@example.com")
	o := e.order(b, "mug", 1)
	_, paymentID := e.startCard(Viewer{BuyerID: b.ID}, o.Ref, false, 0)
	check(t, e.sb.PayCard(e.ctx, paymentID, "4242424242424242"))
	e.waitOrder(b, o.Ref, db.OrderPaid)
	e.verdicts(antom.NotifyCaptureResult, 1)
	e.svc.Wait()
	rows := e.captureRowsNow(0)
	assertEqual(t, len(rows), 1, "CAPTURE_RESULT rows")
	assertEqual(t, rows[0].Verdict, VerdictApplied, "the automatic capture")

	v, err := e.svc.Replay(e.ctx, staffActor, rows[0].ID)
	check(t, err)
	assertEqual(t, v, VerdictDuplicate, "a replay of the applied capture")
	body, err := e.sealer.Open(rows[0].BodySealed, sealPurposeNotification)
	check(t, err)
	v, err = e.svc.ReceiveNotification(e.ctx, Inbound{Body: body})
	check(t, err)
	assertEqual(t, v, VerdictDuplicate, "Antom's resend")

	lines := e.captureLines(o.Ref)
	if len(lines) != 1 || !strings.Contains(lines[0], ": applied (") || !strings.Contains(lines[0], "automatic capture") {
		t.Fatalf("the timeline's CAPTURE_RESULT lines: %q", lines)
	}
	a := e.attempt(o.Ref)
	autos, err := e.db.AutomaticCaptures(e.ctx, a.ID)
	check(t, err)
	assertEqual(t, len(autos), 1, "automatic captures recorded")
	entry, err := e.svc.NotificationEntry(e.ctx, e.captureRowsNow(1)[0].ID)
	check(t, err)
	assertEqual(t, entry.OrderRef, o.Ref, "a duplicate still links its order in the inbox")
}

// A staff capture's CAPTURE_RESULT told again (a replay, Antom's resend)
// is a duplicate by its captureRequestId: one capture, captured once, one
// SUCCESS line on the timeline.
func TestManualCaptureToldAgainIsADuplicate(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	o := e.authorized("manualtwice@example.com")
	check(t, e.svc.Capture(e.ctx, staffActor, o.Ref, 5800))
	e.verdicts(antom.NotifyCaptureResult, 1)
	e.svc.Wait()
	c := e.lastCapture(o.Ref)
	assertEqual(t, c.Status, db.CaptureSuccess, "capture")
	row := e.captureRowsNow(0)[0]

	v, err := e.svc.Replay(e.ctx, staffActor, row.ID)
	check(t, err)
	assertEqual(t, v, VerdictDuplicate, "a replay of the capture's notification")
	body, err := e.sealer.Open(row.BodySealed, sealPurposeNotification)
	check(t, err)
	v, err = e.svc.ReceiveNotification(e.ctx, Inbound{Body: body})
	check(t, err)
	assertEqual(t, v, VerdictDuplicate, "Antom's resend")

	ord, err := e.db.OrderByRef(e.ctx, o.Ref)
	check(t, err)
	cs, err := e.db.OrderCaptures(e.ctx, ord.ID)
	check(t, err)
	assertEqual(t, len(cs), 1, "captures")
	assertEqual(t, cs[0].Status, db.CaptureSuccess, "capture after the duplicates")
	assertEqual(t, ord.Status, db.OrderPaid, "order")
	events, err := e.db.Events(e.ctx, OrderSubject(o.Ref))
	check(t, err)
	settled := 0
	for _, ev := range events {
		if strings.HasPrefix(ev.Detail, "capture "+c.CaptureRequestID+" "+db.CaptureSuccess) {
			settled++
		}
	}
	assertEqual(t, settled, 1, "capture SUCCESS lines on the timeline")
}

// A deferred capture whose paymentId was recorded but that was not
// re-applied then (the instance died between the two) is re-applied by
// the reconciler's next pass — once: the pass after finds nothing to do.
func TestReconcilerReappliesADeferredCaptureACrashLeft(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("crashleft@example.com")
	o := e.order(b, "coffee", 1)
	row, err := e.db.OrderByRef(e.ctx, o.Ref)
	check(t, err)
	a, l, err := e.svc.openAttempt(e.ctx, row, db.Attempt{Method: db.MethodCard, CaptureMode: antom.CaptureAutomatic}, time.Hour, EventBuyer,
		func(db.Attempt) string { return "pay" })
	check(t, err)
	check(t, e.db.ReleaseLease(e.ctx, l.work, l.holder)) // no pay call follows
	body := captureBody(db.Capture{CaptureRequestID: "AUTO_PAY-CRASH", CaptureID: "CAPID-CRASH", Currency: a.Currency, Amount: a.Amount},
		"PAY-CRASH", "S", "SUCCESS")
	v, err := e.svc.ReceiveNotification(e.ctx, Inbound{Body: body})
	assertEqual(t, v, VerdictDeferred, "before the paymentId is known")
	if !errors.Is(err, ErrDeferred) {
		t.Fatalf("deferred: %v", err)
	}
	// Recorded as a crash right after pay's answer committed leaves it.
	check(t, e.db.SetAttemptPaymentID(e.ctx, a.ID, "PAY-CRASH", e.svc.now()))
	assertEqual(t, len(e.captureLines(o.Ref)), 0, "timeline lines before the reconciler")

	check(t, e.svc.Reconcile(e.ctx))
	rows := e.captureRowsNow(0)
	if len(rows) != 2 {
		t.Fatalf("CAPTURE_RESULT rows after the reconciler: %d, want 2", len(rows))
	}
	assertEqual(t, rows[1].Verdict, VerdictApplied, "the re-application")
	assertEqual(t, rows[0].SettledBy, rows[1].ID, "the deferred row dealt with by")
	assertEqual(t, len(e.captureLines(o.Ref)), 1, "timeline lines after the reconciler")

	e.svc.reapplyDeferred(e.ctx, "")
	assertEqual(t, len(e.captureRowsNow(0)), 2, "CAPTURE_RESULT rows after another pass")
}
