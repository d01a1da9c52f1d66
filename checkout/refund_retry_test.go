package checkout

import (
	"errors"
	"reflect"
	"strings"
	"sync"
	"testing"

	"antom-checkout/antom/sandbox"
)

// failNextRefund makes Antom refuse the next refund call (F ORDER_NOT_EXIST).
func (e *env) failNextRefund() {
	e.sb.Faults().SetAPI("payments/refund", sandbox.APIFault{NotFoundNext: 1})
}

// retry sends the "Try this refund again" form of refund id with a fresh
// key, confirmed.
func (e *env) retry(ref string, id int64) (RefundInfo, error) {
	e.t.Helper()
	key, err := NewRefundKey()
	check(e.t, err)
	r, _, err := e.svc.RetryRefund(e.ctx, staffActor, ref, id, RetryInput{Key: key})
	return r, err
}

// openOwed is what the admin order page says is owed: in all, and per
// open failure by refundRequestId.
func (e *env) openOwed(ref string) (Money, map[string]Money) {
	e.t.Helper()
	d := e.adminOrder(ref)
	open := map[string]Money{}
	for _, r := range d.Refunds {
		if r.OpenFailure {
			open[r.RefundRequestID] = r.Owed
		}
	}
	return d.RefundFailed, open
}

func assertConflict(t *testing.T, err error, want string) {
	t.Helper()
	var c *ConflictError
	if !errors.As(err, &c) || !strings.Contains(c.Message, want) {
		t.Fatalf("error %v, want a conflict saying %q", err, want)
	}
}

// $4 fails; staff try it again and that fails too: $4 is owed, not $8,
// by one open failure (the retry) — on the admin page, the dashboard and
// the buyer's page alike. The first failure can then be neither retried
// again nor marked handled. Trying the retry again succeeds: nothing is
// owed, and $4 is refunded once. The timeline says which refund each
// retry retries.
func TestRetriedRefundCountsOnce(t *testing.T) {
	e := newEnv(t, Options{})
	o, login := paidOrder(t, e, "retry@example.com")
	before, err := e.sb.Balance(e.ctx, login, "USD")
	check(t, err)
	e.failNextRefund()
	first, err := e.refund(o.Ref, "4")
	check(t, err)
	assertEqual(t, first.Status, RefundFail, "the first refund")

	e.failNextRefund()
	second, err := e.retry(o.Ref, first.ID)
	check(t, err)
	assertDeep(t, []any{second.Status, second.Amount}, []any{RefundFail, Money{"USD", 400}}, "the retry")
	owed, open := e.openOwed(o.Ref)
	assertDeep(t, []any{owed, open}, []any{Money{"USD", 400}, map[string]Money{second.RefundRequestID: {"USD", 400}}},
		"owed after a failed retry: one failure of $4")
	dash, err := e.svc.AdminDashboard(e.ctx)
	check(t, err)
	assertEqual(t, dash.RefundsFailed, 1, "the dashboard's failed refunds")
	assertEqual(t, e.result(Viewer{BuyerID: o.BuyerID}, o.Ref).RefundFailed, Money{"USD", 400}, "the buyer's page: not refunded")
	d := e.adminOrder(o.Ref)
	assertDeep(t, []any{d.Refunds[0].RetriedBy, d.Refunds[1].RetryOf}, []any{second.RefundRequestID, first.RefundRequestID}, "retried by / retry of")
	assertTimeline(t, d, EventStaff, "refund of $4.00 asked ("+second.RefundRequestID+"), retrying failed refund "+first.RefundRequestID)

	calls := e.sb.Calls("payments/refund")
	_, err = e.retry(o.Ref, first.ID)
	assertConflict(t, err, "which failed too: what was owed passed to that refund — try that one again instead")
	err = e.svc.HandleFailedRefund(e.ctx, staffActor, o.Ref, first.ID, "cash", "")
	assertConflict(t, err, "which failed too: what was owed passed to that refund — mark that one handled instead")
	assertEqual(t, len(e.adminOrder(o.Ref).Refunds), 2, "refunds after the refusals")
	assertEqual(t, e.sb.Calls("payments/refund"), calls, "refund calls after the refusals")

	third, err := e.retry(o.Ref, second.ID)
	check(t, err)
	assertEqual(t, third.Status, RefundSuccess, "the retry of the retry")
	owed, open = e.openOwed(o.Ref)
	assertDeep(t, []any{owed, len(open)}, []any{Money{"USD", 0}, 0}, "owed once the retry is done")
	d = e.adminOrder(o.Ref)
	assertDeep(t, []any{d.Refunded, d.Refundable}, []any{Money{"USD", 400}, Money{"USD", 3300}}, "refunded, refundable")
	assertTimeline(t, d, EventStaff, "retrying failed refund "+second.RefundRequestID)
	assertEqual(t, e.result(Viewer{BuyerID: o.BuyerID}, o.Ref).RefundFailed, Money{"USD", 0}, "the buyer's page: nothing not refunded")
	after, err := e.sb.Balance(e.ctx, login, "USD")
	check(t, err)
	assertEqual(t, after-before, int64(400), "money back to the wallet, once")

	// Done: neither it nor the retries before can be tried again.
	_, err = e.retry(o.Ref, second.ID)
	assertConflict(t, err, "which is done: nothing is owed of it")
	_, err = e.retry(o.Ref, third.ID)
	assertConflict(t, err, "did not fail")
	assertEqual(t, e.sb.Calls("payments/refund"), calls+1, "refund calls")
}

