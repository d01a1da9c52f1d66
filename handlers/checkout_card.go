package handlers

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// checkoutCard pays by card: a new card on Antom's hosted page (303 to its
// normalUrl, which the domain has checked is on the gateway's host), or a
// kept card in one click. Guests may pay by card; only signed-in buyers
// may keep or reuse cards. The buyer waits Options.ActionWait at most:
// Antom silent then, a new card's buyer waits for its page on
// orderCardPage, which sends them on once it is in; a kept card's sees
// the result page say Antom is still being asked, as for a wallet, which
// sends them on to a 3-D Secure page if that is Antom's answer. Antom's
// page is told the buyer's language (buyerEnv) and the order's words in
// it, as this page says them (orderWords).
func (a *App) checkoutCard(c *gin.Context) {
	v := a.viewer(c)
	cardID, named := keptCard(c)
	if !named {
		a.payNotSaved(c, "checkout.card_not_saved")
		return
	}
	ref := c.Param("ref")
	say := func(o checkout.Order) checkout.OrderWords {
		name, line := a.orderWords(c, o.Product, o.Quantity)
		return checkout.OrderWords{Description: line, ProductName: name}
	}
	cp, err := a.Checkout.PayByCard(c.Request.Context(), v, ref, c.PostForm("key"), c.PostForm("keep") == "1", cardID, say, buyerEnv(c))
	var input *checkout.InputError
	switch {
	case errors.Is(err, checkout.ErrNotFound):
		a.orderNotFoundAt(c, checkoutPath(ref))
	case errors.Is(err, checkout.ErrNotSaved):
		a.payNotSaved(c, "checkout.card_not_saved")
	case errors.Is(err, checkout.ErrSamePress):
		// This very press, sent again: where its payment sends the buyer
		// (Antom's card page once in, else the result page), as the
		// first sending would have, with no word of a second press.
		c.Redirect(http.StatusSeeOther, cardPagePath(ref))
	case errors.Is(err, checkout.ErrTooManyAttempts): // nothing stored or sent: checkout says why
		a.payRefused(c, "checkout.too_many_attempts")
	case errors.Is(err, checkout.ErrNotForSale): // nothing stored or sent: checkout says why
		a.payRefused(c, "checkout.not_for_sale")
	case errors.Is(err, checkout.ErrPaymentInProgress), errors.Is(err, checkout.ErrOrderPaid):
		a.notice(c, ref, views.NoticeNotPaidAgain, 0) // a page left open after the order got its payment: nothing sent
		a.toResult(c, ref)
	case errors.As(err, &input):
		a.payRefusedCard(c, inputID(input, "card"), cardID)
	case errors.Is(err, checkout.ErrStillAsking) && cardID != 0: // the long-poll shows Antom's answer
		a.notice(c, ref, views.NoticeStillAsking, 0)
		a.toResult(c, ref)
	case errors.Is(err, checkout.ErrStillAsking):
		c.Redirect(http.StatusSeeOther, cardPagePath(ref))
	case errors.Is(err, checkout.ErrBadRedirect):
		a.payRefusedTo(c, checkoutProblem{ID: "checkout.card_page_unsafe"}, "") // a pay was sent: not "nothing was sent"
	case err != nil:
		a.serverError(c, err)
	case cp.RedirectURL != "":
		c.Redirect(http.StatusSeeOther, cp.RedirectURL)
	default:
		a.toResult(c, ref)
	}
}

// keptCard reads the kept card a card form names: 0 (a new card) when
// the form has no card field, as the new-card form has none; a field
// that is not a positive whole number names no card (false), answered
// as a card the buyer has not kept — never read as a new card.
func keptCard(c *gin.Context) (id int64, named bool) {
	if _, sent := c.GetPostForm("card"); !sent {
		return 0, true
	}
	id = formID(c, "card")
	return id, id > 0
}
