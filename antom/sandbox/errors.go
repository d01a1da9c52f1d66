package sandbox

import "errors"

// Errors of the wallet-side Go API (Authorize, Decline, CancelToken,
// Balance), of the payment controls (Payment, SettlePayment) and of the
// buyer's side of hosted card payments (PayCard, PassChallenge); test
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
	ErrPaymentExpired       = errors.New("sandbox: the payment has expired")

	ErrInvalidCard = errors.New("sandbox: not a valid card number (12 to 19 digits passing the Luhn check)")
	ErrCardGiven   = errors.New("sandbox: the payment already has a card; it waits for the 3-D Secure challenge")
	ErrNoChallenge = errors.New("sandbox: the payment is not waiting for a 3-D Secure challenge")
)