// A refund of its own after a failure still makes it good (oldest
// first), and the failure can no longer be retried; one handled another
// way cannot be either. A retry asks for what the failure is owed, which
// never exceeds what may still be refunded (failures are owed no more
// than that); the same form sent twice makes one refund; a failure of
// another order or an unknown one is not found. Refused retries change
// nothing.
func TestRefundRetryRefusals(t *testing.T) {
	e := newEnv(t, Options{})
	o, _ := paidOrder(t, e, "refusals@example.com")
	e.failNextRefund()
	madeGood, err := e.refund(o.Ref, "3")
	check(t, err)
	_, err = e.refund(o.Ref, "3")
	check(t, err)
	owed, _ := e.openOwed(o.Ref)
	assertEqual(t, owed, Money{"USD", 0}, "owed after a refund of its own")
	e.failNextRefund()
	handled, err := e.refund(o.Ref, "30")
	check(t, err)
	e.failNextRefund()
	tooBig, err := e.refund(o.Ref, "4.50")
	check(t, err)
	check(t, e.svc.HandleFailedRefund(e.ctx, staffActor, o.Ref, handled.ID, "bank transfer", ""))
	// Paid $37, refunded $3, the older $30 failure settled another way
	// (for all of it): $4 left, so the $4.50 that failed after it is owed
	// $4.00, and a retry asks for that.
	assertEqual(t, e.adminOrder(o.Ref).Refundable, Money{"USD", 400}, "refundable")

	refunds, calls := len(e.adminOrder(o.Ref).Refunds), e.sb.Calls("payments/refund")
	_, err = e.retry(o.Ref, madeGood.ID)
	assertConflict(t, err, "is made good by refunds of the payment made after it")
	_, err = e.retry(o.Ref, handled.ID)
	assertConflict(t, err, "already marked handled another way")
	capped, err := e.svc.RetryableRefund(e.ctx, o.Ref, tooBig.ID)
	check(t, err)
	assertDeep(t, []any{capped.Owed, capped.Unmet}, []any{Money{"USD", 400}, Money{"USD", 450}}, "what a retry would refund, of $4.50 unmet")
	other, _ := paidOrder(t, e, "other@example.com")
	_, err = e.retry(other.Ref, tooBig.ID)
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("another order's refund: %v, want ErrNotFound", err)
	}
	_, err = e.retry(o.Ref, tooBig.ID+100)
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("an unknown refund: %v, want ErrNotFound", err)
	}
	_, _, err = e.svc.RetryRefund(e.ctx, staffActor, o.Ref, tooBig.ID, RetryInput{Key: "not a key!"})
	assertField(t, err, "", "expired")
	assertDeep(t, []any{len(e.adminOrder(o.Ref).Refunds), e.sb.Calls("payments/refund")}, []any{refunds, calls}, "refunds, refund calls after the refusals")
	owed, open := e.openOwed(o.Ref)
	assertDeep(t, []any{owed, open}, []any{Money{"USD", 400}, map[string]Money{tooBig.RefundRequestID: {"USD", 400}}}, "still owed")
	// Tried again: $4.00 refunded, all of the payment accounted for.
	key, err := NewRefundKey()
	check(t, err)
	rc, _, err := e.svc.RetryRefund(e.ctx, staffActor, o.Ref, tooBig.ID, RetryInput{Key: key, Owed: "400"})
	check(t, err)
	assertDeep(t, []any{rc.Status, rc.Amount}, []any{RefundSuccess, Money{"USD", 400}}, "the capped failure tried again")
	d := e.adminOrder(o.Ref)
	assertDeep(t, []any{d.RefundFailed, d.Refunded, d.Handled, d.Refundable}, []any{Money{"USD", 0}, Money{"USD", 700}, Money{"USD", 3000}, Money{"USD", 0}},
		"owed, refunded, settled another way, refundable: $37 in all")

	// On another order, $4 fails and a refund of $1 of its own makes $1
	// of it good: a retry refunds the $3 left, once confirmed for that
	// amount; sent twice, it makes one refund.
	e.failNextRefund()
	partly, err := e.refund(other.Ref, "4")
	check(t, err)
	_, err = e.refund(other.Ref, "1")
	check(t, err)
	info, err := e.svc.RetryableRefund(e.ctx, other.Ref, partly.ID)
	check(t, err)
	assertEqual(t, info.Owed, Money{"USD", 300}, "what a retry would refund")
	key, err = NewRefundKey()
	check(t, err)
	_, _, err = e.svc.RetryRefund(e.ctx, staffActor, other.Ref, partly.ID, RetryInput{Key: key, Owed: "400"})
	assertConflict(t, err, "changed meanwhile: it is now $3.00")
	r, repeat, err := e.svc.RetryRefund(e.ctx, staffActor, other.Ref, partly.ID, RetryInput{Key: key, Owed: "300"})
	check(t, err)
	assertDeep(t, []any{r.Status, r.Amount, repeat}, []any{RefundSuccess, Money{"USD", 300}, false}, "the retry")
	again, repeat, err := e.svc.RetryRefund(e.ctx, staffActor, other.Ref, partly.ID, RetryInput{Key: key, Owed: "300"})
	check(t, err)
	assertDeep(t, []any{again.ID, repeat}, []any{r.ID, true}, "the same form sent again")
	d = e.adminOrder(other.Ref)
	assertDeep(t, []any{d.RefundFailed, d.Refunded, d.Refundable}, []any{Money{"USD", 0}, Money{"USD", 400}, Money{"USD", 3300}},
		"owed, refunded, refundable")
}

