package sandbox

import (
	"testing"
	"time"

	"antom-checkout/antom"
)

func TestCaptureManual(t *testing.T) {
	l := newLinkSetup(t)
	id, n := l.paidByCard(t, "capture-manual", 1000, antom.CaptureManual, visaCard)
	r := l.wantPayment(t, id, antom.PaymentSuccess, antom.CodeSuccess)
	equal(t, r.AuthExpiryTime, n.AuthExpiryTime, "authorized: authExpiryTime")
	equal(t, len(r.Transactions), 0, "nothing captured yet")

	part := l.capture(t, "cap-1", id, "USD", 600)
	wantResult(t, part.Result, antom.StatusSuccess, antom.CodeSuccess, "capture part")
	equal(t, part.CaptureRequestID+" "+part.PaymentID, "cap-1 "+id, "capture ids")
	equal(t, part.CaptureID != "" && part.CaptureTime != "", true, "captureId and captureTime")
	equal(t, part.CaptureAmount, antom.MinorAmount("USD", 600), "captureAmount")
	var nc antom.NotifyCapture
	body := takeNotices(t, l.m, 1).one(t, antom.NotifyCaptureResult, &nc)
	inOrder(t, body, "notifyType", "result", "captureRequestId", "paymentId", "captureId", "captureAmount", "captureTime")
	equal(t, nc, antom.NotifyCapture{NotifyType: antom.NotifyCaptureResult, Result: successResult(), CaptureRequestID: "cap-1",
		PaymentID: id, CaptureID: part.CaptureID, CaptureAmount: part.CaptureAmount, CaptureTime: part.CaptureTime}, "notifyCapture")

	repeat := l.capture(t, "cap-1", id, "USD", 600)
	equal(t, *repeat, *part, "repeat answer")
	wantCode(t, l.capture(t, "cap-1", id, "USD", 500).Result, antom.CodeRepeatReqInconsistent, "same id, other amount")
	wantCode(t, l.capture(t, "cap-over", id, "USD", 401).Result, codeCaptureExceedAuth, "over-capture")
	wantCode(t, l.capture(t, "cap-eur", id, "EUR", 100).Result, codeCurrencyNotSupport, "other currency")
	rest := l.capture(t, "cap-2", id, "USD", 400)
	wantResult(t, rest.Result, antom.StatusSuccess, antom.CodeSuccess, "capture the rest")
	takeNotices(t, l.m, 1).one(t, antom.NotifyCaptureResult, &nc)
	equal(t, nc.CaptureID, rest.CaptureID, "second notifyCapture")
	wantCode(t, l.capture(t, "cap-3", id, "USD", 1).Result, codeCaptureExceedAuth, "after full capture")

	r = l.wantPayment(t, id, antom.PaymentSuccess, antom.CodeSuccess)
	equal(t, len(r.Transactions), 2, "capture transactions")
	equal(t, r.Transactions[1].TransactionID, rest.CaptureID, "second transaction")
	equal(t, r.Transactions[1].TransactionRequestID, "cap-2", "second transaction request id")
	info := l.info(t, id)
	equal(t, [2]int64{info.Authorized, info.Captured}, [2]int64{1000, 1000}, "authorized, captured")
	l.noNotice(t, 3)
}

func TestCaptureRefusals(t *testing.T) {
	l := newLinkSetup(t)
	voided, _ := l.paidByCard(t, "capture-void", 1000, antom.CaptureManual, visaCard)
	wantResult(t, l.cancel(t, voided, "").Result, antom.StatusSuccess, antom.CodeSuccess, "void")
	equal(t, l.info(t, voided).Voided, true, "voided")
	wantCode(t, l.capture(t, "cap-voided", voided, "USD", 100).Result, antom.CodeAuthCancelled, "capture after void")

	auto, _ := l.paidByCard(t, "capture-auto", 1000, "", visaCard)
	wantCode(t, l.capture(t, "cap-auto", auto, "USD", 100).Result, codeOrderStatusInvalid, "capture an automatic payment")
	waiting := l.startCard(t, cardReq("capture-waiting", "USD", 1000, antom.CaptureManual))
	wantCode(t, l.capture(t, "cap-waiting", waiting.PaymentID, "USD", 100).Result, codeOrderStatusInvalid, "capture before paying")
	wantCode(t, l.capture(t, "cap-none", "nope", "USD", 100).Result, codeAuthNotFound, "capture an unknown payment")
	wallet := l.pay(t, payReq("capture-wallet", "GCASH", l.linkUser(t, "state-capture", richUser), "USD", 100))
	wantNotice(t, l.m, wallet.PaymentID, antom.StatusSuccess, antom.CodeSuccess)
	wantCode(t, l.capture(t, "cap-wallet", wallet.PaymentID, "USD", 100).Result, codeOrderStatusInvalid, "capture a wallet payment")
	wantResult(t, l.capture(t, "", auto, "USD", 100).Result, antom.StatusFail, codeParamIllegal, "no captureRequestId")

	late, _ := l.paidByCard(t, "capture-late", 1000, antom.CaptureManual, visaCard)
	l.clock.advance(cardAuthValidity)
	wantCode(t, l.capture(t, "cap-late", late, "USD", 100).Result, antom.CodeAuthExpired, "capture after authExpiryTime")
	wantCode(t, l.capture(t, "cap-late", late, "USD", 100).Result, antom.CodeAuthExpired, "a refused capture repeated")
}

