package handlers

import (
	"time"

	"github.com/gin-gonic/gin"

	"antom-checkout/views"
)

// staffNewPassword is a one-time password just made for a staff account —
// added (adminStaffAdd) or given a new one (adminStaffReissue) — on its
// way to the staff page that shows it once. It is kept in the session as
// a notice of its own (notice.Staff) from the action's POST to the GET
// its redirect makes, which takes it (takeStaffPassword); a sign-out
// drops it untaken (dropStaffPasswords), as noticeLife does. It is
// never logged: the request log line has the path without its query,
// and the query names only the notice's token.
type staffNewPassword struct {
	Email      string `json:"email"`
	Password   string `json:"password"`
	Reissued   bool   `json:"reissued,omitempty"`    // a new password for an account that had one; else a new account
	AddedAgain bool   `json:"added_again,omitempty"` // a new account with a removed one's email
	Unlocked   bool   `json:"unlocked,omitempty"`    // its failed sign-ins, which had locked it out, were cleared
}

// staffPasswordTo leaves p for the staff page and redirects there (303),
// Post/Redirect/Get: Reload of that page shows it as it is, without the
// password, and never sends the form again.
func (a *App) staffPasswordTo(c *gin.Context, p staffNewPassword) {
	a.noticeTo(c, staffPage, notice{Staff: &p})
}

// takeStaffPassword removes and returns the one-time password left for
// the page being shown (its own address's ?notice=, staffPasswordTo),
// or the zero staffNewPassword when none is: shown once.
func (a *App) takeStaffPassword(c *gin.Context) staffNewPassword {
	var p staffNewPassword
	here, oldest := noticePage(c.Request.URL.RequestURI()), time.Now().Add(-noticeLife)
	for _, n := range a.notices(c) {
		if n.Staff == nil || n.For != here {
			continue
		}
		if !n.At.Before(oldest) {
			p = *n.Staff
		}
		a.Sessions.Remove(c.Request.Context(), n.key)
	}
	return p
}

// dropStaffPasswords removes every one-time password left in the
// session and not shown yet (a redirect never followed), at sign-out:
// whoever signs in next in this browser never sees it.
func (a *App) dropStaffPasswords(c *gin.Context) {
	for _, n := range a.notices(c) {
		if n.Staff != nil {
			a.Sessions.Remove(c.Request.Context(), n.key)
		}
	}
}

// staffPasswordShown is the staff page's model of p: the account and
// its password, or nothing for the zero p.
func staffPasswordShown(p staffNewPassword) views.AdminStaff {
	if p.Reissued {
		return views.AdminStaff{Reissued: p.Email, Password: p.Password, Unlocked: p.Unlocked}
	}
	return views.AdminStaff{Added: p.Email, Password: p.Password, AddedAgain: p.AddedAgain, Unlocked: p.Unlocked}
}
