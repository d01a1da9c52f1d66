package handlers

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// adminAlarmResolve marks an alarm on a payment of an order — a
// paymentId conflict or an automatic capture of a payment Antom said
// failed (":alarm", as the orders filter names it; the form's "payment"
// its paymentRequestId) — resolved, saying what staff did in Antom
// Dashboard ("note"), once staff confirmed it. Nothing is sent to Antom
// and no money moves. It serves the notice's form POST, which sends
// staff to the confirmation (askToConfirm), that confirmation's GET
// (checked again against the order as it is then), and the confirmed
// POST.
func (a *App) adminAlarmResolve(c *gin.Context) {
	ref, alarm, payment, note := c.Param("ref"), c.Param("alarm"), formValue(c, "payment"), formValue(c, "note")
	if !confirmed(c) {
		info, err := a.Checkout.ResolvableAlarm(c.Request.Context(), actor(c), ref, payment, alarm, note)
		if err != nil {
			a.afterAlarmResolve(c, ref, alarm, payment, note, err)
			return
		}
		detail := "Only once you have dealt with it in Antom Dashboard: nothing is sent to Antom and no money moves here. " +
			"The notice and the dashboard's count go, and the order's timeline keeps who, when and your note. This cannot be undone."
		if alarm == checkout.FilterPaymentIDConflict {
			detail += " The app still never cancels this payment on its own."
		}
		a.askToConfirm(c, url.Values{"payment": {payment}, "note": {note}}, func() (views.AdminConfirm, error) {
			return views.AdminConfirm{
				AdminPage: a.adminPage(c, "Confirm: mark resolved", "orders"),
				Question:  "Mark resolved the " + info.Named + " on order " + ref + "?",
				Detail:    detail,
				Facts: []views.Fact{{Label: "Payment", Value: info.PaymentRequestID}, {Label: "Alarm", Value: info.Words},
					{Label: "What was done", Value: note}},
				Action: actionPath(c),
				Fields: []views.Hidden{{Name: "payment", Value: payment}, {Name: "note", Value: note}},
				Button: "Mark resolved",
				Back:   "/admin/orders/" + ref,
			}, nil
		})
		return
	}
	err := a.Checkout.ResolveAlarm(c.Request.Context(), actor(c), ref, payment, alarm, note)
	a.afterAlarmResolve(c, ref, alarm, payment, note, err)
}

// afterAlarmResolve answers the form: the order page with a notice —
// why it was refused (resolved already: by whom and their note; no such
// alarm), the note typed quoted; or, resolved already by this staff
// member with this note (its confirmation read again), a neutral note
// that it is — or with the form's error (422).
func (a *App) afterAlarmResolve(c *gin.Context, ref, alarm, payment, note string, err error) {
	var input *checkout.InputError
	switch {
	case errors.Is(err, checkout.ErrNotFound):
		a.notFound(c)
	case quoteNote(err, note):
		a.refusedTo(c, "/admin/orders/"+ref, quotingNote(err, note))
	case a.refusedTo(c, "/admin/orders/"+ref, err):
	case errors.As(err, &input):
		a.renderAdminOrder(c, http.StatusUnprocessableEntity, ref, orderForms{resolve: &views.ResolveForm{Alarm: alarm, RequestID: payment, Note: note, Error: input.Fields["note"]}})
	case err != nil:
		a.serverError(c, err)
	default:
		a.flashTo(c, "/admin/orders/"+ref, "Marked resolved. The order's timeline says who, when and what was done.")
	}
}
