package checkout

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// pageRead marks the context of the page read under test: the
// statements the hook (commitBefore) counts.
type pageRead struct{}

// commitBefore makes the k-th statement (from 1) of the next read run
// with a pageRead context wait until change has run — committed, and
// the work it left running done — so that change lands exactly between
// two of the read's statements (before its first, for k = 1). It
// reports whether the read ran k statements.
func (e *env) commitBefore(k int, change func()) (fired func() bool) {
	n, done := 0, false
	e.db.BeforeStatement(func(ctx context.Context, _ string) {
		if ctx.Value(pageRead{}) == nil || done {
			return
		}
		if n++; n == k {
			done = true
			change()
			e.svc.Wait()
		}
	})
	e.t.Cleanup(func() { e.db.BeforeStatement(nil) })
	return func() bool {
		e.db.BeforeStatement(nil)
		return done
	}
}

// wholeStates checks that a page read never shows a commit half-way:
// for every k, on a fresh order (fixture), change commits before the
// k-th statement of read, and what read returns must be the whole
// before (what it read just before) or the whole after (what it reads
// after), never a mix. show says what a reader of a failure needs to
// see of a page. It ends when a read runs fewer than k statements, and
// fails unless the change landed between two statements at least once.
func wholeStates[T any](t *testing.T, e *env, fixture func(i int) (ref string, change func()),
	read func(ctx context.Context, ref string) (T, error), show func(T) string) {
	t.Helper()
	between := 0
	for k := 1; ; k++ {
		ref, change := fixture(k)
		before, err := read(e.ctx, ref)
		check(t, err)
		fired := e.commitBefore(k, change)
		mid, err := read(context.WithValue(e.ctx, pageRead{}, true), ref)
		check(t, err)
		if !fired() {
			if between == 0 {
				t.Fatalf("the change never landed between two of the read's statements (%d statements)", k-1)
			}
			return
		}
		if k > 1 {
			between++
		}
		after, err := read(e.ctx, ref)
		check(t, err)
		if reflect.DeepEqual(before, after) {
			t.Fatalf("the change changed nothing the page shows: %s", show(after))
		}
		if !reflect.DeepEqual(mid, before) && !reflect.DeepEqual(mid, after) {
			t.Errorf("a commit before the read's statement %d: the page shows neither the whole before nor the whole after\nbefore %s\nread   %s\nafter  %s",
				k, show(before), show(mid), show(after))
		}
	}
}

// showAdmin is what staff's order page shows that the changes below
// change.
func showAdmin(o AdminOrder) string {
	var lines []string
	for _, l := range o.Timeline {
		lines = append(lines, l.Detail)
	}
	return fmt.Sprintf("state %s, pending %q, capturing %v, captures %d, refunds %d, refunding %v, refundable %v; %d timeline lines, the last %q",
		o.State, o.Pending, o.Capturing, len(o.Captures), len(o.Refunds), o.Refunding, o.Refundable, len(lines), lines[len(lines)-1])
}

// showResult is what the buyer's result page shows that the changes
// below change.
func showResult(r Result) string {
	return fmt.Sprintf("state %s, charged %v, capturing %v, refunding %v", r.State, r.Charged, r.Capturing, r.Refunding)
}

// paidByWallet returns a fixture: an order of b paid with wallet (its
// payment's notification in), and the change, a staff refund of $1 that
// Antom accepts and has not made yet.
func (e *env) paidByWallet(b Buyer, wallet int64) func(int) (string, func()) {
	paid := 0
	return func(int) (string, func()) {
		o := e.order(b, "coffee", 2)
		_, err := e.svc.PayWithWallet(e.ctx, b.ID, o.Ref, wallet, antom.Env{ClientIP: "203.0.113.7"})
		check(e.t, err)
		paid++
		e.verdicts("PAYMENT_RESULT", paid)
		return o.Ref, func() {
			if _, err := e.refund(o.Ref, "1"); err != nil {
				e.t.Errorf("refund: %v", err)
			}
		}
	}
}

// authorizedCapturing returns a fixture: a MANUAL card authorization of
// b with a capture Antom has not confirmed, and the change, Antom's
// notification that it succeeded (the capture and the order paid, in one
// commit).
func (e *env) authorizedCapturing(b Buyer) func(int) (string, func()) {
	return func(int) (string, func()) {
		o := e.order(b, "teapot", 1)
		_, paymentID := e.startCard(Viewer{BuyerID: b.ID}, o.Ref, false, 0)
		check(e.t, e.sb.PayCard(e.ctx, paymentID, "4242424242424242"))
		e.waitOrder(b, o.Ref, db.OrderAuthorized)
		e.svc.Wait()
		c := e.unknownCapture(o.Ref, 5800)
		body := captureBody(c, e.attempt(o.Ref).PaymentID, "S", "SUCCESS")
		return o.Ref, func() {
			if v, err := e.svc.ReceiveNotification(e.ctx, Inbound{Body: body}); err != nil || v != VerdictApplied {
				e.t.Errorf("the capture's notification: %s %v", v, err)
			}
		}
	}
}

// Staff's order page is read in one snapshot: a refund committed while
// it reads is all there (its row, the money refunding, its timeline
// lines) or not at all — never a timeline line without its refund row.
func TestStaffPageSeesARefundWholeOrNot(t *testing.T) {
	e := newEnv(t, Options{})
	e.sb.SetRefundDelay(time.Hour) // the refund stays processing: nothing else commits
	b, wallet, _ := payer(t, e, "snapshot.refund@example.com")
	wholeStates(t, e, e.paidByWallet(b, wallet), e.svc.AdminOrderDetail, showAdmin)
}

// Staff's order page is read in one snapshot: a capture confirmed while
// it reads shows the order still authorized with the capture under way,
// or paid with it taken — never authorized without the capture under
// way.
func TestStaffPageSeesACaptureWholeOrNot(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	wholeStates(t, e, e.authorizedCapturing(e.buyer("snapshot.capture@example.com")), e.svc.AdminOrderDetail, showAdmin)
}

// The buyer's result page is read in one snapshot too: a capture
// confirmed while it reads shows authorized with "being captured", or
// paid — never authorized with nothing under way.
func TestResultPageSeesACaptureWholeOrNot(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	b := e.buyer("snapshot.result@example.com")
	read := func(ctx context.Context, ref string) (Result, error) {
		return e.svc.OrderResult(ctx, Viewer{BuyerID: b.ID}, ref)
	}
	wholeStates(t, e, e.authorizedCapturing(b), read, showResult)
}
