package sandbox

import (
	"testing"

	"antom-checkout/antom"
)

// inquiryPayment lists every successful refund of a payment as a REFUND
// transaction (API.md §5.3), wallet payments too; refused refunds are
// not listed.
func TestInquiryPaymentListsRefunds(t *testing.T) {
	l := newLinkSetup(t)
	id := l.walletPaid(t, "inquiry-refunds", 1200)
	equal(t, len(l.wantPayment(t, id, antom.PaymentSuccess, antom.CodeSuccess).Transactions), 0, "nothing refunded yet")
	made := l.refund(t, refundReq("EXT-REFUND-0001", id, 1200))
	wantResult(t, made.Result, antom.StatusSuccess, antom.CodeSuccess, "refund")
	refunded(t, l.m)
	wantCode(t, l.refund(t, refundReq("ref-over", id, 100)).Result, antom.CodeRefundAmountExceed, "over-refund")

	r := l.wantPayment(t, id, antom.PaymentSuccess, antom.CodeSuccess)
	equal(t, len(r.Transactions), 1, "transactions")
	equal(t, r.Transactions[0], antom.Transaction{
		TransactionType: "REFUND", TransactionStatus: "SUCCESS", TransactionRequestID: "EXT-REFUND-0001",
		TransactionID: made.RefundID, TransactionAmount: antom.MinorAmount("USD", 1200), TransactionTime: made.RefundTime,
		TransactionResult: successResult(),
	}, "refund transaction")

	card, _ := l.paidByCard(t, "inquiry-card-refunds", 1000, antom.CaptureAutomatic, visaCard)
	wantResult(t, l.refund(t, refundReq("card-ref-1", card, 400)).Result, antom.StatusSuccess, antom.CodeSuccess, "card refund")
	refunded(t, l.m)
	types := map[string]int{}
	for _, x := range l.wantPayment(t, card, antom.PaymentSuccess, antom.CodeSuccess).Transactions {
		types[x.TransactionType]++
	}
	equal(t, [2]int{types["CAPTURE"], types["REFUND"]}, [2]int{1, 1}, "card transactions: captures, refunds")
}
