package handlers

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// adminReplay runs a stored notification through the same idempotent
// path again; refused (forged) ones cannot be replayed. It returns staff
// to the inbox's page they replayed from (its page and filters, or the
// notification's own page: the form's back).
func (a *App) adminReplay(c *gin.Context) {
	id, ok := a.pathID(c)
	if !ok {
		return
	}
	verdict, err := a.Checkout.Replay(c.Request.Context(), actor(c), id)
	var replayed *checkout.ReplayedError
	switch {
	case errors.As(err, &replayed):
		a.replayedAlready(c, replayed)
	case errors.Is(err, checkout.ErrNotFound):
		a.notFound(c)
	case errors.Is(err, checkout.ErrNotReplayable):
		a.clientError(c, http.StatusUnprocessableEntity, fmt.Sprintf("Notification #%d was refused on arrival: it cannot be replayed.", id))
	case err != nil:
		a.serverError(c, err)
	default:
		a.flashTo(c, inboxBack(c.PostForm("back")), fmt.Sprintf("Replayed notification #%d: %s.", id, verdict))
	}
}

// replayedAlready answers 409 saying so, linking the replay's own row
// once it has one (to replay that row instead), else the notification
// itself (a second tab's Replay while the first's runs: back to it).
func (a *App) replayedAlready(c *gin.Context, r *checkout.ReplayedError) {
	m := views.AdminErrorPage{AdminPage: a.adminPageKeepFlash(c, http.StatusText(http.StatusConflict), "inbox"),
		Status: http.StatusConflict, Message: replayedWords(r, a.Zone),
		Link: fmt.Sprintf("/admin/notifications/%d", r.ID), LinkTo: fmt.Sprintf("Notification #%d", r.ID)}
	if r.ReplayID != 0 {
		m.Link = fmt.Sprintf("/admin/notifications/%d", r.ReplayID)
		m.LinkTo = fmt.Sprintf("Notification #%d, the replay of #%d", r.ReplayID, r.ID)
	}
	a.render(c, http.StatusConflict, views.AdminError(m))
}

// replayedWords tells staff of the replay a notification has already.
func replayedWords(r *checkout.ReplayedError, zone *time.Location) string {
	at := func(t time.Time) string { return views.AdminTime(zone, t) }
	if r.Finished.IsZero() {
		return fmt.Sprintf("Notification #%d is being replayed right now (asked by %s at %s), so it was not replayed again. Its replay shows in the inbox when it is done.",
			r.ID, r.Actor, at(r.Started))
	}
	if r.ReplayID == 0 {
		return fmt.Sprintf("Notification #%d was replayed already, by %s at %s: %s. It was not replayed again: to run it once more, replay that replay's own row in the inbox.",
			r.ID, r.Actor, at(r.Started), r.Verdict)
	}
	return fmt.Sprintf("Notification #%d was replayed already, by %s at %s: %s. It was not replayed again: to run it once more, replay that replay's own row, #%d (below).",
		r.ID, r.Actor, at(r.Started), r.Verdict, r.ReplayID)
}

// inboxBack keeps a return address only if it is a page of the inbox on
// this site (a page of the list, or one notification's page); anything
// else is the inbox's first page.
func inboxBack(back string) string {
	const inbox = "/admin/notifications"
	rest, ok := strings.CutPrefix(back, inbox)
	if ok && (rest == "" || rest[0] == '?' || rest[0] == '/') && checkout.IsLocalPath(back) {
		return back
	}
	return inbox
}
