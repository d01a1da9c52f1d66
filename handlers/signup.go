package handlers

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/lang"
	"antom-checkout/views"
)

func (a *App) signupForm(c *gin.Context) {
	a.render(c, http.StatusOK, views.SignUpPage(views.AuthForm{
		Page: a.page(c, "auth.signup_title", "signup"), Next: checkout.SafeReturn(c.Query("next")),
	}))
}

func (a *App) signup(c *gin.Context) {
	email, next := c.PostForm("email"), checkout.SafeReturn(c.PostForm("next"))
	b, err := a.Checkout.SignUp(c.Request.Context(), email, c.PostForm("password"), c.ClientIP())
	var throttled *checkout.ThrottledError
	if errors.As(err, &throttled) {
		when := a.setRetryAfter(c, throttled.RetryAt)
		a.render(c, http.StatusTooManyRequests, views.SignUpPage(views.AuthForm{
			Page: a.page(c, "auth.signup_title", "signup"), Email: email, Next: next,
			Errors: map[string]string{"": say(c, "auth.signup_throttled", lang.Args{"When": when})},
		}))
		return
	}
	var input *checkout.InputError
	if errors.As(err, &input) {
		a.render(c, http.StatusUnprocessableEntity, views.SignUpPage(views.AuthForm{
			Page: a.page(c, "auth.signup_title", "signup"), Email: email, Next: next, Errors: fieldWords(c, input),
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
	a.flash(c, "auth.welcome")
	c.Redirect(http.StatusSeeOther, next)
}

// startSession signs a buyer in with a fresh session id (no fixation),
// and hands them the orders this browser made as a guest.
func (a *App) startSession(c *gin.Context, b checkout.Buyer) error {
	ctx := c.Request.Context()
	if err := a.Sessions.RenewToken(ctx); err != nil {
		return err
	}
	a.Sessions.Put(ctx, sessionBuyer, b.ID)
	a.claimGuestOrders(c, b.ID)
	return nil
}

// fieldWords says a buyer's InputError (message IDs by field) in the
// page's language.
func fieldWords(c *gin.Context, e *checkout.InputError) map[string]string {
	out := make(map[string]string, len(e.Fields))
	for field, id := range e.Fields {
		out[field] = say(c, id, e.Args[field])
	}
	return out
}
