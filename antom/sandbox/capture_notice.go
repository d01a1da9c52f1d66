package sandbox

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"antom-checkout/antom"
)

// captureNotice is notifyCapture CAPTURE_RESULT (API.md §6.4).
type captureNotice struct {
	NotifyType       string       `json:"notifyType"`
	Result           antom.Result `json:"result"`
	CaptureRequestID string       `json:"captureRequestId"`
	PaymentID        string       `json:"paymentId"`
	CaptureID        string       `json:"captureId"`
	CaptureAmount    antom.Amount `json:"captureAmount"`
	CaptureTime      string       `json:"captureTime"`
}

// queueCaptureNotice queues notifyCapture S for a successful capture of
// p, within tx, to p's paymentNotifyUrl, else the merchant's URL.
func (s *Sandbox) queueCaptureNotice(ctx context.Context, tx *sql.Tx, p payment, k capture) (bool, error) {
	body, err := json.Marshal(captureNotice{
		NotifyType:       antom.NotifyCaptureResult,
		Result:           successResult(),
		CaptureRequestID: k.RequestID,
		PaymentID:        k.PaymentID,
		CaptureID:        k.CaptureID,
		CaptureAmount:    antom.MinorAmount(k.Currency, k.Amount),
		CaptureTime:      antomTime(k.CreatedAt),
	})
	if err != nil {
		return false, fmt.Errorf("sandbox: notifyCapture: %w", err)
	}
	return s.queueNotice(ctx, tx, p.ClientID, p.NotifyURL, body)
}
