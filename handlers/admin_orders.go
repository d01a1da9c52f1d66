package handlers

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// adminOrders lists orders: newest first, one search box, a status
// filter, pages that keep the query. A status the filter does not know
// answers 400 with the page's form and the valid statuses, listing
// nothing; so does a page that is not a whole number from 1 up.
func (a *App) adminOrders(c *gin.Context) {
	page, pageProblem := queryPage(c)
	f := checkout.OrderFilter{Query: c.Query("q"), Status: c.Query("status"), Page: page}
	m := views.AdminOrders{AdminPage: a.adminPage(c, "Orders", "orders"), Query: f.Query, Status: f.Status,
		BlankQuery: f.Query != "" && strings.TrimSpace(f.Query) == ""}
	for _, s := range checkout.OrderStatusChoices() {
		m.Statuses = append(m.Statuses, views.Option{Value: s.Value, Label: s.Label})
	}
	if pageProblem != "" {
		m.PageError, m.FirstURL = pageProblem, firstPage("/admin/orders", url.Values{"q": {f.Query}, "status": {f.Status}})
		a.render(c, http.StatusBadRequest, views.AdminOrdersPage(m))
		return
	}
	list, err := a.Checkout.AdminOrders(c.Request.Context(), f)
	m.Query, m.Status, m.Page = list.Filter.Query, list.Filter.Status, list.Filter.Page
	if errors.Is(err, checkout.ErrUnknownStatus) {
		m.Query, m.Error = f.Query, unknownFilterWords("order status", f.Status)
		a.render(c, http.StatusBadRequest, views.AdminOrdersPage(m))
		return
	}
	if err != nil {
		a.serverError(c, err)
		return
	}
	for _, o := range list.Items {
		m.Rows = append(m.Rows, views.AdminOrderRow{Ref: o.Ref, State: o.State, Total: o.Total.String(), Paid: staffAmount(o.Paid),
			Method: o.Method, Buyer: buyerLabel(o.BuyerEmail), Created: o.CreatedAt, RefundProcessing: o.RefundProcessing, RefundFailed: o.RefundFailed, RefundMadeTwice: o.RefundMadeTwice, RefundMaybeTwice: o.RefundMaybeTwice,
			Pending: o.Pending, CaptureFailed: o.CaptureFailed, VoidRefused: o.VoidRefused,
			PaymentIDConflict: o.PaymentIDConflict, AutoCaptureFailed: o.AutoCaptureFailed, AsksStopped: o.AsksStopped, AuthExpiresAt: o.AuthExpiresAt, AuthExpired: o.AuthExpired, AuthExpiresSoon: o.AuthExpiresSoon,
			CaptureBy: o.CaptureBy, AuthExpiryLookEnd: o.AuthExpiryLookEnd, AuthExpiryLooksStopped: o.AuthExpiryLooksStopped,
			CancelledAtAntom: o.CancelledAtAntom, RestSettled: o.RestSettled})
	}
	keep := url.Values{"q": {list.Filter.Query}, "status": {list.Filter.Status}}
	pages, status := listPages("/admin/orders", keep, list.Filter.Page, len(list.Items), list.HasNext)
	m.ListPages = pages
	a.render(c, status, views.AdminOrdersPage(m))
}

func buyerLabel(email string) string {
	if email == "" {
		return "guest"
	}
	return email
}

// staffAmount is m as staff pages write it, "" for none.
func staffAmount(m checkout.Money) string {
	if m.Minor == 0 {
		return ""
	}
	return m.String()
}
