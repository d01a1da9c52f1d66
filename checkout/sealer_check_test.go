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
