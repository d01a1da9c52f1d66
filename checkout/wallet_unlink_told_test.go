package checkout

import (
	"errors"
	"testing"

	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
)

// An unlink Antom has not confirmed (it answered unknown) is under way
// for its asker (UnlinkUnderWay) and for the page of the attempt that
// linked the wallet (Link.Told: ToldUnlinking), as the wallets box tells
// it; once Antom confirmed a revoke the wallet is unlinked (told
// nothing), and a wallet cancelled in the wallet app or no longer valid
// is told so on its link page too — by walletTelling's one rule. Another
// buyer's wallet is ErrNotFound.
func TestUnlinkOutcomeAndLinkPageTellWhatBecameOfTheWallet(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("unlink-told@example.com")
	linked := func(wallet string) (Link, int64) { return e.linkedOf(b, wallet) }
	told := func(l Link) [2]string {
		t.Helper()
		got, err := e.svc.LinkForBuyer(e.ctx, b.ID, l.ID)
		check(t, err)
		return [2]string{got.Status, string(got.Told)}
	}

	l, wallet := linked("GCASH")
	e.sb.Faults().SetAPI("authorizations/revoke", sandbox.APIFault{UnknownNext: 1})
	check(t, e.svc.Unlink(e.ctx, b.ID, wallet, "buyer "+b.Email))
	e.svc.Wait()
	underWay, err := e.svc.UnlinkUnderWay(e.ctx, b.ID, wallet)
	check(t, err)
	assertEqual(t, underWay, true, "unlink under way, Antom's answer unknown")
	assertEqual(t, told(l), [2]string{LinkUnlinked, string(ToldUnlinking)}, "link page while the unlink is under way")
	if _, err := e.svc.UnlinkUnderWay(e.ctx, e.buyer("other-told@example.com").ID, wallet); !errors.Is(err, ErrNotFound) {
		t.Fatalf("another buyer's wallet: %v", err)
	}
	if _, err := e.svc.UnlinkUnderWay(e.ctx, b.ID, 999999); !errors.Is(err, ErrNotFound) {
		t.Fatalf("a missing wallet: %v", err)
	}

	l, wallet = linked("DANA")
	check(t, e.svc.Unlink(e.ctx, b.ID, wallet, "buyer "+b.Email))
	e.svc.Wait()
	underWay, err = e.svc.UnlinkUnderWay(e.ctx, b.ID, wallet)
	check(t, err)
	assertEqual(t, underWay, false, "unlink confirmed by Antom")
	assertEqual(t, told(l), [2]string{LinkUnlinked, ""}, "link page once unlinked")

	for status, want := range map[string]WalletTold{db.WalletCanceled: ToldCancelled, db.WalletInvalid: ToldInvalid} {
		l, wallet = linked("KAKAOPAY")
		if ok, err := e.db.EndWallet(e.ctx, wallet, []string{db.WalletActive}, status, "ended", e.svc.now()); err != nil || !ok {
			t.Fatalf("end %s: %v %v", status, ok, err)
		}
		assertEqual(t, told(l), [2]string{LinkUnlinked, string(want)}, "link page once "+status)
		underWay, err = e.svc.UnlinkUnderWay(e.ctx, b.ID, wallet)
		check(t, err)
		assertEqual(t, underWay, false, "unlink under way once "+status)
	}
}

// linkedOf links a wallet of brand wallet for b (a test user of it) and
// returns the link and the wallet's id.
func (e *env) linkedOf(b Buyer, wallet string) (Link, int64) {
	e.t.Helper()
	l := e.startLink(b, wallet)
	check(e.t, e.sb.Authorize(e.ctx, l.CodeValue, user(e.t, wallet)))
	e.waitLink(b, l.ID, db.LinkLinked)
	e.svc.Wait()
	ws, err := e.db.BuyerWallets(e.ctx, b.ID, db.WalletActive)
	check(e.t, err)
	for _, w := range ws {
		if w.Wallet == wallet {
			return l, w.ID
		}
	}
	e.t.Fatalf("no %s wallet linked", wallet)
	return Link{}, 0
}
