package handlers

import (
	"errors"
	"net/http"
	"strings"

	"github.com/a-h/templ"
	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/lang"
	"antom-checkout/views"
)

// authPage is the buyer's sign-in or sign-up page: its title and menu
// entry, the message that says it is throttled, the one that says why
// when it leads to an order's page ("" for none), and its view.
type authPage struct {
	title, nav, throttled, orderLead string // message IDs but nav
	view                             func(views.AuthForm) templ.Component
}

var (
	signinPage = authPage{"auth.signin_title", "signin", "auth.throttled", "auth.signin_order", views.SignInPage}
	signupPage = authPage{"auth.signup_title", "signup", "auth.signup_throttled", "", views.SignUpPage}
)

// authForm shows a fresh sign-in or sign-up form, which goes on to
// ?next= (a path of ours) once it is done.
func (a *App) authForm(p authPage) gin.HandlerFunc {
	return func(c *gin.Context) {
		a.renderAuth(c, p, http.StatusOK, "", checkout.SafeReturn(c.Query("next")), nil)
	}
}

// renderAuth renders an auth page: its form with what was sent (email,
// next) and the errors by field ("" for the whole form; nil for a fresh
// form). A buyer already signed in is not told why to sign in ("Sign in
// to see this order."): their signed-in box offers the way on to next
// instead (signedInOnward).
func (a *App) renderAuth(c *gin.Context, p authPage, status int, email, next string, errs map[string]string) {
	f := views.AuthForm{Page: a.page(c, p.title, p.nav), Email: email, Next: next, Errors: errs}
	switch onward, words := signedInOnward(next); {
	case f.BuyerEmail != "" && onward != "":
		f.Onward, f.OnwardWords = onward, say(c, words)
	case f.BuyerEmail == "" && p.orderLead != "" && isOrderPage(next):
		f.Lead = say(c, p.orderLead)
	}
	a.render(c, status, p.view(f))
}

// isOrderPage reports whether path (a return address) is one order's
// page: "/orders/<ref>…" or "/checkout/<ref>…", whatever the ref — it is
// not looked up, so the sign-in page says the same of any ref and tells
// nobody which exist. My orders ("/orders") is not one order's.
func isOrderPage(path string) bool {
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path = path[:i]
	}
	for _, prefix := range []string{"/orders/", "/checkout/"} {
		if ref, ok := strings.CutPrefix(path, prefix); ok && ref != "" && !strings.HasPrefix(ref, "/") {
			return true
		}
	}
	return false
}

// authFailed answers a sign-in or sign-up that err refused: throttled
// (429 with Retry-After), a form the buyer can correct (422), or else
// 500. It reports false when err is nil: nothing to answer.
func (a *App) authFailed(c *gin.Context, p authPage, email, next string, err error) bool {
	var throttled *checkout.ThrottledError
	var input *checkout.InputError
	switch {
	case err == nil:
		return false
	case errors.As(err, &throttled):
		when := a.setRetryAfter(c, throttled.RetryAt)
		a.renderAuth(c, p, http.StatusTooManyRequests, email, next, map[string]string{"": say(c, p.throttled, lang.Args{"When": when})})
	case errors.As(err, &input):
		a.renderAuth(c, p, http.StatusUnprocessableEntity, email, next, fieldWords(c, input))
	case errors.Is(err, checkout.ErrBadCredentials):
		a.renderAuth(c, p, http.StatusUnprocessableEntity, email, next, map[string]string{"": say(c, "auth.wrong")})
	default:
		a.serverError(c, err)
	}
	return true
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
