package checkout

import (
	"errors"
	"testing"
	"time"

	"antom-checkout/db"
)

// The newest stored access token opens with the key it was sealed with
// and with no other.
func TestCheckTokenKeyOpensTheNewestStoredToken(t *testing.T) {
	e := newEnv(t, Options{})
	check(t, e.svc.CheckTokenKey(e.ctx)) // nothing stored yet
	b := e.buyer("sealed@example.com")
	_, err := e.db.InsertWallet(e.ctx, db.Wallet{
		BuyerID: b.ID, Wallet: "GCASH", UserLoginID: "0917****123", Status: db.WalletActive, LinkedAt: time.Now(),
		AccessTokenSealed: e.sealer.Seal([]byte("access-token-1"), sealPurposeAccessToken), AccessTokenHash: "h1",
	})
	check(t, err)
	check(t, e.svc.CheckTokenKey(e.ctx))

	other, err := NewSealer([]byte("fedcba9876543210fedcba9876543210"))
	check(t, err)
	wrong := NewService(Deps{DB: e.db, Sealer: other})
	if err := wrong.CheckTokenKey(e.ctx); !errors.Is(err, ErrUnseal) {
		t.Fatalf("another key: %v, want ErrUnseal", err)
	}
}

// Before any token is stored, the first check keeps a sealed constant:
// a start with another key (another instance given another
// TOKEN_ENCRYPTION_KEY) is refused, the first key still starts.
func TestCheckTokenKeyRefusesAnotherKeyBeforeAnyToken(t *testing.T) {
	e := newEnv(t, Options{})
	check(t, e.svc.CheckTokenKey(e.ctx))
	other, err := NewSealer([]byte("fedcba9876543210fedcba9876543210"))
	check(t, err)
	wrong := NewService(Deps{DB: e.db, Sealer: other})
	err = wrong.CheckTokenKey(e.ctx)
	if !errors.Is(err, ErrOtherTokenKey) || !errors.Is(err, ErrUnseal) {
		t.Fatalf("another key on a database with no token: %v, want ErrOtherTokenKey", err)
	}
	check(t, e.svc.CheckTokenKey(e.ctx))
}

// A database upgraded with tokens and no key check: the first start
// whose key opens the tokens keeps the check, sealed with that key.
func TestCheckTokenKeyKeepsTheCheckAfterAnUpgrade(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("upgraded@example.com")
	_, err := e.db.InsertWallet(e.ctx, db.Wallet{
		BuyerID: b.ID, Wallet: "GCASH", UserLoginID: "0917****123", Status: db.WalletActive, LinkedAt: time.Now(),
		AccessTokenSealed: e.sealer.Seal([]byte("access-token-1"), sealPurposeAccessToken), AccessTokenHash: "h1",
	})
	check(t, err)
	check(t, e.svc.CheckTokenKey(e.ctx))
	kept, err := e.db.KeepKeyCheck(e.ctx, keyCheckName, []byte("not this one"), time.Now())
	check(t, err)
	plain, err := e.sealer.Open(kept, sealPurposeKeyCheck)
	check(t, err)
	if string(plain) != keyCheckPlain {
		t.Fatalf("kept check opens to %q", plain)
	}
}
