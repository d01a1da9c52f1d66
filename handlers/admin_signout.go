package handlers

import (
	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
)

// adminSignout ends the staff session only: a buyer signed in on the same
// browser stays signed in. The session id is renewed all the same. Once
// the session is saved, the session's open staff pages (other tabs, on
// any instance) are told, and say they are signed out at once.
func (a *App) adminSignout(c *gin.Context) {
	ctx := c.Request.Context()
	signIn := a.Sessions.GetString(ctx, sessionStaffSignIn)
	a.Sessions.Remove(ctx, sessionStaff)
	a.Sessions.Remove(ctx, sessionStaffEpoch)
	a.Sessions.Remove(ctx, sessionStaffSignIn)
	a.Sessions.Remove(ctx, sessionStaffConfirmKey)
	a.dropKeptLookups(c) // Antom's answers shown to this sign-in
	a.dropStaffPasswords(c)
	if err := a.renewSession(ctx); err != nil {
		a.serverError(c, err)
		return
	}
	a.flashTo(c, "/admin/signin", "Signed out of the admin.")
	if signIn != "" {
		a.publishOnceSaved(c, checkout.StaffSignInSubject(signIn))
	}
}
