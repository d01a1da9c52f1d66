package handlers

import (
	"bytes"
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// orderStatus is the long-poll's answer: the result's state and key, and
// the result card rendered again for the page to put in place.
type orderStatus struct {
	Status string `json:"status"` // views.State*
	Key    string `json:"key"`
	HTML   string `json:"html"`
	// Go: where the page sends the browser instead (Antom's card page,
	// once in, for a page that waited for it: checkout.Result.SendOnFrom).
	Go string `json:"go,omitempty"`
}

// orderStatusPoll answers as soon as the order's result, with the notice
// beside it, differs from the key in ?seen= (resultKey: the notice the
// page shows is read back from it, seenNotice, and shown again only while
// it is still true), or after pollWindow with nothing changed, rendered in
// the language of the page that asks (pageLanguage).
func (a *App) orderStatusPoll(c *gin.Context) {
	pageLanguage(c)
	var r checkout.Result
	var n resultNotice
	var shown string
	load := func() (string, bool) {
		var ok bool
		if r, ok = a.viewerResult(c); !ok {
			return "", false
		}
		n = seenNotice(r.Order.Ref, c.Query("seen"))
		shown = n.on(r)
		return resultKey(r, n, shown), true
	}
	// Re-read on a timer only while the result may change by itself;
	// what staff do (or an expiry) publishes the order's subject.
	if !a.waitForChange(c, checkout.OrderSubject(c.Param("ref")), c.Query("seen"), load, func() bool { return r.Waiting() }) {
		return
	}
	card := resultCard(c, r, a.Contact)
	card.Notice, card.Key = shown, resultKey(r, n, shown)
	var html bytes.Buffer
	if err := views.ResultBody(card).Render(c.Request.Context(), &html); err != nil {
		a.serverError(c, err)
		return
	}
	c.JSON(http.StatusOK, orderStatus{Status: card.State, Key: card.Key, HTML: html.String(), Go: r.SendOnFrom(c.Query("seen"))})
}
