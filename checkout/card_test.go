package checkout

import (
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
)

// startCard starts a card payment and returns the hosted page's paymentId.
func (e *env) startCard(v Viewer, ref string, keep bool, cardID int64) (CardPayment, string) {
	e.t.Helper()
	cp, err := e.svc.PayByCard(e.ctx, v, ref, "", keep, cardID, nil, antom.Env{ClientIP: "198.51.100.4"})
	if errors.Is(err, ErrStillAsking) {
		// Antom answered after the test's Options.ActionWait (a loaded
		// machine): the call went on, and stored its card page.
		e.svc.Wait()
		cp.RedirectURL = e.attempt(ref).RedirectURL
		cp.Order, err = e.svc.OrderFor(e.ctx, v, ref)
	}
	check(e.t, err)
	if cp.RedirectURL == "" {
		return cp, ""
	}
	u, err := url.Parse(cp.RedirectURL)
	check(e.t, err)
	if !strings.HasPrefix(cp.RedirectURL, e.svc.opts.GatewayURL+"/") {
		e.t.Fatalf("redirect %q is not on the gateway", cp.RedirectURL)
	}
	return cp, u.Query().Get("paymentId")
}

func TestGuestPaysByCard(t *testing.T) {
	e := newEnv(t, Options{})
	guest := Viewer{GuestKey: "k-this-browser"}
	o, err := e.svc.CreateOrder(e.ctx, guest, "matcha", "2")
	check(t, err)
	cp, paymentID := e.startCard(guest, o.Ref, true, 0)
	assertEqual(t, cp.Order.Status, db.OrderProcessing, "order while on the hosted page")
	check(t, e.sb.PayCard(e.ctx, paymentID, "4242424242424242"))
	got := e.waitOrderAs(guest, o.Ref, db.OrderPaid)
	assertEqual(t, got.Total.String(), "¥4,800", "total")
	a := e.attempt(o.Ref)
	assertEqual(t, a.CardBrand+" "+a.CardLast4, "VISA 4242", "card on the attempt")
	if _, err := e.svc.OrderFor(e.ctx, Viewer{GuestKey: "k-another-browser"}, o.Ref); !errors.Is(err, ErrNotFound) {
		t.Fatal("another guest can see the order")
	}
	var n int
	check(t, e.db.SQL().QueryRowContext(e.ctx, `SELECT COUNT(*) FROM cards`).Scan(&n))
	assertEqual(t, n, 0, "cards kept for a guest")
}

func TestKeptCardPaysAgainInOneClick(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("card@example.com")
	v := Viewer{BuyerID: b.ID}
	first := e.order(b, "mug", 1)
	_, paymentID := e.startCard(v, first.Ref, true, 0)
	check(t, e.sb.PayCard(e.ctx, paymentID, "5555555555554444"))
	e.waitOrder(b, first.Ref, db.OrderPaid)
	cards, err := e.svc.BuyerCards(e.ctx, b.ID)
	check(t, err)
	if len(cards) != 1 || cards[0].Label() != "Mastercard •••• 4444" {
		t.Fatalf("kept cards: %+v", cards)
	}
	raw, _ := e.db.CardByID(e.ctx, cards[0].ID)
	token, err := e.sealer.Open(raw.TokenSealed, sealPurposeCardToken)
	check(t, err)
	if strings.Contains(dumpTable(t, e, "cards"), string(token)) {
		t.Fatal("the card token is stored in the clear")
	}

	second := e.order(b, "notebook", 1)
	cp, _ := e.startCard(v, second.Ref, false, cards[0].ID)
	assertEqual(t, cp.RedirectURL, "", "a kept card needs no page")
	assertEqual(t, cp.Order.Status, db.OrderPaid, "order paid at once")

	check(t, e.svc.RemoveCard(e.ctx, b.ID, cards[0].ID, "buyer"))
	cards, _ = e.svc.BuyerCards(e.ctx, b.ID)
	assertEqual(t, len(cards), 0, "cards after removal")
	third := e.order(b, "notebook", 1)
	if _, err := e.svc.PayByCard(e.ctx, v, third.Ref, "", false, raw.ID, nil, antom.Env{}); err == nil {
		t.Fatal("paid with a removed card")
	}
}

func TestDeclinedCardAndThreeDSecure(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("decline@example.com")
	v := Viewer{BuyerID: b.ID}
	o := e.order(b, "coffee", 1)
	_, paymentID := e.startCard(v, o.Ref, false, 0)
	check(t, e.sb.PayCard(e.ctx, paymentID, "4000000000000002"))
	e.waitAttempt(o.Ref, db.AttemptFail)
	assertEqual(t, e.attempt(o.Ref).ResultCode, "RISK_REJECT", "decline code")
	e.waitOrder(b, o.Ref, db.OrderOpen)

	// The buyer tries again with the 3-D Secure card and fails the challenge…
	_, paymentID = e.startCard(v, o.Ref, false, 0)
	check(t, e.sb.PayCard(e.ctx, paymentID, "4000000000003220"))
	check(t, e.sb.PassChallenge(e.ctx, paymentID, "000000"))
	e.waitAttempt(o.Ref, db.AttemptFail)
	e.waitOrder(b, o.Ref, db.OrderOpen)
	// …then passes it.
	_, paymentID = e.startCard(v, o.Ref, false, 0)
	check(t, e.sb.PayCard(e.ctx, paymentID, "4000000000003220"))
	check(t, e.sb.PassChallenge(e.ctx, paymentID, "123456"))
	e.waitOrder(b, o.Ref, db.OrderPaid)
}

