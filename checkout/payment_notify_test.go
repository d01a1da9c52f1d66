package checkout

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// A PAYMENT_RESULT whose resultStatus is not exactly S or F settles
// nothing: the attempt stays open, no second payment is possible, the
// notification is quarantined with its reason and the inquiry is due at
// once.
func TestPaymentResultNeitherSNorFKeepsTheAttemptOpen(t *testing.T) {
	e := newEnvScaled(t, Options{}, 1)
	b, wallet, _ := payer(t, e, "notfinal@example.com")
	for _, status := range []string{"U", "", "s", "SUCCESS", "missing"} {
		o := e.orderPriced(b, e.order(b, "coffee", 1), "magic93") // stays PROCESSING
		_, err := e.svc.PayWithWallet(e.ctx, b.ID, o.Ref, wallet, antom.Env{})
		check(t, err)
		a := e.attempt(o.Ref)
		body := paymentBody(a, status, a.Amount)
		if status == "missing" {
			body = withoutField(t, body, "result")
		}
		v, err := e.svc.ReceiveNotification(e.ctx, Inbound{Body: body})
		check(t, err)
		assertEqual(t, v, VerdictQuarantined, "verdict for resultStatus "+status)
		got := e.attempt(o.Ref)
		assertEqual(t, got.Status, db.AttemptProcessing, "attempt after resultStatus "+status)
		if got.NextCheckAt.After(e.svc.now()) {
			t.Fatalf("resultStatus %q: inquiry due at %v, want now", status, got.NextCheckAt)
		}
		view, err := e.svc.OrderFor(e.ctx, Viewer{BuyerID: b.ID}, o.Ref)
		check(t, err)
		assertEqual(t, view.Status, db.OrderProcessing, "order after resultStatus "+status)
		if _, err := e.svc.PayWithWallet(e.ctx, b.ID, o.Ref, wallet, antom.Env{}); !errors.Is(err, ErrPaymentInProgress) {
			t.Fatalf("resultStatus %q: a second payment: %v", status, err)
		}
		if n := e.lastInbox("PAYMENT_RESULT"); !strings.Contains(n.Detail, "resultStatus") {
			t.Fatalf("resultStatus %q: inbox detail %q does not say why", status, n.Detail)
		}
	}
}

// paymentAmount is required in notifyPayment: without it nothing is
// applied unchecked.
func TestPaymentResultWithoutAmountIsQuarantined(t *testing.T) {
	e := newEnvScaled(t, Options{}, 1)
	b, wallet, _ := payer(t, e, "noamount@example.com")
	o := e.orderPriced(b, e.order(b, "coffee", 1), "magic93")
	_, err := e.svc.PayWithWallet(e.ctx, b.ID, o.Ref, wallet, antom.Env{})
	check(t, err)
	a := e.attempt(o.Ref)
	v, err := e.svc.ReceiveNotification(e.ctx, Inbound{Body: withoutField(t, paymentBody(a, "S", a.Amount), "paymentAmount")})
	check(t, err)
	assertEqual(t, v, VerdictQuarantined, "verdict")
	assertEqual(t, e.attempt(o.Ref).Status, db.AttemptProcessing, "attempt")
	if d := e.lastInbox("PAYMENT_RESULT").Detail; !strings.Contains(d, "paymentAmount") {
		t.Fatalf("inbox detail %q", d)
	}
}

// withoutField removes a top-level field from a JSON object.
func withoutField(t *testing.T, body []byte, field string) []byte {
	t.Helper()
	var m map[string]json.RawMessage
	check(t, json.Unmarshal(body, &m))
	delete(m, field)
	out, err := json.Marshal(m)
	check(t, err)
	return out
}

// lastInbox returns the newest inbox row of a kind.
func (e *env) lastInbox(kind string) db.Notification {
	e.t.Helper()
	rows, err := e.db.RecentNotifications(e.ctx, 100)
	check(e.t, err)
	for _, n := range rows {
		if n.Kind == kind {
			return n
		}
	}
	e.t.Fatalf("no %s in the inbox", kind)
	return db.Notification{}
}

// timelineHas reports whether an order's timeline has a line containing
// want.
func (e *env) timelineHas(ref, want string) bool {
	e.t.Helper()
	events, err := e.db.Events(e.ctx, OrderSubject(ref))
	check(e.t, err)
	for _, ev := range events {
		if strings.Contains(ev.Detail, want) {
			return true
		}
	}
	return false
}
