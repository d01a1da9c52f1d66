package checkout

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
	"antom-checkout/lang"
)

// While Antom answers SUCCESS without an authExpiryTime, the looks for it
// back off to the hour for the first day after the authorization, then
// come once a day, and stop authExpiryLookFor (30 days) after it: the
// order's page says since when we stopped asking, and its timeline why;
// no inquiry follows, and a line is written only when the schedule
// changes (the first look, each step of the backoff, the first daily
// look, the stop).
func TestAuthExpiryLooksGoDailyThenStop(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	o := e.authorizedWithoutExpiry("look-bound@example.com")
	paid := e.attempt(o.Ref).PaidAt
	clock := e.freezeClock()
	e.sb.Faults().SetAPI("payments/inquiryPayment", sandbox.APIFault{NoAuthExpiryNext: 100000})
	before := e.sb.Calls("payments/inquiryPayment")

	// Minutes after the authorization: 3 (authExpiryLookAfter), then 1, 2,
	// 4 … 32 minutes apart, then hourly until the day is out (the last
	// hourly pause cut short to end on it), then daily to day 30.
	due := []int{3, 4, 6, 10, 18, 34, 66}
	for m := 126; m < 24*60; m += 60 {
		due = append(due, m)
	}
	for d := 1; d <= 30; d++ {
		due = append(due, d*24*60)
	}
	at := func(min int) time.Duration { return paid.Add(time.Duration(min) * time.Minute).Sub(clock.start) }
	for i, m := range due {
		clock.set(at(m) - time.Second)
		check(t, e.svc.lookForAuthExpiries(e.ctx))
		if got := e.sb.Calls("payments/inquiryPayment") - before; got != i {
			t.Fatalf("a second before minute %d: %d inquiries, want %d", m, got, i)
		}
		clock.set(at(m))
		check(t, e.svc.lookForAuthExpiries(e.ctx))
		if got := e.sb.Calls("payments/inquiryPayment") - before; got != i+1 {
			t.Fatalf("at minute %d: %d inquiries, want %d", m, got, i+1)
		}
	}
	stoppedAt := clock.now()

	for _, later := range []time.Duration{time.Hour, 24 * time.Hour, 7 * 24 * time.Hour} {
		clock.set(at(30*24*60) + later)
		check(t, e.svc.lookForAuthExpiries(e.ctx))
		assertEqual(t, e.sb.Calls("payments/inquiryPayment")-before, len(due), fmt.Sprintf("inquiries %v after they stopped", later))
	}

	d, err := e.svc.AdminOrderDetail(e.ctx, o.Ref)
	check(t, err)
	assertEqual(t, d.AuthExpiryLookEnd, "", "an answer of Antom's that ended the looks")
	if !d.AuthExpiryLooksStoppedAt.Equal(stoppedAt) {
		t.Fatalf("the looks stopped at %v, want %v", d.AuthExpiryLooksStoppedAt, stoppedAt)
	}
	row, err := e.db.OrderByRef(e.ctx, o.Ref)
	check(t, err)
	assertEqual(t, row.Status, db.OrderAuthorized, "the order (a capture or a void settles it)")

	_, with, lines := e.timelineCounts(o.Ref, "not known")
	if with != 9 {
		t.Fatalf("%d lines of the looks, want 9 (the first, 6 steps to the hour, the first daily look, the stop):\n%s", with, strings.Join(lines, "\n"))
	}
	until := lang.StaffTime(paid.Add(authExpiryLookFor), nil)
	for look, want := range map[int]string{
		7:  "asking again every 1 h for a day, then once a day until " + until + " while it is authorized",
		30: "asking again once a day until " + until + " while it is authorized, then no more",
		len(due): "over 30 days (inquiryPayment's answer gave no authExpiryTime): no more looks. Card authorizations are rarely held " +
			"this long, so this one has most likely ended: look the payment up in Antom Dashboard before capturing (a capture will likely be refused)",
	} {
		if got := e.lineWith(o.Ref, fmt.Sprintf("after %d looks", look)).Detail; !strings.Contains(got, want) {
			t.Errorf("look %d's line %q, want it to say %q", look, got, want)
		}
	}
}
