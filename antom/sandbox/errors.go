package sandbox

import "errors"

// Errors of the wallet-side Go API (Authorize, Decline, CancelToken,
// Balance) and of the payment controls (Payment, SettlePayment); test
// with errors.Is.
var (
	ErrUnknownUser  = errors.New("sandbox: no such test wallet user")
	ErrWrongWallet  = errors.New("sandbox: the user belongs to another wallet")
	ErrQRUnknown    = errors.New("sandbox: this QR code is not valid")
	ErrQRUsed       = errors.New("sandbox: this QR code has already been used")
	ErrQRExpired    = errors.New("sandbox: this QR code has expired")
	ErrTokenNotLive = errors.New("sandbox: no live token")

	ErrPaymentNotFound      = errors.New("sandbox: no such payment")
	ErrPaymentNotProcessing = errors.New("sandbox: the payment is not processing")
)
