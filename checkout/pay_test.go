package checkout

import (
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
)

// payer is a buyer with a linked GCash wallet of a funded sandbox user.
func payer(t *testing.T, e *env, email string) (Buyer, int64, string) {
	t.Helper()
	funded, _ := testUsers("GCASH")
	b := e.buyer(email)
	return b, e.linkedWallet(b, "GCASH", funded[0]), funded[0]
}

func TestPayWithWalletSucceeds(t *testing.T) {
	e := newEnv(t, Options{})
	b, wallet, login := payer(t, e, "pay@example.com")
	before, err := e.sb.Balance(e.ctx, login, "USD")
	check(t, err)

	o := e.order(b, "coffee", 2) // 2 × $18.50
	paid, err := e.svc.PayWithWallet(e.ctx, b.ID, o.Ref, wallet, antom.Env{ClientIP: "203.0.113.7"})
	check(t, err)
	assertEqual(t, paid.Status, db.OrderPaid, "order")
	a := e.attempt(o.Ref)
	assertEqual(t, a.Status, db.AttemptSuccess, "attempt")
	if a.PaymentID == "" || a.PaidAt.IsZero() {
		t.Fatalf("paid attempt without paymentId or time: %+v", a)
	}
	after, _ := e.sb.Balance(e.ctx, login, "USD")
	assertEqual(t, before-after, int64(3700), "debited")

	// The pay answer and the notification race; whichever comes second
	// changes nothing.
	e.assertSettledOnce(o.Ref)
	if _, err := e.svc.PayWithWallet(e.ctx, b.ID, o.Ref, wallet, antom.Env{}); !errors.Is(err, ErrOrderPaid) {
		t.Fatalf("paying a paid order again: %v", err)
	}
	assertEqual(t, e.sb.Calls("payments/pay"), 1, "pay calls")
}

func TestPayInsufficientBalanceMovesNoMoney(t *testing.T) {
	e := newEnv(t, Options{})
	_, low := testUsers("GCASH")
	b := e.buyer("low@example.com")
	wallet := e.linkedWallet(b, "GCASH", low)
	before, _ := e.sb.Balance(e.ctx, low, "JPY")

	o := e.order(b, "teapot", 1) // ¥5,800 against ¥500
	got, err := e.svc.PayWithWallet(e.ctx, b.ID, o.Ref, wallet, antom.Env{})
	check(t, err)
	assertEqual(t, got.Status, db.OrderOpen, "order stays payable")
	a := e.attempt(o.Ref)
	assertEqual(t, a.Status+"/"+a.ResultCode, "FAIL/USER_BALANCE_NOT_ENOUGH", "attempt")
	after, _ := e.sb.Balance(e.ctx, low, "JPY")
	assertEqual(t, after, before, "balance")
	e.assertSettledOnce(o.Ref)
}

// Two clicks at once (or two tabs) make one pay call.
func TestConcurrentClicksPayOnce(t *testing.T) {
	e := newEnv(t, Options{})
	b, wallet, login := payer(t, e, "twice@example.com")
	before, _ := e.sb.Balance(e.ctx, login, "USD")
	o := e.order(b, "mug", 1)
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := e.svc.PayWithWallet(e.ctx, b.ID, o.Ref, wallet, antom.Env{})
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	var ok, refused int
	for err := range errs {
		switch {
		case err == nil:
			ok++
		case errors.Is(err, ErrPaymentInProgress), errors.Is(err, ErrOrderPaid):
			refused++
		default:
			t.Fatal(err)
		}
	}
	assertEqual(t, ok, 1, "clicks that paid")
	assertEqual(t, refused, 1, "clicks refused")
	assertEqual(t, e.sb.Calls("payments/pay"), 1, "pay calls")
	after, _ := e.sb.Balance(e.ctx, login, "USD")
	assertEqual(t, before-after, int64(1200), "debited once")
}

// The pay call never gets an answer (two U, then the work is done but the
// answer lost): the attempt stays PROCESSING, never FAIL, until the
// notification settles it.
func TestPayUnknownThenSettledByNotification(t *testing.T) {
	e := newEnv(t, Options{})
	b, wallet, _ := payer(t, e, "unknown@example.com")
	e.sb.Faults().SetAPI("payments/pay", sandbox.APIFault{UnknownNext: 2, DropNext: 1})
	o := e.order(b, "notebook", 1)
	got, err := e.svc.PayWithWallet(e.ctx, b.ID, o.Ref, wallet, antom.Env{})
	check(t, err)
	if got.Status == db.OrderPaid {
		// The notification may already have arrived: that is the point.
		t.Log("settled by the notification before pay returned")
	} else {
		assertEqual(t, got.Status, db.OrderProcessing, "order after an unknown outcome")
	}
	e.waitOrder(b, o.Ref, db.OrderPaid)
	assertEqual(t, e.sb.Calls("payments/pay"), 3, "pay calls (same paymentRequestId)")
	assertEqual(t, e.verdicts("PAYMENT_RESULT", 1)[0], VerdictApplied, "notification")
}

