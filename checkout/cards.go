package checkout

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"antom-checkout/antom"
	"antom-checkout/db"
)

const sealPurposeCardToken = "card-token"

// SavedCard is a kept card as buyers see it: "Visa •••• 4242".
type SavedCard struct {
	ID     int64
	Brand  string // "Visa", "Mastercard", …
	Last4  string
	Expiry string // "12/30", when known
}

// Label is how checkout names the card.
func (c SavedCard) Label() string { return c.Brand + " •••• " + c.Last4 }

// BuyerCards lists a buyer's kept cards.
func (s *Service) BuyerCards(ctx context.Context, buyerID int64) ([]SavedCard, error) {
	cs, err := s.db.BuyerCards(ctx, buyerID, db.CardActive)
	if err != nil {
		return nil, err
	}
	out := make([]SavedCard, 0, len(cs))
	seen := make(map[[4]string]bool, len(cs))
	for _, c := range cs { // newest first
		if id, known := sameCard(c); known {
			if seen[id] {
				continue // kept again since (two kept at once; ReplaceSameCard removes it next time)
			}
			seen[id] = true
		}
		out = append(out, savedCard(c))
	}
	return out, nil
}

// sameCard is what tells a kept card from another (db.ReplaceSameCard):
// brand, last four digits and expiry; known is false when any is unknown.
func sameCard(c db.Card) (id [4]string, known bool) {
	id = [4]string{c.Brand, c.Last4, c.ExpiryMonth, c.ExpiryYear}
	return id, c.Brand != "" && c.Last4 != "" && c.ExpiryMonth != "" && c.ExpiryYear != ""
}

func savedCard(c db.Card) SavedCard {
	sc := SavedCard{ID: c.ID, Brand: brandName(c.Brand), Last4: c.Last4}
	if c.ExpiryMonth != "" && c.ExpiryYear != "" {
		sc.Expiry = c.ExpiryMonth + "/" + c.ExpiryYear
	}
	return sc
}

// RemoveCard forgets a kept card (buyerID 0: staff, for any buyer);
// actor is who asks, "buyer <email>" or "staff <email>", as the card's
// timeline (a staff or buyer line, askerEvent) and staff's "removed by …"
// (CardInfo.EndReason) tell it. The same card kept again since (a page
// shown before names the older) is removed as the newest (newestCard). A
// card no longer kept (removed already, by another tab's Remove or by
// staff) is ErrNoLonger: this call did nothing, and its asker may say so
// rather than "Card removed.".
func (s *Service) RemoveCard(ctx context.Context, buyerID, cardID int64, actor string) error {
	c, err := s.db.CardByID(ctx, cardID)
	if errors.Is(err, db.ErrNotFound) || (err == nil && buyerID != 0 && c.BuyerID != buyerID) {
		return ErrNotFound
	}
	if err == nil {
		c, err = s.newestCard(ctx, c)
	}
	if err != nil {
		return err
	}
	cardID = c.ID
	ok, err := s.db.RemoveCard(ctx, cardID, actor, s.now())
	if err != nil {
		return err
	}
	if !ok { // not ACTIVE: removed before this call, nothing done
		return ErrNoLonger
	}
	kind, by := askerEvent(actor)
	s.recordBy(ctx, nil, fmt.Sprintf("card:%d", cardID), kind, by, "removed by "+actor)
	return nil
}

// brandName turns Antom's card brand into the buyer's word for it.
func brandName(brand string) string {
	switch strings.ToUpper(brand) {
	case "VISA":
		return "Visa"
	case "MASTERCARD":
		return "Mastercard"
	case "AMEX", "AMERICAN_EXPRESS":
		return "American Express"
	case "JCB":
		return "JCB"
	case "UNIONPAY":
		return "UnionPay"
	case "DISCOVER":
		return "Discover"
	case "":
		return UnknownCardBrand
	}
	return brand
}

// UnknownCardBrand is what a card whose brand Antom did not say is
// called (staff pages; buyer pages say it in the buyer's language).
const UnknownCardBrand = "Card"

// factsOf gathers the card details of a notification or inquiry: the token
// from cardInfo first, then paymentResultInfo (seed 002, API.md §6.3).
func factsOf(ci antom.CardInfo, pri antom.PaymentResultInfo, authExpiry string) cardFacts {
	f := cardFacts{token: ci.CardToken, brand: ci.CardBrand, authExpires: parseAntomTime(authExpiry)}
	if f.token == "" {
		f.token = pri.CardToken
	}
	if f.brand == "" {
		f.brand = pri.CardBrand
	}
	f.last4, f.expMonth, f.expYear = pri.LastFour, pri.ExpiryMonth, pri.ExpiryYear
	if f.last4 == "" {
		f.last4 = lastFour(pri.CardNo, ci.CardNo)
	}
	return f
}

func lastFour(masked ...string) string {
	for _, m := range masked {
		if len(m) >= 4 {
			return m[len(m)-4:]
		}
	}
	return ""
}

// recordCard notes the card on a settled card attempt and keeps the card
// if the buyer asked to and Antom gave a token.
func (s *Service) recordCard(ctx context.Context, q *db.Queries, a db.Attempt, o db.Order, out payOutcome) error {
	f := out.card
	now := s.now()
	if a.CardID != 0 && (f.brand == "" || f.last4 == "") {
		// A kept card paid: Antom's answer may not repeat what we know.
		if c, err := q.CardByID(ctx, a.CardID); err == nil {
			f.brand, f.last4 = c.Brand, c.Last4
		}
	}
	if f.brand != "" || f.last4 != "" || !f.authExpires.IsZero() {
		if err := q.SetAttemptCard(ctx, a.ID, f.brand, f.last4, f.authExpires, now); err != nil {
			return err
		}
	}
	if out.status != db.AttemptSuccess || !a.KeepCard || o.BuyerID == 0 || f.token == "" {
		return nil
	}
	err := q.KeepCard(ctx, db.Card{
		BuyerID: o.BuyerID, TokenSealed: s.sealer.Seal([]byte(f.token), sealPurposeCardToken),
		TokenHash: s.sealer.Lookup(string(f.token)), Brand: f.brand, Last4: f.last4,
		ExpiryMonth: f.expMonth, ExpiryYear: f.expYear, CreatedAt: now,
	})
	if err != nil {
		return err
	}
	s.record(ctx, q, OrderSubject(o.Ref), EventState, "card kept for next time: "+brandName(f.brand)+" •••• "+f.last4)
	// The same card kept before (Antom gave it another token): this one,
	// the newest, stands for it.
	replaced, err := q.ReplaceSameCard(ctx, o.BuyerID, s.sealer.Lookup(string(f.token)), now)
	for _, id := range replaced {
		s.record(ctx, q, fmt.Sprintf("card:%d", id), EventBuyer, "the same card was kept again ("+OrderSubject(o.Ref)+"): replaced by the newer")
	}
	return err
}
