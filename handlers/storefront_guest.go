package handlers

import (
	"github.com/gin-gonic/gin"

	"antom-checkout/lang"
	"antom-checkout/views"
)

// shopKey names one of the storefront's pages as kept in App.shops: its
// language (a code) and its layout model, which for a page kept is the
// same for every such view but for the title's words and whether the
// browser is a phone's.
type shopKey struct {
	lang string
	page views.Page
}

// guestShop says whether the storefront on page is the one everyone who
// is not signed in sees at "/" (no query, no notice waiting, an ordinary
// header), and its key in App.shops if so. Such a page is the same bytes
// for every view in one language, on one kind of browser: the catalogue
// is read once (checkout.Service.Products), the catalogs and the
// configuration are fixed while the process runs, and nothing of the
// session shows. So it is rendered once and kept (at most two pages a
// language: 14). Any other storefront view renders as it comes: a
// signed-in buyer's, one with a notice, an order's refusal, "/?…".
func guestShop(c *gin.Context, page views.Page) (shopKey, bool) {
	if page.BuyerEmail != "" || page.Flash != "" || page.Note != "" || page.Neutral || page.Here != "/" {
		return shopKey{}, false
	}
	return shopKey{lang: lang.From(c.Request.Context()).Lang().Code, page: page}, true
}
