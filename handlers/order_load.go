package handlers

import (
	"errors"
	"net/url"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
)

// viewerOrder loads the order named in the path and its latest payment,
// answering 404 to anyone but its owner (a buyer, or the guest's browser).
func (a *App) viewerOrder(c *gin.Context) (checkout.Order, checkout.PaymentView, bool) {
	o, p, err := a.Checkout.OrderPayment(c.Request.Context(), a.viewer(c), c.Param("ref"))
	if errors.Is(err, checkout.ErrNotFound) {
		a.notFound(c)
		return checkout.Order{}, checkout.PaymentView{}, false
	}
	if err != nil {
		a.serverError(c, err)
		return checkout.Order{}, checkout.PaymentView{}, false
	}
	return o, p, true
}

func checkoutPath(ref string) string { return "/checkout/" + url.PathEscape(ref) }

func resultPath(ref string) string { return "/orders/" + url.PathEscape(ref) }
