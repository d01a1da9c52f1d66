package checkout

import (
	"context"
	"errors"

	"antom-checkout/db"
	"antom-checkout/lang"
)

// testPaymentLimits are the largest test payments, in minor units, in the
// catalogue's currencies.
var testPaymentLimits = map[string]int64{"USD": 1_000_000, "JPY": 1_000_000}

// TestPaymentCurrencies are the currencies a test payment may be in.
func TestPaymentCurrencies() []string { return []string{"USD", "JPY"} }

// TestPaymentsOffered reports whether the storefront offers test payments:
// only on the built-in sandbox.
func (s *Service) TestPaymentsOffered() bool { return s.opts.TestPayments }

// CreateTestOrder starts an order of an amount the buyer typed (major
// units of currency), to reach the sandbox's magic amounts (…91 to …94).
// The amount is read with the decimal mark of ctx's language (lang.From)
// or a dot. Only on the built-in sandbox: with real Antom it is ErrNotFound, and
// prices come from the catalogue only.
func (s *Service) CreateTestOrder(ctx context.Context, v Viewer, currency, amount string) (Order, error) {
	if !s.opts.TestPayments {
		return Order{}, ErrNotFound
	}
	buyerID, guestKey, err := v.owner()
	if err != nil {
		return Order{}, err
	}
	minor, err := testAmount(ctx, currency, amount)
	if err != nil {
		return Order{}, err
	}
	p, err := s.db.ProductBySlug(ctx, db.TestPaymentSlug)
	if errors.Is(err, db.ErrNotFound) {
		return Order{}, ErrNotFound
	}
	if err != nil {
		return Order{}, err
	}
	ref, err := newOrderRef(s.now())
	if err != nil {
		return Order{}, err
	}
	o := db.Order{Ref: ref, BuyerID: buyerID, GuestKey: guestKey, ProductID: p.ID, Quantity: 1, Currency: currency, Amount: minor,
		Status: db.OrderOpen, CreatedAt: s.now()}
	if _, err := s.db.InsertOrder(ctx, o); err != nil {
		return Order{}, err
	}
	s.record(ctx, nil, OrderSubject(ref), EventBuyer, "test payment created: "+Money{currency, minor}.String())
	return orderView(o, p), nil
}

// CheckTestOrder is what CreateTestOrder would say of a test payment of
// amount in currency: ErrNotFound with real Antom, an *InputError when
// either is wrong, else nil. It changes nothing, so that a press the
// buyer must correct is answered before it is counted (CountOrder) or
// anything is made for it.
func (s *Service) CheckTestOrder(ctx context.Context, currency, amount string) error {
	if !s.opts.TestPayments {
		return ErrNotFound
	}
	_, err := testAmount(ctx, currency, amount)
	return err
}

// testAmount reads a test payment's amount (major units of currency, with
// the decimal mark of ctx's language or a dot) into minor units, or an
// *InputError: a currency not offered, an amount not read, or over the
// currency's limit.
func testAmount(ctx context.Context, currency, amount string) (int64, error) {
	limit, ok := testPaymentLimits[currency]
	if !ok {
		return 0, fieldError("currency", "test.currency")
	}
	minor, problem := parseMajor(currency, amount, lang.From(ctx).DecimalMark())
	switch {
	case problem.id != "" && problem.id != "amount.too_large":
		return 0, &InputError{Fields: map[string]string{"amount": problem.id}, Args: map[string]lang.Args{"amount": problem.args}}
	case problem.id != "" || minor > limit: // too large to read is over the limit too: say the limit
		return 0, &InputError{Fields: map[string]string{"amount": "test.at_most"},
			Args: map[string]lang.Args{"amount": {"Limit": Money{currency, limit}}}}
	}
	return minor, nil
}
