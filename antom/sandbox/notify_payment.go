package sandbox

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"antom-checkout/antom"
)

// paymentNotice is notifyPayment PAYMENT_RESULT, its fields in the order
// Antom sends them (vector notifyPayment.json).
type paymentNotice struct {
	NotifyType        string       `json:"notifyType"`
	Result            antom.Result `json:"result"`
	PaymentRequestID  string       `json:"paymentRequestId"`
	PaymentID         string       `json:"paymentId"`
	PaymentAmount     antom.Amount `json:"paymentAmount"`
	PaymentCreateTime string       `json:"paymentCreateTime"`
	PaymentTime       string       `json:"paymentTime,omitempty"` // S only
	PaymentMethodType string       `json:"paymentMethodType"`
}

// paymentNoticeBody is the notifyPayment body for a payment that has just
// become SUCCESS (result S) or FAIL (result F with the payment's code).
func paymentNoticeBody(p payment) ([]byte, error) {
	n := paymentNotice{
		NotifyType:        antom.NotifyPaymentResult,
		Result:            paymentResult(p),
		PaymentRequestID:  p.RequestID,
		PaymentID:         p.PaymentID,
		PaymentAmount:     antom.MinorAmount(p.Currency, p.Amount),
		PaymentCreateTime: antomTime(p.CreatedAt),
		PaymentMethodType: p.MethodType,
	}
	if p.Status == antom.PaymentSuccess {
		n.PaymentTime = antomTime(p.PaidAt)
	}
	body, err := json.Marshal(n)
	if err != nil {
		return nil, fmt.Errorf("sandbox: notifyPayment: %w", err)
	}
	return body, nil
}

// queuePaymentNotice queues notifyPayment for a payment that has just
// become final, within tx, so that the state change and its notification
// are stored together; it goes through Notify's own checks and faults. The
// target is the request's paymentNotifyUrl, else the merchant's
// registered URL; with neither, nothing is sent. queued tells the caller
// to kick the dispatcher after committing.
func (s *Sandbox) queuePaymentNotice(ctx context.Context, tx *sql.Tx, p payment) (queued bool, err error) {
	if m, ok := s.merchant.get(p.ClientID); p.NotifyURL == "" && (!ok || m.NotifyURL == "") {
		s.log.Info("sandbox: notifyPayment not sent: no notification URL", "client_id", p.ClientID, "payment_id", p.PaymentID)
		return false, nil
	}
	body, err := paymentNoticeBody(p)
	if err != nil {
		return false, err
	}
	n, err := s.newNotification(p.ClientID, p.NotifyURL, body)
	if err != nil {
		return false, err
	}
	return true, s.insertNotification(ctx, tx, n)
}
