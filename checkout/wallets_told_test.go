package checkout

import (
	"fmt"
	"testing"
	"time"

	"antom-checkout/db"
)

// walletTelling has a row for every wallet status db has
// (db.WalletStatuses, which db's test holds to its constants) — for an
// unlink's (REVOKING, REVOKED) one per asker, the buyer and the shop —
// and none other: a status added without saying what the wallets box
// tells of it fails here.
func TestWalletTellingCoversEveryStatus(t *testing.T) {
	want := map[walletEnd]bool{}
	for _, s := range db.WalletStatuses() {
		if unlinkedStatus(s) {
			want[walletEnd{s, byBuyer}], want[walletEnd{s, byShop}] = true, true
		} else {
			want[walletEnd{s, byNobody}] = true
		}
	}
	assertEqual(t, len(walletTelling), len(want), "rows")
	for end := range want {
		if _, ok := walletTelling[end]; !ok {
			t.Errorf("no row for %v", end)
		}
	}
}

// BuyerWalletsTold tells, beside the linked wallets, what became of
// each account not linked again, by its newest wallet (walletTelling):
// an unlink under way for as long as it lasts; a link the wallet side
// cancelled, or Antom no longer accepts, for a week after it ended;
// nothing by name of a wallet unlinked here (by the buyer or staff), nor
// of an older link of an account whose newest wallet says otherwise. Any
// wallet no longer linked makes Before true: the box never says "yet".
func TestBuyerWalletsToldByStatus(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("told@example.com")
	now := e.svc.now()
	n := 0
	wallet := func(code, login, status string, ended time.Time) int64 {
		t.Helper()
		n++
		id, err := e.db.InsertWallet(e.ctx, db.Wallet{BuyerID: b.ID, Wallet: code, UserLoginID: login, AccessTokenSealed: []byte("sealed"),
			AccessTokenHash: fmt.Sprint("told-", n), Status: db.WalletActive, LinkedAt: now.Add(-30 * 24 * time.Hour)})
		check(t, err)
		switch status {
		case db.WalletActive:
		case db.WalletRevoking:
			ok, err := e.db.StartRevoke(e.ctx, id, ended)
			check(t, err)
			assertEqual(t, ok, true, "revoking")
		default:
			ok, err := e.db.EndWallet(e.ctx, id, []string{db.WalletActive}, status, "test", ended)
			check(t, err)
			assertEqual(t, ok, true, "ended")
		}
		return id
	}
	wallet("GCASH", "0917****001", db.WalletCanceled, now.Add(-2*time.Hour))            // older, same account
	cancelled := wallet("GCASH", "0917****001", db.WalletCanceled, now.Add(-time.Hour)) // told
	wallet("DANA", "0812****002", db.WalletCanceled, now.Add(-time.Hour))               // linked again below
	linked := wallet("DANA", "0812****002", db.WalletActive, time.Time{})
	wallet("GCASH", "0917****003", db.WalletRevoked, now.Add(-time.Hour))                     // unlinked here
	wallet("TNG", "0123****004", db.WalletCanceled, now.Add(-8*24*time.Hour))                 // too long ago
	invalid := wallet("ALIPAY_HK", "852****005", db.WalletInvalid, now.Add(-2*time.Hour))     // told
	wallet("ALIPAY_HK", "852****006", db.WalletInvalid, now.Add(-8*24*time.Hour))             // too long ago
	wallet("KAKAOPAY", "010****007", db.WalletCanceled, now.Add(-time.Hour))                  // then linked again and unlinked:
	wallet("KAKAOPAY", "010****007", db.WalletRevoked, now.Add(-time.Minute))                 // the newest says it, not told
	unlinking := wallet("GCASH", "0917****008", db.WalletRevoking, now.Add(-30*24*time.Hour)) // told however long it lasts

	got, err := e.svc.BuyerWalletsTold(e.ctx, b.ID)
	check(t, err)
	assertEqual(t, len(got.Linked), 1, "linked wallets")
	assertEqual(t, got.Linked[0].ID, linked, "the linked wallet")
	var told []string
	for _, w := range got.Told {
		told = append(told, fmt.Sprint(w.ID, " ", w.Told, " ", w.WalletName, " ", w.UserLoginID))
	}
	want := []string{
		fmt.Sprint(unlinking, " unlinking GCash 0917****008"),
		fmt.Sprint(invalid, " invalid AlipayHK 852****005"),
		fmt.Sprint(cancelled, " cancelled GCash 0917****001"),
	}
	assertEqual(t, fmt.Sprint(told), fmt.Sprint(want), "wallets told, newest first")
	for _, w := range got.Told {
		if w.Told != ToldUnlinking && w.EndedAt.IsZero() {
			t.Errorf("%d: no time it ended", w.ID)
		}
	}
	assertEqual(t, got.Before, true, "had a wallet before")
}

