package checkout

import (
	"context"
	"strings"
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
	// ToldUnlinkedByShop: staff unlinked it (at /admin/wallets), not the
	// buyer: the buyer did not ask, and is told that the shop did, and when.
	ToldUnlinkedByShop WalletTold = "unlinked_by_shop"
)

// toldLately is how long after a wallet ended the wallets box tells it
// by name: long enough to be seen on the buyer's next visits, not for
// good.
const toldLately = 7 * 24 * time.Hour

// Who asked for a wallet's unlink (walletEnd.by), read from its timeline
// (unlinkAsker).
const (
	byNobody = ""      // not unlinked here: its status says what ended it
	byBuyer  = "buyer" // the buyer — or nobody named (unlinks before the timeline named its asker)
	byShop   = "shop"  // staff, at /admin/wallets
)

// walletEnd is what a walletTelling row is for: a wallet status, and for
// an unlink (REVOKING, REVOKED) who asked for it.
type walletEnd struct {
	status string
	by     string
}

// telling is a walletTelling row: the words by name ("" for none) and
// how long after the wallet ended they are told (0: for as long as the
// status lasts).
type telling struct {
	told  WalletTold
	lasts time.Duration
}

// walletTelling is, by wallet status (every db.Wallet* status has a
// row) and, for an unlink, by who asked for it, what the wallets box
// tells of a buyer's account whose newest wallet is in it: its words by
// name and how long after it ended, or, with no words, nothing by name.
// Every status but ACTIVE means the buyer had a wallet linked: the box
// never says "no wallets linked yet" to them (WalletsTold.Before).
//
// Where: My wallets tells them always, above the linked ones if any;
// checkout's wallets box only when it has no wallet left to pay with
// (views' walletButtons), for every row alike. Beside a wallet to pay
// with, one gone — an unlink the buyer (or staff) just started, as much
// as one ended in the wallet app — leaves the pay buttons without a
// word: they are what the box is for, and My wallets, one click away,
// says what became of it. The page of the attempt that linked a wallet
// (Link.Told, however long ago it ended) and an unlink's asker
// (UnlinkUnderWay: under way, or unlinked) go by the same rows.
var walletTelling = map[walletEnd]telling{
	{db.WalletActive, byNobody}:   {},                               // linked: offered, not told
	{db.WalletRevoking, byBuyer}:  {ToldUnlinking, 0},               // under way: told until Antom confirms
	{db.WalletRevoking, byShop}:   {ToldUnlinking, 0},               // the same, whoever asked
	{db.WalletRevoked, byBuyer}:   {},                               // the buyer unlinked it here: "any more"
	{db.WalletRevoked, byShop}:    {ToldUnlinkedByShop, toldLately}, // the shop did: the buyer did not ask
	{db.WalletCanceled, byNobody}: {ToldCancelled, toldLately},      // in the wallet app: the buyer may not know
	{db.WalletInvalid, byNobody}:  {ToldInvalid, toldLately},        // Antom refused the token: the buyer cannot know
}

// unlinkedStatus reports whether a wallet status is an unlink's (its
// walletTelling rows go by who asked).
func unlinkedStatus(status string) bool {
	return status == db.WalletRevoking || status == db.WalletRevoked
}

// tellingOf is wallet w's walletTelling row. Who asked for an unlink is
// read from its timeline (unlinkAsker) only where the rows differ by it,
// and, with lately, only while the shop's row would still be told (a
// buyer's old wallets cost no reads).
func (s *Service) tellingOf(ctx context.Context, w db.Wallet, lately bool) (telling, error) {
	if !unlinkedStatus(w.Status) {
		return walletTelling[walletEnd{w.Status, byNobody}], nil
	}
	buyer, shop := walletTelling[walletEnd{w.Status, byBuyer}], walletTelling[walletEnd{w.Status, byShop}]
	if buyer == shop || (lately && shop.lasts != 0 && s.now().Sub(w.EndedAt) >= shop.lasts) {
		return buyer, nil
	}
	asker, err := s.unlinkAsker(ctx, w.ID)
	if err != nil {
		return telling{}, err
	}
	if strings.HasPrefix(asker, "staff ") {
		return shop, nil
	}
	return buyer, nil
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
	ws, err := s.db.BuyerWallets(ctx, buyerID, db.WalletStatuses()...)
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
		t, err := s.tellingOf(ctx, w, true)
		if err != nil {
			return WalletsTold{}, err
		}
		if t.told != "" && (t.lasts == 0 || s.now().Sub(w.EndedAt) < t.lasts) {
			out.Told = append(out.Told, ToldWallet{savedWallet(w), t.told})
		}
	}
	return out, nil
}
