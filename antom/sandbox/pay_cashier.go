package sandbox

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"time"

	"antom-checkout/antom"
)

// cardMethod is the paymentMethodType of card payments.
const cardMethod = "CARD"

// Timers of hosted card payments (API.md §8.4).
const (
	cashierExpiryDefault = 14 * time.Minute   // without paymentExpiryTime; scaled
	cashierExpiryLimit   = 10 * time.Minute   // paymentExpiryTime must come sooner than this
	cardAuthValidity     = 7 * 24 * time.Hour // authExpiryTime after authorization; scaled
	// shortAuthValidity is the short-lived test card's (TestCard.ShortAuth):
	// long enough to capture in, short enough to watch it expire. Scaled.
	shortAuthValidity = 2 * time.Minute
	// cashierExpiryFloor is the least real time a hosted page without
	// paymentExpiryTime stays open however fast the clocks run: at the
	// tests' TimeScale of 0.001, 14 minutes are 0.84 s, which a loaded
	// machine spent between a test opening the card page and paying on it
	// (the page closed, ORDER_IS_CLOSED, under the test's feet). A page
	// meant to be seen expiring is a clock's advance (testClock) or a
	// slower scale.
	cashierExpiryFloor = 30 * time.Second
)

// pathCardPay is the hosted card page: the card form, then the 3-D
// Secure challenge when the card asks for one.
const pathCardPay = "/sandbox/card/pay"

// cashierPay is pay for one CASHIER_PAYMENT with CARD (API.md §5.1.b,
// seed 002): it carries the card part of the new payment from prepare to
// store.
type cashierPay struct {
	s    *Sandbox
	card cardPayment
	// locale: the card page's language, from env.deviceLanguage
	// (cardLocale); "" for the browser's
	locale string
}

// prepare checks the hosted card fields and sets the payment's expiry.
func (c *cashierPay) prepare(r *antom.PayRequest, p *payment) *resultBody {
	if bad := checkCashier(r); bad != nil {
		return bad
	}
	mode := r.PaymentFactor.CaptureMode
	if mode == "" {
		mode = antom.CaptureAutomatic
	}
	c.card = cardPayment{
		PaymentID:    p.PaymentID,
		CaptureMode:  mode,
		RedirectURL:  r.PaymentRedirectURL,
		MerchantName: merchantNameOf(r, c.s.merchantName(p.ClientID)),
		Description:  r.Order.OrderDescription,
	}
	c.locale = cardLocale(r.Env.DeviceLanguage)
	p.Fingerprint = fingerprintWith(p.Fingerprint, mode)
	return c.s.cashierExpiry(p)
}

// checkCashier checks what the hosted card flow needs.
func checkCashier(r *antom.PayRequest) *resultBody {
	switch {
	case r.PaymentMethod.PaymentMethodType != cardMethod:
		return fail(codeParamIllegal, fmt.Sprintf(
			"paymentMethod.paymentMethodType %q cannot be used with CASHIER_PAYMENT in the sandbox; it supports CARD (the hosted card page)",
			r.PaymentMethod.PaymentMethodType))
	case len(r.PaymentMethod.PaymentMethodID) > 128:
		return fail(codeParamIllegal, "paymentMethod.paymentMethodId (a cardToken) has at most 128 characters")
	case !isHTTPURL(r.PaymentRedirectURL, 2048):
		return fail(codeParamIllegal, "paymentRedirectUrl is required for CASHIER_PAYMENT: an absolute http(s) URL of at most 2048 characters")
	case !isTerminalType(r.Env.TerminalType):
		return fail(codeParamIllegal, "env.terminalType is required for CASHIER_PAYMENT: WEB, WAP, APP or MINI_APP")
	}
	// paymentFactor is optional (API.md §5.1): without it a card payment is
	// an authorization all the same, captured AUTOMATIC.
	switch r.PaymentFactor.CaptureMode {
	case "", antom.CaptureAutomatic, antom.CaptureManual:
		return nil
	}
	return fail(codeParamIllegal, fmt.Sprintf(
		"paymentFactor.captureMode %q is not valid: AUTOMATIC (the default) or MANUAL", r.PaymentFactor.CaptureMode))
}