func TestCancelCardPayments(t *testing.T) {
	l := newLinkSetup(t)
	auto, _ := l.paidByCard(t, "cancel-auto", 1000, "", visaCard)
	c := l.cancel(t, auto, "")
	wantResult(t, c.Result, antom.StatusSuccess, antom.CodeSuccess, "cancel a captured card payment")
	l.wantPayment(t, auto, antom.PaymentCancelled, antom.CodeOrderIsCanceled)
	equal(t, l.info(t, auto).Voided, false, "a captured payment is refunded, not voided")
	wantCode(t, l.refund(t, refundReq("refund-cancelled", auto, 100)).Result, codeOrderStatusInvalid, "refund a cancelled payment")

	waiting := l.startCard(t, cardReq("cancel-waiting", "USD", 1000, ""))
	wantResult(t, l.cancel(t, waiting.PaymentID, "").Result, antom.StatusSuccess, antom.CodeSuccess, "cancel before paying")
	page := newBrowser(t).get(waiting.NormalURL)
	// The merchant cancelled it (the buyer chose to pay another way): its
	// page says so, and that nothing was charged, never "finished"; one
	// cancelled after it was paid, that what was charged was given back.
	page.has(t, "page of a cancelled payment", `data-outcome="cancelled"`, "This payment was cancelled, so nothing was charged.", `data-testid="card-return"`)
	paidPage := newBrowser(t).get(l.url + cardPagePath(auto))
	paidPage.has(t, "page of a payment cancelled once paid", `data-outcome="cancelled"`, "This payment was cancelled after it was paid: what was charged has been given back.")
	l.settleAfter(t, time.Hour)
	l.noNotice(t, 2) // the two of the automatic payment
}

// The short-lived test card's authorization expires 2 minutes after it
// is made, as its authExpiryTime says (notification and inquiry alike):
// captured in time it is captured; a minute later Antom refuses with
// AUTH_EXPIRED. Any other card's lasts 7 days.
func TestShortLivedAuthorization(t *testing.T) {
	l := newLinkSetup(t)
	inTime, n := l.paidByCard(t, "short-in-time", 1000, antom.CaptureManual, shortAuthCard)
	at, err := time.Parse(time.RFC3339, n.PaymentTime)
	must(t, err)
	exp, err := time.Parse(time.RFC3339, n.AuthExpiryTime)
	must(t, err)
	equal(t, exp.Sub(at), shortAuthValidity, "authExpiryTime - paymentTime")
	equal(t, l.wantPayment(t, inTime, antom.PaymentSuccess, antom.CodeSuccess).AuthExpiryTime, n.AuthExpiryTime, "inquiry authExpiryTime")
	late, _ := l.paidByCard(t, "short-late", 1000, antom.CaptureManual, shortAuthCard)
	_, long := l.paidByCard(t, "long", 1000, antom.CaptureManual, visaCard)
	wantAuthExpiry(t, long.PaymentTime, long.AuthExpiryTime)

	l.clock.advance(shortAuthValidity - time.Second)
	wantResult(t, l.capture(t, "cap-in-time", inTime, "USD", 1000).Result, antom.StatusSuccess, antom.CodeSuccess, "captured in time")
	l.clock.advance(time.Minute)
	wantCode(t, l.capture(t, "cap-late", late, "USD", 1000).Result, antom.CodeAuthExpired, "captured a minute after authExpiryTime")
}
