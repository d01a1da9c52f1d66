package sandbox

import (
	"context"

	"antom-checkout/antom"
)

// addCardInquiry completes inquiryPayment's answer for a hosted card
// payment: authExpiryTime once authorized, cardInfo and
// paymentResultInfo once the card is known (API.md §5.3), and the
// captures as transactions. Other payments are left as they are.
func (s *Sandbox) addCardInquiry(ctx context.Context, a *antom.InquiryPaymentResponse, p payment) error {
	f, ok, err := loadCardFacts(ctx, s.db, p)
	if err != nil || !ok {
		return err
	}
	a.AuthExpiryTime = f.authExpiry()
	if f.known() {
		a.CardInfo = *f.info(p)
		a.PaymentResultInfo = *f.resultInfo(p)
	}
	captures, err := capturesOf(ctx, s.db, p.ClientID, p.PaymentID)
	if err != nil {
		return err
	}
	for _, k := range captures {
		a.Transactions = append(a.Transactions, captureTransaction(k))
	}
	return nil
}

// captureTransaction is a successful capture as inquiryPayment lists it.
func captureTransaction(k capture) antom.Transaction {
	return antom.Transaction{
		TransactionType:      antom.TransactionCapture,
		TransactionStatus:    antom.PaymentSuccess,
		TransactionRequestID: k.RequestID,
		TransactionID:        k.CaptureID,
		TransactionAmount:    antom.MinorAmount(k.Currency, k.Amount),
		TransactionTime:      antomTime(k.CreatedAt),
		TransactionResult:    successResult(),
	}
}
