package checkout

import (
	"errors"
	"strings"
	"testing"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// An ended authorization whose asks of Antom stopped is counted on the
// dashboard and listed by its filter, with its badge; staff close it
// having checked Antom Dashboard: EXPIRED as the reconciler would have
// closed it, the buyer's page says it expired, and the timeline says who
// closed it and why. Closing it again, or an authorization whose asks go
// on, is refused and changes nothing. (Nothing let staff close it: it
// stayed authorized for good.)
func TestStaffCloseAnAuthorizationWhoseAsksStopped(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	b := e.buyer("asks-stopped@example.com")
	o := e.authorizedOrder(b, "teapot")
	goesOn := e.authorizedOrder(b, "teapot")
	a := e.attempt(o.Ref)
	clock := e.freezeClock()
	stop := a.PaidAt.Add(authExpiryLookFor)
	clock.set(stop.Sub(clock.start))
	changed, err := e.db.StopEndChecks(e.ctx, a.ID, 0, stop)
	assertEqual(t, changed && err == nil, true, "asks stopped")
	// Until staff decide, the buyer's page says the hold has ended, not
	// that the money is taken when the order ships.
	held := e.result(Viewer{BuyerID: b.ID}, o.Ref)
	assertDeep(t, []any{held.State, held.HoldEnded}, []any{ResultAuthorized, true}, "the buyer's page of an authorization past its expiry")

	d, err := e.svc.AdminDashboard(e.ctx)
	check(t, err)
	assertEqual(t, d.AsksStopped, 1, "the dashboard's count")
	list, err := e.svc.AdminOrders(e.ctx, OrderFilter{Status: FilterAsksStopped})
	check(t, err)
	assertEqual(t, len(list.Items), 1, "the filter")
	assertDeep(t, []any{list.Items[0].Ref, list.Items[0].AsksStopped}, []any{o.Ref, true}, "listed, flagged")

	refused := func(ref, what string) {
		t.Helper()
		_, err := e.svc.ClosableAsksStopped(e.ctx, ref)
		var c *ConflictError
		assertEqual(t, errors.As(err, &c), true, what+": the confirmation refused")
		_, err = e.svc.CloseAsksStopped(e.ctx, "ann@example.com", ref)
		assertEqual(t, errors.As(err, &c), true, what+": refused")
		if !strings.Contains(c.Message, "Nothing was changed") {
			t.Fatalf("%s: the refusal says %q", what, c.Message)
		}
	}
	refused(goesOn.Ref, "asks going on")
	assertEqual(t, e.orderStatus(goesOn.Ref), db.OrderAuthorized, "the order whose asks go on")

	info, err := e.svc.ClosableAsksStopped(e.ctx, o.Ref)
	check(t, err)
	assertEqual(t, info.StoppedAt.Equal(stop), true, "when the asks stopped")
	closedAs, err := e.svc.CloseAsksStopped(e.ctx, "ann@example.com", o.Ref)
	check(t, err)
	if closedAs != db.OrderExpired {
		t.Errorf("closed as %q, want EXPIRED", closedAs)
	}
	assertEqual(t, e.orderStatus(o.Ref), db.OrderExpired, "closed")
	assertEqual(t, e.result(Viewer{BuyerID: b.ID}, o.Ref).State, ResultExpired, "the buyer's page")
	events, err := e.db.Events(e.ctx, OrderSubject(o.Ref))
	check(t, err)
	var line db.Event
	for _, ev := range events {
		if strings.Contains(ev.Detail, closedByStaffWords) {
			line = ev
		}
	}
	assertDeep(t, []any{line.Kind, line.Actor, line.At.Equal(stop), strings.Contains(line.Detail, "nothing was charged")},
		[]any{EventStaff, "ann@example.com", true, true}, "the timeline: who and when")

	refused(o.Ref, "closed already")
	_, with, _ := e.timelineCounts(o.Ref, closedByStaffWords)
	assertEqual(t, with, 1, "lines after a second close")
	d, err = e.svc.AdminDashboard(e.ctx)
	check(t, err)
	assertEqual(t, d.AsksStopped, 0, "the dashboard's count once closed")
}

// orderStatus is order ref's status in the books.
func (e *env) orderStatus(ref string) string {
	e.t.Helper()
	row, err := e.db.OrderByRef(e.ctx, ref)
	check(e.t, err)
	return row.Status
}
