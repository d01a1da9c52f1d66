package checkout

import (
	"context"

	"antom-checkout/db"
)

// StaffAccount is a staff account as the staff page lists it: who added
// it and when, its latest sign-in if known, and who removed it when.
type StaffAccount = db.StaffAccount

// StaffAccounts lists every staff account, active first (in the order
// they were added), then removed ones (latest first).
func (s *Service) StaffAccounts(ctx context.Context) ([]StaffAccount, error) {
	return s.db.StaffAccounts(ctx)
}
