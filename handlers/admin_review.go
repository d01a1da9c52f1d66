package handlers

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// adminReview marks a quarantined notification that no replay can
// resolve reviewed (Mark reviewed), with the optional note staff typed:
// it no longer counts as waiting for staff, and nothing else changes.
// It returns staff to the inbox's page they sent it from (the form's
// back), saying so once; marked already (a second click, another staff
// member first), a neutral note naming who; a note that cannot be taken,
// the notification's page again with the form's error (422).
func (a *App) adminReview(c *gin.Context) {
	id, ok := a.pathID(c)
	if !ok {
		return
	}
	back, note := inboxBack(c.PostForm("back")), c.PostForm("note")
	err := a.Checkout.ReviewNotification(c.Request.Context(), actor(c), id, note)
	var input *checkout.InputError
	switch {
	case errors.Is(err, checkout.ErrNotFound):
		a.notFound(c)
	case a.refusedTo(c, back, err):
	case errors.As(err, &input):
		a.renderNotification(c, http.StatusUnprocessableEntity, id, views.ReviewForm{ID: id, Note: note, Error: input.Fields["note"]})
	case err != nil:
		a.serverError(c, err)
	default:
		a.flashTo(c, back, fmt.Sprintf("Marked notification #%d reviewed: it no longer counts as waiting for staff. Nothing else changed.", id))
	}
}
