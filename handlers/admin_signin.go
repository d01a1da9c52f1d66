package handlers

import (
	"crypto/rand"
	"errors"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

func (a *App) adminSigninForm(c *gin.Context) {
	if _, ok := staffOf(c); ok {
		c.Redirect(http.StatusSeeOther, "/admin")
		return
	}
	p := a.adminPage(c, "Staff sign in", "")
	switch a.Sessions.PopString(c.Request.Context(), sessionStaffEnded) {
	case staffRemoved:
		p.Note = "Your staff account was removed, so you were signed out. Sign in with another staff account."
	case staffReplaced:
		p.Note = "Your password was replaced (a new one-time password, or a change made elsewhere), so you were signed out. Sign in with the new password."
	}
	a.render(c, http.StatusOK, views.AdminSignInPage(views.AdminSignIn{AdminPage: p, Next: safeAdminNext(c.Query("next"))}))
}

// adminSignin signs staff in with a renewed session id, rate-limited per
// email and address (checkout.SigninMaxFailures per SigninWindow) and per
// address (checkout.StaffSigninPerAddress).
func (a *App) adminSignin(c *gin.Context) {
	email, next := c.PostForm("email"), safeAdminNext(c.PostForm("next"))
	st, err := a.Checkout.StaffSignIn(c.Request.Context(), email, c.PostForm("password"), c.ClientIP())
	var throttled *checkout.ThrottledError
	switch {
	case errors.As(err, &throttled):
		a.adminThrottled(c, throttled.RetryAt, throttled.AnyAccount)
	case errors.Is(err, checkout.ErrBadCredentials):
		a.render(c, http.StatusUnprocessableEntity, views.AdminSignInPage(views.AdminSignIn{
			AdminPage: a.adminPage(c, "Staff sign in", ""), Email: email, Next: next,
			Errors: map[string]string{"": "Wrong email or password."},
		}))
	case err != nil:
		a.serverError(c, err)
	default:
		a.startStaffSession(c, st, next)
	}
}

func (a *App) startStaffSession(c *gin.Context, st checkout.Staff, next string) {
	ctx := c.Request.Context()
	if err := a.renewSession(ctx); err != nil {
		a.serverError(c, err)
		return
	}
	a.Sessions.Put(ctx, sessionStaff, st.ID)
	a.Sessions.Put(ctx, sessionStaffEpoch, st.SessionEpoch)
	a.dropKeptLookups(c) // Antom's answers shown to an earlier sign-in
	a.Sessions.Put(ctx, sessionStaffSignIn, rand.Text())
	a.Sessions.Put(ctx, sessionStaffConfirmKey, rand.Text())
	a.Sessions.Remove(ctx, sessionStaffEnded)
	if st.MustChange {
		next = "/admin/password"
	}
	c.Redirect(http.StatusSeeOther, next)
}

// adminThrottled answers 429 with when to try again; anyAccount: sign-in
// is paused for every account from the address, not only the one tried.
func (a *App) adminThrottled(c *gin.Context, retryAt time.Time, anyAccount bool) {
	wait := retryAt.Sub(a.Now())
	c.Header("Retry-After", strconv.Itoa(int(math.Ceil(max(wait.Seconds(), 1)))))
	a.render(c, http.StatusTooManyRequests, views.AdminThrottledPage(views.AdminThrottled{
		AdminPage: a.adminPage(c, "Too many failed sign-ins", ""), RetryAt: retryAt, Minutes: int(math.Ceil(wait.Minutes())),
		AnyAccount: anyAccount,
	}))
}
