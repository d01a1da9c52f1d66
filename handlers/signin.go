package handlers

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/lang"
	"antom-checkout/views"
)

func (a *App) signinForm(c *gin.Context) {
	a.render(c, http.StatusOK, views.SignInPage(views.AuthForm{
		Page: a.page(c, "auth.signin_title", "signin"), Next: checkout.SafeReturn(c.Query("next")),
	}))
}

func (a *App) signin(c *gin.Context) {
	email, next := c.PostForm("email"), checkout.SafeReturn(c.PostForm("next"))
	if blank := checkout.SignInBlanks(email, c.PostForm("password")); blank != nil {
		a.render(c, http.StatusUnprocessableEntity, views.SignInPage(views.AuthForm{
			Page: a.page(c, "auth.signin_title", "signin"), Email: email, Next: next, Errors: fieldWords(c, blank),
		}))
		return
	}
	b, err := a.Checkout.SignIn(c.Request.Context(), email, c.PostForm("password"), c.ClientIP())
	var throttled *checkout.ThrottledError
	if errors.As(err, &throttled) {
		when := a.setRetryAfter(c, throttled.RetryAt)
		a.render(c, http.StatusTooManyRequests, views.SignInPage(views.AuthForm{
			Page: a.page(c, "auth.signin_title", "signin"), Email: email, Next: next,
			Errors: map[string]string{"": say(c, "auth.throttled", lang.Args{"When": when})},
		}))
		return
	}
	if errors.Is(err, checkout.ErrBadCredentials) {
		a.render(c, http.StatusUnprocessableEntity, views.SignInPage(views.AuthForm{
			Page: a.page(c, "auth.signin_title", "signin"), Email: email, Next: next,
			Errors: map[string]string{"": say(c, "auth.wrong")},
		}))
		return
	}
	if err != nil {
		a.serverError(c, err)
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
