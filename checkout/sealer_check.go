package checkout

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"antom-checkout/db"
)

// sealPurposes maps what db.NewestSealed found to the purpose it was
// sealed for.
var sealPurposes = map[string]string{
	db.SealedAccessToken:  sealPurposeAccessToken,
	db.SealedCardToken:    sealPurposeCardToken,
	db.SealedNotification: sealPurposeNotification,
}

// The token key's check (db.KeepKeyCheck): keyCheckPlain sealed for
// sealPurposeKeyCheck, kept under keyCheckName.
const (
	keyCheckName        = "token encryption key"
	keyCheckPlain       = "antom-checkout token encryption key check v1"
	sealPurposeKeyCheck = "key-check"
)

// CheckTokenKey stops a start whose TOKEN_ENCRYPTION_KEY is not the one
// the database's tokens are sealed with, so that it stops at once
// instead of failing every payment with a kept wallet or card later. It
// opens the newest sealed value stored (an access token, a card token or
// a notification body), then the key check the database keeps: the first
// start to find none seals a constant and keeps it, every later start of
// every instance must open the one kept — so that two instances given
// different keys cannot both run on one database before any token is
// stored, nor after an upgrade (the first start after it, its key opening
// the stored tokens, keeps the check). The error never carries a value.
func (s *Service) CheckTokenKey(ctx context.Context) error {
	sample, found, err := s.db.NewestSealed(ctx)
	if err != nil {
		return err
	}
	if found {
		if _, err := s.sealer.Open(sample.Sealed, sealPurposes[sample.Kind]); err != nil {
			return fmt.Errorf("the newest stored %s does not open with this key: %w", sample.Kind, err)
		}
	}
	kept, err := s.db.KeepKeyCheck(ctx, keyCheckName, s.sealer.Seal([]byte(keyCheckPlain), sealPurposeKeyCheck), s.now())
	if err != nil {
		return err
	}
	plain, err := s.sealer.Open(kept, sealPurposeKeyCheck)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrOtherTokenKey, err)
	}
	if !bytes.Equal(plain, []byte(keyCheckPlain)) {
		return fmt.Errorf("%w: %w", ErrOtherTokenKey, ErrUnseal)
	}
	return nil
}

// ErrOtherTokenKey means the database's key check, kept by the first
// start on it, does not open with this key: another instance, or an
// earlier start, used another TOKEN_ENCRYPTION_KEY. It comes with
// ErrUnseal.
var ErrOtherTokenKey = errors.New("checkout: the key check kept by the first start on this database does not open with this key")
