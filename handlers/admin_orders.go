package handlers

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

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
	m := views.AdminOrders{AdminPage: a.adminPage(c, "Orders", "orders"), Query: f.Query, Status: f.Status}
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
			Method: o.Method, Buyer: buyerLabel(o.BuyerEmail), Created: o.CreatedAt, RefundProcessing: o.RefundProcessing, RefundFailed: o.RefundFailed,
			Pending: o.Pending, CaptureFailed: o.CaptureFailed, AuthExpiresAt: o.AuthExpiresAt, AuthExpired: o.AuthExpired, AuthExpiresSoon: o.AuthExpiresSoon,
			CancelledAtAntom: o.CancelledAtAntom})
	}
	keep := url.Values{"q": {list.Filter.Query}, "status": {list.Filter.Status}}
	if len(list.Items) == 0 && list.Filter.Page > 1 {
		m.PageError, m.FirstURL = pastLastPage(list.Filter.Page), firstPage("/admin/orders", keep)
		a.render(c, http.StatusNotFound, views.AdminOrdersPage(m))
		return
	}
	m.PrevURL, m.NextURL = pageLinks("/admin/orders", keep, list.Filter.Page, list.HasNext)
	a.render(c, http.StatusOK, views.AdminOrdersPage(m))
}

// unknownFilterWords says that a list's filter has no such what as raw
// (its first 40 characters); the page lists those it has.
func unknownFilterWords(what, raw string) string {
	if r := []rune(raw); len(r) > 40 {
		raw = string(r[:40]) + "…"
	}
	return fmt.Sprintf("There is no %s “%s” to filter by, so nothing is listed. Choose one of these, or none for all:", what, raw)
}

// maxListPage is the highest page number an admin list is asked for
// (20 million rows at 20 a page): any higher is a mistyped address.
const maxListPage = 1_000_000

// queryPage reads ?page=: 1 when it is absent or empty; a whole number
// from 1 to maxListPage otherwise. Anything else (letters, 0, -1, "1.5",
// a number past the limit) gives 0 and what to tell staff, in English.
func queryPage(c *gin.Context) (int, string) {
	raw := c.Query("page")
	if raw == "" {
		return 1, ""
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 1 || n > maxListPage || strconv.Itoa(n) != raw {
		if r := []rune(raw); len(r) > 20 {
			raw = string(r[:20]) + "…"
		}
		return 0, fmt.Sprintf("There is no page “%s”: a page is a whole number from 1 to %d, so nothing is listed.", raw, maxListPage)
	}
	return n, ""
}

// pastLastPage says that page n of a list holds nothing because the list
// ends before it (not that nothing matches: its first page may).
func pastLastPage(n int) string {
	return fmt.Sprintf("Page %d is past the last page, so nothing is listed.", n)
}

// firstPage is the first page of a list, keeping the query.
func firstPage(path string, keep url.Values) string {
	prev, _ := pageLinks(path, keep, 2, false)
	return prev
}

// pageLinks returns the previous and next page URLs keeping the query
// ("" where there is none); empty values are left out.
func pageLinks(path string, keep url.Values, page int, hasNext bool) (prev, next string) {
	if page > 1 {
		prev = pageURL(path, keep, page-1)
	}
	if hasNext {
		next = pageURL(path, keep, page+1)
	}
	return prev, next
}

// pageURL is page n of a list, keeping the query; empty values are left
// out.
func pageURL(path string, keep url.Values, n int) string {
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
