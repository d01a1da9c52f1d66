package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"antom-checkout/checkout"
	"antom-checkout/db"
)

// buy orders a product as this browser and returns the order's ref.
func (b *browserClient) buy(slug, quantity string) string {
	b.t.Helper()
	p := b.post("/orders", url.Values{"product": {slug}, "quantity": {quantity}})
	if p.status != http.StatusSeeOther || !strings.HasPrefix(p.location, "/checkout/") {
		b.t.Fatalf("buy %s: %d %q %s", slug, p.status, p.location, p.body)
	}
	return strings.TrimPrefix(p.location, "/checkout/")
}

// buyerOrder signs up a buyer with email (in the domain, not a browser)
// and orders quantity of product for them.
func (ta *testApp) buyerOrder(t *testing.T, email, product, quantity string) (checkout.Buyer, checkout.Order) {
	t.Helper()
	ctx := context.Background()
	b, err := ta.Checkout.SignUp(ctx, email, "correct horse battery", "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	o, err := ta.Checkout.CreateOrder(ctx, checkout.Viewer{BuyerID: b.ID}, product, quantity)
	if err != nil {
		t.Fatal(err)
	}
	return b, o
}

// buyerID returns the id of the account with email.
func (ta *testApp) buyerID(t *testing.T, email string) int64 {
	t.Helper()
	b, err := ta.DB.BuyerByEmail(context.Background(), email)
	if err != nil {
		t.Fatal(err)
	}
	return b.ID
}

func (ta *testApp) order(t *testing.T, ref string) db.Order {
	t.Helper()
	o, err := ta.DB.OrderByRef(context.Background(), ref)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// withCardPage gives order ref a card attempt in progress on Antom's
// hosted page (https://pay.example/card), as a buyer who went to pay by
// card and has not come back leaves it.
func (ta *testApp) withCardPage(t *testing.T, ref string) {
	t.Helper()
	ctx := context.Background()
	o := ta.order(t, ref)
	id, err := ta.DB.InsertAttempt(ctx, db.Attempt{
		OrderID: o.ID, PaymentRequestID: "PR-" + ref + "-CARD", Method: db.MethodCard,
		Currency: o.Currency, Amount: o.Amount, Status: db.AttemptProcessing,
		ExpiresAt: ta.now.Add(time.Hour), NextCheckAt: ta.now.Add(time.Hour), CreatedAt: ta.now,
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := ta.DB.SetAttemptRedirect(ctx, id, "https://pay.example/card", ta.now); err != nil {
		t.Fatal(err)
	}
}

// orderCount counts every order in the database (db has no query for
// it: the app never needs one).
func (ta *testApp) orderCount(t *testing.T) int {
	t.Helper()
	var n int
	if err := ta.DB.SQL().QueryRowContext(context.Background(), "SELECT COUNT(*) FROM orders").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// insertWallet saves an active GCash wallet for a buyer, as linking would.
func (ta *testApp) insertWallet(t *testing.T, buyerID int64, login string) int64 {
	t.Helper()
	id, err := ta.DB.InsertWallet(context.Background(), db.Wallet{
		BuyerID: buyerID, Wallet: "GCASH", UserLoginID: login, AccessTokenSealed: []byte("sealed"),
		AccessTokenHash: "hash-" + login, Status: db.WalletActive, LinkedAt: ta.now,
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// openAttempt records a PROCESSING wallet payment for an order, as
// PayWithWallet does before calling Antom, and returns its id.
func (ta *testApp) openAttempt(t *testing.T, ref string, walletID int64) int64 {
	t.Helper()
	return ta.processingAttempt(t, ref, db.Attempt{PaymentRequestID: "PR-" + ref + "-TEST", Method: db.MethodWallet, WalletID: walletID,
		ExpiresAt: ta.now.Add(50 * time.Second), NextCheckAt: ta.now.Add(time.Hour)})
}

// processingAttempt records attempt a (its order, amount and times filled
// in) as PROCESSING for order ref, puts the order in PROCESSING, and
// returns the attempt's id.
func (ta *testApp) processingAttempt(t *testing.T, ref string, a db.Attempt) int64 {
	t.Helper()
	ctx := context.Background()
	o := ta.order(t, ref)
	a.OrderID, a.Currency, a.Amount, a.Status, a.CreatedAt = o.ID, o.Currency, o.Amount, db.AttemptProcessing, ta.now
	id, err := ta.DB.InsertAttempt(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := ta.DB.SetOrderStatus(ctx, o.ID, db.OrderOpen, db.OrderProcessing, ta.now); err != nil || !ok {
		t.Fatalf("order to PROCESSING: %v %v", ok, err)
	}
	return id
}

// settle writes an attempt's final status and moves its order with it,
// as the domain's settle does.
func (ta *testApp) settle(t *testing.T, ref string, attemptID int64, status, code, paymentID string) {
	t.Helper()
	ctx := context.Background()
	var paidAt time.Time
	orderTo := db.OrderOpen
	if status == db.AttemptSuccess {
		paidAt, orderTo = ta.now, db.OrderPaid
	}
	set := db.Settlement{Status: status, Code: code, PaymentID: paymentID, PaidAt: paidAt, Source: db.SourceAntom}
	if ok, err := ta.DB.SettleAttempt(ctx, attemptID, db.AttemptProcessing, "", set, ta.now); err != nil || !ok {
		t.Fatalf("settle: %v %v", ok, err)
	}
	if ok, err := ta.DB.SetOrderStatus(ctx, ta.order(t, ref).ID, db.OrderProcessing, orderTo, ta.now); err != nil || !ok {
		t.Fatalf("order to %s: %v %v", orderTo, ok, err)
	}
	ta.Checkout.Hub().Publish(checkout.OrderSubject(ref)) // as every settlement does
}

// assertContains fails unless body holds every one of want.
func assertContains(t *testing.T, body string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Fatalf("page lacks %q:\n%s", w, body)
		}
	}
}

// asRead is s as textOf and paragraphsOf read a page: its runs of
// spaces, no-break spaces among them (a date's, lang.StaffTime's), one
// space each.
func asRead(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.Join(strings.Fields(l), " ")
	}
	return strings.Join(lines, "\n")
}
