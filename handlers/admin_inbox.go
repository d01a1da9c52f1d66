package handlers

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// adminInbox lists received notifications, newest first, with their
// verdicts and redacted bodies. A verdict the filter does not know
// answers 400 with the verdicts there are, listing nothing; so does a
// page that is not a whole number from 1 up.
func (a *App) adminInbox(c *gin.Context) {
	page, pageProblem := queryPage(c)
	m := views.AdminInbox{AdminPage: a.adminPage(c, "Notifications", "inbox"), Verdict: c.Query("verdict"),
		Verdicts: []views.Option{{Value: "", Label: "Any verdict"}}}
	for _, v := range checkout.Verdicts() {
		m.Verdicts = append(m.Verdicts, views.Option{Value: v, Label: v})
	}
	if pageProblem != "" {
		m.PageError, m.FirstURL = pageProblem, firstPage("/admin/notifications", url.Values{"verdict": {m.Verdict}})
		a.render(c, http.StatusBadRequest, views.AdminInboxPage(m))
		return
	}
	in, err := a.Checkout.NotificationInbox(c.Request.Context(), m.Verdict, page)
	m.Verdict, m.Page = in.Verdict, in.Page
	if errors.Is(err, checkout.ErrUnknownVerdict) {
		m.Error = unknownFilterWords("notification verdict", c.Query("verdict"))
		a.render(c, http.StatusBadRequest, views.AdminInboxPage(m))
		return
	}
	if err != nil {
		a.serverError(c, err)
		return
	}
	for _, n := range in.Entries {
		m.Rows = append(m.Rows, views.AdminNotification{ID: n.ID, Received: n.ReceivedAt, Kind: n.Kind,
			Verdict: n.Verdict, Detail: n.Detail, Body: n.Body, Replayable: n.Replayable,
			Replayed: n.Replayed, Replaying: n.Replaying, ReplayedAs: n.ReplayedAs, ReplayVerdict: n.ReplayVerdict, OrderRef: n.OrderRef})
	}
	m.PrevURL, m.NextURL = pageLinks("/admin/notifications", url.Values{"verdict": {in.Verdict}}, in.Page, in.HasNext)
	a.render(c, http.StatusOK, views.AdminInboxPage(m))
}
