package checkout

import (
	"context"
	"errors"
	"strings"
	"time"

	"antom-checkout/db"
)

// CardTold is who ended a kept card a payment was refused with
// (CardEnded): the buyer (in another tab, on My wallets), the shop's
// staff, or CardRemoved when the card does not say who (removed before
// that was recorded); "" while it is kept.
type CardTold string

// What became of a kept card (EndedCard.Told).
const (
	CardRemovedByBuyer CardTold = "removed_by_buyer"
	CardRemovedByShop  CardTold = "removed_by_shop"
	CardRemoved        CardTold = "removed"
)

// EndedCard is one of a buyer's kept cards as a payment refused with it
// tells it: the card as checkout named it ("Visa •••• 4242"), who removed
// it (Told) and when (RemovedAt; zero when not recorded), and whether
// the same card (sameCard: brand, last four and expiry) is kept again
// since (KeptAgain: a kept card of its own, with a token of its own,
// among BuyerCards).
type EndedCard struct {
	SavedCard
	Told      CardTold
	RemovedAt time.Time
	KeptAgain bool
}

// CardEnded is what became of kept card cardID of buyerID's, the newest
// of it when the same card was kept again since (newestCard), as a
// payment refused with it tells it. A card that is not buyerID's is
// ErrNotFound; its token is never read.
func (s *Service) CardEnded(ctx context.Context, buyerID, cardID int64) (EndedCard, error) {
	c, err := s.db.CardByID(ctx, cardID)
	if errors.Is(err, db.ErrNotFound) || err == nil && (buyerID == 0 || c.BuyerID != buyerID) {
		return EndedCard{}, ErrNotFound
	}
	if err == nil {
		c, err = s.newestCard(ctx, c)
	}
	if err != nil {
		return EndedCard{}, err
	}
	e := EndedCard{SavedCard: savedCard(c)}
	if c.Status != db.CardRemoved {
		return e, nil
	}
	e.RemovedAt, e.Told = c.RemovedAt, CardRemoved
	switch {
	case strings.HasPrefix(c.RemovedBy, "staff "):
		e.Told = CardRemovedByShop
	case strings.HasPrefix(c.RemovedBy, "buyer "):
		e.Told = CardRemovedByBuyer
	}
	e.KeptAgain, err = s.keptAgain(ctx, c)
	return e, err
}

// keptAgain reports whether removed card c is kept again since: one of
// its buyer's kept cards is the same card (sameCard). A card whose
// brand, last four or expiry is unknown is never taken for another.
func (s *Service) keptAgain(ctx context.Context, c db.Card) (bool, error) {
	id, known := sameCard(c)
	if !known {
		return false, nil
	}
	cs, err := s.db.BuyerCards(ctx, c.BuyerID, db.CardActive)
	if err != nil {
		return false, err
	}
	for _, k := range cs {
		if kid, ok := sameCard(k); ok && kid == id {
			return true, nil
		}
	}
	return false, nil
}