// PAYMENT_IN_PROCESS with every notification dropped: the reconciler's
// inquiry settles it.
func TestReconcilerSettlesWhenNotificationsAreLost(t *testing.T) {
	e := newEnv(t, Options{})
	b, wallet, _ := payer(t, e, "lost@example.com")
	e.sb.Faults().SetNotify(sandbox.NotifyFault{DropNext: 100})
	o := e.order(b, "coldbrew", 1) // $12.91: the sandbox settles it a moment later
	got, err := e.svc.PayWithWallet(e.ctx, b.ID, o.Ref, wallet, antom.Env{})
	check(t, err)
	assertEqual(t, got.Status, db.OrderProcessing, "order after PAYMENT_IN_PROCESS")
	waitSandbox(t, e, e.attempt(o.Ref).PaymentID, "SUCCESS")
	e.later(time.Minute)
	check(t, e.svc.Reconcile(e.ctx))
	assertEqual(t, e.attempt(o.Ref).Status, db.AttemptSuccess, "attempt after reconcile")
	o2, _ := e.svc.OrderFor(e.ctx, Viewer{BuyerID: b.ID}, o.Ref)
	assertEqual(t, o2.Status, db.OrderPaid, "order")
}

// A restart while PROCESSING: a new service over the same database (what
// start-up does) settles it with its first reconciliation.
func TestStartupReconciliationSettles(t *testing.T) {
	e := newEnv(t, Options{})
	b, wallet, _ := payer(t, e, "restart@example.com")
	e.sb.Faults().SetNotify(sandbox.NotifyFault{DropNext: 100})
	o := e.order(b, "coldbrew", 1)
	_, err := e.svc.PayWithWallet(e.ctx, b.ID, o.Ref, wallet, antom.Env{})
	check(t, err)
	waitSandbox(t, e, e.attempt(o.Ref).PaymentID, "SUCCESS")
	e.svc.Wait()

	restarted := NewService(Deps{DB: e.db, Antom: e.svc.antom, Sealer: e.sealer,
		Now: func() time.Time { return time.Now().Add(time.Minute) }, Options: e.svc.opts})
	check(t, restarted.Reconcile(e.ctx))
	assertEqual(t, e.attempt(o.Ref).Status, db.AttemptSuccess, "attempt after start-up reconciliation")
}

// Past its expiry and still PROCESSING at Antom, the attempt is cancelled;
// meanwhile no second payment is allowed.
func TestUnknownPastExpiryIsCancelled(t *testing.T) {
	e := newEnvScaled(t, Options{}, 1)
	b, wallet, login := payer(t, e, "cancel@example.com")
	o := e.order(b, "coffee", 1)
	before, _ := e.sb.Balance(e.ctx, login, "USD")
	e.sb.Faults().SetAPI("payments/pay", sandbox.APIFault{UnknownNext: 3})
	got, err := e.svc.PayWithWallet(e.ctx, b.ID, o.Ref, wallet, antom.Env{})
	check(t, err)
	assertEqual(t, got.Status, db.OrderProcessing, "order")
	if _, err := e.svc.PayWithWallet(e.ctx, b.ID, o.Ref, wallet, antom.Env{}); !errors.Is(err, ErrPaymentInProgress) {
		t.Fatalf("second payment while the first is unknown: %v", err)
	}
	assertEqual(t, e.sb.Calls("payments/pay"), 3, "pay calls")

	e.later(2 * time.Minute)
	check(t, e.svc.Reconcile(e.ctx))
	a := e.attempt(o.Ref)
	// The sandbox never saw the payment (every call was refused with U), so
	// the inquiry finds nothing and the expired attempt fails.
	assertEqual(t, a.Status+"/"+a.ResultCode, "FAIL/ORDER_NOT_EXIST", "attempt")
	after, _ := e.sb.Balance(e.ctx, login, "USD")
	assertEqual(t, after, before, "balance")
	o2, _ := e.svc.OrderFor(e.ctx, Viewer{BuyerID: b.ID}, o.Ref)
	assertEqual(t, o2.Status, db.OrderOpen, "order is payable again")
}