func assertDeep(t *testing.T, got, want any, what string) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s: got %+v, want %+v", what, got, want)
	}
}

// Staff pressing "Try this refund again" on the same failure at once,
// each with their own form: one retry is made and sent, the others are
// told it was already tried again.
func TestConcurrentRetriesOfOneFailureMakeOneRefund(t *testing.T) {
	e := newEnv(t, Options{})
	o, _ := paidOrder(t, e, "together@example.com")
	e.failNextRefund()
	failed, err := e.refund(o.Ref, "4")
	check(t, err)
	calls := e.sb.Calls("payments/refund")
	const n = 4
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range errs {
		key, err := NewRefundKey()
		check(t, err)
		wg.Go(func() {
			_, _, errs[i] = e.svc.RetryRefund(e.ctx, staffActor, o.Ref, failed.ID, RetryInput{Key: key})
		})
	}
	wg.Wait()
	made := 0
	for _, err := range errs {
		if err == nil {
			made++
			continue
		}
		assertConflict(t, err, "was already tried again")
	}
	assertEqual(t, made, 1, "retries made")
	assertEqual(t, e.sb.Calls("payments/refund"), calls+1, "refund calls")
	d := e.adminOrder(o.Ref)
	assertDeep(t, []any{len(d.Refunds), d.Refunded, d.RefundFailed}, []any{2, Money{"USD", 400}, Money{"USD", 0}}, "refunds, refunded, owed")
}

// A failure owed nothing — the failures before it are owed all that may
// still be refunded — is not open: it cannot be tried again nor marked
// handled, and staff are told why; nothing changes.
func TestFailureOwedNothingIsNotRetried(t *testing.T) {
	e := newEnv(t, Options{})
	o, _ := paidOrder(t, e, "nothing@example.com")
	e.failNextRefund()
	all, err := e.refund(o.Ref, "37")
	check(t, err)
	e.failNextRefund()
	more, err := e.refund(o.Ref, "5")
	check(t, err)
	owed, open := e.openOwed(o.Ref)
	assertDeep(t, []any{owed, open}, []any{Money{"USD", 3700}, map[string]Money{all.RefundRequestID: {"USD", 3700}}}, "owed: $37, not $42")
	calls := e.sb.Calls("payments/refund")
	_, err = e.retry(o.Ref, more.ID)
	assertConflict(t, err, "is owed nothing: the failed refunds before it are owed all that may still be refunded")
	err = e.svc.HandleFailedRefund(e.ctx, staffActor, o.Ref, more.ID, "cash", "")
	assertConflict(t, err, "is owed nothing: the failed refunds before it are owed all that may still be refunded")
	assertEqual(t, e.sb.Calls("payments/refund"), calls, "refund calls")
	assertEqual(t, e.result(Viewer{BuyerID: o.BuyerID}, o.Ref).RefundFailed, Money{"USD", 3700}, "the buyer's page")
}
