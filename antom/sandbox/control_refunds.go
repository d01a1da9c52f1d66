package sandbox

import "context"

// refundControlRow is one refund on the control page.
type refundControlRow struct {
	RefundID  string // "" for a refused refund
	RequestID string
	PaymentID string
	Merchant  string
	Amount    string
	Status    string
	Code      string
	When      string // refundTime when done, else when asked
}

// controlRefundRows lists the newest refunds for the control page.
func (s *Sandbox) controlRefundRows(ctx context.Context) ([]refundControlRow, error) {
	fs, err := recentRefunds(ctx, s.db, recentLimit)
	if err != nil {
		return nil, err
	}
	rows := make([]refundControlRow, 0, len(fs))
	for _, f := range fs {
		when := f.CreatedAt
		if !f.RefundedAt.IsZero() {
			when = f.RefundedAt
		}
		rows = append(rows, refundControlRow{RefundID: f.RefundID, RequestID: f.RequestID, PaymentID: f.PaymentID,
			Merchant: f.ClientID, Amount: formatMinor(f.Currency, f.Amount), Status: f.Status, Code: f.Code,
			When: displayTime(when)})
	}
	return rows, nil
}
