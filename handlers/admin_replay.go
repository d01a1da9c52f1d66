package handlers

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
)

// adminReplay runs a stored notification through the same idempotent
// path again; refused (forged) ones cannot be replayed.
func (a *App) adminReplay(c *gin.Context) {
	id, ok := a.pathID(c)
	if !ok {
		return
	}
	verdict, err := a.Checkout.Replay(c.Request.Context(), actor(c), id)
	switch {
	case errors.Is(err, checkout.ErrNotFound):
		a.notFound(c)
	case errors.Is(err, checkout.ErrNotReplayable):
		a.clientError(c, http.StatusUnprocessableEntity, fmt.Sprintf("Notification #%d was refused on arrival: it cannot be replayed.", id))
	case err != nil:
		a.serverError(c, err)
	default:
		a.flash(c, fmt.Sprintf("Replayed notification #%d: %s.", id, verdict))
		c.Redirect(http.StatusSeeOther, "/admin/notifications")
	}
}