// The return from the hosted page proves nothing: it inquires, and with
// every notification lost the inquiry settles the payment.
func TestReturnFromPaymentPageInquires(t *testing.T) {
	e := newEnv(t, Options{})
	e.sb.Faults().SetNotify(sandbox.NotifyFault{DropNext: 100})
	b := e.buyer("return@example.com")
	v := Viewer{BuyerID: b.ID}
	o := e.order(b, "coffee", 1)
	_, paymentID := e.startCard(v, o.Ref, false, 0)
	clock := e.freezeClock()
	check(t, e.returnFrom(e.ctx, v, o.Ref))
	assertEqual(t, e.attempt(o.Ref).Status, db.AttemptProcessing, "returned without paying")
	check(t, e.sb.PayCard(e.ctx, paymentID, "4242424242424242"))
	// Paying takes the buyer longer than a return's spacing (a return
	// within it shows what is known: ReturnFromPaymentPage).
	clock.set(manualCheckEvery + time.Second)
	check(t, e.returnFrom(e.ctx, v, o.Ref))
	assertEqual(t, e.attempt(o.Ref).Status, db.AttemptSuccess, "after paying")
	if err := e.returnFrom(e.ctx, Viewer{BuyerID: b.ID + 1}, o.Ref); !errors.Is(err, ErrNotFound) {
		t.Fatalf("someone else's return: %v", err)
	}
}

func TestManualCaptureAndVoid(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	b := e.buyer("manual@example.com")
	v := Viewer{BuyerID: b.ID}
	o := e.order(b, "teapot", 1) // ¥5,800
	_, paymentID := e.startCard(v, o.Ref, false, 0)
	check(t, e.sb.PayCard(e.ctx, paymentID, "4242424242424242"))
	e.waitOrder(b, o.Ref, db.OrderAuthorized)
	if a := e.attempt(o.Ref); a.AuthExpiresAt.IsZero() {
		t.Fatal("the authorization's expiry was not kept")
	}

	var input *InputError
	if err := e.svc.Capture(e.ctx, "staff", o.Ref, 5801); !errors.As(err, &input) {
		t.Fatalf("capture over the authorization: %v", err)
	}
	assertEqual(t, e.sb.Calls("payments/capture"), 0, "captures sent")
	check(t, e.svc.Capture(e.ctx, "staff", o.Ref, 5000))
	e.waitOrder(b, o.Ref, db.OrderPaid)
	p, err := e.sb.Payment(e.ctx, paymentID)
	check(t, err)
	assertEqual(t, p.Captured, int64(5000), "captured at the sandbox")
	var taken *ConflictError
	if err := e.svc.Capture(e.ctx, "staff", o.Ref, 800); !errors.As(err, &taken) {
		t.Fatalf("second capture: %v", err)
	}

	other := e.order(b, "matcha", 1)
	_, paymentID = e.startCard(v, other.Ref, false, 0)
	check(t, e.sb.PayCard(e.ctx, paymentID, "4242424242424242"))
	e.waitOrder(b, other.Ref, db.OrderAuthorized)
	check(t, e.svc.Void(e.ctx, "staff", other.Ref))
	e.waitOrder(b, other.Ref, db.OrderVoided)
	p, _ = e.sb.Payment(e.ctx, paymentID)
	if !p.Voided {
		t.Fatal("the sandbox did not void the authorization")
	}
}

// A normalUrl off the gateway's host is refused (no open redirect), and
// the payment is cancelled so the order can be paid again.
func TestPaymentPageOffTheGatewayIsRefused(t *testing.T) {
	e := newEnv(t, Options{})
	e.svc.opts.GatewayURL = "https://open-sea-global.alipay.com"
	b := e.buyer("redirect@example.com")
	o := e.order(b, "mug", 1)
	cp, err := e.svc.PayByCard(e.ctx, Viewer{BuyerID: b.ID}, o.Ref, "", false, 0, nil, antom.Env{})
	if !errors.Is(err, ErrBadRedirect) || cp.RedirectURL != "" {
		t.Fatalf("off-host normalUrl: %v %q", err, cp.RedirectURL)
	}
	a := e.attempt(o.Ref)
	assertEqual(t, a.Status, db.AttemptCancelled, "attempt")
	got, _ := e.svc.OrderFor(e.ctx, Viewer{BuyerID: b.ID}, o.Ref)
	assertEqual(t, got.Status, db.OrderOpen, "order")
}

func (e *env) waitOrderAs(v Viewer, ref, status string) Order {
	e.t.Helper()
	return e.waitFor(func() (string, Order) {
		o, err := e.svc.OrderFor(e.ctx, v, ref)
		check(e.t, err)
		return o.Status, o
	}, status)
}

func (e *env) waitAttempt(ref, status string) {
	e.t.Helper()
	e.waitFor(func() (string, Order) { return e.attempt(ref).Status, Order{} }, status)
}

// waitFor polls get until it reports status, failing after 10 s.
func (e *env) waitFor(get func() (string, Order), status string) Order {
	e.t.Helper()
	for i := 0; i < 1000; i++ {
		got, o := get()
		if got == status {
			return o
		}
		e.svc.Wait()
		waitBriefly()
	}
	e.t.Fatalf("never reached %s", status)
	return Order{}
}

func dumpTable(t *testing.T, e *env, table string) string {
	rows, err := e.db.SQL().QueryContext(e.ctx, `SELECT * FROM `+table)
	check(t, err)
	defer rows.Close()
	cols, _ := rows.Columns()
	var out strings.Builder
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		check(t, rows.Scan(ptrs...))
		for _, v := range vals {
			out.WriteString(strings.TrimSpace(toString(v)) + "|")
		}
	}
	return out.String()
}
