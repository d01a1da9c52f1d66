package sandbox

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"

	"antom-checkout/antom"
)

// Capture result codes package antom does not name (API.md §5.4).
const (
	codeAuthNotFound       = "AUTH_NOT_FOUND"
	codeCaptureExceedAuth  = "CAPTURE_AMOUNT_EXCEED_AUTH_LIMIT"
	codeCurrencyNotSupport = "CURRENCY_NOT_SUPPORT"
)

// autoCaptureRequestPrefix starts the captureRequestId of an automatic
// capture; the paymentId follows.
const autoCaptureRequestPrefix = "AUTO_"

// capturePayment answers payments/capture (API.md §5.4): a MANUAL card
// authorization's money, in one or more captures up to the authorized
// amount, before authExpiryTime. Every outcome past the field checks is
// stored under the captureRequestId: a repeat gets the same answer.
func (s *Sandbox) capturePayment(ctx context.Context, c *Call) (any, error) {
	var r antom.CaptureRequest
	if bad := decodeBody(c.Body, &r); bad != nil {
		return bad, nil
	}
	minor, bad := checkCapture(&r)
	if bad != nil {
		return bad, nil
	}
	k := capture{
		ClientID:    c.Merchant.ClientID,
		RequestID:   r.CaptureRequestID,
		PaymentID:   r.PaymentID,
		Fingerprint: fingerprintWith("capture", r.PaymentID, r.CaptureAmount.Currency, strconv.FormatInt(minor, 10)),
		Currency:    r.CaptureAmount.Currency,
		Amount:      minor,
		CreatedAt:   s.now(),
	}
	return s.captureTx(ctx, k)
}

// checkCapture checks capture's fields and returns the amount in minor
// units.
func checkCapture(r *antom.CaptureRequest) (int64, *resultBody) {
	if n := utf8.RuneCountInString(r.CaptureRequestID); n == 0 || n > 64 {
		return 0, fail(codeParamIllegal, "captureRequestId is required, 1 to 64 characters")
	}
	if n := len(r.PaymentID); n == 0 || n > 64 {
		return 0, fail(codeParamIllegal, "paymentId (the authorization's) is required, at most 64 characters")
	}
	return checkAmount("captureAmount", r.CaptureAmount)
}

// captureTx decides and stores a capture in one transaction: a repeat
// gets its stored answer (or REPEAT_REQ_INCONSISTENT); a new one is
// refused or takes the money and queues notifyCapture.
func (s *Sandbox) captureTx(ctx context.Context, k capture) (any, error) {
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sandbox: capture: %w", err)
	}
	defer tx.Rollback()
	old, found, err := captureByRequest(ctx, tx, k.ClientID, k.RequestID)
	if err != nil {
		return nil, err
	}
	if found {
		return repeatCapture(old, k.Fingerprint), nil
	}
	queued, err := s.decideCapture(ctx, tx, &k)
	if err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("sandbox: capture: %w", err)
	}
	if queued {
		s.kick()
	}
	s.log.Info("sandbox: capture", "client_id", k.ClientID, "payment_id", k.PaymentID, "code", k.Code)
	return json.RawMessage(k.Answer), nil
}

// decideCapture refuses the capture or takes the money, and stores it.
func (s *Sandbox) decideCapture(ctx context.Context, tx *sql.Tx, k *capture) (queued bool, err error) {
	p, found, err := findPayment(ctx, tx, k.ClientID, k.PaymentID, "")
	if err != nil {
		return false, err
	}
	cp, isCard, err := cardPaymentByID(ctx, tx, k.PaymentID)
	if err != nil {
		return false, err
	}
	if code, msg := captureRefusal(p, found, cp, isCard, *k, k.CreatedAt); code != "" {
		k.Status, k.Code = antom.PaymentFail, code
		return false, storeCapture(ctx, tx, k, antom.CaptureResponse{Result: failure(code, msg).Result,
			CaptureRequestID: k.RequestID, PaymentID: k.PaymentID})
	}
	cp.Captured += k.Amount
	if err := updateCardPayment(ctx, tx, cp); err != nil {
		return false, err
	}
	k.Status, k.Code, k.CaptureID = antom.PaymentSuccess, antom.CodeSuccess, newCaptureID(k.CreatedAt)
	if err := storeCapture(ctx, tx, k, captureAnswer(*k)); err != nil {
		return false, err
	}
	return s.queueCaptureNotice(ctx, tx, p, *k)
}

