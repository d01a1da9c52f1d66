package sandbox

import (
	"net/http"
	"testing"
	"time"

	"antom-checkout/antom"
)

// walletPaid links richUser, pays USD minor units from GCASH and takes
// the notification; it returns the paymentId.
func (l *linkSetup) walletPaid(t *testing.T, id string, minor int64) string {
	t.Helper()
	resp := l.pay(t, payReq(id, "GCASH", l.linkUser(t, "state-"+id, richUser), "USD", minor))
	wantNotice(t, l.m, resp.PaymentID, antom.StatusSuccess, antom.CodeSuccess)
	return resp.PaymentID
}

// refunded waits for notifyRefund S and returns it with its body.
func refunded(t *testing.T, m *merchantServer) (antom.NotifyRefund, string) {
	t.Helper()
	var n antom.NotifyRefund
	body := takeNotices(t, m, 1).one(t, antom.NotifyRefundResult, &n)
	wantResult(t, n.Result, antom.StatusSuccess, antom.CodeSuccess, "notifyRefund")
	equal(t, n.RefundStatus, antom.RefundSuccess, "notified refundStatus")
	return n, body
}

func TestRefundWallet(t *testing.T) {
	l := newLinkSetup(t)
	id := l.walletPaid(t, "refund-wallet", 1000)
	before := l.balance(t, richUser, "USD")

	first := l.refund(t, refundReq("ref-1", id, 300))
	wantResult(t, first.Result, antom.StatusSuccess, antom.CodeSuccess, "refund part")
	equal(t, first.RefundRequestID+" "+first.PaymentID, "ref-1 "+id, "refund ids")
	equal(t, first.RefundID != "" && first.RefundTime != "", true, "refundId and refundTime")
	equal(t, l.balance(t, richUser, "USD"), before+300, "balance after the first refund")
	n, body := refunded(t, l.m)
	inOrder(t, body, "notifyType", "result", "refundStatus", "refundRequestId", "refundId", "refundAmount", "refundTime")
	equal(t, n.RefundID+" "+n.RefundTime, first.RefundID+" "+first.RefundTime, "notified refund")

	equal(t, *l.refund(t, refundReq("ref-1", id, 300)), *first, "repeat answer")
	wantCode(t, l.refund(t, refundReq("ref-1", id, 200)).Result, antom.CodeRepeatReqInconsistent, "same id, other amount")
	other := newMerchant(t, l.s, ack)
	req := refundReq("ref-2", id, 700)
	req.RefundNotifyURL = other.URL + "/antom/notify/refund"
	wantResult(t, l.refund(t, req).Result, antom.StatusSuccess, antom.CodeSuccess, "refund the rest")
	refunded(t, other)
	wantCode(t, l.refund(t, refundReq("ref-3", id, 1)).Result, antom.CodeRefundAmountExceed, "over-refund")
	equal(t, l.balance(t, richUser, "USD"), before+1000, "balance after both refunds")
	equal(t, l.info(t, id).Refunded, int64(1000), "refunded")

	l.wantPayment(t, id, antom.PaymentSuccess, antom.CodeSuccess) // stays SUCCESS
	wantCode(t, l.cancel(t, id, "").Result, codeOrderStatusInvalid, "cancel a refunded payment")
	equal(t, l.balance(t, richUser, "USD"), before+1000, "balance after the refused cancel")
	l.noNotice(t, 4) // AUTHCODE_CREATED, notifyPayment and the two notifyRefund
}

