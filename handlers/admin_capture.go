package handlers

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// adminCapture captures an authorized card payment (once, in full or in
// part).
func (a *App) adminCapture(c *gin.Context) {
	ref, amount := c.Param("ref"), c.PostForm("amount")
	err := a.Checkout.CaptureTyped(c.Request.Context(), actor(c), ref, amount)
	a.afterCardAction(c, ref, "capture", err, &views.CaptureForm{Amount: amount}, "Captured: Antom confirmed the capture.")
}

// afterCardAction answers capture and void (what) alike. An authorization that
// another request captured or voided, that has expired, or that never
// was one is no error of the form: 303 to the order, which says once what
// became of it — in red, or, when the capture or void asked for had
// already been sent (a second click), as a neutral note (refusedTo) — so
// that Reload shows the order as it is now and sends nothing again. A
// refusal is said once: a capture's by the order's capture-failed alarm
// (which capture, how much, when, Antom's code and message), the notice
// showing only if that alarm does not; a void's by its void-refused
// alarm alike. One Antom has not confirmed
// is said once too: by the order's line of it under way (saysPending),
// the pending notice showing only if that line does not. A capture refused because
// the authorization is gone — it expired (AUTH_EXPIRED) or was cancelled
// at Antom (AUTH_CANCELLED, ORDER_IS_CANCELED) — closed the order: its
// notice says so, and that nothing was charged.
func (a *App) afterCardAction(c *gin.Context, ref, what string, err error, sent *views.CaptureForm, done string) {
	var input *checkout.InputError
	var refused *checkout.CaptureError
	switch {
	case errors.Is(err, checkout.ErrNotFound):
		a.notFound(c)
	case errors.Is(err, checkout.ErrNotAuthorized):
		a.problemTo(c, "/admin/orders/"+ref, "This order holds no authorization to capture or void.")
	case a.refusedTo(c, "/admin/orders/"+ref, err):
	case errors.As(err, &input):
		sent.Errors = input.Fields
		a.renderAdminOrder(c, http.StatusUnprocessableEntity, ref, orderForms{capture: sent})
	case errors.Is(err, checkout.ErrVoidNotConfirmed):
		a.pendingTo(c, "/admin/orders/"+ref, voidNotConfirmed)
	case errors.Is(err, checkout.ErrCaptureNotConfirmed):
		a.pendingTo(c, "/admin/orders/"+ref, captureNotConfirmed)
	case errors.As(err, &refused) && refused.Ended != "":
		// Antom said the authorization is gone: the order is closed
		// (EXPIRED, or VOIDED), no alarm of a failed capture stands for it.
		a.problemTo(c, "/admin/orders/"+ref, "Antom refused the capture ("+codeAndMessage(refused)+"). "+refused.Ended)
	case errors.As(err, &refused) && what == "capture":
		a.alarmTo(c, "/admin/orders/"+ref, alarmCaptureFailed, "Antom refused the capture ("+codeAndMessage(refused)+"): no money was taken. The timeline has the details.")
	case errors.As(err, &refused):
		a.alarmTo(c, "/admin/orders/"+ref, alarmVoidRefused, "Antom refused the void ("+codeAndMessage(refused)+"): the authorization is still held on the buyer's card. Capture it, or void it again; the timeline has the details.")
	case err != nil:
		a.serverError(c, err)
	default:
		a.flashTo(c, "/admin/orders/"+ref, done)
	}
}

// The pending notices of a void and a capture Antom has not confirmed.
// The order page's own line says each, more fully (the amount, that this
// page shows the outcome), while it shows that void or capture under way:
// it then leaves the notice out (saysPending), so that the news is said
// once.
const (
	voidNotConfirmed    = "Antom has not confirmed the void yet. It is sent again until Antom answers."
	captureNotConfirmed = "Antom has not confirmed the capture yet: no money is taken until it does. We keep asking Antom (and send it again if needed)."
)

// saysPending reports whether the order page's own line says what its
// pending notice (m.Flash) says, more fully: the void-pending line a
// void's (voidNotConfirmed), the capture-pending line a capture's
// (captureNotConfirmed) — as the page's alarms stand for a problem
// notice (views.AdminOrderPage.SaysProblem). Once Antom has answered
// (the page no longer shows the line), the notice shows.
func saysPending(m views.AdminOrderPage) bool {
	if !m.FlashPending {
		return false
	}
	switch m.Flash {
	case voidNotConfirmed:
		return m.Capture.Voiding
	case captureNotConfirmed:
		return m.Capture.Capturing != ""
	}
	return false
}

// codeAndMessage is Antom's resultCode of a refusal, with its
// resultMessage after a colon when Antom gave one.
func codeAndMessage(e *checkout.CaptureError) string {
	if e.Message == "" {
		return e.Code
	}
	return e.Code + ": " + e.Message
}
