package handlers

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/db"
	"antom-checkout/views"
)

// orderPayAnotherWay is "Pay another way" after leaving Antom's card page:
// the open card payment is cancelled at Antom, and once Antom confirms it
// the buyer is back at checkout. Until then the result page says the
// cancel is not confirmed, and this button asks again. The buyer waits
// Options.ActionWait at most: Antom still being asked then, the page
// also says so, and its long-poll shows the answer. Pressed on a page
// left open after the card payment had ended, it sends nothing: paid or
// authorized, the result page says why nothing was cancelled; failed or
// cancelled, the buyer is at checkout, as they asked. On an order that
// may have no other attempt (checkout.ErrNoOtherWay) it cancels nothing
// and the result page, which no longer offers it, says to finish on the
// card page.
func (a *App) orderPayAnotherWay(c *gin.Context) {
	ref := c.Param("ref")
	o, err := a.Checkout.PayAnotherWay(c.Request.Context(), a.viewer(c), ref)
	switch {
	case errors.Is(err, checkout.ErrNotFound):
		a.orderNotFoundAt(c, resultPath(ref)) // signed out: sign in, and it says this was not done
		return
	case errors.Is(err, checkout.ErrTooSoon):
		a.notice(c, ref, views.NoticeTooSoon, 0)
	case errors.Is(err, checkout.ErrCancelNotConfirmed):
		switch {
		case c.PostForm("again") == "1": // the first time, the page itself says it
			a.notice(c, ref, views.NoticeCancelOpen, 0)
		case errors.Is(err, checkout.ErrStillAsking):
			a.notice(c, ref, views.NoticeStillAsking, 0) // no answer yet, not "no cancel"
		}
	case errors.Is(err, checkout.ErrPaymentInProgress):
	case errors.Is(err, checkout.ErrNoOtherWay):
		// A page shown before the order could no longer be paid
		// (checkout.Unpayable): the result page says the open payment is
		// the way left.
	case errors.Is(err, checkout.ErrNothingOpen):
		if !a.leftTooLate(c, ref) && o.Status == db.OrderOpen {
			c.Redirect(http.StatusSeeOther, checkoutPath(ref)) // never paid, or the card payment was cancelled: checkout says so
			return
		}
	case a.failed(c, err):
		return
	case o.Status == db.OrderOpen:
		c.Redirect(http.StatusSeeOther, checkoutPath(ref))
		return
	}
	a.toResult(c, ref)
}

// leftTooLate leaves the result page of order ref the notice that "pay
// another way" cancelled nothing, when the card payment the buyer meant
// to leave had already ended in a way the page shows (views.NoticeLeftTooLate;
// resultNotice.on says when it is true), and reports whether it did. An
// order never paid, or whose card payment was cancelled, failed or not
// confirmed (closed by us), goes to checkout instead, as the buyer
// wished.
func (a *App) leftTooLate(c *gin.Context, ref string) bool {
	r, err := a.Checkout.OrderResult(c.Request.Context(), a.viewer(c), ref)
	if err != nil || r.State == checkout.ResultUnpaid || r.State == checkout.ResultCancelled || r.State == checkout.ResultFailed ||
		r.State == checkout.ResultUnconfirmed || !r.Payment.CardPage {
		return false
	}
	a.notice(c, ref, views.NoticeLeftTooLate, 0)
	return true
}
