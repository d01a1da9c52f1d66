package sandbox

import (
	"testing"
	"time"

	"antom-checkout/antom"
)

func TestMagicFor(t *testing.T) {
	for _, c := range []struct {
		minor int64
		want  int64 // suffix, 0 = not magic
	}{{1291, 91}, {91, 91}, {100092, 92}, {1293, 93}, {1294, 94}, {1290, 0}, {1295, 0}, {191, 91}, {9, 0}} {
		m, ok := magicFor(c.minor)
		equal(t, ok, c.want != 0, "magic")
		equal(t, m.Suffix, c.want, "suffix")
	}
}

// wantInProcess checks a U PAYMENT_IN_PROCESS pay answer.
func wantInProcess(t *testing.T, resp *antom.PayResponse, what string) {
	t.Helper()
	wantResult(t, resp.Result, antom.StatusUnknown, antom.CodePaymentInProcess, what)
	equal(t, resp.PaymentID != "", true, what+": paymentId")
	equal(t, resp.PaymentTime, "", what+": paymentTime")
}

func TestMagic91SettlesToSuccess(t *testing.T) {
	l := newLinkSetup(t)
	token := l.linkUser(t, "state-91", richUser)
	req := payReq("magic-91", "GCASH", token, "USD", 1291)
	resp := l.pay(t, req)
	wantInProcess(t, resp, "pay")
	equal(t, l.balance(t, richUser, "USD"), int64(100_000-1291), "money taken at pay")
	l.wantPayment(t, resp.PaymentID, antom.PaymentProcessing, antom.CodePaymentInProcess)
	again := l.pay(t, req)
	wantInProcess(t, again, "repeat while processing")
	equal(t, again.PaymentID, resp.PaymentID, "repeat paymentId")

	l.clock.advance(magicSettleDelay)
	l.s.kickSettler()
	wantNotice(t, l.m, resp.PaymentID, antom.StatusSuccess, antom.CodeSuccess)
	l.wantPayment(t, resp.PaymentID, antom.PaymentSuccess, antom.CodeSuccess)
	final := l.pay(t, req)
	wantResult(t, final.Result, antom.StatusSuccess, antom.CodeSuccess, "repeat after settling")
	equal(t, final.PaymentID, resp.PaymentID, "repeat paymentId after settling")
	equal(t, l.balance(t, richUser, "USD"), int64(100_000-1291), "money taken once")
}

func TestMagic91RegardlessOfBalance(t *testing.T) {
	l := newLinkSetup(t)
	token := l.linkUser(t, "state-91-poor", poorUser)
	resp := l.pay(t, payReq("magic-91-poor", "GCASH", token, "JPY", 1291))
	wantInProcess(t, resp, "pay")
	equal(t, l.balance(t, poorUser, "JPY"), int64(0), "the whole balance taken")
	l.settleAfter(t, magicSettleDelay)
	wantNotice(t, l.m, resp.PaymentID, antom.StatusSuccess, antom.CodeSuccess)
	wantResult(t, l.cancel(t, resp.PaymentID, "").Result, antom.StatusSuccess, antom.CodeSuccess, "cancel")
	equal(t, l.balance(t, poorUser, "JPY"), int64(500), "what was taken, given back")
}

func TestMagic92SettlesToFailure(t *testing.T) {
	l := newLinkSetup(t)
	token := l.linkUser(t, "state-92", richUser)
	resp := l.pay(t, payReq("magic-92", "GCASH", token, "USD", 1292))
	wantInProcess(t, resp, "pay")
	equal(t, l.balance(t, richUser, "USD"), int64(100_000), "nothing taken")
	l.settleAfter(t, magicSettleDelay-time.Second)
	l.wantPayment(t, resp.PaymentID, antom.PaymentProcessing, antom.CodePaymentInProcess)
	l.settleAfter(t, time.Second)
	wantNotice(t, l.m, resp.PaymentID, antom.StatusFail, codePaymentAmountExceedLimit)
	l.wantPayment(t, resp.PaymentID, antom.PaymentFail, codePaymentAmountExceedLimit)
	equal(t, l.balance(t, richUser, "USD"), int64(100_000), "balance")
}

func TestMagic93WaitsUntilExpiry(t *testing.T) {
	l := newLinkSetup(t)
	token := l.linkUser(t, "state-93", richUser)
	req := payReq("magic-93", "GCASH", token, "USD", 1293)
	req.PaymentExpiryTime = antomTime(l.clock.now().Add(30 * time.Second))
	resp := l.pay(t, req)
	wantInProcess(t, resp, "pay")
	l.settleAfter(t, 25*time.Second)
	l.wantPayment(t, resp.PaymentID, antom.PaymentProcessing, antom.CodePaymentInProcess)
	l.noNotice(t, 1) // AUTHCODE_CREATED

	l.clock.advance(5 * time.Second)
	l.s.kickSettler()
	wantNotice(t, l.m, resp.PaymentID, antom.StatusFail, antom.CodeOrderIsClosed)
	l.wantPayment(t, resp.PaymentID, antom.PaymentFail, antom.CodeOrderIsClosed)
	wantResult(t, l.pay(t, req).Result, antom.StatusFail, antom.CodeOrderIsClosed, "repeat after expiry")
}

func TestMagic94RiskReject(t *testing.T) {
	l := newLinkSetup(t)
	token := l.linkUser(t, "state-94", richUser)
	resp := l.pay(t, payReq("magic-94", "GCASH", token, "USD", 1294))
	wantResult(t, resp.Result, antom.StatusFail, codeRiskReject, "pay")
	wantNotice(t, l.m, resp.PaymentID, antom.StatusFail, codeRiskReject)
	l.wantPayment(t, resp.PaymentID, antom.PaymentFail, codeRiskReject)
	equal(t, l.balance(t, richUser, "USD"), int64(100_000), "balance")
}

// TestProcessingPaymentExpires lets the settler's own timer expire a
// PROCESSING payment after the default minute, scaled down.
func TestProcessingPaymentExpires(t *testing.T) {
	l := startLinkSetup(t, t.TempDir(), 0.001, &testClock{}) // 1 min → 60 ms
	token := l.linkUser(t, "state-expire", richUser)
	resp := l.pay(t, payReq("expire-1", "GCASH", token, "USD", 1293))
	wantInProcess(t, resp, "pay")
	n := wantNotice(t, l.m, resp.PaymentID, antom.StatusFail, antom.CodeOrderIsClosed)
	equal(t, n.PaymentAmount, antom.MinorAmount("USD", 1293), "notified amount")
	l.wantPayment(t, resp.PaymentID, antom.PaymentFail, antom.CodeOrderIsClosed)
}

// TestSettlementResumesAfterRestart closes the sandbox while a payment
// waits for its settlement; the next Start settles it.
func TestSettlementResumesAfterRestart(t *testing.T) {
	dir, clock := t.TempDir(), &testClock{}
	l := startLinkSetup(t, dir, 1, clock)
	token := l.linkUser(t, "state-restart", richUser)
	resp := l.pay(t, payReq("restart-1", "GCASH", token, "USD", 2291))
	wantInProcess(t, resp, "pay")
	must(t, l.s.Close())

	clock.advance(magicSettleDelay)
	l2 := startLinkSetup(t, dir, 1, clock)
	wantNotice(t, l2.m, resp.PaymentID, antom.StatusSuccess, antom.CodeSuccess)
	l2.wantPayment(t, resp.PaymentID, antom.PaymentSuccess, antom.CodeSuccess)
	equal(t, l2.balance(t, richUser, "USD"), int64(100_000-2291), "money taken once")
}
