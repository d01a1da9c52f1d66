package checkout

import (
	"errors"
	"fmt"
	"sync"
	"testing"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// orderAttempts counts order ref's payment attempts.
func (e *env) orderAttempts(ref string) int {
	e.t.Helper()
	row, err := e.db.OrderByRef(e.ctx, ref)
	check(e.t, err)
	as, err := e.db.AttemptsOfOrder(e.ctx, row.ID)
	check(e.t, err)
	return len(as)
}

// A buyer paying again and again (a wallet without the money, here) gets
// AttemptsPerOrder payment attempts on one order; past them a press —
// with the wallet or by card — stores nothing, sends Antom nothing, and
// leaves the order payable as it was, for staff to see.
func TestAttemptsPerOrderAreBounded(t *testing.T) {
	e := newEnv(t, Options{})
	_, low := testUsers("GCASH")
	b := e.buyer("loop@example.com")
	wallet := e.linkedWallet(b, "GCASH", low)
	o := e.order(b, "teapot", 1) // ¥5,800 against ¥500: every pay fails
	for i := 1; i <= AttemptsPerOrder; i++ {
		got, err := e.svc.PayWithWallet(e.ctx, b.ID, o.Ref, wallet, antom.Env{})
		if err != nil {
			t.Fatalf("pay %d: %v", i, err)
		}
		assertEqual(t, got.Status, db.OrderOpen, fmt.Sprintf("order after pay %d", i))
	}
	pays := e.sb.Calls("payments/pay")
	assertEqual(t, e.orderAttempts(o.Ref), AttemptsPerOrder, "attempts within the bound")

	if _, err := e.svc.PayWithWallet(e.ctx, b.ID, o.Ref, wallet, antom.Env{}); !errors.Is(err, ErrTooManyAttempts) {
		t.Fatalf("a wallet pay past the bound: %v, want ErrTooManyAttempts", err)
	}
	if _, err := e.svc.PayByCard(e.ctx, Viewer{BuyerID: b.ID}, o.Ref, "", false, 0, nil, antom.Env{}); !errors.Is(err, ErrTooManyAttempts) {
		t.Fatalf("a card pay past the bound: %v, want ErrTooManyAttempts", err)
	}
	assertEqual(t, e.orderAttempts(o.Ref), AttemptsPerOrder, "attempts past the bound")
	assertEqual(t, e.sb.Calls("payments/pay"), pays, "pays sent past the bound")
	got, err := e.svc.OrderFor(e.ctx, Viewer{BuyerID: b.ID}, o.Ref)
	check(t, err)
	assertEqual(t, got.Status, db.OrderOpen, "the order past the bound")
}

// Presses at once on an order one attempt short of AttemptsPerOrder make
// one attempt: the count is taken in the transaction that stores it.
func TestAttemptsPerOrderPressesAtOnce(t *testing.T) {
	e := newEnv(t, Options{})
	_, low := testUsers("GCASH")
	b := e.buyer("loop-at-once@example.com")
	wallet := e.linkedWallet(b, "GCASH", low)
	o := e.order(b, "teapot", 1)
	for i := 1; i < AttemptsPerOrder; i++ {
		_, err := e.svc.PayWithWallet(e.ctx, b.ID, o.Ref, wallet, antom.Env{})
		check(t, err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := e.svc.PayWithWallet(e.ctx, b.ID, o.Ref, wallet, antom.Env{})
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	made := 0
	for err := range errs {
		switch {
		case err == nil:
			made++
		case !errors.Is(err, ErrTooManyAttempts) && !errors.Is(err, ErrPaymentInProgress):
			t.Fatalf("a press at once: %v", err)
		}
	}
	assertEqual(t, made, 1, "presses that paid")
	assertEqual(t, e.orderAttempts(o.Ref), AttemptsPerOrder, "attempts after the presses at once")
}

// Leaving the card page of an order's last attempt (AttemptsPerOrder)
// leaves nothing: no other attempt could follow, so PayAnotherWay sends
// Antom nothing, stores no cancel and keeps the payment open
// (ErrNoOtherWay), and the result says the attempts are used up while
// the card page is still the way to pay. One attempt short, it leaves.
func TestPayAnotherWayAtTheBoundKeepsTheOpenPayment(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("last-page@example.com")
	v := Viewer{BuyerID: b.ID}
	o := e.order(b, "mug", 1)
	for i := 1; i < AttemptsPerOrder; i++ {
		e.startCard(v, o.Ref, false, 0)
		if _, err := e.svc.PayAnotherWay(e.ctx, v, o.Ref); err != nil {
			t.Fatalf("leave card page %d: %v", i, err)
		}
	}
	e.startCard(v, o.Ref, false, 0)
	sent := e.sb.Calls("payments/inquiryPayment") + e.sb.Calls("payments/cancel")
	_, err := e.svc.PayAnotherWay(e.ctx, v, o.Ref)
	if !errors.Is(err, ErrNoOtherWay) {
		t.Fatalf("leave the last card page: %v, want ErrNoOtherWay", err)
	}
	e.svc.Wait()
	assertEqual(t, e.sb.Calls("payments/inquiryPayment")+e.sb.Calls("payments/cancel"), sent, "inquiries and cancels sent")
	r, err := e.svc.OrderResult(e.ctx, v, o.Ref)
	check(t, err)
	assertEqual(t, r.State, ResultCardPage, "the last card page")
	assertEqual(t, r.Unpayable, UnpayableAttemptsUsedUp, "why it can no longer be paid")
	if r.CardPageURL == "" {
		t.Fatal("the last card page can no longer be continued on")
	}
	row, err := e.db.OrderByRef(e.ctx, o.Ref)
	check(t, err)
	a, err := e.db.OpenAttempt(e.ctx, row.ID)
	check(t, err)
	assertEqual(t, a.CancelStatus, "", "the open payment's cancel")
	assertEqual(t, a.AbandonedAt.IsZero(), true, "the open payment left")
}
