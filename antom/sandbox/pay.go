package sandbox

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"antom-checkout/antom"
)

// payProduct is what one productCode brings to pay. prepare checks the
// request's product-specific fields and completes the new payment (its
// expiry); start decides, inside pay's transaction, how the payment
// begins: its status and code, the money, any planned settlement, or an
// answer that refuses the request and stores nothing; store, when set,
// replaces storeNewPayment (products with rows of their own).
type payProduct struct {
	prepare func(r *antom.PayRequest, p *payment) *resultBody
	start   func(ctx context.Context, tx *sql.Tx, r *antom.PayRequest, p *payment) (*resultBody, error)
	store   func(ctx context.Context, tx *sql.Tx, p *payment) (queued bool, err error)
}

// payProductOf dispatches on productCode. Each product lives in its own
// file (pay_agreement.go, pay_cashier.go).
func (s *Sandbox) payProductOf(code string) (payProduct, *resultBody) {
	switch code {
	case antom.ProductAgreementPayment:
		return payProduct{prepare: s.prepareAgreement, start: s.startAgreement}, nil
	case antom.ProductCashierPayment:
		c := &cashierPay{s: s}
		return payProduct{prepare: c.prepare, start: c.start, store: c.store}, nil
	case "":
		return payProduct{}, fail(codeParamIllegal, "productCode is required")
	}
	return payProduct{}, fail(codeParamIllegal, fmt.Sprintf(
		"productCode %q is not supported by the sandbox; it supports %s and %s (CARD)",
		code, antom.ProductAgreementPayment, antom.ProductCashierPayment))
}

// pay answers payments/pay (API.md §5.1): checks, then a new payment or
// the answer to a repeat of an earlier one (§2.4).
func (s *Sandbox) pay(ctx context.Context, c *Call) (any, error) {
	var r antom.PayRequest
	if bad := decodeBody(c.Body, &r); bad != nil {
		return bad, nil
	}
	prod, bad := s.payProductOf(r.ProductCode)
	if bad != nil {
		return bad, nil
	}
	p, bad := s.newPayment(c.Merchant.ClientID, &r)
	if bad != nil {
		return bad, nil
	}
	if bad := prod.prepare(&r, &p); bad != nil {
		return bad, nil
	}
	return s.startPayment(ctx, &r, &p, prod)
}

// startPayment runs pay's transaction: a repeat of a paymentRequestId gets
// its stored answer (or REPEAT_REQ_INCONSISTENT); a new one is started,
// stored, and notified when already final.
func (s *Sandbox) startPayment(ctx context.Context, r *antom.PayRequest, p *payment, prod payProduct) (any, error) {
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sandbox: pay: %w", err)
	}
	defer tx.Rollback()
	old, found, err := paymentByRequest(ctx, tx, p.ClientID, p.RequestID)
	if err != nil {
		return nil, err
	}
	if found {
		return repeatPay(old, p.Fingerprint), nil
	}
	bad, err := prod.start(ctx, tx, r, p)
	if err != nil {
		return nil, err
	}
	if bad != nil {
		return bad, nil
	}
	store := prod.store
	if store == nil {
		store = s.storeNewPayment
	}
	queued, err := store(ctx, tx, p)
	if err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("sandbox: pay: %w", err)
	}
	s.afterPaymentChange(*p, queued)
	return json.RawMessage(p.Answer), nil
}

// storeNewPayment inserts a started payment and, when it is already
// final, queues its notifyPayment.
func (s *Sandbox) storeNewPayment(ctx context.Context, tx *sql.Tx, p *payment) (queued bool, err error) {
	if err := insertPayment(ctx, tx, p); err != nil {
		return false, err
	}
	if p.Status == antom.PaymentProcessing {
		return false, nil
	}
	return s.queuePaymentNotice(ctx, tx, *p)
}

// afterPaymentChange runs once a payment change is committed: it wakes the
// dispatcher for a queued notification and the settler for a payment now
// processing, and logs the change (never the token).
func (s *Sandbox) afterPaymentChange(p payment, queued bool) {
	if queued {
		s.kick()
	}
	if p.Status == antom.PaymentProcessing {
		s.kickSettler()
	}
	s.log.Info("sandbox: payment", "client_id", p.ClientID, "payment_id", p.PaymentID,
		"payment_request_id", p.RequestID, "status", p.Status, "code", p.Code)
}
