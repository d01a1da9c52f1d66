package sandbox

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"antom-checkout/antom"
)

// Test wallet users the payment tests charge (see TestUsers).
const (
	richUser = "09171234123" // GCASH, USD 1,000.00 and JPY 100,000
	poorUser = "09051234009" // GCASH, USD 5.00 and JPY 500 only
)

// payReq is a valid AGREEMENT_PAYMENT of minor units of currency, paid
// with token from wallet.
func payReq(id, wallet string, token antom.Secret, currency string, minor int64) *antom.PayRequest {
	amount := antom.MinorAmount(currency, minor)
	return &antom.PayRequest{
		ProductCode:      antom.ProductAgreementPayment,
		PaymentRequestID: id,
		Order:            antom.Order{ReferenceOrderID: "order-" + id, OrderDescription: "Game credits", OrderAmount: amount},
		PaymentAmount:    amount,
		PaymentMethod:    antom.PaymentMethod{PaymentMethodType: wallet, PaymentMethodID: token},
		Env:              antom.Env{TerminalType: antom.TerminalWeb},
	}
}

// linkUser links login's GCASH account and returns the access token.
func (l *linkSetup) linkUser(t *testing.T, state, login string) antom.Secret {
	t.Helper()
	return l.link(t, state, "GCASH", login).AccessToken
}

// pay calls pay with l's client; see payWith.
func (l *linkSetup) pay(t *testing.T, req *antom.PayRequest) *antom.PayResponse {
	t.Helper()
	return payWith(t, l.client, req)
}

// payWith calls pay and returns the signed answer, S, F or U.
func payWith(t *testing.T, c *antom.Client, req *antom.PayRequest) *antom.PayResponse {
	t.Helper()
	resp, err := c.Pay(t.Context(), req)
	var ae *antom.Error
	if err != nil && (!errors.As(err, &ae) || ae.Unverified || (ae.Kind != antom.KindFailed && ae.Kind != antom.KindUnknown)) {
		t.Fatalf("pay: %v", err)
	}
	if resp == nil {
		t.Fatalf("pay: no answer (%v)", err)
	}
	return resp
}

// inquire calls inquiryPayment and returns the answer, S or F.
func (l *linkSetup) inquire(t *testing.T, paymentID, requestID string) *antom.InquiryPaymentResponse {
	t.Helper()
	resp, err := l.client.InquiryPayment(t.Context(), &antom.InquiryPaymentRequest{PaymentID: paymentID, PaymentRequestID: requestID})
	return answered(t, resp, err)
}

// cancel calls cancel and returns the answer, S or F.
func (l *linkSetup) cancel(t *testing.T, paymentID, requestID string) *antom.CancelResponse {
	t.Helper()
	resp, err := l.client.Cancel(t.Context(), &antom.CancelRequest{PaymentID: paymentID, PaymentRequestID: requestID})
	return answered(t, resp, err)
}

// nextPaymentNotice waits for the next notification, which must be a
// verified notifyPayment PAYMENT_RESULT, and returns it with its body.
func nextPaymentNotice(t *testing.T, m *merchantServer) (antom.NotifyPayment, string) {
	t.Helper()
	a := recv(t, m.got, "notifyPayment")
	equal(t, a.verified, true, "notifyPayment signature verified")
	var n antom.NotifyPayment
	must(t, json.Unmarshal([]byte(a.body), &n))
	equal(t, n.NotifyType, antom.NotifyPaymentResult, "notifyType")
	return n, a.body
}

// wantNotice waits for notifyPayment of paymentID with result status and
// code.
func wantNotice(t *testing.T, m *merchantServer, paymentID, status, code string) antom.NotifyPayment {
	t.Helper()
	n, _ := nextPaymentNotice(t, m)
	equal(t, n.PaymentID, paymentID, "notified paymentId")
	equal(t, n.Result.ResultStatus, status, "notified result status")
	equal(t, n.Result.ResultCode, code, "notified result code")
	equal(t, n.PaymentTime != "", status == antom.StatusSuccess, "notified paymentTime present")
	return n
}

// wantResult checks a result's status and code.
func wantResult(t *testing.T, r antom.Result, status, code, what string) {
	t.Helper()
	equal(t, r.ResultStatus, status, what+": status")
	equal(t, r.ResultCode, code, what+": code")
}

// wantPayment checks a payment's status and code as inquiryPayment
// reports them.
func (l *linkSetup) wantPayment(t *testing.T, paymentID, status, code string) *antom.InquiryPaymentResponse {
	t.Helper()
	r := l.inquire(t, paymentID, "")
	wantResult(t, r.Result, antom.StatusSuccess, antom.CodeSuccess, "inquiryPayment")
	equal(t, r.PaymentStatus, status, "paymentStatus")
	equal(t, r.PaymentResultCode, code, "paymentResultCode")
	equal(t, r.PaymentTime != "", status == antom.PaymentSuccess, "paymentTime present")
	return r
}

// balance reads a test user's balance.
func (l *linkSetup) balance(t *testing.T, login, currency string) int64 {
	t.Helper()
	v, err := l.s.Balance(t.Context(), login, currency)
	must(t, err)
	return v
}

// paymentRows counts every payment stored.
func paymentRows(t *testing.T, s *Sandbox) int {
	t.Helper()
	var n int
	must(t, s.db.QueryRowContext(t.Context(), `SELECT count(*) FROM payments`).Scan(&n))
	return n
}

// settleAfter moves the clock on by d and runs the settler once, in the
// test's goroutine: when it returns, whatever was due is settled.
func (l *linkSetup) settleAfter(t *testing.T, d time.Duration) {
	t.Helper()
	l.clock.advance(d)
	l.s.settleDue(t.Context())
}

// noNotice fails the test when the outbox does not hold exactly queued
// notifications or one has arrived that the test did not take.
func (l *linkSetup) noNotice(t *testing.T, queued int) {
	t.Helper()
	equal(t, outboxSize(t, l.s), queued, "notifications queued")
	if got := l.m.arrivals(); len(got) > 0 {
		t.Fatalf("unexpected notification: %s", got[0].body)
	}
}
