package handlers

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// adminInbox lists received notifications, newest first, with their
// verdicts and redacted bodies, optionally only one verdict and only
// those received within a time (?within=1h, 24h or 7d). A verdict or time
// the filter does not know answers 400 with the values there are,
// listing nothing; so does a page that is not a whole number from 1 up.
func (a *App) adminInbox(c *gin.Context) {
	page, pageProblem := queryPage(c)
	m := views.AdminInbox{AdminPage: a.adminPage(c, "Notifications", "inbox"), Verdict: c.Query("verdict"), Within: c.Query("within"),
		Verdicts: []views.Option{{Value: "", Label: "Any verdict"}}, Windows: []views.Option{{Value: "", Label: "Any time"}}}
	for _, v := range checkout.Verdicts() {
		m.Verdicts = append(m.Verdicts, views.Option{Value: v, Label: v})
	}
	for _, w := range checkout.InboxWindows() {
		m.Windows = append(m.Windows, views.Option{Value: w.Value, Label: w.Label})
	}
	if pageProblem != "" {
		m.PageError, m.FirstURL = pageProblem, firstPage("/admin/notifications", url.Values{"verdict": {m.Verdict}, "within": {m.Within}})
		a.render(c, http.StatusBadRequest, views.AdminInboxPage(m))
		return
	}
	in, err := a.Checkout.NotificationInboxFiltered(c.Request.Context(), checkout.InboxFilter{Verdict: m.Verdict, Within: m.Within}, page)
	m.Verdict, m.Within, m.Page = in.Verdict, in.Within, in.Page
	switch {
	case errors.Is(err, checkout.ErrUnknownVerdict):
		m.Error = unknownFilterWords("notification verdict", c.Query("verdict"))
		a.render(c, http.StatusBadRequest, views.AdminInboxPage(m))
		return
	case errors.Is(err, checkout.ErrUnknownWindow):
		m.WindowError = unknownFilterWords("time", c.Query("within"))
		a.render(c, http.StatusBadRequest, views.AdminInboxPage(m))
		return
	case err != nil:
		a.serverError(c, err)
		return
	}
	for _, n := range in.Entries {
		m.Rows = append(m.Rows, notificationView(n))
	}
	keep := url.Values{"verdict": {in.Verdict}, "within": {in.Within}}
	pages, status := listPages("/admin/notifications", keep, in.Page, len(in.Entries), in.HasNext)
	m.ListPages, m.Here = pages, pageURL("/admin/notifications", keep, in.Page)
	a.render(c, status, views.AdminInboxPage(m))
}

// adminNotification shows one received notification on its own page
// (where "Replayed as #N" leads, whatever page of the inbox it is on);
// 404 for an id there is not.
func (a *App) adminNotification(c *gin.Context) {
	id, ok := a.pathID(c)
	if !ok {
		return
	}
	a.renderNotification(c, http.StatusOK, id, views.ReviewForm{})
}

// renderNotification shows notification id on its own page with status,
// and review, a Mark reviewed form sent back with its error (zero: none).
func (a *App) renderNotification(c *gin.Context, status int, id int64, review views.ReviewForm) {
	n, err := a.Checkout.NotificationEntry(c.Request.Context(), id)
	if a.failed(c, err) {
		return
	}
	a.render(c, status, views.AdminInboxPage(views.AdminInbox{
		AdminPage: a.adminPage(c, fmt.Sprintf("Notification #%d", n.ID), "inbox"),
		Single:    true, Rows: []views.AdminNotification{notificationView(n)}, Here: fmt.Sprintf("/admin/notifications/%d", n.ID),
		Review: review,
	}))
}

func notificationView(n checkout.InboxEntry) views.AdminNotification {
	return views.AdminNotification{ID: n.ID, Received: n.ReceivedAt, Kind: n.Kind,
		Verdict: n.Verdict, Detail: n.Detail, Body: n.Body, Replayable: n.Replayable,
		Replayed: n.Replayed, Replaying: n.Replaying, ReplayedAs: n.ReplayedAs, ReplayVerdict: n.ReplayVerdict, OrderRef: n.OrderRef,
		ReplayOf: n.ReplayOf, SettledBy: n.SettledBy, SettledVerdict: n.SettledVerdict,
		ReplaySettledBy: n.ReplaySettledBy, ReplaySettledVerdict: n.ReplaySettledVerdict,
		ReapplyFailures: n.ReapplyFailures, SetAside: n.SetAside, FailedSince: n.FailedSince,
		Reviewable: n.Reviewable(), Review: reviewView(n.Review), SettledReview: reviewView(n.SettledReview)}
}

// reviewView is a row's review as the inbox shows it.
func reviewView(r checkout.Review) views.AdminReview {
	return views.AdminReview{At: r.At, By: r.By, Note: r.Note}
}
