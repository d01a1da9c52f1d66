package antom

// CancelRequest cancels a payment or voids a card authorization, API.md
// §5.5. Give PaymentID or PaymentRequestID; repeating is safe. There is no
// cancel notification.
type CancelRequest struct {
	PaymentID         string `json:"paymentId,omitempty"`
	PaymentRequestID  string `json:"paymentRequestId,omitempty"`
	MerchantAccountID string `json:"merchantAccountId,omitempty"`
}

func (r *CancelRequest) requestID() string { return ids(r.PaymentRequestID, r.PaymentID) }

// CancelResponse is the answer to cancel.
type CancelResponse struct {
	Result           Result `json:"result"`
	PaymentID        string `json:"paymentId,omitempty"`
	PaymentRequestID string `json:"paymentRequestId,omitempty"`
	CancelTime       string `json:"cancelTime,omitempty"`
}
