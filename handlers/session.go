package handlers

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/db"
)

const (
	sessionBuyer = "buyer_id"
	sessionFlash = "flash"
	// sessionFlashProblem is a one-time notice of bad news for the next
	// admin page, shown as a problem (red), not as a success.
	sessionFlashProblem = "flash_problem"
	// sessionLateDecline is the id of the buyer's link attempt whose
	// decline came back from the wallet app after it had ended, for its
	// link page to say so once.
	sessionLateDecline = "late_decline"
	ctxBuyer           = "buyer"
)

// loadBuyer puts the signed-in buyer, if any, into the request context.
// No buyer page may be cached: each shows who is signed in, or this
// browser's orders, and Back after signing out must not show them again.
func (a *App) loadBuyer(c *gin.Context) {
	noStore(c)
	ctx := c.Request.Context()
	if id := a.Sessions.GetInt64(ctx, sessionBuyer); id != 0 {
		b, err := a.Checkout.BuyerByID(ctx, id)
		switch {
		case err == nil:
			c.Set(ctxBuyer, b)
		case errors.Is(err, db.ErrNotFound):
			a.Sessions.Remove(ctx, sessionBuyer)
		default:
			a.serverError(c, err)
			c.Abort()
			return
		}
	}
	c.Next()
}

// buyerOf returns the signed-in buyer.
func buyerOf(c *gin.Context) (checkout.Buyer, bool) {
	b, ok := c.Get(ctxBuyer)
	if !ok {
		return checkout.Buyer{}, false
	}
	buyer, ok := b.(checkout.Buyer)
	return buyer, ok
}

// requireBuyer sends visitors who are not signed in to the sign-in page,
// which brings them back here afterwards.
func (a *App) requireBuyer(c *gin.Context) {
	if _, ok := buyerOf(c); ok {
		c.Next()
		return
	}
	next := c.Request.URL.Path
	if c.Request.Method != http.MethodGet {
		next = c.GetHeader("Referer")
		if u, err := url.Parse(next); err == nil {
			next = u.Path
		}
	}
	c.Redirect(http.StatusSeeOther, "/signin?next="+url.QueryEscape(checkout.SafeReturn(next)))
	c.Abort()
}

// flash leaves a one-time notice for the next page.
func (a *App) flash(c *gin.Context, msg string) {
	a.Sessions.Put(c.Request.Context(), sessionFlash, msg)
}

// flashProblem leaves a one-time notice of bad news (Antom refused what
// staff asked) for the next admin page, which shows it as a problem.
func (a *App) flashProblem(c *gin.Context, msg string) {
	a.Sessions.Put(c.Request.Context(), sessionFlashProblem, msg)
}

// withSessions loads each request's session and saves it afterwards —
// on a checkout page (GET /checkout/:ref) reading its order in the same
// statement (db.WithCheckoutRead), for checkoutPage to show —
// except for the long-polls (GET /orders/:ref/status and
// /wallets/link/:id/status), which only read it. A long-poll waits up to
// pollWindow; saving the session it loaded when it started (scs saves
// every request's session when IdleTimeout is set) would undo whatever
// the visitor's other requests changed meanwhile, such as a guest's new
// order.
func (a *App) withSessions(next http.Handler) http.Handler {
	saving := a.Sessions.LoadAndSave(next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet {
			saving.ServeHTTP(w, r)
			return
		}
		if ref, ok := checkoutPageRef(r.URL.Path); ok {
			saving.ServeHTTP(w, r.WithContext(db.WithCheckoutRead(r.Context(), ref)))
			return
		}
		if !strings.HasSuffix(r.URL.Path, "/status") {
			saving.ServeHTTP(w, r)
			return
		}
		var token string
		if c, err := r.Cookie(a.Sessions.Cookie.Name); err == nil {
			token = c.Value
		}
		ctx, err := a.Sessions.Load(r.Context(), token)
		if err != nil {
			a.Sessions.ErrorFunc(w, r, err)
			return
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// checkoutPageRef is the order ref of a checkout page's path
// (/checkout/:ref, the route checkoutPage serves).
func checkoutPageRef(path string) (string, bool) {
	ref, ok := strings.CutPrefix(path, "/checkout/")
	return ref, ok && ref != "" && !strings.Contains(ref, "/")
}
