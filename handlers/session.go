package handlers

import (
	"context"
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
	// sessionBuyerSignIn is a random id of this buyer sign-in, kept
	// across renewed session ids: signing out wakes the session's open
	// pages through it (checkout.BuyerSignInSubject, buyerSessionEnd).
	sessionBuyerSignIn = "buyer_signin"
	// sessionLateDecline is the id of the buyer's link attempt whose
	// decline came back from the wallet app after it had ended, for its
	// link page to say so once.
	sessionLateDecline = "late_decline"
	// sessionLinkJustMade: the link attempt a renew kept, made seconds
	// before (checkout.ErrLinkJustMade): its page says so, once.
	sessionLinkJustMade = "link_just_made"
	// sessionLinkRenewRefused: the link attempt whose renew was refused
	// (renewRefused), and sessionLinkRenewAt when (Unix seconds) the
	// buyer's consult limit lets them ask again (none: another press was
	// still starting a link): its page says so, once (linkRenewRefused).
	sessionLinkRenewRefused = "link_renew_refused"
	sessionLinkRenewAt      = "link_renew_at"
	ctxBuyer                = "buyer"
)

// loadBuyer puts the signed-in buyer, if any, into the request context.
// No buyer page may be cached: each shows who is signed in, or this
// browser's orders, and Back after signing out must not show them again.
func (a *App) loadBuyer(c *gin.Context) {
	loadSignedIn(a, c, sessionBuyer, ctxBuyer, a.Checkout.BuyerByID, nil)
}

// loadSignedIn marks the page not to be cached and puts whoever the
// session's sessionKey names (an id byID finds) into the request context
// under ctxKey. A session naming someone no longer there
// (db.ErrNotFound) forgets them, and calls gone (if not nil) with the
// request's context before the request goes on; any other error is a
// 500 and the request stops.
func loadSignedIn[T any](a *App, c *gin.Context, sessionKey, ctxKey string, byID func(context.Context, int64) (T, error), gone func(context.Context)) {
	noStore(c)
	ctx := c.Request.Context()
	if id := a.Sessions.GetInt64(ctx, sessionKey); id != 0 {
		who, err := byID(ctx, id)
		switch {
		case err == nil:
			c.Set(ctxKey, who)
		case errors.Is(err, db.ErrNotFound):
			a.Sessions.Remove(ctx, sessionKey)
			if gone != nil {
				gone(ctx)
			}
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
// which brings them back afterwards: to this page for a GET; for a form
// sent (nothing is done), to the page it was sent from (the Referer's
// path), or, when the browser sent none of ours, to the page the route's
// form lives on — forms holds those by route (full path → form page,
// routes.go's table), so one-click pay comes back to its checkout. A path
// that cannot be kept falls back to checkout.DefaultReturn. A
// confirmation (its address, or a form sent from it) comes back to the
// page its action's form lives on instead: its address was signed with
// the session's key, which signing out ended (confirmationForm). The
// sign-in page says a form sent was not done (signInFirst).
func (a *App) requireBuyer(forms map[string]string) gin.HandlerFunc {
	return func(c *gin.Context) {
		if _, ok := buyerOf(c); ok {
			c.Next()
			return
		}
		next := c.Request.URL.Path
		if form, ok := confirmationForm(c, forms); ok {
			next = form
		} else if c.Request.Method != http.MethodGet {
			next = ""
			if u, err := url.Parse(c.GetHeader("Referer")); err == nil && checkout.IsLocalPath(u.Path) && !strings.HasSuffix(u.Path, confirmSuffix) {
				next = u.Path
			} else if form, ok := forms[c.FullPath()]; ok {
				next = fillParams(c, form)
			}
		}
		a.signInFirst(c, next)
		c.Abort()
	}
}

// withSessions loads each request's session (but sessionless ones') and
// saves it afterwards —
// on PostgreSQL with the buyer it names in the same statement
// (withBuyerRead), on a checkout page (GET /checkout/:ref) with its order
// instead (db.WithCheckoutRead), for checkoutPage to show —
// except for the long-polls (GET /orders/:ref/status and
// /wallets/link/:id/status), which only read it. A long-poll waits up to
// pollWindow; saving the session it loaded when it started (scs saves
// every request's session when IdleTimeout is set) would undo whatever
// the visitor's other requests changed meanwhile, such as a guest's new
// order.
//
// A saved session is written over what its request read (db.WithSessionRead):
// one that changed nothing only moves its expiry, and two tabs' changes
// at once are merged, never one lost (app's commitSession). The response
// sets the session cookie only when the browser needs it (quietCookie):
// a new or renewed token, an expiring cookie (sign-out), or an expiry
// the store really moved on a session still there.
func (a *App) withSessions(next http.Handler) http.Handler {
	saving, reading := a.Sessions.LoadAndSave(next), a.readSessions(next)
	cookie := a.Sessions.Cookie.Name + "="
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if sessionless(r) {
			next.ServeHTTP(w, r)
			return
		}
		hasCookie := strings.Contains(r.Header.Get("Cookie"), cookie)
		ctx := r.Context()
		if hasCookie {
			ctx = a.withBuyerRead(ctx, r.URL.Path)
		}
		if r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/status") {
			reading.ServeHTTP(w, r.WithContext(ctx))
			return
		}
		if ref, ok := checkoutPageRef(r.URL.Path); ok && r.Method == http.MethodGet {
			ctx = db.WithCheckoutRead(ctx, ref)
		}
		if !hasCookie {
			// Without a session cookie, a session is new: nothing to write
			// over, and its cookie is always sent.
			if ctx != r.Context() {
				r = r.WithContext(ctx)
			}
			saving.ServeHTTP(w, r)
			return
		}
		ctx = db.WithSessionRead(ctx)
		q := newQuietCookie(ctx, w, a.Sessions.Cookie.Name)
		saving.ServeHTTP(q, r.WithContext(ctx))
		q.drop() // a response that wrote nothing: scs set the cookie after the handler
	})
}

