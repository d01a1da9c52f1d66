package sandbox

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"

	"antom-checkout/antom"
)

// fingerprint condenses the business parameters of a pay request that a
// repeat must match (API.md §2.4): product code, amount and currency,
// payment method type and id, and the merchant's order id. It is a hash,
// so the access token inside is not stored twice.
func fingerprint(r *antom.PayRequest, minor int64) string {
	canon, _ := json.Marshal([]string{ // cannot fail: strings
		r.ProductCode,
		r.PaymentAmount.Currency,
		strconv.FormatInt(minor, 10),
		r.PaymentMethod.PaymentMethodType,
		string(r.PaymentMethod.PaymentMethodID),
		r.Order.ReferenceOrderID,
	})
	sum := sha256.Sum256(canon)
	return hex.EncodeToString(sum[:])
}

// repeatPay answers a pay whose paymentRequestId the merchant used
// before: with other parameters REPEAT_REQ_INCONSISTENT; otherwise the
// answer for the payment as it stands, the same paymentId (U
// PAYMENT_IN_PROCESS while processing, the stored S or F once final, F
// ORDER_IS_CANCELED once cancelled).
func repeatPay(old payment, fp string) any {
	if old.Fingerprint != fp {
		return failure(antom.CodeRepeatReqInconsistent,
			"paymentRequestId was already used with other parameters (amount, currency, payment method, product code or order)")
	}
	return json.RawMessage(old.Answer)
}

// fingerprintWith folds more business parameters into a fingerprint (a
// card payment's capture mode), so that a repeat must match them too.
func fingerprintWith(fp string, more ...string) string {
	canon, _ := json.Marshal(append([]string{fp}, more...)) // cannot fail: strings
	sum := sha256.Sum256(canon)
	return hex.EncodeToString(sum[:])
}
