package antom

// CaptureRequest takes the money of a card authorization (MANUAL capture),
// API.md §5.4. CaptureRequestID is the idempotency key.
type CaptureRequest struct {
	CaptureRequestID string `json:"captureRequestId"`
	PaymentID        string `json:"paymentId"`
	CaptureAmount    Amount `json:"captureAmount"`
	IsLastCapture    Bool   `json:"isLastCapture,omitempty"`
}

func (r *CaptureRequest) requestID() string { return r.CaptureRequestID }

// CaptureResponse is the synchronous answer; the final one may come by
// notifyCapture (U/CAPTURE_IN_PROCESS).
type CaptureResponse struct {
	Result              Result `json:"result"`
	CaptureRequestID    string `json:"captureRequestId,omitempty"`
	CaptureID           string `json:"captureId,omitempty"`
	PaymentID           string `json:"paymentId,omitempty"`
	CaptureAmount       Amount `json:"captureAmount,omitzero"`
	CaptureTime         string `json:"captureTime,omitempty"`
	AcquirerReferenceNo string `json:"acquirerReferenceNo,omitempty"`
}
