package handlers

import (
	"crypto/rand"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
)

func (a *App) signup(c *gin.Context) {
	email, next := c.PostForm("email"), checkout.SafeReturn(c.PostForm("next"))
	b, err := a.Checkout.SignUp(c.Request.Context(), email, c.PostForm("password"), c.ClientIP())
	if a.authFailed(c, signupPage, email, next, err) {
		return
	}
	if err := a.startSession(c, b); err != nil {
		a.serverError(c, err)
		return
	}
	a.flashTo(c, next, "auth.welcome")
}

// startSession signs a buyer in with a fresh session id (no fixation)
// and a new sign-in id (sessionBuyerSignIn), and hands them the orders
// this browser made as a guest. Their account's language is read while
// they are signed in (accountLanguage), never written into this
// browser's cookie: signed out, a shared browser speaks its own again.
func (a *App) startSession(c *gin.Context, b checkout.Buyer) error {
	ctx := c.Request.Context()
	if err := a.renewSession(ctx); err != nil {
		return err
	}
	a.Sessions.Put(ctx, sessionBuyer, b.ID)
	a.Sessions.Put(ctx, sessionBuyerSignIn, rand.Text())
	a.Sessions.Put(ctx, sessionBuyerConfirmKey, rand.Text())
	a.claimGuestOrders(c, b.ID)
	return nil
}