// captureRefusal is the code and message that refuse a capture at now,
// or "" when it may take the money. The order: unknown payment, not a
// card payment, cancelled, not authorized, captured automatically,
// expired, other currency, more than authorized.
func captureRefusal(p payment, found bool, cp cardPayment, isCard bool, k capture, now time.Time) (string, string) {
	switch {
	case !found:
		return codeAuthNotFound, "no authorization with this paymentId"
	case !isCard:
		return codeOrderStatusInvalid, "the payment is not a card authorization"
	case p.Status == antom.PaymentCancelled:
		return antom.CodeAuthCancelled, "the authorization was cancelled"
	case p.Status != antom.PaymentSuccess:
		return codeOrderStatusInvalid, "the payment is not authorized (status " + p.Status + ")"
	case cp.CaptureMode != antom.CaptureManual:
		return codeOrderStatusInvalid, "the payment was captured automatically (captureMode AUTOMATIC)"
	case !now.Before(cp.AuthExpiresAt):
		return antom.CodeAuthExpired, "the authorization expired at " + antomTime(cp.AuthExpiresAt)
	case k.Currency != p.Currency:
		return codeCurrencyNotSupport, "captureAmount.currency must be the payment's currency " + p.Currency
	case cp.Captured+k.Amount > cp.Authorized:
		return codeCaptureExceedAuth, fmt.Sprintf("captured %s of %s authorized: %s more exceeds the authorization",
			formatMinor(p.Currency, cp.Captured), formatMinor(p.Currency, cp.Authorized), formatMinor(p.Currency, k.Amount))
	}
	return "", ""
}

// storeCapture seals the capture's answer and stores it.
func storeCapture(ctx context.Context, tx *sql.Tx, k *capture, answer any) error {
	body, _, err := encodeAnswer(answer)
	if err != nil {
		return fmt.Errorf("sandbox: capture answer: %w", err)
	}
	k.Answer = body
	return insertCapture(ctx, tx, *k)
}

// captureAnswer is capture's S answer.
func captureAnswer(k capture) antom.CaptureResponse {
	return antom.CaptureResponse{
		Result:           successResult(),
		CaptureRequestID: k.RequestID,
		CaptureID:        k.CaptureID,
		PaymentID:        k.PaymentID,
		CaptureAmount:    antom.MinorAmount(k.Currency, k.Amount),
		CaptureTime:      antomTime(k.CreatedAt),
	}
}

// repeatCapture answers a captureRequestId the merchant used before:
// with other parameters REPEAT_REQ_INCONSISTENT, else the stored answer.
func repeatCapture(old capture, fp string) any {
	if old.Fingerprint != fp {
		return failure(antom.CodeRepeatReqInconsistent,
			"captureRequestId was already used with other parameters (paymentId or captureAmount)")
	}
	return json.RawMessage(old.Answer)
}

// autoCapture captures an AUTOMATIC authorization in full right after it
// succeeded (captureRequestId AUTO_<paymentId>) and queues notifyCapture.
func (s *Sandbox) autoCapture(ctx context.Context, tx *sql.Tx, p payment, cp *cardPayment) (bool, error) {
	cp.Captured = cp.Authorized
	if err := updateCardPayment(ctx, tx, *cp); err != nil {
		return false, err
	}
	k := capture{
		ClientID:  p.ClientID,
		RequestID: autoCaptureRequestPrefix + p.PaymentID,
		CaptureID: newCaptureID(p.PaidAt),
		PaymentID: p.PaymentID,
		Currency:  p.Currency,
		Amount:    cp.Authorized,
		Status:    antom.PaymentSuccess,
		Code:      antom.CodeSuccess,
		CreatedAt: p.PaidAt,
	}
	k.Fingerprint = fingerprintWith("capture", k.PaymentID, k.Currency, strconv.FormatInt(k.Amount, 10))
	if err := storeCapture(ctx, tx, &k, captureAnswer(k)); err != nil {
		return false, err
	}
	return s.queueCaptureNotice(ctx, tx, p, k)
}
