package sandbox

import (
	"testing"
	"time"

	"antom-checkout/antom"
)

func TestInquiryPayment(t *testing.T) {
	l := newLinkSetup(t)
	token := l.linkUser(t, "state-inquiry", richUser)
	a := l.pay(t, payReq("inq-a", "GCASH", token, "USD", 100))
	b := l.pay(t, payReq("inq-b", "GCASH", token, "USD", 200))

	equal(t, l.inquire(t, a.PaymentID, "").PaymentRequestID, "inq-a", "by paymentId")
	equal(t, l.inquire(t, "", "inq-b").PaymentID, b.PaymentID, "by paymentRequestId")
	equal(t, l.inquire(t, a.PaymentID, "inq-b").PaymentID, a.PaymentID, "paymentId wins")
	r := l.inquire(t, "", "inq-a")
	equal(t, r.PaymentAmount, antom.MinorAmount("USD", 100), "paymentAmount")
	equal(t, r.PaymentCreateTime, a.PaymentCreateTime, "paymentCreateTime")

	wantResult(t, l.inquire(t, "", "inq-none").Result, antom.StatusFail, antom.CodeOrderNotExist, "unknown request id")
	wantResult(t, l.inquire(t, "2026000000", "").Result, antom.StatusFail, antom.CodeOrderNotExist, "unknown payment id")
	wantResult(t, l.inquire(t, "", "").Result, antom.StatusFail, codeParamIllegal, "no id")

	must(t, l.s.Register(t.Context(), Merchant{ClientID: sandboxClient, PublicKey: &merchantKey(t).PublicKey}))
	other, err := antom.NewClient(antom.Config{GatewayURL: l.url, ClientID: sandboxClient, PrivateKey: merchantKey(t),
		AntomPublicKey: l.s.PublicKey(), AllowAnyGateway: true})
	must(t, err)
	resp, err := other.InquiryPayment(t.Context(), &antom.InquiryPaymentRequest{PaymentID: a.PaymentID})
	wantResult(t, answered(t, resp, err).Result, antom.StatusFail, antom.CodeOrderNotExist, "another merchant's payment")
}

func TestCancelSuccessRefunds(t *testing.T) {
	l := newLinkSetup(t)
	token := l.linkUser(t, "state-cancel-ok", richUser)
	req := payReq("cancel-ok", "GCASH", token, "USD", 3000)
	paid := l.pay(t, req)
	wantNotice(t, l.m, paid.PaymentID, antom.StatusSuccess, antom.CodeSuccess)
	equal(t, l.balance(t, richUser, "USD"), int64(100_000-3000), "balance after pay")

	c := l.cancel(t, "", "cancel-ok")
	wantResult(t, c.Result, antom.StatusSuccess, antom.CodeSuccess, "cancel")
	equal(t, c.PaymentID, paid.PaymentID, "cancel paymentId")
	equal(t, c.PaymentRequestID, "cancel-ok", "cancel paymentRequestId")
	_, err := time.Parse(time.RFC3339, c.CancelTime)
	must(t, err)
	equal(t, l.balance(t, richUser, "USD"), int64(100_000), "balance after cancel")
	l.wantPayment(t, paid.PaymentID, antom.PaymentCancelled, antom.CodeOrderIsCanceled)

	l.clock.advance(2 * time.Second)
	again := l.cancel(t, paid.PaymentID, "")
	equal(t, *again, *c, "repeated cancel")
	equal(t, l.balance(t, richUser, "USD"), int64(100_000), "balance after the repeat")
	repeat := l.pay(t, req)
	wantResult(t, repeat.Result, antom.StatusFail, antom.CodeOrderIsCanceled, "pay again")
	equal(t, repeat.PaymentID, paid.PaymentID, "pay again: paymentId")
	equal(t, l.s.Calls(apiCancel), 2, "cancel calls")
	l.noNotice(t, 2) // AUTHCODE_CREATED and the payment's: cancel notifies nothing
}

func TestCancelProcessingStopsSettlement(t *testing.T) {
	l := newLinkSetup(t)
	token := l.linkUser(t, "state-cancel-91", richUser)
	paid := l.pay(t, payReq("cancel-91", "GCASH", token, "USD", 5091))
	wantInProcess(t, paid, "pay")
	equal(t, l.balance(t, richUser, "USD"), int64(100_000-5091), "balance while processing")
	wantResult(t, l.cancel(t, paid.PaymentID, "").Result, antom.StatusSuccess, antom.CodeSuccess, "cancel")
	equal(t, l.balance(t, richUser, "USD"), int64(100_000), "balance after cancel")

	l.settleAfter(t, time.Minute+magicSettleDelay)
	l.wantPayment(t, paid.PaymentID, antom.PaymentCancelled, antom.CodeOrderIsCanceled)
	equal(t, l.balance(t, richUser, "USD"), int64(100_000), "balance after the settlement time")
	l.noNotice(t, 1) // AUTHCODE_CREATED
}

func TestCancelFailedAndUnknown(t *testing.T) {
	l := newLinkSetup(t)
	token := l.linkUser(t, "state-cancel-f", poorUser)
	failed := l.pay(t, payReq("cancel-f", "GCASH", token, "USD", 900))
	wantResult(t, failed.Result, antom.StatusFail, antom.CodeUserBalanceNotEnough, "pay")
	wantResult(t, l.cancel(t, failed.PaymentID, "").Result, antom.StatusFail, codeOrderStatusInvalid, "cancel a failed payment")
	wantResult(t, l.cancel(t, "", "cancel-none").Result, antom.StatusFail, antom.CodeOrderNotExist, "cancel an unknown payment")
	wantResult(t, l.cancel(t, "", "").Result, antom.StatusFail, codeParamIllegal, "cancel without ids")
	l.wantPayment(t, failed.PaymentID, antom.PaymentFail, antom.CodeUserBalanceNotEnough)
}
