package sandbox

import (
	"fmt"
	"net/http"

	"antom-checkout/antom"
)

// paymentResult is the result a pay answer carries for the payment's
// state: S SUCCESS, U PAYMENT_IN_PROCESS, or F with the failure code
// (ORDER_IS_CANCELED once cancelled, API.md §5.2).
func paymentResult(p payment) antom.Result {
	status := antom.StatusFail
	switch p.Status {
	case antom.PaymentSuccess:
		status = antom.StatusSuccess
	case antom.PaymentProcessing:
		status = antom.StatusUnknown
	}
	return antom.Result{ResultCode: p.Code, ResultStatus: status, ResultMessage: p.Message}
}

// payAnswer is pay's answer for the payment as it stands; a true repeat
// of pay gets it too.
func payAnswer(p payment) antom.PayResponse {
	a := antom.PayResponse{Result: paymentResult(p), PaymentRequestID: p.RequestID, PaymentID: p.PaymentID}
	switch p.Status {
	case antom.PaymentSuccess:
		a.PaymentTime = antomTime(p.PaidAt)
		if !p.AuthExpiresAt.IsZero() {
			a.AuthExpiryTime = antomTime(p.AuthExpiresAt) // a card authorization (API.md §5.2)
		}
		fallthrough
	case antom.PaymentProcessing:
		a.PaymentAmount = antom.MinorAmount(p.Currency, p.Amount)
		a.PaymentCreateTime = antomTime(p.CreatedAt)
	}
	if p.Status == antom.PaymentProcessing && p.ActionURL != "" {
		a.NormalURL = p.ActionURL
		a.RedirectActionForm = antom.RedirectActionForm{Method: http.MethodGet, RedirectURL: p.ActionURL}
	}
	return a
}

// seal stores the payment's current pay answer on it, for repeats.
func (p *payment) seal() error {
	body, _, err := encodeAnswer(payAnswer(*p))
	if err != nil {
		return fmt.Errorf("sandbox: pay answer: %w", err)
	}
	p.Answer = body
	return nil
}

// inquiryAnswer is inquiryPayment's S answer: the call succeeded, the
// payment's own state is in paymentStatus and paymentResultCode.
func inquiryAnswer(p payment) antom.InquiryPaymentResponse {
	a := antom.InquiryPaymentResponse{
		Result:               successResult(),
		PaymentStatus:        p.Status,
		PaymentResultCode:    p.Code,
		PaymentResultMessage: p.Message,
		PaymentRequestID:     p.RequestID,
		PaymentID:            p.PaymentID,
		PaymentAmount:        antom.MinorAmount(p.Currency, p.Amount),
		PaymentCreateTime:    antomTime(p.CreatedAt),
		PaymentMethodType:    p.MethodType,
	}
	if p.Status == antom.PaymentSuccess {
		a.PaymentTime = antomTime(p.PaidAt)
	}
	return a
}

// cancelAnswer is cancel's S answer for a cancelled payment.
func cancelAnswer(p payment) antom.CancelResponse {
	return antom.CancelResponse{
		Result:           successResult(),
		PaymentID:        p.PaymentID,
		PaymentRequestID: p.RequestID,
		CancelTime:       antomTime(p.CancelledAt),
	}
}
