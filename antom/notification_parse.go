package antom

import "encoding/json"

// Notification is a verified notification body decoded once (API.md §6):
// its kind, and the members of whichever kind it is, read by Kind,
// Authorization, Payment, Capture and Refund without decoding the body
// again. Decode it only after verifying the signature over the raw bytes.
type Notification struct {
	f notificationFields
	// body is set when decoding every member at once failed (a value of
	// the wrong type somewhere): each kind is then decoded from it on its
	// own, as if there were no Notification, so a wrong value in a member
	// the kind does not have changes nothing.
	body []byte
	kind NotifyKind
}

// notificationFields holds every member of notifyAuthorization,
// notifyPayment, notifyCapture and notifyRefund, each once (members the
// kinds share, such as result and paymentId, have one field). Go's json
// drops members that two embedded structs both name, so they are listed
// here rather than embedded; TestNotificationFieldsCoverEveryKind holds
// this list to the four types.
type notificationFields struct {
	NotifyType              string `json:"notifyType"`
	AuthorizationNotifyType string `json:"authorizationNotifyType"`
	Result                  Result `json:"result"`

	// notifyAuthorization
	AuthClientID string `json:"authClientId,omitempty"`
	AuthState    string `json:"authState,omitempty"`
	AuthCode     Secret `json:"authCode,omitempty"`
	AccessToken  Secret `json:"accessToken,omitempty"`
	Reason       string `json:"reason,omitempty"`
	UserLoginID  string `json:"userLoginId,omitempty"`
	UserID       string `json:"userId,omitempty"`

	// notifyPayment
	PaymentRequestID  string            `json:"paymentRequestId,omitempty"`
	PaymentID         string            `json:"paymentId,omitempty"` // and notifyCapture
	PaymentAmount     Amount            `json:"paymentAmount,omitzero"`
	PaymentCreateTime string            `json:"paymentCreateTime,omitempty"`
	PaymentTime       string            `json:"paymentTime,omitempty"`
	PaymentMethodType string            `json:"paymentMethodType,omitempty"`
	AuthExpiryTime    string            `json:"authExpiryTime,omitempty"`
	PaymentResultInfo PaymentResultInfo `json:"paymentResultInfo,omitzero"`
	CardInfo          CardInfo          `json:"cardInfo,omitzero"`
	PSPCustomerInfo   PSPCustomerInfo   `json:"pspCustomerInfo,omitzero"`
	// and notifyRefund
	GrossSettlementAmount Amount `json:"grossSettlementAmount,omitzero"`
	// and notifyCapture
	AcquirerReferenceNo string `json:"acquirerReferenceNo,omitempty"`

	// notifyCapture
	CaptureRequestID string `json:"captureRequestId,omitempty"`
	CaptureID        string `json:"captureId,omitempty"`
	CaptureAmount    Amount `json:"captureAmount,omitzero"`
	CaptureTime      string `json:"captureTime,omitempty"`

	// notifyRefund
	RefundStatus       string `json:"refundStatus,omitempty"`
	RefundRequestID    string `json:"refundRequestId,omitempty"`
	RefundID           string `json:"refundId,omitempty"`
	RefundAmount       Amount `json:"refundAmount,omitzero"`
	RefundTime         string `json:"refundTime,omitempty"`
	ActualRefundAmount Amount `json:"actualRefundAmount,omitzero"`
	ARN                string `json:"arn,omitempty"`
}

// ParseNotification decodes a verified notification body once. Its
// errors are PeekKind's: the body is not a JSON object, or names no
// notifyType or authorizationNotifyType.
func ParseNotification(body []byte) (*Notification, error) {
	n := &Notification{}
	if err := json.Unmarshal(body, &n.f); err == nil {
		n.kind = NotifyKind{NotifyType: n.f.NotifyType, AuthorizationNotifyType: n.f.AuthorizationNotifyType, PaymentRequestID: n.f.PaymentRequestID}
		if n.kind.NotifyType == "" && n.kind.AuthorizationNotifyType == "" {
			return nil, errNoNotifyType
		}
		return n, nil
	}
	// Not JSON, or a value of the wrong type somewhere: what PeekKind
	// makes of it decides; each kind is then decoded on its own.
	kind, err := PeekKind(body)
	if err != nil {
		return nil, err
	}
	n.kind, n.body = kind, body
	return n, nil
}

// Kind is enough of the notification to route it.
func (n *Notification) Kind() NotifyKind { return n.kind }

// Authorization is the body as notifyAuthorization (API.md §6.2); an
// error means a member of it holds a value of the wrong type.
func (n *Notification) Authorization() (NotifyAuthorization, error) {
	if n.body != nil {
		var a NotifyAuthorization
		err := json.Unmarshal(n.body, &a)
		return a, err
	}
	f := &n.f
	return NotifyAuthorization{
		AuthorizationNotifyType: f.AuthorizationNotifyType, AuthClientID: f.AuthClientID, AuthState: f.AuthState,
		AuthCode: f.AuthCode, AccessToken: f.AccessToken, Reason: f.Reason, UserLoginID: f.UserLoginID,
		UserID: f.UserID, Result: f.Result,
	}, nil
}

// Payment is the body as notifyPayment (API.md §6.3); an error means a
// member of it holds a value of the wrong type.
func (n *Notification) Payment() (NotifyPayment, error) {
	if n.body != nil {
		var p NotifyPayment
		err := json.Unmarshal(n.body, &p)
		return p, err
	}
	f := &n.f
	return NotifyPayment{
		NotifyType: f.NotifyType, Result: f.Result, PaymentRequestID: f.PaymentRequestID, PaymentID: f.PaymentID,
		PaymentAmount: f.PaymentAmount, PaymentCreateTime: f.PaymentCreateTime, PaymentTime: f.PaymentTime,
		PaymentMethodType: f.PaymentMethodType, AuthExpiryTime: f.AuthExpiryTime,
		PaymentResultInfo: f.PaymentResultInfo, CardInfo: f.CardInfo, PSPCustomerInfo: f.PSPCustomerInfo,
		GrossSettlementAmount: f.GrossSettlementAmount, AcquirerReferenceNo: f.AcquirerReferenceNo,
	}, nil
}

// Capture is the body as notifyCapture (API.md §6.4); an error means a
// member of it holds a value of the wrong type.
func (n *Notification) Capture() (NotifyCapture, error) {
	if n.body != nil {
		var c NotifyCapture
		err := json.Unmarshal(n.body, &c)
		return c, err
	}
	f := &n.f
	return NotifyCapture{
		NotifyType: f.NotifyType, Result: f.Result, CaptureRequestID: f.CaptureRequestID, PaymentID: f.PaymentID,
		CaptureID: f.CaptureID, CaptureAmount: f.CaptureAmount, CaptureTime: f.CaptureTime,
		AcquirerReferenceNo: f.AcquirerReferenceNo,
	}, nil
}

// Refund is the body as notifyRefund (API.md §6.5); an error means a
// member of it holds a value of the wrong type.
func (n *Notification) Refund() (NotifyRefund, error) {
	if n.body != nil {
		var r NotifyRefund
		err := json.Unmarshal(n.body, &r)
		return r, err
	}
	f := &n.f
	return NotifyRefund{
		NotifyType: f.NotifyType, Result: f.Result, RefundStatus: f.RefundStatus, RefundRequestID: f.RefundRequestID,
		RefundID: f.RefundID, RefundAmount: f.RefundAmount, RefundTime: f.RefundTime,
		ActualRefundAmount: f.ActualRefundAmount, GrossSettlementAmount: f.GrossSettlementAmount, ARN: f.ARN,
	}, nil
}
