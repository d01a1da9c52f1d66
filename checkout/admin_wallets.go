package checkout

import (
	"context"
	"errors"
	"strings"
	"time"

	"antom-checkout/db"
)

// BuyerAccount is a buyer as staff see it: every wallet they ever linked
// and every card they kept, never a token.
type BuyerAccount struct {
	Buyer   Buyer
	Wallets []WalletInfo
	Cards   []CardInfo
}

// WalletInfo is a linked wallet as staff see it.
type WalletInfo struct {
	ID          int64
	WalletName  string
	UserLoginID string
	Status      string
	LinkedAt    time.Time
	EndedAt     time.Time
	// EndReason says who or what ended the wallet, in staff's words:
	// "unlinked by the buyer", "unlinked by <staff email>", "cancelled in
	// the wallet: <why>", or what Antom said; "" while it is active.
	EndReason string
}

// CanUnlink reports whether the wallet is still offered at checkout.
func (w WalletInfo) CanUnlink() bool { return w.Status == db.WalletActive }

// CardInfo is a kept card as staff see it.
type CardInfo struct {
	ID     int64
	Label  string // "Visa •••• 4242"
	Expiry string
	Status string
	Kept   time.Time
	// EndReason says who or what removed the card, in staff's words:
	// "removed by the buyer", "removed by <staff email>", "replaced by the
	// same card kept again"; "" while it is active or when a card removed
	// before this was recorded (the status says just "removed").
	EndReason string
	// RemovedAt is when it was removed; zero while it is active, and when
	// a card removed before this was recorded (db's Card.RemovedAt).
	RemovedAt time.Time
}

// CanRemove reports whether the card is still offered at checkout.
func (c CardInfo) CanRemove() bool { return c.Status == db.CardActive }

// FindBuyerAccount finds a buyer by email with their wallets (all
// statuses) and kept cards; ErrNotFound if there is no such buyer.
func (s *Service) FindBuyerAccount(ctx context.Context, email string) (BuyerAccount, error) {
	b, err := findByEmail(ctx, email, s.db.BuyerByEmail)
	if errors.Is(err, db.ErrNotFound) {
		return BuyerAccount{}, ErrNotFound
	}
	if err != nil {
		return BuyerAccount{}, err
	}
	out := BuyerAccount{Buyer: Buyer{ID: b.ID, Email: b.Email}}
	ws, err := s.db.AllBuyerWallets(ctx, b.ID)
	if err != nil {
		return BuyerAccount{}, err
	}
	for _, w := range ws {
		reason, err := s.walletEndReason(ctx, w)
		if err != nil {
			return BuyerAccount{}, err
		}
		out.Wallets = append(out.Wallets, WalletInfo{
			ID: w.ID, WalletName: BrandName(w.Wallet), UserLoginID: w.UserLoginID, Status: w.Status,
			LinkedAt: w.LinkedAt, EndedAt: w.EndedAt, EndReason: reason,
		})
	}
	cs, err := s.db.BuyerCards(ctx, b.ID, db.CardActive, db.CardRemoved)
	if err != nil {
		return BuyerAccount{}, err
	}
	for _, c := range cs {
		sc := savedCard(c)
		out.Cards = append(out.Cards, CardInfo{ID: c.ID, Label: sc.Label(), Expiry: sc.Expiry, Status: c.Status, Kept: c.CreatedAt,
			EndReason: cardEndReason(c), RemovedAt: c.RemovedAt})
	}
	return out, nil
}

// WalletOwnerEmail returns the email of a wallet's buyer; ErrNotFound if
// there is no such wallet.
func (s *Service) WalletOwnerEmail(ctx context.Context, walletID int64) (string, error) {
	w, err := s.db.WalletByID(ctx, walletID)
	if errors.Is(err, db.ErrNotFound) {
		return "", ErrNotFound
	}
	if err != nil {
		return "", err
	}
	return s.db.BuyerEmail(ctx, w.BuyerID)
}

// CardOwnerEmail returns the email of a card's buyer; ErrNotFound if
// there is no such card.
func (s *Service) CardOwnerEmail(ctx context.Context, cardID int64) (string, error) {
	c, err := s.db.CardByID(ctx, cardID)
	if errors.Is(err, db.ErrNotFound) {
		return "", ErrNotFound
	}
	if err != nil {
		return "", err
	}
	return s.db.BuyerEmail(ctx, c.BuyerID)
}

// unlinkAskedBy starts the timeline entry Unlink records: "unlink asked
// by buyer <email>" (a buyer line) or "unlink asked by staff <email>" (a
// staff line; before they were told apart, a buyer line too).
const unlinkAskedBy = "unlink asked by "

// unlinkAsker is who asked for a wallet's unlink, as its timeline's
// newest "unlink asked by …" line names them: "buyer <email>" or "staff
// <email>" (Unlink's actor); "" if none does (never unlinked here, or
// before the timeline named them).
func (s *Service) unlinkAsker(ctx context.Context, walletID int64) (string, error) {
	events, err := s.db.Events(ctx, walletSubject(walletID))
	if err != nil {
		return "", err
	}
	by := ""
	for _, e := range events {
		if rest, ok := strings.CutPrefix(e.Detail, unlinkAskedBy); ok && (e.Kind == EventBuyer || e.Kind == EventStaff) {
			by = rest
		}
	}
	return by, nil
}

// walletEndReason words who or what ended a wallet. An unlink (REVOKING,
// or REVOKED by our revoke) is named after who asked for it, read from
// the wallet's timeline; Antom's own words about the revoke follow in
// brackets when it was not a plain success.
func (s *Service) walletEndReason(ctx context.Context, w db.Wallet) (string, error) {
	if w.Status != db.WalletRevoking && w.Status != db.WalletRevoked {
		return w.EndReason, nil
	}
	by, err := s.unlinkAsker(ctx, w.ID)
	if err != nil {
		return "", err
	}
	words := "unlinked"
	switch {
	case w.ReplacedBy != 0:
		words = "replaced by the same account linked again"
	case strings.HasPrefix(by, "buyer "):
		words = "unlinked by the buyer"
	case strings.HasPrefix(by, "staff "):
		words = "unlinked by " + strings.TrimPrefix(by, "staff ")
	case by == "" && w.EndReason != "" && w.EndReason != revokedReason:
		return w.EndReason, nil
	}
	if w.EndReason != "" && w.EndReason != revokedReason {
		words += " (" + w.EndReason + ")"
	}
	return words, nil
}

// cardEndReason words who or what removed a card (CardInfo.EndReason).
func cardEndReason(c db.Card) string {
	switch {
	case c.Status != db.CardRemoved:
		return ""
	case c.ReplacedBy != 0:
		return "replaced by the same card kept again"
	case strings.HasPrefix(c.RemovedBy, "buyer "):
		return "removed by the buyer"
	case strings.HasPrefix(c.RemovedBy, "staff "):
		return "removed by " + strings.TrimPrefix(c.RemovedBy, "staff ")
	}
	return ""
}
