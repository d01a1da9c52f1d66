package handlers

import (
	"errors"
	"strconv"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// checkoutPay pays an order in one click with one of the buyer's saved
// wallets. Whatever the outcome (paid, failed or still being confirmed),
// the result page says it; an order already paid or being paid is not
// paid twice; the same press sent again (the form's key, checkout.NewPayKey)
// shows its payment, not telling of a second. The buyer waits Options.ActionWait at most: Antom silent
// then, the result page says it is still asking, and its long-poll shows
// the answer.
func (a *App) checkoutPay(c *gin.Context) {
	b, _ := buyerOf(c)
	ref := c.Param("ref")
	err := a.Checkout.PayOrderWithWallet(c.Request.Context(), b.ID, ref, c.PostForm("key"), formID(c, "wallet"), buyerEnv(c))
	var input *checkout.InputError
	switch {
	case errors.Is(err, checkout.ErrNotFound):
		a.notFound(c)
	case errors.Is(err, checkout.ErrNotSaved):
		a.payNotSaved(c, "checkout.wallet_not_saved")
	case errors.As(err, &input):
		a.payRefusedWallet(c, inputID(input, "wallet"), formID(c, "wallet"))
	case errors.Is(err, checkout.ErrStillAsking): // Antom silent past Options.ActionWait: the long-poll shows its answer
		a.notice(c, ref, views.NoticeStillAsking, 0)
		a.toResult(c, ref)
	case errors.Is(err, checkout.ErrSamePress):
		// This very press, sent again (a reload after its instance died
		// mid-pay): its payment's page, as the first sending would have
		// shown — the buyer pressed once, and is not told otherwise.
		a.toResult(c, ref)
	case errors.Is(err, checkout.ErrTooManyAttempts): // nothing stored or sent: checkout says why
		a.payRefused(c, "checkout.too_many_attempts")
	case errors.Is(err, checkout.ErrNotForSale): // nothing stored or sent: checkout says why
		a.payRefused(c, "checkout.not_for_sale")
	case errors.Is(err, checkout.ErrPaymentInProgress), errors.Is(err, checkout.ErrOrderPaid):
		// A page left open after the order got its payment: nothing sent.
		a.notice(c, ref, views.NoticeNotPaidAgain, 0)
		a.toResult(c, ref)
	case err == nil:
		a.toResult(c, ref)
	default:
		a.serverError(c, err)
	}
}

// payRefused answers a payment that could not start because of the
// choice the form sent (problem, a message ID of package lang, said in
// the page's language when shown): a wallet or kept card of the buyer's
// no longer usable (unlinked or removed in another tab, by staff; one
// not the buyer's is payNotSaved's). While the order has a payment
// (under way in another tab, or taken), that payment is why nothing was
// sent, whatever the choice: the buyer goes to the order's result page,
// which says so (NotPaidAgain, as for a usable choice that found it: the
// order's payment is checked first in words, even where the domain found
// the choice unusable first); else to the checkout page, which says why
// (payRefusedTo).
func (a *App) payRefused(c *gin.Context, problem string) {
	a.payRefusedTo(c, checkoutProblem{ID: problem}, views.NoticeNotPaidAgain)
}

// payRefusedWallet is payRefused for a wallet of the buyer's no longer
// usable (wallet, its ID): the checkout page names it, gone from its
// buttons, in the wallets box.
func (a *App) payRefusedWallet(c *gin.Context, problem string, wallet int64) {
	a.payRefusedTo(c, checkoutProblem{ID: problem, Wallet: wallet}, views.NoticeNotPaidAgain)
}

// payRefusedCard is payRefused for a kept card of the buyer's no longer
// usable (card, its ID): the checkout page names it ("Visa •••• 4242"),
// gone from its buttons, in the card box, and says who removed it and
// when.
func (a *App) payRefusedCard(c *gin.Context, problem string, card int64) {
	a.payRefusedTo(c, checkoutProblem{ID: problem, Card: card}, views.NoticeNotPaidAgain)
}

// payRefusedTo answers a payment that could not start because of where the
// order or the chosen wallet or card stands now (one no longer usable),
// not of anything typed into the form: 303 to the checkout page, which
// says why once (problem, naming the wallet or card it is about when
// known), so that Reload shows the page as it is now and sends nothing
// again. The redirect names its notice
// (checkoutNotice): of two tabs refused on one checkout page, each says
// its own reason. An order with nothing left to pay goes to its result
// page instead, with notice (views.Notice*, "" for none) beside the
// payment it has.
func (a *App) payRefusedTo(c *gin.Context, problem checkoutProblem, notice string) {
	r, ok := a.viewerResult(c)
	if !ok {
		return
	}
	if nothingToPay(r.Order) {
		if notice != "" {
			a.notice(c, r.Order.Ref, notice, 0)
		}
		a.toResult(c, r.Order.Ref)
		return
	}
	a.checkoutNotice(c, r.Order.Ref, problem)
	a.toCheckout(c, r.Order.Ref)
}

// inputID is the message ID of the first of fields an InputError names
// (inputMessage unsaid, for a notice said later).
func inputID(e *checkout.InputError, fields ...string) string {
	for _, f := range fields {
		if id := e.Fields[f]; id != "" {
			return id
		}
	}
	return "shop.error_choice"
}

// formID reads an id from a form field; 0, which names nothing, when the
// field is missing or malformed.
func formID(c *gin.Context, field string) int64 {
	id, err := strconv.ParseInt(c.PostForm(field), 10, 64)
	if err != nil {
		return 0
	}
	return id
}
