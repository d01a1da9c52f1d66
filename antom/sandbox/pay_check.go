package sandbox

import (
	"fmt"
	"time"
	"unicode/utf8"

	"antom-checkout/antom"
)

// newPayment checks the fields every product needs (API.md §2.3, §5.1)
// and builds the payment they describe, not yet started.
func (s *Sandbox) newPayment(clientID string, r *antom.PayRequest) (payment, *resultBody) {
	minor, expires, bad := checkPayFields(r)
	if bad != nil {
		return payment{}, bad
	}
	now := s.now()
	return payment{
		PaymentID:   newPaymentID(now),
		ClientID:    clientID,
		RequestID:   r.PaymentRequestID,
		ProductCode: r.ProductCode,
		Fingerprint: fingerprint(r, minor),
		MethodType:  r.PaymentMethod.PaymentMethodType,
		Currency:    r.PaymentAmount.Currency,
		Amount:      minor,
		ExpiresAt:   expires,
		NotifyURL:   r.PaymentNotifyURL,
		OrderRef:    r.Order.ReferenceOrderID,
		CreatedAt:   now,
	}, nil
}

// checkPayFields checks paymentRequestId, the amounts, the payment method
// type, paymentNotifyUrl and paymentExpiryTime; it returns the amount in
// minor units and the expiry (zero when not given).
func checkPayFields(r *antom.PayRequest) (int64, time.Time, *resultBody) {
	if n := utf8.RuneCountInString(r.PaymentRequestID); n == 0 || n > 64 {
		return 0, time.Time{}, fail(codeParamIllegal, "paymentRequestId is required, 1 to 64 characters")
	}
	minor, bad := checkAmounts(r)
	switch {
	case bad != nil:
		return 0, time.Time{}, bad
	case r.PaymentMethod.PaymentMethodType == "":
		return 0, time.Time{}, fail(codeParamIllegal, "paymentMethod.paymentMethodType is required")
	case r.PaymentNotifyURL != "" && !isHTTPURL(r.PaymentNotifyURL, 2048):
		return 0, time.Time{}, fail(codeParamIllegal, "paymentNotifyUrl must be an absolute http(s) URL of at most 2048 characters")
	}
	expires, bad := parseExpiry(r.PaymentExpiryTime)
	return minor, expires, bad
}

// checkAmounts checks paymentAmount and order.orderAmount and returns
// the payment amount in minor units.
func checkAmounts(r *antom.PayRequest) (int64, *resultBody) {
	minor, bad := checkAmount("paymentAmount", r.PaymentAmount)
	if bad != nil {
		return 0, bad
	}
	if r.Order.OrderAmount == (antom.Amount{}) {
		return 0, fail(codeParamIllegal, "order.orderAmount is required")
	}
	if _, bad := checkAmount("order.orderAmount", r.Order.OrderAmount); bad != nil {
		return 0, bad
	}
	return minor, nil
}

// checkAmount checks an Amount: a 3-letter currency and a positive whole
// number of minor units as a string; it returns the minor units.
func checkAmount(field string, a antom.Amount) (int64, *resultBody) {
	if !isCurrencyCode(a.Currency) {
		return 0, fail(codeParamIllegal, field+".currency must be an ISO 4217 code of 3 capital letters")
	}
	minor, err := a.Minor()
	if err != nil || minor <= 0 {
		return 0, fail(codeParamIllegal, field+".value must be a positive whole number of minor units, as a string (USD 1.00 is \"100\")")
	}
	return minor, nil
}

// isCurrencyCode reports whether c is three capital letters.
func isCurrencyCode(c string) bool {
	if len(c) != 3 {
		return false
	}
	for _, r := range c {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// parseExpiry reads paymentExpiryTime (ISO-8601 with an offset); the zero
// time when it is absent.
func parseExpiry(v string) (time.Time, *resultBody) {
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return time.Time{}, fail(codeParamIllegal, fmt.Sprintf(
			"paymentExpiryTime %q is not ISO-8601 with an offset, like 2026-11-22T09:35:22+08:00", v))
	}
	return t, nil
}
