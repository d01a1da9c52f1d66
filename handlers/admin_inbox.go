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
// answers 400 with the verdicts there are, listing nothing.
func (a *App) adminInbox(c *gin.Context) {
	in, err := a.Checkout.NotificationInbox(c.Request.Context(), c.Query("verdict"), queryPage(c))
	m := views.AdminInbox{AdminPage: a.adminPage(c, "Notifications", "inbox"), Verdict: in.Verdict, Page: in.Page,
		Verdicts: []views.Option{{Value: "", Label: "Any verdict"}}}
	for _, v := range checkout.Verdicts() {
		m.Verdicts = append(m.Verdicts, views.Option{Value: v, Label: v})
	}
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
			Verdict: n.Verdict, Detail: n.Detail, Body: n.Body, Replayable: n.Replayable, OrderRef: n.OrderRef})
	}
	m.PrevURL, m.NextURL = pageLinks("/admin/notifications", url.Values{"verdict": {in.Verdict}}, in.Page, in.HasNext)
	a.render(c, http.StatusOK, views.AdminInboxPage(m))
}
