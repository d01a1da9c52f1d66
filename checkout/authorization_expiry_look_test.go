package checkout

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
)

// An authorization whose expiry no answer gave, and whose notification
// never came, is asked about by the reconciler authExpiryLookAfter after
// it succeeded — not before, when the notification may still bring it —
// and the expiry inquiryPayment gives is recorded, once; staff see it, no
// more looks follow, and the order closes when the hold lapses.
func TestReconcilerLearnsAnUnknownAuthExpiry(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	o := e.authorizedWithoutExpiry("look-expiry@example.com")
	clock := e.freezeClock()
	before := e.sb.Calls("payments/inquiryPayment")

	clock.set(2 * time.Minute) // Antom resends an unacknowledged notification 2 minutes on (API.md §6.1)
	check(t, e.svc.Reconcile(e.ctx))
	assertEqual(t, e.sb.Calls("payments/inquiryPayment")-before, 0, "inquiries while the notification may still come")

	clock.set(authExpiryLookAfter)
	check(t, e.svc.Reconcile(e.ctx))
	assertEqual(t, e.sb.Calls("payments/inquiryPayment")-before, 1, "inquiries once it is due")
	// An hour on, or just before the expiry if that comes first (past
	// it the reconciler asks once more, before closing the order).
	clock.set(min(authExpiryLookAfter+time.Hour, e.attempt(o.Ref).AuthExpiresAt.Sub(clock.start)-time.Second))
	check(t, e.svc.Reconcile(e.ctx))
	assertEqual(t, e.sb.Calls("payments/inquiryPayment")-before, 1, "inquiries once the expiry is known")
	expires := e.assertExpiryLearned(o.Ref, EventReconciler)
	if _, with, lines := e.timelineCounts(o.Ref, "not known"); with != 0 {
		t.Fatalf("a look that learnt the expiry says it did not:\n%q", lines)
	}

	clock.set(expires.Sub(clock.start) + time.Minute)
	check(t, e.svc.Reconcile(e.ctx))
	row, err := e.db.OrderByRef(e.ctx, o.Ref)
	check(t, err)
	assertEqual(t, row.Status, db.OrderExpired, "the order once the hold lapsed")
	asks := 0 // of this order: the other authorization's, voided, may be asked about too
	events, err := e.db.Events(e.ctx, OrderSubject(o.Ref))
	check(t, err)
	for _, ev := range events {
		if ev.Kind == EventAntomCall && strings.HasPrefix(ev.Detail, "inquiryPayment ") {
			asks++
		}
	}
	assertEqual(t, asks, 2, "inquiries of it once it lapsed (the look, one ask whether it was captured outside the app)")
}

