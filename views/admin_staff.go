package views

import "time"

// AdminStaff is the staff page (/admin/staff): the staff accounts, the
// form that adds one and, on the page an add or a new one-time password
// redirects to, once, that password.
type AdminStaff struct {
	AdminPage
	Active  []AdminStaffAccount // in the order they were added
	Removed []AdminStaffAccount // latest removed first
	Email   string              // the add form's email, kept when it was refused
	Errors  map[string]string   // "email"
	// Added and Password: the account just added and its one-time
	// password, on the page the add redirected to, once, and on no other
	// page; "" otherwise.
	Added, Password string
	// Reissued: the account just given a new one-time password (Password),
	// on the page that confirmation redirected to, once; "" otherwise.
	Reissued string
	// AddedAgain: the account just added has the email of a removed one
	// (a new account: the removed one stays listed as removed).
	AddedAgain bool
	// Unlocked: the account just added or given a new one-time password
	// had been locked out by failed sign-ins, which were cleared.
	Unlocked bool
}

// Error returns the message for a field, if any.
func (m AdminStaff) Error(field string) string { return m.Errors[field] }

// AdminStaffAccount is one staff account on the staff page.
type AdminStaffAccount struct {
	ID         int64
	Email      string
	AddedBy    string    // a staff email, "first start", or "" (not recorded)
	Added      time.Time // when
	LastSignin time.Time // zero when none was recorded
	Removed    time.Time // zero while active
	RemovedBy  string
	You        bool // the signed-in staff member's own (not removable, no new one-time password here)
	// SameEmail: another account has this email — for an active account,
	// an earlier one that was removed; for a removed one, an active
	// account added again since (or one removed too: EmailActive false).
	SameEmail   bool
	EmailActive bool // a removed account's email has an active account now
}

// StaffAddedBy says who added an account: a staff email, "first start",
// or "not recorded" for accounts made before this was kept.
func StaffAddedBy(s string) string {
	if s == "" {
		return "not recorded"
	}
	return s
}