// A buyer who never linked a wallet had none before; one whose only
// wallet they unlinked had one, told by no name.
func TestBuyerWalletsToldBefore(t *testing.T) {
	e := newEnv(t, Options{})
	never := e.buyer("never@example.com")
	got, err := e.svc.BuyerWalletsTold(e.ctx, never.ID)
	check(t, err)
	assertEqual(t, fmt.Sprint(len(got.Linked), len(got.Told), got.Before), "0 0 false", "never linked")

	b := e.buyer("unlinked@example.com")
	id, err := e.db.InsertWallet(e.ctx, db.Wallet{BuyerID: b.ID, Wallet: "GCASH", UserLoginID: "0917****123", AccessTokenSealed: []byte("sealed"),
		AccessTokenHash: "before-1", Status: db.WalletActive, LinkedAt: e.svc.now()})
	check(t, err)
	ok, err := e.db.EndWallet(e.ctx, id, []string{db.WalletActive}, db.WalletRevoked, "revoked", e.svc.now())
	check(t, err)
	assertEqual(t, ok, true, "unlinked")
	got, err = e.svc.BuyerWalletsTold(e.ctx, b.ID)
	check(t, err)
	assertEqual(t, fmt.Sprint(len(got.Linked), len(got.Told), got.Before), "0 0 true", "unlinked")
}

// A wallet staff unlinked (at /admin/wallets) is told by name, "unlinked
// by the shop", with the time it ended, for a week — on My wallets and
// on the page of the attempt that linked it; one its buyer unlinked is
// told by no name, as before (the buyer asked). Who asked is the
// wallet's timeline's "unlink asked by …" (Unlink's actor).
func TestWalletUnlinkedByTheShopIsTold(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("shop-unlinked@example.com")
	linked := func(wallet string) (Link, int64) { return e.linkedOf(b, wallet) }
	byShop, shopWallet := linked("GCASH")
	byBuyer, buyerWallet := linked("DANA")
	check(t, e.svc.Unlink(e.ctx, 0, shopWallet, "staff admin@localhost"))
	check(t, e.svc.Unlink(e.ctx, b.ID, buyerWallet, "buyer "+b.Email))
	e.svc.Wait()
	clock := e.freezeClock()

	told := func() []string {
		t.Helper()
		got, err := e.svc.BuyerWalletsTold(e.ctx, b.ID)
		check(t, err)
		var out []string
		for _, w := range got.Told {
			if w.EndedAt.IsZero() {
				t.Errorf("%d told with no time it ended", w.ID)
			}
			out = append(out, fmt.Sprint(w.ID, " ", w.Told, " ", w.WalletName))
		}
		assertEqual(t, got.Before, true, "had wallets before")
		return out
	}
	assertEqual(t, fmt.Sprint(told()), fmt.Sprint([]string{fmt.Sprint(shopWallet, " unlinked_by_shop GCash")}), "My wallets, just after")
	linkTold := func(l Link) string {
		t.Helper()
		got, err := e.svc.LinkForBuyer(e.ctx, b.ID, l.ID)
		check(t, err)
		return got.Status + " " + string(got.Told)
	}
	assertEqual(t, linkTold(byShop), LinkUnlinked+" unlinked_by_shop", "link page of the wallet staff unlinked")
	assertEqual(t, linkTold(byBuyer), LinkUnlinked+" ", "link page of the wallet the buyer unlinked")

	clock.set(6 * 24 * time.Hour)
	assertEqual(t, len(told()), 1, "told six days later")
	clock.set(8 * 24 * time.Hour)
	assertEqual(t, len(told()), 0, "told no more after a week")
	assertEqual(t, linkTold(byShop), LinkUnlinked+" unlinked_by_shop", "link page, however long ago")
}
