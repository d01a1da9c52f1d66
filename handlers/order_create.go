package handlers

import (
	"errors"
	"maps"
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/lang"
)

// createOrder starts an order at the server's price and opens its
// checkout. Guests may order too: the order carries their browser's
// guest key (orderer). A product or quantity to correct is answered
// first, 422, changing nothing and counting toward no limit; past the
// visitor's or the address's order limit it answers 429 and makes
// nothing (orderAllowed). Both are said in place, with the storefront:
// the form is the buyer's to correct, or to send again once the limit
// lets them (Retry-After), and a reload that sends it again makes
// nothing it should not. A product no longer for sale has nothing to
// correct or wait for: it answers 303 to the storefront, which says so
// once (orderRefused), so that a reload shows what is for sale and sends
// nothing again.
func (a *App) createOrder(c *gin.Context) {
	slug, quantity := c.PostForm("product"), c.PostForm("quantity")
	if a.orderRefused(c, a.Checkout.CheckOrder(c.Request.Context(), slug, quantity), slug) || !a.orderAllowed(c) {
		return
	}
	v, err := a.orderer(c)
	if a.failed(c, err) {
		return
	}
	o, err := a.Checkout.CreateOrder(c.Request.Context(), v, slug, quantity)
	if a.orderRefused(c, err, slug) {
		return
	}
	c.Redirect(http.StatusSeeOther, checkoutPath(o.Ref))
}

// orderRefused answers a press of "Buy" for slug that err refuses: the
// storefront saying which field to correct, 422, for an
// *checkout.InputError; for checkout.ErrNotForSale a redirect (303) to
// the storefront, which says once that the product is no longer for
// sale; 500 for anything else. It reports whether there
// was an error to answer.
func (a *App) orderRefused(c *gin.Context, err error, slug string) bool {
	var input *checkout.InputError
	switch {
	case err == nil:
		return false
	case errors.Is(err, checkout.ErrNotForSale):
		a.noteTo(c, "/", "shop.error_not_for_sale")
	case errors.As(err, &input):
		a.renderStorefront(c, http.StatusUnprocessableEntity, inputMessage(c, a.productNamed(c, input, slug), "product", "quantity"), slug)
	default:
		a.serverError(c, err)
	}
	return true
}

// inputMessage says the message of the first of fields that has one, in
// the page's language (a buyer's InputError holds message IDs).
func inputMessage(c *gin.Context, e *checkout.InputError, fields ...string) string {
	for _, f := range fields {
		if msg := e.Fields[f]; msg != "" {
			return say(c, msg, e.Args[f])
		}
	}
	return say(c, "shop.error_choice")
}

// productNamed is e with the product its messages name (their Product
// argument: the database's name) named in the page's language, as the
// storefront names product slug (productWords).
func (a *App) productNamed(c *gin.Context, e *checkout.InputError, slug string) *checkout.InputError {
	named := &checkout.InputError{Fields: e.Fields, Args: map[string]lang.Args{}}
	for f, args := range e.Args {
		if name, ok := args["Product"].(string); ok {
			args = maps.Clone(args)
			args["Product"], _ = a.productWords(c, slug, name, "")
		}
		named.Args[f] = args
	}
	return named
}