func TestProcessingAtAntomPastExpiryIsCancelled(t *testing.T) {
	e := newEnvScaled(t, Options{}, 1)
	b, wallet, login := payer(t, e, "cancel2@example.com")
	o := e.orderPriced(b, e.order(b, "coffee", 1), "magic93")
	before, _ := e.sb.Balance(e.ctx, login, "USD")
	got, err := e.svc.PayWithWallet(e.ctx, b.ID, o.Ref, wallet, antom.Env{})
	check(t, err)
	assertEqual(t, got.Status, db.OrderProcessing, "order")
	e.later(2 * time.Minute)
	check(t, e.svc.Reconcile(e.ctx))
	a := e.attempt(o.Ref)
	assertEqual(t, a.Status, db.AttemptCancelled, "attempt")
	p, err := e.sb.Payment(e.ctx, a.PaymentID)
	check(t, err)
	assertEqual(t, p.Status, "CANCELLED", "sandbox payment")
	after, _ := e.sb.Balance(e.ctx, login, "USD")
	assertEqual(t, after, before, "balance")
}

// Late, repeated, contradicting and mismatched notifications change
// nothing; a mismatched amount is quarantined.
func TestPaymentNotificationsAreIdempotentAndChecked(t *testing.T) {
	e := newEnvScaled(t, Options{}, 1)
	b, wallet, _ := payer(t, e, "notes@example.com")
	o := e.orderPriced(b, e.order(b, "coffee", 1), "magic93") // stays PROCESSING
	_, err := e.svc.PayWithWallet(e.ctx, b.ID, o.Ref, wallet, antom.Env{})
	check(t, err)
	a := e.attempt(o.Ref)

	wrong := paymentBody(a, "S", a.Amount+1)
	v, err := e.svc.ReceiveNotification(e.ctx, Inbound{Body: wrong})
	check(t, err)
	assertEqual(t, v, VerdictQuarantined, "amount mismatch")
	assertEqual(t, e.attempt(o.Ref).Status, db.AttemptProcessing, "attempt after a mismatched notification")

	v, _ = e.svc.ReceiveNotification(e.ctx, Inbound{Body: paymentBody(a, "S", a.Amount)})
	assertEqual(t, v, VerdictApplied, "success")
	v, _ = e.svc.ReceiveNotification(e.ctx, Inbound{Body: paymentBody(a, "S", a.Amount)})
	assertEqual(t, v, VerdictDuplicate, "repeat")
	v, _ = e.svc.ReceiveNotification(e.ctx, Inbound{Body: paymentBody(a, "F", a.Amount)})
	assertEqual(t, v, VerdictQuarantined, "a late F after S")
	o2, _ := e.svc.OrderFor(e.ctx, Viewer{BuyerID: b.ID}, o.Ref)
	assertEqual(t, o2.Status, db.OrderPaid, "order")

	v, _ = e.svc.ReceiveNotification(e.ctx, Inbound{Body: []byte(`{"notifyType":"PAYMENT_RESULT","paymentRequestId":"PR-nobody","result":{"resultStatus":"S"}}`)})
	assertEqual(t, v, VerdictStale, "unknown paymentRequestId")
}

// A token cancelled at the wallet whose TOKEN_CANCELED was lost: pay
// answers INVALID_ACCESS_TOKEN and the wallet leaves checkout.
func TestInvalidTokenDisablesWallet(t *testing.T) {
	e := newEnv(t, Options{})
	b, wallet, _ := payer(t, e, "invalid@example.com")
	w, _ := e.db.WalletByID(e.ctx, wallet)
	token, _ := e.sealer.Open(w.AccessTokenSealed, sealPurposeAccessToken)
	e.sb.Faults().SetNotify(sandbox.NotifyFault{DropNext: 100})
	check(t, e.sb.CancelToken(e.ctx, string(token), "test"))

	o := e.order(b, "mug", 1)
	_, err := e.svc.PayWithWallet(e.ctx, b.ID, o.Ref, wallet, antom.Env{})
	check(t, err)
	a := e.attempt(o.Ref)
	assertEqual(t, a.Status+"/"+a.ResultCode, "FAIL/INVALID_ACCESS_TOKEN", "attempt")
	w, _ = e.db.WalletByID(e.ctx, wallet)
	assertEqual(t, w.Status, db.WalletInvalid, "wallet")
	ws, _ := e.svc.BuyerWallets(e.ctx, b.ID)
	assertEqual(t, len(ws), 0, "wallets offered")
	if _, err := e.svc.PayWithWallet(e.ctx, b.ID, o.Ref, wallet, antom.Env{}); err == nil {
		t.Fatal("paid with a disabled wallet")
	}
}

