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

func (a *App) signout(c *gin.Context) {
	if err := a.Sessions.Destroy(c.Request.Context()); err != nil {
		a.serverError(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/")
}
