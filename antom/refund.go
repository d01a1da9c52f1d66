package antom

// RefundRequest refunds (part of) a payment, API.md §5.6.
// RefundRequestID is the idempotency key.
type RefundRequest struct {
	RefundRequestID   string `json:"refundRequestId"`
	PaymentID         string `json:"paymentId"`
	ReferenceRefundID string `json:"referenceRefundId,omitempty"`
	RefundAmount      Amount `json:"refundAmount"`
	RefundReason      string `json:"refundReason,omitempty"`
	RefundNotifyURL   string `json:"refundNotifyUrl,omitempty"`
	CaptureID         string `json:"captureId,omitempty"`
	IsAsyncRefund     Bool   `json:"isAsyncRefund,omitempty"`
	ExtendInfo        string `json:"extendInfo,omitempty"`
}

func (r *RefundRequest) requestID() string { return r.RefundRequestID }

// RefundResponse is the answer to refund.
type RefundResponse struct {
	Result                Result `json:"result"`
	RefundRequestID       string `json:"refundRequestId,omitempty"`
	RefundID              string `json:"refundId,omitempty"`
	PaymentID             string `json:"paymentId,omitempty"`
	RefundAmount          Amount `json:"refundAmount,omitzero"`
	RefundTime            string `json:"refundTime,omitempty"`
	ActualRefundAmount    Amount `json:"actualRefundAmount,omitzero"`
	GrossSettlementAmount Amount `json:"grossSettlementAmount,omitzero"`
	AcquirerReferenceNo   string `json:"acquirerReferenceNo,omitempty"`
}

// InquiryRefundRequest asks for a refund's state, API.md §5.7. After an
// unknown refund only RefundRequestID can be used.
type InquiryRefundRequest struct {
	RefundRequestID   string `json:"refundRequestId,omitempty"`
	RefundID          string `json:"refundId,omitempty"`
	MerchantAccountID string `json:"merchantAccountId,omitempty"`
}

func (r *InquiryRefundRequest) requestID() string { return ids(r.RefundRequestID, r.RefundID) }

// InquiryRefundResponse: Result is the call; RefundStatus is the refund.
type InquiryRefundResponse struct {
	Result                Result `json:"result"`
	RefundID              string `json:"refundId,omitempty"`
	RefundRequestID       string `json:"refundRequestId,omitempty"`
	RefundAmount          Amount `json:"refundAmount,omitzero"`
	RefundStatus          string `json:"refundStatus,omitempty"`
	RefundTime            string `json:"refundTime,omitempty"`
	ActualRefundAmount    Amount `json:"actualRefundAmount,omitzero"`
	GrossSettlementAmount Amount `json:"grossSettlementAmount,omitzero"`
	ARN                   string `json:"arn,omitempty"`
	RRN                   string `json:"rrn,omitempty"`
}

func (r *InquiryRefundResponse) state() string {
	return statusWords("refundStatus", r.RefundStatus, "")
}

// Refund statuses (inquiryRefund, notifyRefund).
const (
	RefundSuccess    = "SUCCESS"
	RefundProcessing = "PROCESSING"
	RefundFail       = "FAIL"
)
