package sandbox

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"antom-checkout/antom"
)

// refundNotice is notifyRefund REFUND_RESULT (API.md §6.5).
type refundNotice struct {
	NotifyType      string       `json:"notifyType"`
	Result          antom.Result `json:"result"`
	RefundStatus    string       `json:"refundStatus"`
	RefundRequestID string       `json:"refundRequestId"`
	RefundID        string       `json:"refundId"`
	RefundAmount    antom.Amount `json:"refundAmount"`
	RefundTime      string       `json:"refundTime"`
}

// queueRefundNotice queues notifyRefund S for a refund that has just
// completed, within tx, to its refundNotifyUrl, else the payment's
// paymentNotifyUrl, else the merchant's URL. A refund not done yet
// queues nothing.
func (s *Sandbox) queueRefundNotice(ctx context.Context, tx *sql.Tx, f refund) (bool, error) {
	if f.Status != antom.RefundSuccess {
		return false, nil
	}
	body, err := json.Marshal(refundNotice{
		NotifyType:      antom.NotifyRefundResult,
		Result:          successResult(),
		RefundStatus:    antom.RefundSuccess,
		RefundRequestID: f.RequestID,
		RefundID:        f.RefundID,
		RefundAmount:    antom.MinorAmount(f.Currency, f.Amount),
		RefundTime:      antomTime(f.RefundedAt),
	})
	if err != nil {
		return false, fmt.Errorf("sandbox: notifyRefund: %w", err)
	}
	return s.queueNotice(ctx, tx, f.ClientID, f.NotifyURL, body)
}
