package sandbox

import (
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"time"

	"antom-checkout/antom"
)

// The payment APIs (API.md §5.1, §5.3–§5.7).
const (
	apiPay            = "payments/pay"
	apiInquiryPayment = "payments/inquiryPayment"
	apiCancel         = "payments/cancel"
	apiCapture        = "payments/capture"
	apiRefund         = "payments/refund"
	apiInquiryRefund  = "payments/inquiryRefund"
)

// Result codes of the payment APIs that package antom does not name
// (API.md §5.2, §5.6).
const (
	codeRiskReject               = "RISK_REJECT"
	codePaymentAmountExceedLimit = "PAYMENT_AMOUNT_EXCEED_LIMIT"
	codeOrderStatusInvalid       = "ORDER_STATUS_INVALID"
)

// registerPayments serves pay, inquiryPayment, cancel, capture, refund
// and inquiryRefund.
func (s *Sandbox) registerPayments() {
	s.Handle(apiPay, s.pay)
	s.Handle(apiInquiryPayment, s.inquiryPayment)
	s.Handle(apiCancel, s.cancelPayment)
	s.Handle(apiCapture, s.capturePayment)
	s.Handle(apiRefund, s.refundPayment)
	s.Handle(apiInquiryRefund, s.inquiryRefund)
}

// paymentMessage is the result message that goes with a payment's code.
func paymentMessage(code string) string {
	switch code {
	case antom.CodeSuccess:
		return messageSuccess
	case antom.CodePaymentInProcess:
		return messagePaymentInProcess
	case antom.CodeUserBalanceNotEnough:
		return "the user's balance is not enough for this payment"
	case antom.CodeInvalidAccessToken:
		return "accessToken is not valid for this payment method: unknown, expired, revoked or canceled"
	case codeRiskReject:
		return "rejected by risk control (sandbox magic amount …94)"
	case codePaymentAmountExceedLimit:
		return "the payment amount exceeds the payment method's limit (sandbox magic amount …92)"
	case antom.CodeOrderIsClosed:
		return "the payment expired before it completed"
	case antom.CodeOrderIsCanceled:
		return "the payment was cancelled by the merchant"
	case antom.CodeProcessFail:
		return "the payment failed (settled as failed in the sandbox)"
	}
	return code
}

// newPaymentID returns an Antom-like paymentId: the GMT+8 day, a fixed
// run of digits and 11 random ones, 35 characters in all (like
// 202608171940108001001880C0200001234 in the vectors).
func newPaymentID(now time.Time) string { return antomID(now, "1940108001001880") }

// newCaptureID returns a captureId shaped like a paymentId.
func newCaptureID(now time.Time) string { return antomID(now, "1940208001001880") }

// newRefundID returns a refundId shaped like a paymentId.
func newRefundID(now time.Time) string { return antomID(now, "1940308001001880") }

// antomID is the GMT+8 day, run and 11 random digits.
func antomID(now time.Time, run string) string {
	var b [8]byte
	rand.Read(b[:]) // never fails (crypto/rand)
	n := binary.BigEndian.Uint64(b[:]) % 100_000_000_000
	day := now.In(time.FixedZone("GMT+8", 8*60*60)).Format("20060102")
	return fmt.Sprintf("%s%s%011d", day, run, n)
}
