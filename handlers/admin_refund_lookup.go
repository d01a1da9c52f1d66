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

// lookupAsk is the lookup form's own field: a GET of the lookup's
// address with it asks Antom (the form's Ask Antom); without it, ?id=
// only fills the form in (a link from a confirmation or an alarm), and
// nothing is asked until staff press the button.
const lookupAsk = "ask"

// lookupAt is the address of the lookup of id: its answer with ask,
// else its form filled in with id.
func lookupAt(id string, ask bool) string {
	q := url.Values{"id": {strings.TrimSpace(id)}}
	if ask {
		q.Set(lookupAsk, "yes")
	}
	return "/admin/refunds/lookup?" + q.Encode()
}

// adminLookup is the refund lookup, a GET form: with ?ask= it asks Antom
// about the refund ?id= names (inquiryRefund) and shows the answer at an
// address of its own — Reload asks again and shows the answer as it is
// then (never "Confirm Form Resubmission"), and the address can be
// bookmarked or sent to a colleague. "Antom has no refund with this id"
// is an answer too. Asked from another site (a link there, which the
// browser follows with our session cookie), it asks nothing and shows the
// form filled in, saying so: a lookup records what Antom says and who
// looked, so it is done, like every staff action, only from this site's
// own pages (fromThisSite). A field sent twice is refused (422), as
// singleFields refuses a posted form's; a bad id shows the form with its error (422),
// nothing asked. A lookup refused for where things stand (another worker
// is asking Antom about that refund right now) answers 303 to the form
// with the id, which says so once (refusedTo).
func (a *App) adminLookup(c *gin.Context) {
	id := c.Query("id")
	m := views.AdminLookup{AdminPage: a.adminPage(c, "Refund lookup", "lookup"), ID: id}
	if c.Query(lookupAsk) == "" || !fromThisSite(c.Request) {
		if !checkout.RefundLookupIDFits(id) {
			m.ID = ""
		}
		m.NotAsked = c.Query(lookupAsk) != ""
		a.render(c, http.StatusOK, views.AdminLookupPage(m))
		return
	}
	if repeats(c.Request.URL.Query()) { // as singleFields refuses a form's
		a.clientError(c, http.StatusUnprocessableEntity, adminFieldRepeated)
		return
	}
	r, err := a.Checkout.LookupRefund(c.Request.Context(), actor(c), id)
	if a.refusedTo(c, lookupAt(id, false), err) {
		return
	}
	var input *checkout.InputError
	switch {
	case errors.As(err, &input):
		m.Errors = input.Fields
		a.render(c, http.StatusUnprocessableEntity, views.AdminLookupPage(m))
	case err != nil:
		a.serverError(c, err)
	default:
		m.Done, m.Found, m.Status, m.RefundID, m.RefundRequestID = true, r.Found, r.Status, r.RefundID, r.RefundRequestID
		m.At, m.OrderRef, m.Updated = r.RefundedAt, r.OrderRef, r.Updated
		m.Processing, m.Recorded = r.Processing, r.Recorded
		m.Offered, m.OfferedNow = r.Offered, r.OfferedNow
		if r.Amount.Currency != "" {
			m.Amount = r.Amount.String()
		}
		a.render(c, http.StatusOK, views.AdminLookupPage(m))
	}
}