func TestCheckNowIsRateLimited(t *testing.T) {
	e := newEnvScaled(t, Options{}, 1)
	b, wallet, _ := payer(t, e, "check@example.com")
	o := e.orderPriced(b, e.order(b, "coffee", 1), "magic93")
	_, err := e.svc.PayWithWallet(e.ctx, b.ID, o.Ref, wallet, antom.Env{})
	check(t, err)
	v := Viewer{BuyerID: b.ID}
	_, err = e.svc.CheckNow(e.ctx, v, o.Ref)
	check(t, err)
	if _, err := e.svc.CheckNow(e.ctx, v, o.Ref); !errors.Is(err, ErrTooSoon) {
		t.Fatalf("second check at once: %v", err)
	}
	if _, err := e.svc.CheckNow(e.ctx, Viewer{BuyerID: 999}, o.Ref); !errors.Is(err, ErrNotFound) {
		t.Fatalf("someone else's order: %v", err)
	}
}

func TestOrdersRefuseBadInput(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("bad@example.com")
	for _, tc := range []struct{ slug, qty, field string }{
		{"coffee", "0", "quantity"}, {"coffee", "11", "quantity"}, {"coffee", "two", "quantity"},
		{"caviar", "1", "product"},
	} {
		_, err := e.svc.CreateOrder(e.ctx, Viewer{BuyerID: b.ID}, tc.slug, tc.qty)
		var input *InputError
		if !errors.As(err, &input) || input.Fields[tc.field] == "" {
			t.Fatalf("%s × %s: %v", tc.qty, tc.slug, err)
		}
		// CheckOrder says the same, making nothing.
		if err := e.svc.CheckOrder(e.ctx, tc.slug, tc.qty); !errors.As(err, &input) || input.Fields[tc.field] == "" {
			t.Fatalf("checked, %s × %s: %v", tc.qty, tc.slug, err)
		}
	}
	check(t, e.svc.CheckOrder(e.ctx, "matcha", " 3 "))
	o := e.order(b, "matcha", 3)
	assertEqual(t, o.Total.String(), "¥7,200", "total")
	if _, err := e.svc.OrderFor(e.ctx, Viewer{BuyerID: b.ID + 1}, o.Ref); !errors.Is(err, ErrNotFound) {
		t.Fatal("another buyer can see the order")
	}
}

// orderPriced replaces an order's amount: "coldbrew" keeps the catalogue's
// $12.91 (settles a moment later in the sandbox), "magic93" uses $9.93
// (stays PROCESSING at the sandbox until it expires).
func (e *env) orderPriced(b Buyer, o Order, how string) Order {
	e.t.Helper()
	amount := map[string]int64{"coldbrew": 1291, "magic93": 993}[how]
	_, err := e.db.Raw().ExecContext(e.ctx, `UPDATE orders SET amount = ?, currency = 'USD' WHERE ref = ?`, amount, o.Ref)
	check(e.t, err)
	got, err := e.svc.OrderFor(e.ctx, Viewer{BuyerID: b.ID}, o.Ref)
	check(e.t, err)
	return got
}

// waitSandbox waits until the sandbox's payment reaches status.
func waitSandbox(t *testing.T, e *env, paymentID, status string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		p, err := e.sb.Payment(e.ctx, paymentID)
		check(t, err)
		if p.Status == status {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("sandbox payment %s stayed %s", paymentID, p.Status)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func paymentBody(a db.Attempt, status string, amount int64) []byte {
	n := antom.NotifyPayment{
		NotifyType: antom.NotifyPaymentResult, PaymentRequestID: a.PaymentRequestID, PaymentID: a.PaymentID,
		PaymentAmount: antom.MinorAmount(a.Currency, amount), PaymentMethodType: "GCASH",
		Result: antom.Result{ResultCode: "SUCCESS", ResultStatus: status, ResultMessage: "success"},
	}
	if status == "F" {
		n.Result.ResultCode = "PROCESS_FAIL"
	}
	b, _ := json.Marshal(n)
	return b
}

// assertSettledOnce checks that the pay answer and the notification
// together settled the order's attempt exactly once.
func (e *env) assertSettledOnce(ref string) {
	e.t.Helper()
	v := e.verdicts("PAYMENT_RESULT", 1)[0]
	if v != VerdictApplied && v != VerdictDuplicate {
		e.t.Fatalf("notification verdict %s", v)
	}
	events, err := e.db.Events(e.ctx, OrderSubject(ref))
	check(e.t, err)
	settles := 0
	for _, ev := range events {
		if ev.Kind == EventState && strings.Contains(ev.Detail, "; order ") {
			settles++
		}
	}
	assertEqual(e.t, settles, 1, "settlements on the timeline")
}
