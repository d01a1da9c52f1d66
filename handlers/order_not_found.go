package handlers

import (
	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
)

// orderNotFound answers a visitor who may not see order ref's page. A
// signed-out visitor is sent to sign in and brought back to this very
// path: the order may be their account's (its owner signed out, or back
// from Antom's card page in another browser). Every ref a signed-out
// visitor may not see is answered so — an account's order, another
// browser's guest order, a ref that does not exist — so nobody learns
// from it which refs exist or whose they are (nothing is read to decide).
// A signed-in buyer gets 404: once signed in, any order they may not see
// is simply not there for them. An address whose ref no order can have
// never gets here (possibleRef).
func (a *App) orderNotFound(c *gin.Context) {
	a.orderNotFoundAt(c, c.Request.URL.Path)
}

// orderNotFoundAt is orderNotFound for a form posted to an order (the
// card form, "check again", "pay another way"): a signed-out visitor
// comes back to page, the form's page, after signing in, and the sign-in
// page says the form was not done (signInFirst).
func (a *App) orderNotFoundAt(c *gin.Context, page string) {
	if _, signedIn := buyerOf(c); !signedIn {
		a.signInFirst(c, page)
		return
	}
	a.notFound(c)
}

// possibleRef answers 404, to every visitor alike and before any sign-in
// check, a route's :ref that no order can have (checkout.PossibleRef: a
// NUL, bytes that are not UTF-8, thousands of characters): it names no
// order, so the answer tells nobody which refs exist, and nobody is sent
// to sign in "to see this order" only to find nothing — nor with an
// address that cannot be kept as where to come back to. Routes without
// :ref pass.
func (a *App) possibleRef(c *gin.Context) {
	if ref, ok := c.Params.Get("ref"); ok && !checkout.PossibleRef(ref) {
		a.notFound(c)
		c.Abort()
		return
	}
	c.Next()
}
