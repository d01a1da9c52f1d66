package handlers

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"github.com/gin-gonic/gin"

	"antom-checkout/views"
)

// refLike is what an order page's reference is named back as: letters,
// digits and hyphens, at most 40 ("ORD-20261207-DW823UDAEH" or a part).
var refLike = regexp.MustCompile(`^[A-Za-z0-9-]{1,40}$`)

// adminOrderNotFound answers 404 to a staff member's order page of ref,
// which no order has (a reference mistyped or cut short, or in lower
// case: that one is sent to its upper case first): it names the
// reference it looked for and links to the order list's search for it;
// a ref that does not read as one gets the plain 404.
func (a *App) adminOrderNotFound(c *gin.Context, ref string) {
	// A ref typed in lower case or with a space around it (refs are upper
	// case) is looked up as it would be written, once.
	if norm := strings.ToUpper(strings.TrimSpace(ref)); c.Request.Method == http.MethodGet && norm != ref && refLike.MatchString(norm) {
		c.Redirect(http.StatusSeeOther, "/admin/orders/"+norm)
		return
	}
	if !refLike.MatchString(ref) {
		a.notFound(c)
		return
	}
	m := views.AdminErrorPage{AdminPage: a.adminPageKeepFlash(c, "No such order", "orders"),
		Status: http.StatusNotFound, Message: "There is no order " + ref + ". Check its reference; the order list's search finds an order by a part of it.",
		Link: "/admin/orders?q=" + url.QueryEscape(ref), LinkTo: "Search the orders for " + ref}
	a.render(c, http.StatusNotFound, views.AdminError(m))
}
