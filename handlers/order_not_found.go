package handlers

import (
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
)

// orderNotFound answers a visitor who may not see order ref's page. A
// signed-out visitor, if the order is a buyer account's, is sent to sign
// in and brought back to this very path (its owner signed out, or came
// back from Antom's page in another browser); anyone else — another
// buyer, a guest whose session lacks the order — gets 404.
func (a *App) orderNotFound(c *gin.Context) {
	ref := c.Param("ref")
	if _, signedIn := buyerOf(c); !signedIn {
		account, err := a.Checkout.IsAccountOrder(c.Request.Context(), ref)
		if err != nil {
			a.serverError(c, err)
			return
		}
		if account {
			c.Redirect(http.StatusSeeOther, "/signin?next="+url.QueryEscape(checkout.SafeReturn(c.Request.URL.Path)))
			return
		}
	}
	a.notFound(c)
}