// While Antom's answers give no expiry, the looks back off — 1, 2, 4, …
// 32 minutes, then every hour — with a line on each step while the pause
// grows and none at the cap; the schedule is kept in the database (an
// instance started later keeps to it). The first answer that gives the
// expiry ends the looks.
func TestAuthExpiryLooksBackOff(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	o := e.authorizedWithoutExpiry("look-backoff@example.com")
	clock := e.freezeClock()
	e.sb.Faults().SetAPI("payments/inquiryPayment", sandbox.APIFault{NoAuthExpiryNext: 1000})
	before := e.sb.Calls("payments/inquiryPayment")

	const m = 60 // seconds
	first := int(authExpiryLookAfter / time.Second)
	due := []int{first, first + m, first + 3*m, first + 7*m, first + 15*m, first + 31*m, first + 63*m, first + 123*m, first + 183*m}
	looked := 0
	for s := 0; s <= due[len(due)-1]; s += m {
		clock.set(time.Duration(s) * time.Second)
		check(t, e.svc.lookForAuthExpiries(e.ctx))
		if due[looked] == s {
			looked++
		}
		if got := e.sb.Calls("payments/inquiryPayment") - before; got != looked {
			t.Fatalf("at %d s: %d inquiries, want %d (due at %v)", s, got, looked, due)
		}
	}
	_, with, lines := e.timelineCounts(o.Ref, "not known")
	if with != 7 || !strings.Contains(e.lineWith(o.Ref, "after 7 looks").Detail, "asking again every 1 h for a day, then once a day until ") {
		t.Fatalf("%d lines of the looks, want 7 (1, 2, 4, 8, 16, 32 min, then the hour):\n%s", with, strings.Join(lines, "\n"))
	}
	if ev := e.lineWith(o.Ref, "is not known yet"); ev.Kind != EventReconciler ||
		!strings.Contains(ev.Detail, "(inquiryPayment's answer gave no authExpiryTime); asking again in 1 min") {
		t.Fatalf("the first look's line: %s %q", ev.Kind, ev.Detail)
	}

	// An instance started now keeps to the schedule the others left.
	restarted := NewService(Deps{DB: e.db, Antom: e.svc.antom, Sealer: e.sealer, Now: clock.now, Options: e.svc.opts})
	next := due[len(due)-1] + 60*m
	clock.set(time.Duration(next-1) * time.Second)
	check(t, restarted.lookForAuthExpiries(e.ctx))
	assertEqual(t, e.sb.Calls("payments/inquiryPayment")-before, looked, "inquiries before the next look is due")

	e.sb.Faults().SetAPI("payments/inquiryPayment", sandbox.APIFault{}) // Antom's answer gives it now
	clock.set(time.Duration(next) * time.Second)
	check(t, restarted.lookForAuthExpiries(e.ctx))
	assertEqual(t, e.sb.Calls("payments/inquiryPayment")-before, looked+1, "inquiries once the next look is due")
	restarted.Wait()
	e.assertExpiryLearned(o.Ref, EventReconciler)
	clock.set(time.Duration(next+24*3600) * time.Second)
	check(t, restarted.lookForAuthExpiries(e.ctx))
	assertEqual(t, e.sb.Calls("payments/inquiryPayment")-before, looked+2, "inquiries once it is known (the one above: assertExpiryLearned's)")
}

// An instance that read the look as due before another made it does not
// make it again once it holds the lease: one inquiry, one line. While
// another instance holds the attempt's lease, none.
func TestAuthExpiryLookIsMadeOncePerDueTime(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	o := e.authorizedWithoutExpiry("look-once@example.com")
	a := e.attempt(o.Ref)
	clock := e.freezeClock()
	e.sb.Faults().SetAPI("payments/inquiryPayment", sandbox.APIFault{NoAuthExpiryNext: 1000})
	before := e.sb.Calls("payments/inquiryPayment")
	clock.set(authExpiryLookAfter)
	other := e.instance()

	e.leasedBy(attemptWork(a.ID), "another instance")
	check(t, e.svc.lookForAuthExpiries(e.ctx))
	assertEqual(t, e.sb.Calls("payments/inquiryPayment")-before, 0, "inquiries while another instance holds the lease")
	check(t, e.db.ReleaseLease(e.ctx, attemptWork(a.ID), "another instance"))

	due, err := e.db.AuthExpiriesToLook(e.ctx, clock.now().Add(-authExpiryLookAfter), clock.now())
	check(t, err)
	assertEqual(t, len(due), 1, "looks due")
	check(t, e.svc.lookForAuthExpiries(e.ctx))
	for _, l := range due { // the other instance's pass, on what it read before
		other.leased(e.ctx, attemptWork(l.Attempt.ID), func(ctx context.Context) { other.lookForAuthExpiry(ctx, l.Attempt.ID) })
	}
	assertEqual(t, e.sb.Calls("payments/inquiryPayment")-before, 1, "inquiries")
	_, with, lines := e.timelineCounts(o.Ref, "not known")
	assertEqual(t, with, 1, fmt.Sprintf("lines of the look:\n%q", lines))
}
