package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/views"
)

// myOrders is "My orders": the signed-in buyer's orders, or a guest's
// orders made in this browser, newest first.
func (a *App) myOrders(c *gin.Context) {
	v := a.viewer(c)
	orders, more, err := a.Checkout.MyOrders(c.Request.Context(), v)
	if err != nil {
		a.serverError(c, err)
		return
	}
	m := views.MyOrdersPage{Page: a.page(c, "orders.title", "orders"), Guest: v.BuyerID == 0, More: more}
	for _, o := range orders {
		row := views.MyOrderRow{Ref: o.Ref, Pending: o.Pending, Description: a.orderLine(c, o.Bought(), o.Quantity), Icon: o.Icon,
			Total: money(c, o.Total), RestSettled: o.RestSettled, State: o.State, Unpayable: o.Unpayable != "", EarlierMayPay: o.EarlierMayPay, CreatedAt: o.CreatedAt}
		if ch := o.Charges; ch.Shown() { // as its receipt says (receiptSummary)
			row.Charged, row.Part = money(c, ch.Charged), ch.Charged.Minor < o.Total.Minor
			row.Refunded, row.Settled = amount(c, ch.Refunded), amount(c, ch.Settled)
		}
		row.RefundOwed, row.RefundFailures = amount(c, o.RefundFailed), o.RefundFailures            // as its receipt says (resultCard)
		row.Refunding, row.RefundConfirming = amount(c, o.Refunding), amount(c, o.RefundConfirming) // as its result page says (resultCard)
		m.Orders = append(m.Orders, row)
	}
	a.render(c, http.StatusOK, views.MyOrders(m))
}
