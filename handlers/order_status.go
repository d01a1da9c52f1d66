package handlers

import (
	"bytes"
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// orderStatus is the long-poll's answer: the result's state and key, and
// the result card and the order below it rendered again for the page to
// put in place (views.ResultLive).
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
// the language of the page that asks (pageLanguage). A signed-in buyer's
// poll answers 401 {"signedOut":true} at once when the buyer signs out in
// another tab (buyerSessionEnd), and so does any poll of a visitor not
// signed in for an order it may not see (orderPollNotFound): order.js's
// signed-out bar. A guest's own order answers as before.
func (a *App) orderStatusPoll(c *gin.Context) {
	pageLanguage(c)
	var r checkout.Result
	var n resultNotice
	var shown string
	load := func() (string, bool) {
		var ok bool
		if r, ok = a.ownerResult(c, a.orderPollNotFound); !ok {
			return "", false
		}
		n = seenNotice(r.Order.Ref, c.Query("seen"))
		shown = n.on(r)
		return resultKey(r, n, shown), true
	}
	end, stop := a.buyerSessionEnd(c)
	defer stop()
	// Re-read on a timer only while the result may change by itself;
	// what staff do (or an expiry) publishes the order's subject.
	if !a.waitForChangeSignedIn(c, checkout.OrderSubject(c.Param("ref")), c.Query("seen"), load, func() bool { return r.Waiting() }, end) {
		return
	}
	card := resultCard(c, r, a.Contact)
	card.Notice, card.Key = shown, resultKey(r, n, shown)
	var html bytes.Buffer
	if err := views.ResultLive(card, a.receiptSummary(c, r)).Render(c.Request.Context(), &html); err != nil {
		a.serverError(c, err)
		return
	}
	c.JSON(http.StatusOK, orderStatus{Status: card.State, Key: card.Key, HTML: html.String(), Go: r.SendOnFrom(c.Query("seen"))})
}

// orderPollNotFound is orderNotFound for the result page's long-poll: a
// visitor not signed in — the owner signed out meanwhile, or their
// session ended — gets 401 {"signedOut":true} (not the sign-in page,
// which a script cannot show), for every ref it may not see alike; a
// signed-in buyer gets 404.
func (a *App) orderPollNotFound(c *gin.Context) {
	if _, signedIn := buyerOf(c); !signedIn {
		c.JSON(http.StatusUnauthorized, signedOutAnswer{SignedOut: true})
		return
	}
	a.notFound(c)
}