func TestRefundRefusals(t *testing.T) {
	l := newLinkSetup(t)
	poor := l.pay(t, payReq("refund-poor", "GCASH", l.linkUser(t, "state-poor", poorUser), "USD", 99_999))
	wantNotice(t, l.m, poor.PaymentID, antom.StatusFail, antom.CodeUserBalanceNotEnough)
	wantCode(t, l.refund(t, refundReq("ref-failed", poor.PaymentID, 100)).Result, codeOrderStatusInvalid, "refund a failed payment")
	wantCode(t, l.refund(t, refundReq("ref-unknown", "nope", 100)).Result, antom.CodeOrderNotExist, "refund an unknown payment")

	manual, _ := l.paidByCard(t, "refund-manual", 1000, antom.CaptureManual, visaCard)
	wantCode(t, l.refund(t, refundReq("ref-uncaptured", manual, 100)).Result, codeOrderStatusInvalid, "refund an uncaptured authorization")
	wantResult(t, l.capture(t, "cap-refund", manual, "USD", 400).Result, antom.StatusSuccess, antom.CodeSuccess, "capture")
	takeNotices(t, l.m, 1)
	eur := refundReq("ref-eur", manual, 100)
	eur.RefundAmount.Currency = "EUR"
	wantCode(t, l.refund(t, eur).Result, codeCurrencyNotSupport, "refund in another currency")
	wantCode(t, l.refund(t, refundReq("ref-over", manual, 401)).Result, antom.CodeRefundAmountExceed, "refund more than captured")
	wantResult(t, l.refund(t, refundReq("ref-card", manual, 400)).Result, antom.StatusSuccess, antom.CodeSuccess, "refund what was captured")
	refunded(t, l.m)
	equal(t, l.info(t, manual).Refunded, int64(400), "card refunded")
	wantResult(t, l.refund(t, refundReq("", manual, 1)).Result, antom.StatusFail, codeParamIllegal, "no refundRequestId")

	r := l.inquireRefund(t, "", "ref-over")
	wantResult(t, r.Result, antom.StatusSuccess, antom.CodeSuccess, "inquire a refused refund")
	equal(t, r.RefundStatus+" "+r.RefundID, antom.RefundFail+" ", "refused refund")
}

func TestRefundDelay(t *testing.T) {
	l := newLinkSetup(t)
	id := l.walletPaid(t, "refund-delay", 1000)
	before := l.balance(t, richUser, "USD")
	status, body := postJSON(t, l.url+"/sandbox/control/refund-delay.json", `{"ms":3600000}`)
	equal(t, status, http.StatusOK, "refund-delay.json status")
	equal(t, body, `{"ms":3600000}`, "refund-delay.json answer")
	equal(t, l.s.refundDelay(), time.Hour, "refund delay")

	resp := l.refund(t, refundReq("ref-slow", id, 250))
	wantResult(t, resp.Result, antom.StatusSuccess, antom.CodeSuccess, "delayed refund")
	equal(t, resp.RefundID != "", true, "refundId")
	equal(t, resp.RefundTime, "", "no refundTime yet")
	for _, r := range []*antom.InquiryRefundResponse{l.inquireRefund(t, resp.RefundID, ""), l.inquireRefund(t, "", "ref-slow")} {
		equal(t, r.RefundStatus, antom.RefundProcessing, "inquiryRefund while delayed")
		equal(t, r.RefundID, resp.RefundID, "inquired refundId")
	}
	equal(t, l.balance(t, richUser, "USD"), before, "balance while processing")
	wantCode(t, l.refund(t, refundReq("ref-more", id, 751)).Result, antom.CodeRefundAmountExceed, "processing refunds count")
	l.settleAfter(t, time.Hour-time.Second)
	l.noNotice(t, 2)

	l.settleAfter(t, time.Second)
	n, _ := refunded(t, l.m)
	r := l.inquireRefund(t, resp.RefundID, "no-such-request")
	equal(t, r.RefundStatus, antom.RefundSuccess, "inquiryRefund when done")
	equal(t, r.RefundTime, n.RefundTime, "refundTime")
	equal(t, r.RefundAmount, antom.MinorAmount("USD", 250), "refundAmount")
	equal(t, l.balance(t, richUser, "USD"), before+250, "balance when done")
	equal(t, *l.refund(t, refundReq("ref-slow", id, 250)), *resp, "repeat answer")

	l.s.SetRefundDelay(0)
	wantResult(t, l.refund(t, refundReq("ref-fast", id, 100)).Result, antom.StatusSuccess, antom.CodeSuccess, "refund without delay")
	refunded(t, l.m)
	page := newBrowser(t).get(l.url + "/sandbox/control")
	page.has(t, "control page", `data-testid="refunds"`, "ref-slow", "ref-fast", `data-testid="refund-delay"`)
}

func TestInquiryRefundUnknown(t *testing.T) {
	l := newLinkSetup(t)
	wantCode(t, l.inquireRefund(t, "nope", "").Result, antom.CodeOrderNotExist, "unknown refundId")
	wantCode(t, l.inquireRefund(t, "", "nope").Result, antom.CodeOrderNotExist, "unknown refundRequestId")
	wantResult(t, l.inquireRefund(t, "", "").Result, antom.StatusFail, codeParamIllegal, "no id")
}
