package handlers

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/db"
)

const (
	sessionBuyer = "buyer_id"
	sessionFlash = "flash"
	ctxBuyer     = "buyer"
)

// loadBuyer puts the signed-in buyer, if any, into the request context.
func (a *App) loadBuyer(c *gin.Context) {
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
