package checkout

import (
	"fmt"
	"testing"
	"time"

	"antom-checkout/db"
)

// BuyerWalletsTold tells, beside the linked wallets, the ones the wallet
// side cancelled in the last week whose account is not linked again —
// once per account, the newest — and not a wallet the buyer or staff
// unlinked, nor one cancelled longer ago.
func TestBuyerWalletsToldCancelledLately(t *testing.T) {
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
		if status != db.WalletActive {
			ok, err := e.db.EndWallet(e.ctx, id, []string{db.WalletActive}, status, "test", ended)
			check(t, err)
			assertEqual(t, ok, true, "ended")
		}
		return id
	}
	wallet("GCASH", "0917****001", db.WalletCanceled, now.Add(-2*time.Hour))       // older, same account
	told := wallet("GCASH", "0917****001", db.WalletCanceled, now.Add(-time.Hour)) // told
	wallet("DANA", "0812****002", db.WalletCanceled, now.Add(-time.Hour))          // linked again below
	linked := wallet("DANA", "0812****002", db.WalletActive, time.Time{})
	wallet("GCASH", "0917****003", db.WalletRevoked, now.Add(-time.Hour))     // unlinked here
	wallet("TNG", "0123****004", db.WalletCanceled, now.Add(-8*24*time.Hour)) // too long ago

	ls, cs, err := e.svc.BuyerWalletsTold(e.ctx, b.ID)
	check(t, err)
	assertEqual(t, len(ls), 1, "linked wallets")
	assertEqual(t, ls[0].ID, linked, "the linked wallet")
	assertEqual(t, len(cs), 1, "cancelled wallets told")
	assertEqual(t, cs[0].ID, told, "the cancelled wallet told")
	assertEqual(t, cs[0].WalletName+" "+cs[0].UserLoginID, "GCash 0917****001", "its name")
	if cs[0].EndedAt.IsZero() {
		t.Error("no time it was cancelled")
	}
}
