package sandbox

import (
	"encoding/json"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"antom-checkout/antom"
)

// Test card numbers (see TestCards).
const (
	visaCard         = "4242 4242 4242 4242"
	mastercardCard   = "5555 5555 5555 4444"
	declinedCard     = "4000 0000 0000 0002"
	shortAuthCard    = "4000 0000 0000 0077"
	noFundsCard      = "4000 0000 0000 9995"
	threeDSCard      = "4000 0000 0000 3220"
	merchantReturn   = "https://merchant.example/checkout/return"
	cardholder       = "Ada Lovelace"
	merchantShowName = "Mika Coffee"
)

// cardReq is a valid hosted card payment (CASHIER_PAYMENT + CARD) of
// minor units of currency in capture mode ("" = the default).
func cardReq(id, currency string, minor int64, mode string) *antom.PayRequest {
	amount := antom.MinorAmount(currency, minor)
	return &antom.PayRequest{
		ProductCode:      antom.ProductCashierPayment,
		PaymentRequestID: id,
		Order: antom.Order{ReferenceOrderID: "order-" + id, OrderDescription: "Cappuccino, grande", OrderAmount: amount,
			Merchant: antom.Merchant{MerchantDisplayName: merchantShowName}},
		PaymentAmount:      amount,
		PaymentMethod:      antom.PaymentMethod{PaymentMethodType: cardMethod},
		PaymentRedirectURL: merchantReturn + "?order=" + id + "&lang=en",
		PaymentFactor:      antom.PaymentFactor{CaptureMode: mode, IsAuthorization: true},
		Env:                antom.Env{TerminalType: antom.TerminalWeb},
	}
}

// tokenReq is a payment with a saved card token.
func tokenReq(id string, token antom.Secret, minor int64, mode string) *antom.PayRequest {
	r := cardReq(id, "USD", minor, mode)
	r.PaymentMethod.PaymentMethodID = token
	return r
}

// startCard pays req and wants U PAYMENT_IN_PROCESS with the hosted page.
func (l *linkSetup) startCard(t *testing.T, req *antom.PayRequest) *antom.PayResponse {
	t.Helper()
	resp := l.pay(t, req)
	wantInProcess(t, resp, "cashier pay "+req.PaymentRequestID)
	want := l.url + "/sandbox/card/pay?paymentId=" + resp.PaymentID
	if locale := cardLocale(req.Env.DeviceLanguage); locale != "" {
		want += "&locale=" + url.QueryEscape(locale) // the page's language, from env.deviceLanguage
	}
	equal(t, resp.NormalURL, want, "normalUrl")
	equal(t, resp.RedirectActionForm, antom.RedirectActionForm{Method: "GET", RedirectURL: resp.NormalURL}, "redirectActionForm")
	return resp
}

// cardFields is a valid card form for paymentID with number.
func cardFields(paymentID, number string) url.Values {
	return url.Values{"paymentId": {paymentID}, "number": {number}, "expiry": {"12/39"}, "cvc": {"123"}, "name": {cardholder}}
}

// returnTo is where the card page sends the browser back for req.
func returnTo(req *antom.PayRequest) string { return req.PaymentRedirectURL }

// notices are notifications as the merchant got them, by notifyType.
type notices map[string][]string

// takeNotices waits for n notifications, each verified, and sorts them
// by type (deliveries run concurrently, so their order is not fixed).
func takeNotices(t *testing.T, m *merchantServer, n int) notices {
	t.Helper()
	got := notices{}
	for range n {
		a := recv(t, m.got, "a notification")
		equal(t, a.verified, true, "notification signature verified")
		kind, err := antom.PeekKind([]byte(a.body))
		must(t, err)
		got[kind.NotifyType] = append(got[kind.NotifyType], a.body)
	}
	return got
}

// one decodes the only notification of kind into v and returns its body.
func (ns notices) one(t *testing.T, kind string, v any) string {
	t.Helper()
	equal(t, len(ns[kind]), 1, kind+" notifications")
	must(t, json.Unmarshal([]byte(ns[kind][0]), v))
	return ns[kind][0]
}

