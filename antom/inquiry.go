package antom

// InquiryPaymentRequest asks for a payment's state, API.md §5.3. Give
// PaymentRequestID or PaymentID; with both, Antom uses PaymentID.
type InquiryPaymentRequest struct {
	PaymentRequestID  string `json:"paymentRequestId,omitempty"`
	PaymentID         string `json:"paymentId,omitempty"`
	MerchantAccountID string `json:"merchantAccountId,omitempty"`
}

func (r *InquiryPaymentRequest) requestID() string { return ids(r.PaymentRequestID, r.PaymentID) }

// InquiryPaymentResponse: Result is the call's outcome; the payment's own
// state is PaymentStatus (and PaymentResultCode for its reason).
type InquiryPaymentResponse struct {
	Result               Result             `json:"result"`
	PaymentStatus        string             `json:"paymentStatus,omitempty"`
	PaymentResultCode    string             `json:"paymentResultCode,omitempty"`
	PaymentResultMessage string             `json:"paymentResultMessage,omitempty"`
	PaymentRequestID     string             `json:"paymentRequestId,omitempty"`
	PaymentID            string             `json:"paymentId,omitempty"`
	PaymentAmount        Amount             `json:"paymentAmount,omitzero"`
	ActualPaymentAmount  Amount             `json:"actualPaymentAmount,omitzero"`
	PaymentCreateTime    string             `json:"paymentCreateTime,omitempty"`
	PaymentTime          string             `json:"paymentTime,omitempty"`
	AuthExpiryTime       string             `json:"authExpiryTime,omitempty"`
	PaymentMethodType    string             `json:"paymentMethodType,omitempty"`
	CardInfo             CardInfo           `json:"cardInfo,omitzero"`
	PaymentResultInfo    PaymentResultInfo  `json:"paymentResultInfo,omitzero"`
	Transactions         []Transaction      `json:"transactions,omitempty"`
	PSPCustomerInfo      PSPCustomerInfo    `json:"pspCustomerInfo,omitzero"`
	RedirectActionForm   RedirectActionForm `json:"redirectActionForm,omitzero"`
	AcquirerReferenceNo  string             `json:"acquirerReferenceNo,omitempty"`
}

// state is the payment's status, with its code when it FAILed (the
// code of one still PROCESSING only repeats it).
func (r *InquiryPaymentResponse) state() string {
	code := ""
	if r.PaymentStatus == PaymentFail {
		code = r.PaymentResultCode
	}
	return statusWords("paymentStatus", r.PaymentStatus, code)
}

// CardToken returns the saved-card token, from cardInfo or
// paymentResultInfo.
func (r *InquiryPaymentResponse) CardToken() Secret {
	return cardToken(r.CardInfo, r.PaymentResultInfo)
}

// Transaction is one step of a payment's history (capture, refund, …).
type Transaction struct {
	TransactionType      string `json:"transactionType,omitempty"` // PAYMENT, CAPTURE, REFUND, CANCEL, AUTHORIZATION, VOID, …
	TransactionStatus    string `json:"transactionStatus,omitempty"`
	TransactionRequestID string `json:"transactionRequestId,omitempty"`
	TransactionID        string `json:"transactionId,omitempty"`
	TransactionAmount    Amount `json:"transactionAmount,omitzero"`
	TransactionTime      string `json:"transactionTime,omitempty"`
	TransactionResult    Result `json:"transactionResult,omitzero"`
}

// Transaction types among inquiryPayment's transactions
// (transactionType; API.md §5.3). A refund's transactionRequestId is its
// refundRequestId and transactionId its refundId; a capture's, its
// captureRequestId and captureId.
const (
	TransactionRefund  = "REFUND"
	TransactionCapture = "CAPTURE"
)

// Payment statuses of inquiryPayment.
const (
	PaymentProcessing = "PROCESSING"
	PaymentSuccess    = "SUCCESS"
	PaymentFail       = "FAIL"
	PaymentCancelled  = "CANCELLED"
	PaymentPending    = "PENDING"
)
