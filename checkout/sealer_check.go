package checkout

import (
	"context"
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

// CheckTokenKey opens the newest sealed value stored (an access token, a
// card token or a notification body) with the configured key, so that a
// start with the wrong TOKEN_ENCRYPTION_KEY stops at once instead of
// failing every payment later. Nothing stored yet: nil. The error never
// carries the value.
func (s *Service) CheckTokenKey(ctx context.Context) error {
	sample, found, err := s.db.NewestSealed(ctx)
	if err != nil || !found {
		return err
	}
	if _, err := s.sealer.Open(sample.Sealed, sealPurposes[sample.Kind]); err != nil {
		return fmt.Errorf("the newest stored %s does not open with this key: %w", sample.Kind, err)
	}
	return nil
}
