package sandbox

import (
	"context"
	"database/sql"

	"antom-checkout/antom"
)

// addRefundInquiry lists a payment's successful refunds as
// inquiryPayment's REFUND transactions (API.md §5.3): every refund of
// it, whoever asked for it (the merchant's app, Antom Dashboard, another
// system), by any payment method.
func (s *Sandbox) addRefundInquiry(ctx context.Context, a *antom.InquiryPaymentResponse, p payment) error {
	refunds, err := refundsOf(ctx, s.db, p.ClientID, p.PaymentID)
	if err != nil {
		return err
	}
	for _, f := range refunds {
		a.Transactions = append(a.Transactions, refundTransaction(f))
	}
	return nil
}

// refundsOf lists a merchant's successful refunds of a payment, oldest
// first.
func refundsOf(ctx context.Context, db *sql.DB, clientID, paymentID string) ([]refund, error) {
	if paymentID == "" {
		return nil, nil
	}
	return queryRefunds(ctx, db, `WHERE client_id = ? AND payment_id = ? AND status = 'SUCCESS' ORDER BY id`, clientID, paymentID)
}

// refundTransaction is a successful refund as inquiryPayment lists it:
// transactionRequestId is its refundRequestId, transactionId its
// refundId, transactionTime its refundTime.
func refundTransaction(f refund) antom.Transaction {
	return antom.Transaction{
		TransactionType:      antom.TransactionRefund,
		TransactionStatus:    antom.RefundSuccess,
		TransactionRequestID: f.RequestID,
		TransactionID:        f.RefundID,
		TransactionAmount:    antom.MinorAmount(f.Currency, f.Amount),
		TransactionTime:      antomTime(f.RefundedAt),
		TransactionResult:    successResult(),
	}
}
