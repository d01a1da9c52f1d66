package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
)

func (a *App) signin(c *gin.Context) {
	email, next := c.PostForm("email"), checkout.SafeReturn(c.PostForm("next"))
	if blank := checkout.SignInBlanks(email, c.PostForm("password")); blank != nil {
		a.authFailed(c, signinPage, email, next, blank)
		return
	}
	b, err := a.Checkout.SignIn(c.Request.Context(), email, c.PostForm("password"), c.ClientIP())
	if a.authFailed(c, signinPage, email, next, err) {
		return
	}
	if err := a.startSession(c, b); err != nil {
		a.serverError(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, next)
}

// signout ends the buyer's side of the session: everything it held is
// dropped, under a new token, except a staff member signed in to the
// admin in the same browser (sessionStaff, sessionStaffEpoch,
// sessionStaffSignIn, sessionStaffConfirmKey, and the refund lookups'
// answers kept for that sign-in), who stays signed in — as the admin's sign-out
// leaves the buyer signed in. Once the session is saved, the sign-in's
// open pages (other tabs, on any instance) are told, and say they are
// signed out at once (buyerSessionEnd).
func (a *App) signout(c *gin.Context) {
	ctx := c.Request.Context()
	signIn := a.Sessions.GetString(ctx, sessionBuyerSignIn)
	staff, epoch := a.Sessions.GetInt64(ctx, sessionStaff), a.Sessions.GetInt64(ctx, sessionStaffEpoch)
	staffSignIn := a.Sessions.GetString(ctx, sessionStaffSignIn)
	staffConfirmKey := a.Sessions.GetString(ctx, sessionStaffConfirmKey)
	kept := a.keptLookupValues(c)
	if err := a.Sessions.Destroy(ctx); err != nil {
		a.serverError(c, err)
		return
	}
	if staff != 0 {
		a.Sessions.Put(ctx, sessionStaff, staff)
		a.Sessions.Put(ctx, sessionStaffEpoch, epoch)
		if staffSignIn != "" {
			a.Sessions.Put(ctx, sessionStaffSignIn, staffSignIn)
		}
		if staffConfirmKey != "" {
			a.Sessions.Put(ctx, sessionStaffConfirmKey, staffConfirmKey)
		}
		for k, v := range kept {
			a.Sessions.Put(ctx, k, v)
		}
	}
	c.Redirect(http.StatusSeeOther, "/")
	if signIn != "" {
		a.publishOnceSaved(c, checkout.BuyerSignInSubject(signIn))
	}
}
