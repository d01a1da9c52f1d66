package sandbox

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"antom-checkout/antom"
)

// agreementExpiryLimit bounds a tokenized payment's paymentExpiryTime, and
// is its default expiry (scaled) when none is given (seed 001, step 4).
const agreementExpiryLimit = time.Minute

// prepareAgreement checks what AGREEMENT_PAYMENT needs (API.md §5.1.a,
// §8.2): a Scan to Link wallet, its access token, and an expiry no more
// than a minute after the request.
func (s *Sandbox) prepareAgreement(r *antom.PayRequest, p *payment) *resultBody {
	if _, ok := brandOf(r.PaymentMethod.PaymentMethodType); !ok {
		return fail(codeParamIllegal, fmt.Sprintf(
			"paymentMethod.paymentMethodType %q cannot be used with AGREEMENT_PAYMENT; the sandbox supports %s",
			r.PaymentMethod.PaymentMethodType, walletCodes()))
	}
	if n := len(r.PaymentMethod.PaymentMethodID); n == 0 || n > 128 {
		return fail(codeParamIllegal, "paymentMethod.paymentMethodId (the accessToken) is required, at most 128 characters")
	}
	if p.ExpiresAt.IsZero() {
		p.ExpiresAt = p.CreatedAt.Add(s.scaled(agreementExpiryLimit))
		return nil
	}
	if p.ExpiresAt.After(p.CreatedAt.Add(agreementExpiryLimit)) {
		return fail(codeParamIllegal, "paymentExpiryTime must be no more than 1 minute after the request for AGREEMENT_PAYMENT (tokenized payment)")
	}
	return nil
}

// startAgreement decides a new tokenized payment: the token must be a
// live one of this merchant for this wallet; a magic amount decides the
// outcome; otherwise the wallet user's balance is debited, or the payment
// fails for want of money.
func (s *Sandbox) startAgreement(ctx context.Context, tx *sql.Tx, r *antom.PayRequest, p *payment) (*resultBody, error) {
	u, ok, err := s.tokenUser(ctx, p.ClientID, string(r.PaymentMethod.PaymentMethodID))
	if err != nil {
		return nil, err
	}
	if !ok || u.Wallet != p.MethodType {
		p.fail(antom.CodeInvalidAccessToken)
		return nil, nil
	}
	p.Login = u.Login
	if m, ok := magicFor(p.Amount); ok {
		return nil, s.startMagic(ctx, tx, p, m)
	}
	paid, err := debit(ctx, tx, p.Login, p.Currency, p.Amount)
	if err != nil {
		return nil, err
	}
	if !paid {
		p.fail(antom.CodeUserBalanceNotEnough)
		return nil, nil
	}
	p.Debited = p.Amount
	p.succeed(p.CreatedAt)
	return nil, nil
}