// sessionless says whether r is served without its session: a static
// file (a browser asks again for each of a page's on every view, which
// would read the session as often), the health check and Antom's
// notifications, which read and write none. Asked with another method,
// their addresses answer a page (405), which reads it.
func sessionless(r *http.Request) bool {
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		return r.URL.Path == "/healthz" || strings.HasPrefix(r.URL.Path, "/static/")
	case http.MethodPost:
		return r.URL.Path == "/antom/notify"
	}
	return false
}

// withBuyerRead is ctx in which the session of a request for path is read
// together with the buyer it names (db.WithSessionBuyer), for loadBuyer:
// on every page but staff's, which read their staff member instead.
func (a *App) withBuyerRead(ctx context.Context, path string) context.Context {
	if isAdminPath(path) {
		return ctx
	}
	return a.DB.WithSessionBuyer(ctx, &buyerInSession)
}

// buyerInSession is sessionBuyer as db.WithSessionBuyer reads it.
var buyerInSession = db.NewSessionBuyer(sessionBuyer)

// readSessions loads each request's session for next, and never saves
// it: whatever next changes in it is dropped.
func (a *App) readSessions(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
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

// renewSession gives the request's session a new token (no fixation),
// keeping its values. The old token's session lasts until the new one is
// committed (db.WithSessionRenewal): a request of the same browser that
// loads it meanwhile (another tab) still finds the browser's session.
func (a *App) renewSession(ctx context.Context) error {
	return a.Sessions.RenewToken(db.WithSessionRenewal(ctx))
}

// confirmationForm is, for a confirmation's GET or a form sent from a
// confirmation's page (its Referer), the page the action's form lives on
// (forms, by the action's route, its parameters filled in): where
// signing in comes back to, since the confirmation's address was signed
// with a key of the session that has ended (confirm_signed.go).
func confirmationForm(c *gin.Context, forms map[string]string) (string, bool) {
	route := c.FullPath()
	if c.Request.Method == http.MethodGet {
		if !strings.HasSuffix(route, confirmSuffix) {
			return "", false
		}
		route = strings.TrimSuffix(route, confirmSuffix)
	} else if u, err := url.Parse(c.GetHeader("Referer")); err != nil || !strings.HasSuffix(u.Path, confirmSuffix) {
		return "", false
	}
	form, ok := forms[route]
	if !ok {
		return "", false
	}
	return fillParams(c, form), true
}
