package handlers

import (
	"bytes"
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// adminOrderStatus is the staff order page's long-poll answer: the
// page's key and its body rendered again, for admin_order.js to put in
// place (or, with a form being filled in, to say the order changed).
type adminOrderStatus struct {
	Key       string `json:"key"`
	HTML      string `json:"html"`
	SignedOut bool   `json:"signedOut"` // signedOutAnswer's field: the session has ended
}

// adminOrderStatusPoll answers as soon as the order page's key differs
// from ?seen= — a notification settled the payment, another staff member
// captured, voided or refunded, on this instance or another (the hub's
// news) — or after pollWindow with nothing changed. It re-reads on a
// timer only while the order may change by itself (AdminOrder.Waiting);
// otherwise on news only. The body carries fresh forms (new idempotency
// keys), as a reload would; the page around it (flash, problem) is not
// sent, so a poll takes no one-time notice from the session. Once the
// staff session ends (signed out in another tab, the account removed)
// it answers 401 {"signedOut":true} at once, and it answers by the
// session's deadline (staffSessionEnd).
func (a *App) adminOrderStatusPoll(c *gin.Context) {
	ref := c.Param("ref")
	var o checkout.AdminOrder
	var m views.AdminOrderPage
	load := func() (string, bool) {
		var err error
		o, err = a.Checkout.AdminOrderDetail(c.Request.Context(), ref)
		if errors.Is(err, checkout.ErrNotFound) {
			a.notFound(c)
			return "", false
		}
		if err == nil {
			m, err = adminOrderView(views.AdminPage{}, o, orderForms{})
		}
		if err != nil {
			a.serverError(c, err)
			return "", false
		}
		return m.Key, true
	}
	end, stop := a.staffSessionEnd(c)
	defer stop()
	if !a.waitForChangeSignedIn(c, checkout.OrderSubject(ref), c.Query("seen"), load, func() bool { return o.Waiting() }, end) {
		return
	}
	var html bytes.Buffer
	if err := views.AdminOrderBody(m).Render(c.Request.Context(), &html); err != nil {
		a.serverError(c, err)
		return
	}
	c.JSON(http.StatusOK, adminOrderStatus{Key: m.Key, HTML: html.String()})
}
