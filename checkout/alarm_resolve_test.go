package checkout

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// alarmTold is what staff are told of an alarm on order ref: its
// notices on the order page (conflicts, captures of a failed payment),
// the dashboard's counts of each, and the orders filter's refs.
func (e *env) alarmTold(ref, filter string) (conflicts, captures, dashConflicts, dashCaptures int, listed []string) {
	e.t.Helper()
	m := e.adminOrder(ref)
	d, err := e.svc.AdminDashboard(e.ctx)
	check(e.t, err)
	list, err := e.svc.AdminOrders(e.ctx, OrderFilter{Status: filter})
	check(e.t, err)
	for _, it := range list.Items {
		listed = append(listed, it.Ref)
	}
	return len(m.PaymentIDConflicts), len(m.AutoCapturesFailed), d.PaymentIDConflicts, d.AutoCapturesFailed, listed
}

// Staff mark a paymentId conflict resolved with a note: bad input (no
// note, one too long or on two lines, another order's ref, an alarm the
// payment has not, an unknown alarm) is refused and changes nothing;
// once resolved, the order's notice, the dashboard's count and the
// filter no longer show it, the timeline says who and the note once —
// a second staff member is told who resolved it and their note — and
// the app still never cancels the payment on its own past its expiry.
func TestResolvePaymentIDConflict(t *testing.T) {
	const other = "2026120600000000000000000000000021"
	e := newEnvScaled(t, Options{}, 1)
	_, o, a := e.conflictedCard("conflict-resolve@example.com", other)
	_, elsewhere, _ := e.conflictedCard("conflict-resolve-other@example.com", "")
	still := func(what string) {
		t.Helper()
		c, _, dash, _, listed := e.alarmTold(o.Ref, FilterPaymentIDConflict)
		if c != 1 || dash != 1 || len(listed) != 1 {
			t.Fatalf("%s: notice %d, dashboard %d, listed %v; want the conflict still told", what, c, dash, listed)
		}
	}
	still("before")
	var input *InputError
	var conflict *ConflictError
	for _, tc := range []struct {
		name, ref, request, alarm, note string
		want                            func(error) bool
	}{
		{"no note", o.Ref, a.PaymentRequestID, db.AlarmPaymentIDConflict, "  ", func(err error) bool { return errors.As(err, &input) && input.Fields["note"] != "" }},
		{"a note too long", o.Ref, a.PaymentRequestID, db.AlarmPaymentIDConflict, strings.Repeat("é", 201), func(err error) bool { return errors.As(err, &input) && strings.Contains(input.Fields["note"], "200") }},
		{"a note on two lines", o.Ref, a.PaymentRequestID, db.AlarmPaymentIDConflict, "one\ntwo", func(err error) bool { return errors.As(err, &input) }},
		{"another order's ref", elsewhere.Ref, a.PaymentRequestID, db.AlarmPaymentIDConflict, "done", func(err error) bool { return errors.Is(err, ErrNotFound) }},
		{"no such payment", o.Ref, "PR-NONE", db.AlarmPaymentIDConflict, "done", func(err error) bool { return errors.Is(err, ErrNotFound) }},
		{"an unknown alarm", o.Ref, a.PaymentRequestID, "something", "done", func(err error) bool { return errors.Is(err, ErrNotFound) }},
		{"an alarm the payment has not", o.Ref, a.PaymentRequestID, db.AlarmAutoCaptureFailed, "done", func(err error) bool {
			return errors.As(err, &conflict) && strings.Contains(conflict.Message, "has no automatic capture")
		}},
	} {
		_, err := e.svc.ResolvableAlarm(e.ctx, "staff@example.com", tc.ref, tc.request, tc.alarm, tc.note)
		if !tc.want(err) {
			t.Errorf("%s: the check said %v", tc.name, err)
		}
		if err := e.svc.ResolveAlarm(e.ctx, staffActor, tc.ref, tc.request, tc.alarm, tc.note); !tc.want(err) {
			t.Errorf("%s: resolving said %v", tc.name, err)
		}
		still(tc.name)
	}
	_, n, _ := e.timelineCounts(o.Ref, "marked resolved")
	assertEqual(t, n, 0, "lines saying it was resolved, after refusals")

	info, err := e.svc.ResolvableAlarm(e.ctx, "staff@example.com", o.Ref, a.PaymentRequestID, db.AlarmPaymentIDConflict, "cancelled in Antom Dashboard")
	check(t, err)
	assertEqual(t, info, AlarmInfo{Alarm: db.AlarmPaymentIDConflict, PaymentRequestID: a.PaymentRequestID, Words: "paymentId conflict",
		Named: "paymentId conflict of payment " + a.PaymentRequestID}, "the confirmation")
	check(t, e.svc.ResolveAlarm(e.ctx, "ann@shop.example", o.Ref, a.PaymentRequestID, db.AlarmPaymentIDConflict, " cancelled in Antom Dashboard "))
	c, _, dash, _, listed := e.alarmTold(o.Ref, FilterPaymentIDConflict)
	if c != 0 || dash != 0 || len(listed) != 0 {
		t.Fatalf("resolved: notice %d, dashboard %d, listed %v", c, dash, listed)
	}
	err = e.svc.ResolveAlarm(e.ctx, "bob@shop.example", o.Ref, a.PaymentRequestID, db.AlarmPaymentIDConflict, "mine")
	if !errors.As(err, &conflict) || !strings.Contains(conflict.Message, "ann@shop.example") || !strings.Contains(conflict.Message, "“cancelled in Antom Dashboard”") {
		t.Fatalf("a second resolve said %v, want who resolved it and their note", err)
	}
	events, err := e.db.Events(e.ctx, OrderSubject(o.Ref))
	check(t, err)
	var said []db.Event
	for _, ev := range events {
		if strings.Contains(ev.Detail, "marked resolved") {
			said = append(said, ev)
		}
	}
	if len(said) != 1 || said[0].Actor != "ann@shop.example" || said[0].Kind != EventStaff ||
		!strings.Contains(said[0].Detail, a.PaymentRequestID+" marked resolved: cancelled in Antom Dashboard") {
		t.Fatalf("the timeline says %+v, want ann's resolve once", said)
	}

	for _, d := range []time.Duration{hostedPayExpiry + cancelGrace + time.Minute, hostedPayExpiry + cancelGrace + 40*time.Minute} {
		e.later(d) // past the payment's expiry: the check is due
		check(t, e.svc.Reconcile(e.ctx))
		e.svc.Wait()
	}
	after := e.attempt(o.Ref)
	assertEqual(t, after.Status, db.AttemptProcessing, "the payment, resolved")
	assertEqual(t, after.CancelStatus, "", "its cancel, resolved")
}

