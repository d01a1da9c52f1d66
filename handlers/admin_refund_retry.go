package handlers

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// adminRefundRetry tries an open failed staff refund again ("Try this
// refund again") once staff confirmed it: a new refund, with a new
// refundRequestId from the form's key, of what is still owed of the
// failure (never more than may still be refunded: failures are owed no
// more than that), which the new refund records it retries. A failure
// that is not open (handled another way, made good, owed nothing,
// retried already), or whose retry would take more than may still be
// refunded (only if the money moved meanwhile), is refused (303 to the
// order, which says why once); an unknown one is 404; none of them
// changes anything.
func (a *App) adminRefundRetry(c *gin.Context) {
	ref := c.Param("ref")
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		a.notFound(c)
		return
	}
	in := checkout.RetryInput{Key: formValue(c, "key"), Owed: formValue(c, "owed")}
	if !confirmed(c) {
		a.confirmRefundRetry(c, ref, id, in)
		return
	}
	r, repeat, err := a.Checkout.RetryRefund(c.Request.Context(), actor(c), ref, id, in)
	a.afterRefundRetry(c, ref, in, r, repeat, err)
}

// retryFormStale is what staff are told when a "Try this refund again"
// form came without its key, or with one that cannot be its (a page from
// before, or a hand-made post): nothing was sent.
const retryFormStale = "This “Try this refund again” form is out of date or incomplete (its key is missing or not one this page gave), " +
	"so nothing was sent and no refund was made. Open the order again and press “Try this refund again” on the failed refund."

// confirmRefundRetry checks that the failure may be tried again and asks
// staff to confirm the amount — on the form's POST, and again on the
// confirmation's GET (askToConfirm: its address carries the form's key),
// against the refund as it is then: one retried or settled since is
// refused as the confirmed POST would be.
func (a *App) confirmRefundRetry(c *gin.Context, ref string, id int64, in checkout.RetryInput) {
	r, err := a.Checkout.RetryableRefund(c.Request.Context(), ref, id)
	if err != nil {
		a.afterRefundRetry(c, ref, in, checkout.RefundInfo{}, false, err)
		return
	}
	if !checkout.RefundKeyOK(in.Key) { // the confirmed post would be refused: say so now
		a.renderAdminOrder(c, http.StatusUnprocessableEntity, ref, orderForms{problem: retryFormStale})
		return
	}
	a.askToConfirm(c, url.Values{"key": {in.Key}}, func() (views.AdminConfirm, error) {
		return retryConfirmation(a.adminPage(c, "Confirm: try the refund again", "orders"), actionPath(c), ref, r, in), nil
	})
}

// retryConfirmation is the page that asks staff to confirm trying
// failed refund r of order ref again, its form posting to action.
func retryConfirmation(page views.AdminPage, action, ref string, r checkout.RefundInfo, in checkout.RetryInput) views.AdminConfirm {
	facts := []views.Fact{{Label: "Failed refund", Value: r.RefundRequestID}, {Label: "Amount", Value: r.Owed.String()}}
	if r.Owed != r.Amount {
		facts = append(facts, views.Fact{Label: "Of the failed refund's", Value: r.Amount.String() + " (" + owedWhy(r) + ")"})
	}
	if r.Words != "" {
		facts = append(facts, views.Fact{Label: "Why it failed", Value: r.Words})
	}
	facts = append(facts, views.Fact{Label: "Reason", Value: reasonOrNone(r.Reason)})
	m := views.AdminConfirm{
		AdminPage: page,
		Question:  "Refund " + r.Owed.String() + " of order " + ref + " again?",
		Detail: "A new refund of what the failed one still owes is sent to Antom, which returns the money to " + refundGoesTo(r.PaidWith) + ". " +
			"It takes the failed refund's place: once it is done (or while it is processing) the failed one is no longer owed; if it fails too, it is the one to try again. " +
			"A refund cannot be taken back.",
		Facts:  facts,
		Action: action,
		Fields: []views.Hidden{{Name: "key", Value: in.Key}, {Name: "owed", Value: strconv.FormatInt(r.Owed.Minor, 10)}},
		Button: "Refund " + r.Owed.String() + " again",
		Back:   "/admin/orders/" + ref,
	}
	if r.OursOnly {
		oursOnlyCaution(&m, r)
	}
	return m
}

// afterRefundRetry answers the form: the order page with a notice — why
// it was refused, when the failure is not open or the money moved
// (refusedTo) —, or with the form's error (422; retryFormStale when its
// key was refused).
func (a *App) afterRefundRetry(c *gin.Context, ref string, in checkout.RetryInput, r checkout.RefundInfo, repeat bool, err error) {
	var input *checkout.InputError
	switch {
	case errors.Is(err, checkout.ErrNotFound):
		a.notFound(c)
	case a.refusedTo(c, "/admin/orders/"+ref, err):
	case errors.As(err, &input) && !checkout.RefundKeyOK(in.Key):
		a.renderAdminOrder(c, http.StatusUnprocessableEntity, ref, orderForms{problem: retryFormStale})
	case errors.As(err, &input):
		a.renderAdminOrder(c, http.StatusUnprocessableEntity, ref, orderForms{problem: firstError("", input.Fields)})
	case err != nil:
		a.serverError(c, err)
	default:
		a.refundNoticeTo(c, "/admin/orders/"+ref, r, repeat, retriedWords(r))
	}
}

// retriedWords open the notice of a retry r: which failed refund it
// tried again, by its refundRequestId and amount, as the order page
// names refunds ("Tried the failed refund … (USD 12.00) again. ") —
// of two failures, staff know which one was retried.
func retriedWords(r checkout.RefundInfo) string {
	if r.RetryOf == "" {
		return "Tried the failed refund again. "
	}
	return "Tried " + failedRefundNamed(r.RetryOf, r.RetryOfAmount) + " again. "
}
