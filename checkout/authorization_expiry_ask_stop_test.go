package checkout

import (
	"strings"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
)

// An ended authorization Antom never answers about (ORDER_NOT_EXIST
// every time) is asked about hourly at most, and no more once
// authExpiryLookFor (30 days) has passed since it was authorized — the
// rule that stops the looks for an unknown expiry — the last ask made
// then: the order stays AUTHORIZED (nothing says nothing was charged
// without Antom's word), staff's order page says since when we stopped,
// and the timeline why. (The asks went on hourly without end.)
func TestEndChecksStopWithTheExpiryLooks(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	b := e.buyer("end-check-stop@example.com")
	o := e.authorizedOrder(b, "teapot")
	a := e.attempt(o.Ref)
	clock := e.freezeClock()
	e.sb.Faults().SetAPI("payments/inquiryPayment", sandbox.APIFault{NotFoundNext: 100000})
	before := e.sb.Calls("payments/inquiryPayment")
	at := func(t time.Time) time.Duration { return t.Sub(clock.start) }
	stop := a.PaidAt.Add(authExpiryLookFor)
	asks := 0
	for now := a.AuthExpiresAt.Add(time.Minute); now.Before(stop); now = now.Add(time.Hour) {
		clock.set(at(now))
		check(t, e.svc.endAuthorizations(e.ctx))
		asks = e.sb.Calls("payments/inquiryPayment") - before
	}
	if asks < 24*20 {
		t.Fatalf("%d asks before the stop, want about one an hour", asks)
	}
	clock.set(at(stop))
	check(t, e.svc.endAuthorizations(e.ctx))
	assertEqual(t, e.sb.Calls("payments/inquiryPayment")-before, asks+1, "the last ask, when 30 days have passed")
	for _, later := range []time.Duration{time.Hour, 24 * time.Hour, 7 * 24 * time.Hour} {
		clock.set(at(stop.Add(later)))
		check(t, e.svc.endAuthorizations(e.ctx))
		assertEqual(t, e.sb.Calls("payments/inquiryPayment")-before, asks+1, "asks "+later.String()+" after they stopped")
	}

	row, err := e.db.OrderByRef(e.ctx, o.Ref)
	check(t, err)
	assertEqual(t, row.Status, db.OrderAuthorized, "the order: left for staff, not closed as nothing charged")
	d := e.adminOrder(o.Ref)
	if !d.EndChecksStoppedAt.Equal(stop) {
		t.Fatalf("stopped at %v, want %v", d.EndChecksStoppedAt, stop)
	}
	_, with, lines := e.timelineCounts(o.Ref, "no more asks")
	assertEqual(t, with, 1, "the stop's line: "+strings.Join(lines, "\n"))
	if !e.timelineHas(o.Ref, "30 days after it was authorized") || !e.timelineHas(o.Ref, "the order stays authorized for staff to decide") {
		t.Fatal("the timeline does not say why the asks stopped and what is left")
	}
	if e.timelineHas(o.Ref, "nothing was charged") {
		t.Fatal("the timeline says nothing was charged")
	}
}
