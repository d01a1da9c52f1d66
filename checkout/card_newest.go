package checkout

import (
	"context"
	"errors"

	"antom-checkout/db"
)

// newestCard is card c, or the card that replaced it when the same card
// was kept again since (db.ReplaceSameCard: brand, last four and expiry
// alike; every card it replaced names the newest, so one step reaches
// it), the buyer's own, whatever its status (the caller checks it). A
// page shown before offers the older: its Pay pays with the newest
// (PayByCard), and its Remove removes the newest, the card the buyer sees
// — never "no longer kept" beside it on My wallets.
func (s *Service) newestCard(ctx context.Context, c db.Card) (db.Card, error) {
	if c.Status != db.CardRemoved || c.ReplacedBy == 0 {
		return c, nil
	}
	next, err := s.db.CardByID(ctx, c.ReplacedBy)
	if errors.Is(err, db.ErrNotFound) || (err == nil && next.BuyerID != c.BuyerID) {
		return c, nil
	}
	return next, err
}
