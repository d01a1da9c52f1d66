package checkout

import (
	"errors"
	"strings"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
)

// On the sandbox, a test payment of a typed amount reaches the magic
// amounts: …94 is refused at once, …91 waits and then succeeds.
func TestTestPaymentReachesMagicAmounts(t *testing.T) {
	e := newEnv(t, Options{TestPayments: true})
	b, wallet, _ := payer(t, e, "tester@example.com")

	refused, err := e.svc.CreateTestOrder(e.ctx, Viewer{BuyerID: b.ID}, "USD", "12.94")
	check(t, err)
	assertEqual(t, refused.Total, Money{"USD", 1294}, "typed amount")
	assertEqual(t, refused.Description, "1 × Test payment", "description")
	_, err = e.svc.PayWithWallet(e.ctx, b.ID, refused.Ref, wallet, antom.Env{ClientIP: "203.0.113.7"})
	check(t, err)
	a := e.attempt(refused.Ref)
	assertEqual(t, a.Status+"/"+a.ResultCode, db.AttemptFail+"/RISK_REJECT", "…94")

	// Its notification is held back, so that the order is PROCESSING when
	// pay returns however slowly the machine runs; the reconciler's
	// inquiry then finds the sandbox's SUCCESS.
	e.sb.Faults().SetNotify(sandbox.NotifyFault{DropNext: 100})
	late, err := e.svc.CreateTestOrder(e.ctx, Viewer{BuyerID: b.ID}, "JPY", "1291")
	check(t, err)
	o, err := e.svc.PayWithWallet(e.ctx, b.ID, late.Ref, wallet, antom.Env{ClientIP: "203.0.113.7"})
	check(t, err)
	assertEqual(t, o.Status, db.OrderProcessing, "…91 answers in process")
	waitSandbox(t, e, e.attempt(late.Ref).PaymentID, "SUCCESS")
	e.later(time.Minute)
	check(t, e.svc.Reconcile(e.ctx))
	e.waitOrder(b, late.Ref, db.OrderPaid)
}

func TestTestPaymentInput(t *testing.T) {
	e := newEnv(t, Options{TestPayments: true})
	b := e.buyer("typo@example.com")
	for _, c := range []struct{ currency, amount, field, want string }{
		{"USD", "", "amount", "Enter an amount."},
		{"USD", "12.345", "amount", "at most 2 digits"},
		{"USD", "10000.01", "amount", "A test payment is at most $10,000.00."},
		{"USD", "99999999999999999999", "amount", "A test payment is at most $10,000.00."}, // too large to read: the same limit
		{"JPY", "99999999999999999999", "amount", "A test payment is at most ¥1,000,000."},
		{"JPY", "12.5", "amount", "whole number"},
		{"EUR", "12", "currency", "US dollars or Japanese yen"},
	} {
		_, err := e.svc.CreateTestOrder(e.ctx, Viewer{BuyerID: b.ID}, c.currency, c.amount)
		assertBuyerField(t, err, c.field, c.want)
		assertBuyerField(t, e.svc.CheckTestOrder(e.ctx, c.currency, c.amount), c.field, c.want)
	}
	check(t, e.svc.CheckTestOrder(e.ctx, "USD", "12.91"))
	// The test product is not in the catalogue, nor for sale.
	ps, err := e.svc.Products(e.ctx)
	check(t, err)
	for _, p := range ps {
		if p.Slug == db.TestPaymentSlug {
			t.Fatal("the catalogue lists the test product")
		}
	}
	_, err = e.svc.CreateOrder(e.ctx, Viewer{BuyerID: b.ID}, db.TestPaymentSlug, "1")
	assertBuyerField(t, err, "product", "not in the catalogue")
}

// assertBuyerField fails unless err is an InputError whose field names a
// buyer message (package lang) that says want in English.
func assertBuyerField(t *testing.T, err error, field, want string) {
	t.Helper()
	var input *InputError
	if !errors.As(err, &input) || !english.Has(input.Fields[field]) {
		t.Fatalf("error %v, want field %q with a buyer message", err, field)
	}
	if got := english.T(input.Fields[field], input.Args[field]); !strings.Contains(got, want) {
		t.Fatalf("field %q says %q, want %q", field, got, want)
	}
}

// With real Antom there are no test payments.
func TestNoTestPaymentWithRealAntom(t *testing.T) {
	e := newEnv(t, Options{})
	_, err := e.svc.CreateTestOrder(e.ctx, Viewer{BuyerID: e.buyer("real@example.com").ID}, "USD", "12.91")
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("test payment with real Antom: %v", err)
	}
	if err := e.svc.CheckTestOrder(e.ctx, "USD", "12.91"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("test payment checked with real Antom: %v", err)
	}
	assertEqual(t, e.svc.TestPaymentsOffered(), false, "offered")
}

// An order's item price is what the order was priced at, in its currency:
// the test product's catalogue row holds a placeholder price.
func TestOrderItemPriceIsTheOrders(t *testing.T) {
	e := newEnv(t, Options{TestPayments: true})
	b := e.buyer("prices@example.com")
	jpy, err := e.svc.CreateTestOrder(e.ctx, Viewer{BuyerID: b.ID}, "JPY", "1294")
	check(t, err)
	normal := e.order(b, "mug", 3)
	for _, c := range []struct {
		ref         string
		unit, total Money
	}{
		{jpy.Ref, Money{"JPY", 1294}, Money{"JPY", 1294}},
		{normal.Ref, Money{normal.Total.Currency, normal.Total.Minor / 3}, normal.Total},
	} {
		d, err := e.svc.AdminOrderDetail(e.ctx, c.ref)
		check(t, err)
		assertEqual(t, d.Items[0].UnitPrice, c.unit, "admin unit price of "+c.ref)
		assertEqual(t, d.Items[0].Total, c.total, "admin total of "+c.ref)
		o, err := e.svc.OrderFor(e.ctx, Viewer{BuyerID: b.ID}, c.ref)
		check(t, err)
		assertEqual(t, o.UnitPrice, c.unit, "buyer's unit price of "+c.ref)
	}
	p, err := e.svc.productBySlug(e.ctx, "mug")
	check(t, err)
	assertEqual(t, normal.UnitPrice, Money{p.Currency, p.Price}, "a normal order's unit price is the price it was created at")
}
