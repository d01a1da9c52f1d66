package app

import (
	"context"
	"crypto/rsa"
	"errors"
	"fmt"

	"antom-checkout/checkout"
)

// minKeyBits is the smallest RSA key accepted: Antom's keys are RSA-2048
// (API.md §3.2).
const minKeyBits = 2048

// checkKeys catches the key mistakes that otherwise cost an afternoon of
// "signature does not verify": keys shorter than RSA-2048, Antom's public
// key set to the merchant's own, and a merchant public key (the one
// uploaded to Antom Dashboard, when given) that is not the private key's
// half. Errors name the setting and never quote a key.
func checkKeys(private *rsa.PrivateKey, antomPublic, merchantPublic *rsa.PublicKey) error {
	if n := private.N.BitLen(); n < minKeyBits {
		return &settingError{"ANTOM_PRIVATE_KEY", fmt.Sprintf("is RSA-%d; Antom needs RSA-%d or larger (make one with `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048`)", n, minKeyBits)}
	}
	if n := antomPublic.N.BitLen(); n < minKeyBits {
		return &settingError{"ANTOM_PUBLIC_KEY", fmt.Sprintf("is RSA-%d; Antom's public keys are RSA-%d or larger: copy it again from Antom Dashboard", n, minKeyBits)}
	}
	if antomPublic.Equal(&private.PublicKey) {
		return &settingError{"ANTOM_PUBLIC_KEY", "is your own public key (the half of ANTOM_PRIVATE_KEY), not Antom's: copy Antom's public key from Antom Dashboard (Developer → Quick start → Integration resources)"}
	}
	if merchantPublic == nil {
		return nil
	}
	if !merchantPublic.Equal(&private.PublicKey) {
		return &settingError{"ANTOM_MERCHANT_PUBLIC_KEY", "does not match ANTOM_PRIVATE_KEY: upload the public half of ANTOM_PRIVATE_KEY to Antom Dashboard, or set the private key that goes with it"}
	}
	return nil
}

// checkTokenKey stops the start when TOKEN_ENCRYPTION_KEY cannot open the
// tokens already stored, or the key check the first start on the
// database kept (an instance given another key than the others, before
// any token is stored): every payment with a kept wallet or card would
// fail later, one by one, on one instance or the other.
func (a *App) checkTokenKey(ctx context.Context) error {
	err := a.checkout.CheckTokenKey(ctx)
	if errors.Is(err, checkout.ErrOtherTokenKey) {
		return &settingError{"TOKEN_ENCRYPTION_KEY", "is not the key " + a.cfg.storeName() + " was first started with (its key check, " +
			"kept by that start, does not open with it): every instance on one database must start with the same TOKEN_ENCRYPTION_KEY; " +
			"start with the key the others use"}
	}
	if errors.Is(err, checkout.ErrUnseal) {
		return &settingError{"TOKEN_ENCRYPTION_KEY", "cannot open the tokens already stored in " + a.cfg.storeName() + " (" + err.Error() +
			"); start with the key they were sealed with"}
	}
	return err
}
