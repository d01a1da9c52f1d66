package handlers

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// orderResult is an order's result page: what the database says about its
// payment, for the order's owner only.
func (a *App) orderResult(c *gin.Context) {
	o, p, ok := a.viewerOrder(c)
	if !ok {
		return
	}
	r := describePayment(o, p)
	noStore(c)
	a.render(c, http.StatusOK, views.Result(views.ResultPage{
		Page: a.page(c, "Order "+o.Ref, "shop"), Order: orderSummary(o),
		State: r.State, Headline: r.Headline, Detail: r.Detail, Relink: r.Relink,
		PaymentID: p.PaymentID, PaidAt: paidAt(o, p), Method: paymentMethod(p),
	}))
}

// paidAt is when the order was paid, as Antom reported it if it did.
func paidAt(o checkout.Order, p checkout.PaymentView) time.Time {
	if !p.PaidAt.IsZero() {
		return p.PaidAt
	}
	return o.PaidAt
}