// paid waits for notifyPayment of paymentID with status and code, and
// notifyCapture S too when capture is set; it returns notifyPayment with
// its body.
func paid(t *testing.T, m *merchantServer, paymentID, status, code string, capture bool) (antom.NotifyPayment, string) {
	t.Helper()
	n := 1
	if capture {
		n = 2
	}
	ns := takeNotices(t, m, n)
	var np antom.NotifyPayment
	body := ns.one(t, antom.NotifyPaymentResult, &np)
	equal(t, np.PaymentID, paymentID, "notified paymentId")
	wantResult(t, np.Result, status, code, "notifyPayment")
	if capture {
		var nc antom.NotifyCapture
		ns.one(t, antom.NotifyCaptureResult, &nc)
		equal(t, nc.PaymentID, paymentID, "notifyCapture paymentId")
		wantResult(t, nc.Result, antom.StatusSuccess, antom.CodeSuccess, "notifyCapture")
		equal(t, nc.CaptureAmount, np.PaymentAmount, "automatic capture amount")
	}
	return np, body
}

// capture calls capture and returns the answer, S or F.
func (l *linkSetup) capture(t *testing.T, requestID, paymentID, currency string, minor int64) *antom.CaptureResponse {
	t.Helper()
	resp, err := l.client.Capture(t.Context(), &antom.CaptureRequest{CaptureRequestID: requestID, PaymentID: paymentID,
		CaptureAmount: antom.MinorAmount(currency, minor)})
	return answered(t, resp, err)
}

// refund calls refund and returns the answer, S or F.
func (l *linkSetup) refund(t *testing.T, req *antom.RefundRequest) *antom.RefundResponse {
	t.Helper()
	resp, err := l.client.Refund(t.Context(), req)
	return answered(t, resp, err)
}

// refundReq is a refund of minor units of USD.
func refundReq(id, paymentID string, minor int64) *antom.RefundRequest {
	return &antom.RefundRequest{RefundRequestID: id, PaymentID: paymentID, RefundAmount: antom.MinorAmount("USD", minor)}
}

// inquireRefund calls inquiryRefund and returns the answer, S or F.
func (l *linkSetup) inquireRefund(t *testing.T, refundID, requestID string) *antom.InquiryRefundResponse {
	t.Helper()
	resp, err := l.client.InquiryRefund(t.Context(), &antom.InquiryRefundRequest{RefundID: refundID, RefundRequestID: requestID})
	return answered(t, resp, err)
}

// info reads a payment as the sandbox holds it.
func (l *linkSetup) info(t *testing.T, paymentID string) PaymentInfo {
	t.Helper()
	info, err := l.s.Payment(t.Context(), paymentID)
	must(t, err)
	return info
}

// paidByCard starts a hosted card payment of USD minor units and pays it
// with number through PayCard; it returns the paymentId and the
// notifications it brought.
func (l *linkSetup) paidByCard(t *testing.T, id string, minor int64, mode, number string) (string, antom.NotifyPayment) {
	t.Helper()
	resp := l.startCard(t, cardReq(id, "USD", minor, mode))
	must(t, l.s.PayCard(t.Context(), resp.PaymentID, number))
	np, _ := paid(t, l.m, resp.PaymentID, antom.StatusSuccess, antom.CodeSuccess, mode != antom.CaptureManual)
	return resp.PaymentID, np
}

// inOrder fails the test unless the keys appear in body in this order.
func inOrder(t *testing.T, body string, keys ...string) {
	t.Helper()
	at := make([]int, 0, len(keys))
	for _, k := range keys {
		i := strings.Index(body, strconv.Quote(k)+":")
		if i < 0 {
			t.Fatalf("body lacks %q: %s", k, body)
		}
		at = append(at, i)
	}
	if !slices.IsSorted(at) {
		t.Fatalf("keys %v not in order in %s", keys, body)
	}
}
