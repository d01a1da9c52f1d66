package checkout

import (
	"errors"
	"testing"

	"antom-checkout/db"
)

// A confirmation's lookups tell the asker's own wallet or card that is
// gone (ErrNoLonger: the page may say there is nothing to confirm) from
// another buyer's or a missing one (ErrNotFound only: 404, nothing said
// of it). ErrNoLonger is an ErrNotFound, so staff's handlers and failed
// read it as before; staff (buyer 0) see any buyer's as its owner does.
func TestConfirmLookupsTellGoneFromNotYours(t *testing.T) {
	e := newEnv(t, Options{})
	owner, other := e.buyer("owner@example.com"), e.buyer("other@example.com")
	now := e.svc.now()
	wallet, err := e.db.InsertWallet(e.ctx, db.Wallet{BuyerID: owner.ID, Wallet: "GCASH", UserLoginID: "0917****001",
		AccessTokenSealed: []byte("sealed"), AccessTokenHash: "lookup-1", Status: db.WalletActive, LinkedAt: now})
	check(t, err)
	check(t, e.db.KeepCard(e.ctx, db.Card{BuyerID: owner.ID, TokenSealed: []byte("sealed"), TokenHash: "lookup-card",
		Brand: "VISA", Last4: "4242", ExpiryMonth: "12", ExpiryYear: "30", CreatedAt: now}))
	cards, err := e.db.BuyerCards(e.ctx, owner.ID, db.CardActive)
	check(t, err)
	card := cards[0].ID

	lookups := func() map[string]error {
		out := map[string]error{}
		for who, id := range map[string]int64{"owner": owner.ID, "other": other.ID, "staff": 0} {
			_, out[who+" wallet"] = e.svc.WalletOf(e.ctx, id, wallet)
			_, out[who+" card"] = e.svc.CardOf(e.ctx, id, card)
		}
		_, out["missing wallet"] = e.svc.WalletOf(e.ctx, owner.ID, wallet+100)
		_, out["missing card"] = e.svc.CardOf(e.ctx, owner.ID, card+100)
		return out
	}
	for what, err := range lookups() {
		want := error(nil)
		if what == "other wallet" || what == "other card" || what == "missing wallet" || what == "missing card" {
			want = ErrNotFound
		}
		assertEqual(t, err, want, what+" while linked and kept")
	}

	ok, err := e.db.StartRevoke(e.ctx, wallet, now) // an unlink under way
	check(t, err)
	assertEqual(t, ok, true, "revoking")
	check(t, e.svc.RemoveCard(e.ctx, owner.ID, card, "buyer owner@example.com"))
	for what, err := range lookups() {
		want := ErrNoLonger
		if what == "other wallet" || what == "other card" || what == "missing wallet" || what == "missing card" {
			want = ErrNotFound
		}
		assertEqual(t, err, want, what+" once gone")
		if err != nil && !errors.Is(err, ErrNotFound) {
			t.Errorf("%s: %v is not an ErrNotFound", what, err)
		}
	}
}
