package sandbox

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf8"

	"antom-checkout/antom"
)

// antom.CodeRefundAmountExceed refuses a refund beyond what is left to refund
// (API.md §5.6).

// refundPayment answers payments/refund (API.md §5.6): part or all of a
// SUCCESS payment (for a card, of what was captured), in one or more
// refunds. Every outcome past the field checks is stored under the
// refundRequestId: a repeat gets the same answer.
func (s *Sandbox) refundPayment(ctx context.Context, c *Call) (any, error) {
	var r antom.RefundRequest
	if bad := decodeBody(c.Body, &r); bad != nil {
		return bad, nil
	}
	minor, bad := checkRefund(&r)
	if bad != nil {
		return bad, nil
	}
	f := refund{
		ClientID:    c.Merchant.ClientID,
		RequestID:   r.RefundRequestID,
		PaymentID:   r.PaymentID,
		Fingerprint: fingerprintWith("refund", r.PaymentID, r.RefundAmount.Currency, strconv.FormatInt(minor, 10)),
		Currency:    r.RefundAmount.Currency,
		Amount:      minor,
		NotifyURL:   r.RefundNotifyURL,
		CreatedAt:   s.now(),
	}
	return s.refundTx(ctx, f)
}

// checkRefund checks refund's fields and returns the amount in minor
// units.
func checkRefund(r *antom.RefundRequest) (int64, *resultBody) {
	switch n := utf8.RuneCountInString(r.RefundRequestID); {
	case n == 0 || n > 64:
		return 0, fail(codeParamIllegal, "refundRequestId is required, 1 to 64 characters")
	case r.PaymentID == "" || len(r.PaymentID) > 64:
		return 0, fail(codeParamIllegal, "paymentId is required, at most 64 characters")
	case r.RefundNotifyURL != "" && !isHTTPURL(r.RefundNotifyURL, 1024):
		return 0, fail(codeParamIllegal, "refundNotifyUrl must be an absolute http(s) URL of at most 1024 characters")
	case utf8.RuneCountInString(r.RefundReason) > 256:
		return 0, fail(codeParamIllegal, "refundReason has at most 256 characters")
	}
	return checkAmount("refundAmount", r.RefundAmount)
}

// refundTx decides and stores a refund in one transaction: a repeat gets
// its stored answer (or REPEAT_REQ_INCONSISTENT); a new one is refused,
// or accepted and completed now (or, with a refund delay set, later).
func (s *Sandbox) refundTx(ctx context.Context, f refund) (any, error) {
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sandbox: refund: %w", err)
	}
	defer tx.Rollback()
	old, found, err := refundByRequest(ctx, tx, f.ClientID, f.RequestID)
	if err != nil {
		return nil, err
	}
	if found {
		return repeatRefund(old, f.Fingerprint), nil
	}
	queued, err := s.decideRefund(ctx, tx, &f)
	if err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("sandbox: refund: %w", err)
	}
	s.afterRefundChange(f, queued)
	return json.RawMessage(f.Answer), nil
}

// decideRefund refuses the refund or accepts it, and stores it.
func (s *Sandbox) decideRefund(ctx context.Context, tx *sql.Tx, f *refund) (queued bool, err error) {
	p, found, err := findPayment(ctx, tx, f.ClientID, f.PaymentID, "")
	if err != nil {
		return false, err
	}
	cp, isCard, err := cardPaymentByID(ctx, tx, f.PaymentID)
	if err != nil {
		return false, err
	}
	if code, msg := refundRefusal(p, found, cp, isCard, *f); code != "" {
		f.Status, f.Code, f.Message = antom.RefundFail, code, msg
		return false, storeRefund(ctx, tx, f, antom.RefundResponse{Result: failure(code, msg).Result,
			RefundRequestID: f.RequestID, PaymentID: f.PaymentID})
	}
	return s.acceptRefund(ctx, tx, &p, f)
}

