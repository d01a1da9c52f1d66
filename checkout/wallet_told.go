package checkout

import (
	"context"
	"time"

	"antom-checkout/db"
)

// WalletTold is what a buyer's wallets box (checkout, My wallets) says,
// by name, of a wallet of theirs no longer offered at checkout.
type WalletTold string

// What the wallets box tells of a wallet by name (walletTelling).
const (
	// ToldUnlinking: an unlink is under way (REVOKING): the wallet left
	// checkout at once, Antom has not confirmed the revoke yet.
	ToldUnlinking WalletTold = "unlinking"
	// ToldCancelled: the wallet side cancelled the link (TOKEN_CANCELED).
	ToldCancelled WalletTold = "cancelled"
	// ToldInvalid: Antom says the link is no longer valid (a payment
	// refused with INVALID_ACCESS_TOKEN, a refresh refused): it ended,
	// and the account can be linked again.
	ToldInvalid WalletTold = "invalid"
)

// toldLately is how long after a wallet ended the wallets box tells it
// by name: long enough to be seen on the buyer's next visits, not for
// good.
const toldLately = 7 * 24 * time.Hour

// walletTelling is, by wallet status (every db.Wallet* status has a
// row), what the wallets box tells of a buyer's account whose newest
// wallet is in it: its words by name and how long after it ended (0:
// for as long as the status lasts), or, with no words, nothing by name.
// Every status but ACTIVE means the buyer had a wallet linked: the box
// never says "no wallets linked yet" to them (WalletsTold.Before).
//
// Where: My wallets tells them always, above the linked ones if any;
// checkout's wallets box only when it has no wallet left to pay with
// (views' walletButtons), for every row alike. Beside a wallet to pay
// with, one gone — an unlink the buyer (or staff, at their asking) just
// started, as much as one ended in the wallet app — leaves the pay
// buttons without a word: they are what the box is for, and My wallets,
// one click away, says what became of it. The page of the attempt that
// linked a wallet (Link.Told, however long ago it ended) and an unlink's
// asker (UnlinkUnderWay: under way, or unlinked) go by the same rows.
var walletTelling = map[string]struct {
	told  WalletTold
	lasts time.Duration
}{
	db.WalletActive:   {},                          // linked: offered, not told
	db.WalletRevoking: {ToldUnlinking, 0},          // under way: told until Antom confirms
	db.WalletRevoked:  {},                          // unlinked here, by the buyer or staff: "any more"
	db.WalletCanceled: {ToldCancelled, toldLately}, // in the wallet app: the buyer may not know
	db.WalletInvalid:  {ToldInvalid, toldLately},   // Antom refused the token: the buyer cannot know
}

// ToldWallet is a wallet the wallets box tells by name, and how.
type ToldWallet struct {
	SavedWallet
	Told WalletTold
}

// WalletsTold is a buyer's wallets as their wallets box tells them.
type WalletsTold struct {
	Linked []SavedWallet // ACTIVE, newest first: the ones checkout offers
	// Told: the accounts not linked again whose newest wallet the box
	// tells by name (walletTelling), newest first, one per account.
	Told []ToldWallet
	// Before: the buyer had a wallet linked here that is not any more
	// (told by name or not): the box says "no wallet any more", never
	// "yet".
	Before bool
}

// BuyerWalletsTold reads, in one query, a buyer's wallets as their
// wallets box tells them: the linked ones, and for each account not
// linked again what became of its newest wallet (walletTelling).
func (s *Service) BuyerWalletsTold(ctx context.Context, buyerID int64) (WalletsTold, error) {
	statuses := make([]string, 0, len(walletTelling))
	for status := range walletTelling {
		statuses = append(statuses, status)
	}
	ws, err := s.db.BuyerWallets(ctx, buyerID, statuses...)
	if err != nil {
		return WalletsTold{}, err
	}
	var out WalletsTold
	seen := map[string]bool{} // wallet and account whose newest wallet was read
	for _, w := range ws {    // newest first
		key := w.Wallet + " " + w.UserLoginID
		if w.Status == db.WalletActive {
			out.Linked = append(out.Linked, savedWallet(w))
			seen[key] = true
			continue
		}
		out.Before = true
		if seen[key] {
			continue
		}
		seen[key] = true
		t := walletTelling[w.Status]
		if t.told != "" && (t.lasts == 0 || s.now().Sub(w.EndedAt) < t.lasts) {
			out.Told = append(out.Told, ToldWallet{savedWallet(w), t.told})
		}
	}
	return out, nil
}
