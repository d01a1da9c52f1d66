package handlers

import (
	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
)

// refusedTo answers err when it refuses an action for where things stand
// now, not for what its form holds (checkout.Refused): a 303 to the page
// at to, which says why once — in red (problemTo), or, for an action
// that repeats one already sent (a second click on Capture), as a
// neutral note (noteTo), and for one refused only until Antom confirms
// something (a cancel in doubt) as pending news (pendingTo), which the
// live order page drops once the order changes — so that Reload shows that page as it is now
// and sends nothing again. It reports whether it answered; an error in
// what was typed is left to the caller, which shows the form again (422).
func (a *App) refusedTo(c *gin.Context, to string, err error) bool {
	r, ok := checkout.Refused(err)
	switch {
	case !ok:
	case r.Repeat:
		a.noteTo(c, to, r.Message)
	case r.Waits:
		a.pendingTo(c, to, r.Message)
	default:
		a.problemTo(c, to, r.Message)
	}
	return ok
}