// refundRefusal is the code and message that refuse a refund, or "" when
// it may go ahead. The order: unknown payment, not SUCCESS, other
// currency, an uncaptured card authorization, more than is left.
func refundRefusal(p payment, found bool, cp cardPayment, isCard bool, f refund) (string, string) {
	paid := p.Amount
	if isCard {
		paid = cp.Captured
	}
	switch {
	case !found:
		return antom.CodeOrderNotExist, "no payment with this paymentId"
	case p.Status != antom.PaymentSuccess:
		return codeOrderStatusInvalid, "only a successful payment can be refunded; this one is " + p.Status
	case f.Currency != p.Currency:
		return codeCurrencyNotSupport, "refundAmount.currency must be the payment's currency " + p.Currency
	case isCard && paid == 0:
		return codeOrderStatusInvalid, "nothing of this card authorization was captured: void it with cancel"
	case f.Amount > paid-p.Refunded:
		return antom.CodeRefundAmountExceed, fmt.Sprintf("refunded %s of %s paid: %s more exceeds it",
			formatMinor(p.Currency, p.Refunded), formatMinor(p.Currency, paid), formatMinor(p.Currency, f.Amount))
	}
	return "", ""
}

// acceptRefund takes the refund's amount off the payment and completes
// the refund now, or with a refund delay set leaves it PROCESSING until
// then; refund answers S either way (with refundTime only when done).
func (s *Sandbox) acceptRefund(ctx context.Context, tx *sql.Tx, p *payment, f *refund) (bool, error) {
	f.RefundID = newRefundID(f.CreatedAt)
	if f.NotifyURL == "" {
		f.NotifyURL = p.NotifyURL
	}
	p.Refunded += f.Amount
	if d := s.refundDelay(); d > 0 {
		f.Status, f.Code, f.Message = antom.RefundProcessing, antom.CodeSuccess, messageSuccess
		f.SettleAt = f.CreatedAt.Add(d)
	} else {
		completeRefund(f, f.CreatedAt)
	}
	if err := refundMoney(ctx, tx, p, *f); err != nil {
		return false, err
	}
	if err := storeRefund(ctx, tx, f, refundAnswer(*f)); err != nil {
		return false, err
	}
	return s.queueRefundNotice(ctx, tx, *f)
}

// storeRefund seals the refund's answer and stores it.
func storeRefund(ctx context.Context, tx *sql.Tx, f *refund, answer any) error {
	body, _, err := encodeAnswer(answer)
	if err != nil {
		return fmt.Errorf("sandbox: refund answer: %w", err)
	}
	f.Answer = body
	return insertRefund(ctx, tx, f)
}

// refundAnswer is refund's S answer: refundTime only once the refund is
// done.
func refundAnswer(f refund) antom.RefundResponse {
	a := antom.RefundResponse{
		Result:          successResult(),
		RefundRequestID: f.RequestID,
		RefundID:        f.RefundID,
		PaymentID:       f.PaymentID,
		RefundAmount:    antom.MinorAmount(f.Currency, f.Amount),
	}
	if f.Status == antom.RefundSuccess {
		a.RefundTime = antomTime(f.RefundedAt)
	}
	return a
}

// repeatRefund answers a refundRequestId the merchant used before: with
// other parameters REPEAT_REQ_INCONSISTENT, else the stored answer.
func repeatRefund(old refund, fp string) any {
	if old.Fingerprint != fp {
		return failure(antom.CodeRepeatReqInconsistent,
			"refundRequestId was already used with other parameters (paymentId or refundAmount)")
	}
	return json.RawMessage(old.Answer)
}

// afterRefundChange runs once a refund change is committed: it wakes the
// dispatcher for a queued notification and the settler for a refund now
// processing, and logs the change.
func (s *Sandbox) afterRefundChange(f refund, queued bool) {
	if queued {
		s.kick()
	}
	if f.Status == antom.RefundProcessing {
		s.kickSettler()
	}
	s.log.Info("sandbox: refund", "client_id", f.ClientID, "refund_request_id", f.RequestID,
		"payment_id", f.PaymentID, "status", f.Status, "code", f.Code)
}
