package handlers

import (
	"errors"
	"net/http"
	"net/url"
	"time"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// adminCapture captures an authorized card payment (once, in full or in
// part), once staff confirmed the amount. It serves the capture form's
// POST, which sends staff to the confirmation (askToConfirm), that
// confirmation's GET (its address carries the form's amount), and the
// confirmed POST. Two tabs or a double click still capture once
// (checkout.Capture); the second is said as a neutral note.
func (a *App) adminCapture(c *gin.Context) {
	ref, amount := c.Param("ref"), formValue(c, "amount")
	if !confirmed(c) {
		a.confirmCapture(c, ref, amount)
		return
	}
	err := a.Checkout.CaptureTyped(c.Request.Context(), actor(c), ref, amount)
	a.afterCardAction(c, ref, "capture", err, &views.CaptureForm{Amount: amount}, "Captured: Antom confirmed the capture.")
}

// confirmCapture checks the capture form (typed: its amount, major
// units) and asks staff to confirm it — on the form's POST and again on
// the confirmation's GET, against the order as it is then (a capture or
// void sent since, an expiry, is said on the order's page as a capture's
// refusal is: afterCardAction; a bad amount shows the form again, 422).
func (a *App) confirmCapture(c *gin.Context, ref, typed string) {
	amount, err := a.Checkout.CheckCaptureTyped(c.Request.Context(), actor(c), ref, typed)
	if err != nil {
		a.afterCardAction(c, ref, "capture", err, &views.CaptureForm{Amount: typed}, "")
		return
	}
	a.askToConfirm(c, url.Values{"amount": {typed}}, func() (views.AdminConfirm, error) {
		o, err := a.Checkout.AdminOrderDetail(c.Request.Context(), ref)
		return captureConfirmation(a.adminPage(c, "Confirm the capture", "orders"), ref, typed, amount, o), err
	})
}

// captureConfirmation is the page that asks staff to confirm the capture
// of amount (typed as staff typed it, posted again as is) of order o's
// (ref) authorization: what is captured, of what, from whom, and what of
// the authorization is released.
func captureConfirmation(page views.AdminPage, ref, typed string, amount checkout.Money, o checkout.AdminOrder) views.AdminConfirm {
	facts := []views.Fact{
		{Label: "Capture", Value: amount.String()},
		{Label: "Authorized", Value: o.Authorized.String()},
		{Label: "Buyer", Value: buyerLabel(o.BuyerEmail)},
	}
	if rest := o.Authorized.Minor - amount.Minor; rest > 0 && o.Authorized.Currency == amount.Currency {
		facts = append(facts, views.Fact{Label: "Released", Value: checkout.Money{Currency: amount.Currency, Minor: rest}.String() + " (the rest of the authorization)"})
	}
	return views.AdminConfirm{
		AdminPage: page,
		Question:  "Capture " + amount.String() + " of the " + o.Authorized.String() + " authorized on order " + ref + "?",
		Detail:    "Antom charges the buyer's card. An authorization is captured once: what is not captured is released, and a capture cannot be taken back (only refunded).",
		Facts:     facts,
		Action:    "/admin/orders/" + ref + "/capture",
		Fields:    []views.Hidden{{Name: "amount", Value: typed}},
		Button:    "Capture " + amount.String(),
		Back:      "/admin/orders/" + ref,
	}
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
// leaves no notice: the order's line of it under way says so, more fully
// (the amount, that we keep asking), for as long as it is true, and once
// Antom has answered the page says the outcome instead — a notice "not
// confirmed yet" would then be untrue. A capture refused because
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
	case errors.Is(err, checkout.ErrVoidNotConfirmed), errors.Is(err, checkout.ErrCaptureNotConfirmed):
		c.Redirect(http.StatusSeeOther, "/admin/orders/"+ref)
	case errors.As(err, &refused) && refused.Ended != "":
		// Antom said the authorization is gone: the order is closed
		// (EXPIRED, or VOIDED), no alarm of a failed capture stands for it.
		a.problemTo(c, "/admin/orders/"+ref, "Antom refused the capture ("+codeAndMessage(refused, a.Zone)+"). "+refused.Ended)
	case errors.As(err, &refused) && what == "capture":
		a.alarmTo(c, "/admin/orders/"+ref, alarmCaptureFailed, "Antom refused the capture ("+codeAndMessage(refused, a.Zone)+"): no money was taken. The timeline has the details.")
	case errors.As(err, &refused):
		a.alarmTo(c, "/admin/orders/"+ref, alarmVoidRefused, "Antom refused the void ("+codeAndMessage(refused, a.Zone)+"): the authorization is still held on the buyer's card. Capture it, or void it again; the timeline has the details.")
	case err != nil:
		a.serverError(c, err)
	default:
		a.flashTo(c, "/admin/orders/"+ref, done)
	}
}

// codeAndMessage is Antom's resultCode of a refusal, with its
// resultMessage after a colon when Antom gave one — the times in it
// (AUTH_EXPIRED's authExpiryTime, with Antom's offset) written as staff
// read every other time, in the shop's zone.
func codeAndMessage(e *checkout.CaptureError, zone *time.Location) string {
	if e.Message == "" {
		return e.Code
	}
	return e.Code + ": " + views.AdminTimesIn(zone, e.Message)
}
