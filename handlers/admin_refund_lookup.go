package handlers

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// lookupAnswer marks the lookup's address as its answer's
// (adminLookupAsk's redirect): the GET shows the answer kept for the id.
const lookupAnswer = "answer"

// lookupAt is the address of the lookup's form filled in with id.
func lookupAt(id string) string {
	return "/admin/refunds/lookup?" + url.Values{"id": {strings.TrimSpace(id)}}.Encode()
}

// lookupAnswerAt is the address of the answer kept for id.
func lookupAnswerAt(id string) string {
	return "/admin/refunds/lookup?" + url.Values{"id": {strings.TrimSpace(id)}, lookupAnswer: {"1"}}.Encode()
}

// adminLookupForm is the refund lookup's page. It never asks Antom and
// never writes: Antom is asked only by the form's POST (adminLookupAsk).
// With ?id= (a refundRequestId or refundId, as confirmations and alarms
// link it) the form is filled in; at the answer's address (&answer=1,
// where the POST leads) it shows the answer kept in this sign-in's
// session for that id (keptLookup), so that Reload, Back/Forward and a
// restored tab show it again, asking nothing — or, none being kept (the
// address sent to a colleague, kept past sign-out, or an old bookmark),
// the form filled in, saying Antom was not asked.
func (a *App) adminLookupForm(c *gin.Context) {
	id := c.Query("id")
	m := views.AdminLookup{AdminPage: a.adminPage(c, "Refund lookup", "lookup"), ID: id}
	if !checkout.RefundLookupIDFits(id) {
		m.ID = ""
	}
	if c.Query(lookupAnswer) != "" {
		if k, ok := a.keptLookupOf(c, id); ok {
			k.show(&m)
		} else {
			m.NotKept = true
		}
	}
	a.render(c, http.StatusOK, views.AdminLookupPage(m))
}