// Two staff resolving the same alarm at once: one resolves it, the
// other is told who did and their note, and the timeline says it once.
func TestResolveAlarmTwoStaffAtOnce(t *testing.T) {
	e := newEnvScaled(t, Options{}, 1)
	_, o, a := e.conflictedCard("conflict-race@example.com", "2026120600000000000000000000000022")
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, who := range []string{"ann@shop.example", "bob@shop.example"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = e.svc.ResolveAlarm(e.ctx, who, o.Ref, a.PaymentRequestID, db.AlarmPaymentIDConflict, "note of "+who)
		}()
	}
	wg.Wait()
	won, lost := 0, 0
	for _, err := range errs {
		var conflict *ConflictError
		switch {
		case err == nil:
			won++
		case errors.As(err, &conflict) && strings.Contains(conflict.Message, "already marked resolved by") && strings.Contains(conflict.Message, "“note of "):
			lost++
		default:
			t.Fatalf("resolving said %v", err)
		}
	}
	assertEqual(t, [2]int{won, lost}, [2]int{1, 1}, "won, told who won")
	_, n, _ := e.timelineCounts(o.Ref, "marked resolved")
	assertEqual(t, n, 1, "lines saying it was resolved")
}

// An automatic capture of a payment Antom said failed, marked resolved:
// the order's notice, the dashboard's count and the filter leave it out.
func TestResolveAutomaticCaptureFailed(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("auto-failed-resolve@example.com")
	a := e.waitingCard(b)
	const paymentID = "PAY-AUTO-FAILED-RESOLVE"
	check(t, e.db.SetAttemptPaymentID(e.ctx, a.ID, paymentID, e.svc.now()))
	a, err := e.db.AttemptByID(e.ctx, a.ID)
	check(t, err)
	o, err := e.db.OrderByID(e.ctx, a.OrderID)
	check(t, err)
	e.receiveAs(captureNotice(t, "AUTO-FAILED-RESOLVE", paymentID, "CAPID-FAILED-RESOLVE", antom.MinorAmount(a.Currency, a.Amount)),
		VerdictApplied, "the automatic capture of a payment still open")
	e.receiveAs(paymentBody(a, "F", a.Amount), VerdictApplied, "PAYMENT_RESULT F")
	_, c, _, dash, listed := e.alarmTold(o.Ref, FilterAutoCaptureFailed)
	if c != 1 || dash != 1 || len(listed) != 1 {
		t.Fatalf("before: notice %d, dashboard %d, listed %v", c, dash, listed)
	}
	var conflict *ConflictError
	if err := e.svc.ResolveAlarm(e.ctx, staffActor, o.Ref, a.PaymentRequestID, db.AlarmPaymentIDConflict, "done"); !errors.As(err, &conflict) {
		t.Fatalf("resolving a paymentId conflict the payment has not said %v", err)
	}
	check(t, e.svc.ResolveAlarm(e.ctx, staffActor, o.Ref, a.PaymentRequestID, db.AlarmAutoCaptureFailed, "refunded in Antom Dashboard"))
	_, c, _, dash, listed = e.alarmTold(o.Ref, FilterAutoCaptureFailed)
	if c != 0 || dash != 0 || len(listed) != 0 {
		t.Fatalf("resolved: notice %d, dashboard %d, listed %v", c, dash, listed)
	}
	if !e.timelineHas(o.Ref, "automatic capture of payment "+a.PaymentRequestID+", which Antom then said failed, marked resolved: refunded in Antom Dashboard") {
		t.Fatal("the timeline does not say it was resolved")
	}
}
