package antom

import (
	"encoding/json"
	"errors"
)

// Notification types (API.md §6).
const (
	NotifyAuthCodeCreated    = "AUTHCODE_CREATED" // authorizationNotifyType: user agreed, authCode inside
	NotifyTokenCreated       = "TOKEN_CREATED"
	NotifyTokenCanceled      = "TOKEN_CANCELED" // the wallet or user ended the token
	NotifyPaymentResult      = "PAYMENT_RESULT" // notifyType: final payment result
	NotifyPaymentPending     = "PAYMENT_PENDING"
	NotifyUpdateAmountResult = "UPDATE_AMOUNT_RESULT"
	NotifyCaptureResult      = "CAPTURE_RESULT"
	NotifyRefundResult       = "REFUND_RESULT"
)

// NotifyKind is enough of a notification to route it: authorization
// notifications carry authorizationNotifyType, the others notifyType;
// payment notifications name their payment (paymentRequestId, else "").
type NotifyKind struct {
	NotifyType              string `json:"notifyType"`
	AuthorizationNotifyType string `json:"authorizationNotifyType"`
	PaymentRequestID        string `json:"paymentRequestId"`
}

// PeekKind reads the type of a notification body. Verify the body first.
func PeekKind(body []byte) (NotifyKind, error) {
	var k NotifyKind
	if err := json.Unmarshal(body, &k); err != nil {
		return NotifyKind{}, errors.New("antom: notification: body is not a JSON object")
	}
	if k.NotifyType == "" && k.AuthorizationNotifyType == "" {
		return NotifyKind{}, errNoNotifyType
	}
	return k, nil
}

var errNoNotifyType = errors.New("antom: notification: no notifyType or authorizationNotifyType")

// NotifyAuthorization is notifyAuthorization (API.md §6.2).
type NotifyAuthorization struct {
	AuthorizationNotifyType string `json:"authorizationNotifyType"`
	AuthClientID            string `json:"authClientId,omitempty"`
	AuthState               string `json:"authState,omitempty"`   // AUTHCODE_CREATED, TOKEN_CREATED
	AuthCode                Secret `json:"authCode,omitempty"`    // AUTHCODE_CREATED; use within ~1 min, once
	AccessToken             Secret `json:"accessToken,omitempty"` // TOKEN_CANCELED, TOKEN_CREATED
	Reason                  string `json:"reason,omitempty"`
	UserLoginID             string `json:"userLoginId,omitempty"`
	UserID                  string `json:"userId,omitempty"`
	Result                  Result `json:"result"`
}

// NotifyPayment is notifyPayment (API.md §6.3). PAYMENT_RESULT with S is
// success, with F failure; PAYMENT_PENDING is not final.
type NotifyPayment struct {
	NotifyType            string            `json:"notifyType"`
	Result                Result            `json:"result"`
	PaymentRequestID      string            `json:"paymentRequestId,omitempty"`
	PaymentID             string            `json:"paymentId,omitempty"`
	PaymentAmount         Amount            `json:"paymentAmount,omitzero"`
	PaymentCreateTime     string            `json:"paymentCreateTime,omitempty"`
	PaymentTime           string            `json:"paymentTime,omitempty"`
	PaymentMethodType     string            `json:"paymentMethodType,omitempty"`
	AuthExpiryTime        string            `json:"authExpiryTime,omitempty"`
	PaymentResultInfo     PaymentResultInfo `json:"paymentResultInfo,omitzero"`
	CardInfo              CardInfo          `json:"cardInfo,omitzero"`
	PSPCustomerInfo       PSPCustomerInfo   `json:"pspCustomerInfo,omitzero"`
	GrossSettlementAmount Amount            `json:"grossSettlementAmount,omitzero"`
	AcquirerReferenceNo   string            `json:"acquirerReferenceNo,omitempty"`
}

// CardToken returns the saved-card token: cardInfo.cardToken first (the
// seed's form), then paymentResultInfo.cardToken (the SDK's).
func (n *NotifyPayment) CardToken() Secret {
	return cardToken(n.CardInfo, n.PaymentResultInfo)
}

// NotifyCapture is notifyCapture (API.md §6.4).
type NotifyCapture struct {
	NotifyType          string `json:"notifyType"`
	Result              Result `json:"result"`
	CaptureRequestID    string `json:"captureRequestId,omitempty"`
	PaymentID           string `json:"paymentId,omitempty"`
	CaptureID           string `json:"captureId,omitempty"`
	CaptureAmount       Amount `json:"captureAmount,omitzero"`
	CaptureTime         string `json:"captureTime,omitempty"`
	AcquirerReferenceNo string `json:"acquirerReferenceNo,omitempty"`
}

// NotifyRefund is notifyRefund (API.md §6.5).
type NotifyRefund struct {
	NotifyType            string `json:"notifyType"`
	Result                Result `json:"result"`
	RefundStatus          string `json:"refundStatus,omitempty"` // SUCCESS or FAIL
	RefundRequestID       string `json:"refundRequestId,omitempty"`
	RefundID              string `json:"refundId,omitempty"`
	RefundAmount          Amount `json:"refundAmount,omitzero"`
	RefundTime            string `json:"refundTime,omitempty"`
	ActualRefundAmount    Amount `json:"actualRefundAmount,omitzero"`
	GrossSettlementAmount Amount `json:"grossSettlementAmount,omitzero"`
	ARN                   string `json:"arn,omitempty"`
}
