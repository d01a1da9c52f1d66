package sandbox

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"antom-checkout/antom"
)

// paymentNotice is notifyPayment PAYMENT_RESULT, its fields in the order
// Antom sends them (vectors notifyPayment.json and notifyPayment_card.json;
// cardInfo, which the seed adds, last).
type paymentNotice struct {
	NotifyType        string                   `json:"notifyType"`
	Result            antom.Result             `json:"result"`
	PaymentRequestID  string                   `json:"paymentRequestId"`
	PaymentID         string                   `json:"paymentId"`
	PaymentAmount     antom.Amount             `json:"paymentAmount"`
	PaymentCreateTime string                   `json:"paymentCreateTime"`
	PaymentTime       string                   `json:"paymentTime,omitempty"` // S only
	PaymentMethodType string                   `json:"paymentMethodType"`
	AuthExpiryTime    string                   `json:"authExpiryTime,omitempty"`    // card authorizations
	PaymentResultInfo *antom.PaymentResultInfo `json:"paymentResultInfo,omitempty"` // cards, once known
	CardInfo          *antom.CardInfo          `json:"cardInfo,omitempty"`          // cards, once known
}

// paymentNoticeBody is the notifyPayment body for a payment that has just
// become SUCCESS (result S) or FAIL (result F with the payment's code);
// a hosted card payment's card facts go with it.
func paymentNoticeBody(p payment, f cardFacts) ([]byte, error) {
	n := paymentNotice{
		NotifyType:        antom.NotifyPaymentResult,
		Result:            paymentResult(p),
		PaymentRequestID:  p.RequestID,
		PaymentID:         p.PaymentID,
		PaymentAmount:     antom.MinorAmount(p.Currency, p.Amount),
		PaymentCreateTime: antomTime(p.CreatedAt),
		PaymentMethodType: p.MethodType,
		AuthExpiryTime:    f.authExpiry(),
		PaymentResultInfo: f.resultInfo(p),
		CardInfo:          f.info(p),
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
// become final, within tx (see queueNotice), to the request's
// paymentNotifyUrl, else the merchant's registered URL. A hosted card
// payment's card part must be stored first: the notice reads it.
func (s *Sandbox) queuePaymentNotice(ctx context.Context, tx *sql.Tx, p payment) (queued bool, err error) {
	f, _, err := loadCardFacts(ctx, tx, p)
	if err != nil {
		return false, err
	}
	body, err := paymentNoticeBody(p, f)
	if err != nil {
		return false, err
	}
	return s.queueNotice(ctx, tx, p.ClientID, p.NotifyURL, body)
}
