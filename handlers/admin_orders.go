package handlers

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// adminOrders lists orders: newest first, one search box, a status
// filter, pages that keep the query.
func (a *App) adminOrders(c *gin.Context) {
	f := checkout.OrderFilter{Query: c.Query("q"), Status: c.Query("status"), Page: queryPage(c)}
	list, err := a.Checkout.AdminOrders(c.Request.Context(), f)
	if err != nil {
		a.serverError(c, err)
		return
	}
	m := views.AdminOrders{AdminPage: a.adminPage(c, "Orders", "orders"), Query: list.Filter.Query,
		Status: list.Filter.Status, Page: list.Filter.Page}
	for _, s := range checkout.OrderStatusChoices() {
		m.Statuses = append(m.Statuses, views.Option{Value: s.Value, Label: s.Label})
	}
	for _, o := range list.Items {
		m.Rows = append(m.Rows, views.AdminOrderRow{Ref: o.Ref, Status: o.Status, Total: o.Total.String(),
			Method: o.Method, Buyer: buyerLabel(o.BuyerEmail), Created: o.CreatedAt, RefundProcessing: o.RefundProcessing})
	}
	keep := url.Values{"q": {list.Filter.Query}, "status": {list.Filter.Status}}
	m.PrevURL, m.NextURL = pageLinks("/admin/orders", keep, list.Filter.Page, list.HasNext)
	a.render(c, http.StatusOK, views.AdminOrdersPage(m))
}

// queryPage reads ?page=, 1 when missing or malformed.
func queryPage(c *gin.Context) int {
	n, err := strconv.Atoi(c.Query("page"))
	if err != nil || n < 1 {
		return 1
	}
	return n
}

// pageLinks returns the previous and next page URLs keeping the query
// ("" where there is none); empty values are left out.
func pageLinks(path string, keep url.Values, page int, hasNext bool) (prev, next string) {
	link := func(n int) string {
		q := url.Values{}
		for k, vs := range keep {
			if len(vs) > 0 && vs[0] != "" {
				q.Set(k, vs[0])
			}
		}
		if n > 1 {
			q.Set("page", strconv.Itoa(n))
		}
		if len(q) == 0 {
			return path
		}
		return path + "?" + q.Encode()
	}
	if page > 1 {
		prev = link(page - 1)
	}
	if hasNext {
		next = link(page + 1)
	}
	return prev, next
}

func buyerLabel(email string) string {
	if email == "" {
		return "guest"
	}
	return email
}