// isTerminalType reports whether t is one of Antom's terminal types.
func isTerminalType(t string) bool {
	switch t {
	case antom.TerminalWeb, antom.TerminalWap, antom.TerminalApp, antom.TerminalMiniApp:
		return true
	}
	return false
}

// merchantNameOf is the name the hosted page shows: the order's
// (secondary) merchant display name or name, else the registered one.
func merchantNameOf(r *antom.PayRequest, registered string) string {
	for _, n := range []string{r.Order.Merchant.MerchantDisplayName, r.Order.Merchant.MerchantName} {
		if n != "" {
			return n
		}
	}
	return registered
}

// cashierExpiry sets a hosted payment's expiry: paymentExpiryTime, which
// must come within 10 minutes of the request, else ~14 minutes × TimeScale
// (never under cashierExpiryFloor of real time).
func (s *Sandbox) cashierExpiry(p *payment) *resultBody {
	switch {
	case p.ExpiresAt.IsZero():
		p.ExpiresAt = p.CreatedAt.Add(max(s.scaled(cashierExpiryDefault), min(cashierExpiryDefault, cashierExpiryFloor)))
	case !p.ExpiresAt.After(p.CreatedAt):
		return fail(codeParamIllegal, "paymentExpiryTime must be in the future")
	case !p.ExpiresAt.Before(p.CreatedAt.Add(cashierExpiryLimit)):
		return fail(codeParamIllegal, "paymentExpiryTime must be less than 10 minutes after the request for CASHIER_PAYMENT (API.md §8.4)")
	}
	return nil
}

// start begins the payment: without a card token it waits for the buyer
// on the hosted page; with one of this merchant's card tokens it charges
// the stored card (or waits for the 3-D Secure challenge).
func (c *cashierPay) start(ctx context.Context, tx *sql.Tx, r *antom.PayRequest, p *payment) (*resultBody, error) {
	token := string(r.PaymentMethod.PaymentMethodID)
	if token == "" {
		c.s.awaitBuyer(p, c.locale)
		return nil, nil
	}
	k, found, err := cardByToken(ctx, tx, token)
	if err != nil {
		return nil, err
	}
	if !found || k.ClientID != p.ClientID {
		return fail(codeParamIllegal, "unknown card token: paymentMethod.paymentMethodId is not a cardToken the sandbox issued to this merchant"), nil
	}
	c.card.CardToken = token
	if k.Challenge {
		c.s.awaitBuyer(p, c.locale)
		return nil, nil
	}
	c.s.authorizeCard(p, &c.card, k, p.CreatedAt)
	return nil, nil
}

// store inserts the payment and its card part and, once final, queues
// what follows (notifyPayment, and for automatic capture the capture and
// notifyCapture).
func (c *cashierPay) store(ctx context.Context, tx *sql.Tx, p *payment) (bool, error) {
	if err := insertPayment(ctx, tx, p); err != nil {
		return false, err
	}
	if err := insertCardPayment(ctx, tx, c.card); err != nil {
		return false, err
	}
	if p.Status == antom.PaymentProcessing {
		return false, nil
	}
	return c.s.queueCardOutcome(ctx, tx, *p, &c.card)
}

// awaitBuyer leaves the payment PROCESSING until the buyer finishes on
// the hosted page or it expires; pay answers the page as normalUrl, in
// language locale ("" for the browser's).
func (s *Sandbox) awaitBuyer(p *payment, locale string) {
	p.process("", time.Time{})
	p.ActionURL = s.cardPageURL(p.PaymentID, locale)
}

// cardPageURL is the hosted card page of a payment, speaking language
// locale (localeParam; "" for the browser's).
func (s *Sandbox) cardPageURL(paymentID, locale string) string {
	u := s.cfg.BaseURL + cardPagePath(paymentID)
	if locale != "" {
		u += "&" + url.Values{localeParam: {locale}}.Encode()
	}
	return u
}

// cardPagePath is the hosted card page's path for a payment.
func cardPagePath(paymentID string) string {
	return pathCardPay + "?" + url.Values{"paymentId": {paymentID}}.Encode()
}
