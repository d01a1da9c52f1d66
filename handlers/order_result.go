package handlers

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/db"
	"antom-checkout/lang"
	"antom-checkout/views"
)

// orderResult is an order's result page: what the database says about its
// payment, for the order's owner only. The notice of the buyer's last
// action on it shows once, on the page that action's redirect names
// (?notice=: another tab's page neither shows it nor takes it), and only
// while the card it speaks about is what the page shows (resultNotice.on;
// a refused pay's, whatever that payment became: resultNotice.beside). A signed-out visitor who may not
// see it signs in first (orderNotFound).
func (a *App) orderResult(c *gin.Context) {
	r, ok := a.ownerResult(c, a.orderNotFound)
	if !ok {
		return
	}
	card := resultCard(c, r, a.Contact)
	n := a.takeNotice(c, r.Order.Ref).beside(r)
	card.Notice = n.on(r)
	card.Key = resultKey(r, n, card.Notice)
	a.render(c, http.StatusOK, views.Result(views.ResultPage{
		Page: a.page(c, "result.title", "orders", lang.Args{"Ref": r.Order.Ref}), Order: a.receiptSummary(c, r), Result: card,
	}))
}

// receiptSummary is the order as its result page shows it: with what
// was charged for it when that is not its total (checkout.Charges).
func (a *App) receiptSummary(c *gin.Context, r checkout.Result) views.OrderSummary {
	o := a.orderSummary(c, r.Order)
	if ch := r.Charges(); ch.Shown() {
		o.Charged, o.Refunded, o.Settled, o.NetCharged = money(c, ch.Charged), amount(c, ch.Refunded), amount(c, ch.Settled), money(c, ch.Net)
	}
	return o
}

// viewerResult loads the result of the order named in the path, answering
// 404 to anyone but its owner.
func (a *App) viewerResult(c *gin.Context) (checkout.Result, bool) {
	return a.ownerResult(c, a.notFound)
}

// ownerResult is viewerResult answering anyone but the owner with
// notOwner.
func (a *App) ownerResult(c *gin.Context, notOwner gin.HandlerFunc) (checkout.Result, bool) {
	r, err := a.Checkout.OrderResult(c.Request.Context(), a.viewer(c), c.Param("ref"))
	if errors.Is(err, checkout.ErrNotFound) {
		notOwner(c)
		return r, false
	}
	if err != nil {
		a.serverError(c, err)
		return r, false
	}
	return r, true
}

// resultCard is the view of an order's result, in the page's language;
// contact is the shop's (App.Contact).
func resultCard(c *gin.Context, r checkout.Result, contact string) views.ResultCard {
	p := r.Payment
	decline, named := lastDecline(r)
	card := views.ResultCard{
		Ref: r.Order.Ref, State: r.State, Key: r.Key(), Waiting: r.Waiting(), Live: r.Live(),
		PaymentID: p.PaymentID, Method: paymentMethod(c, p), Card: p.Method == db.MethodCard, PageShown: p.CardPage,
		MethodWallet: p.Wallet, MethodCard: p.CardBrand,
		Relink: r.Relink, Unpayable: unpayableSay(r), EarlierMayPay: r.EarlierMayPay, CardPageURL: r.CardPageURL, BuyerCancelled: r.BuyerCancelled, CardOpening: r.CardOpening, CardNotOpened: r.CardNotOpened, CancelHeld: r.CancelHeld, PageRefused: r.PageRefused,
		ChargedAt: r.ChargedAt, AuthorizedAt: r.AuthorizedAt, AuthExpiredAt: r.AuthExpiresAt, HoldEnded: r.HoldEnded, CancelledAtAntom: r.CancelledAtAntom,
		Charged: amount(c, r.Charged), Authorized: amount(c, r.Authorized),
		Releasing: r.Releasing, Capturing: amount(c, r.Capturing), CancelInDoubt: r.CancelInDoubt, CancelBy: r.CancelBy, LeftButPaid: r.LeftButPaid,
		Refunded: amount(c, r.Refunded), Refunding: amount(c, r.Refunding), RefundsOnWay: r.RefundsOnWay, WholeRefundHead: r.WholeRefundHead(), RefundConfirming: amount(c, r.RefundConfirming), RefundsConfirming: r.RefundsConfirming, RefundFailed: amount(c, r.RefundFailed), RefundFailures: r.RefundFailures, RefundHandled: amount(c, r.RefundHandled), RefundsHandled: r.RefundsHandled, RestSettled: r.RestSettled, Returned: amount(c, r.Returned),
		Partial: r.Partial(),
		Contact: contact,
	}
	for _, f := range r.Refunds {
		card.Refunds = append(card.Refunds, views.RefundLine{Amount: amount(c, f.Amount), At: f.At})
	}
	if r.State == checkout.ResultProcessing {
		if p.WalletName != "" {
			card.Wallet = views.WalletNamed{Name: checkout.BrandName(p.Wallet), Account: p.WalletAccount}
		}
		if !r.DecidedBy.IsZero() {
			card.DecidedBy = lang.From(c.Request.Context()).Time(r.DecidedBy)
		}
	}
	if r.State == checkout.ResultFailed || r.State == checkout.ResultUnconfirmed {
		card.Code, card.PayAgain = p.ResultCode, checkout.DeclinePaysAgain(r.Decline)
	}
	if r.Relink && p.WalletName != "" {
		card.Wallet, card.DeclineNamed = views.WalletNamed{Name: checkout.BrandName(p.Wallet), Account: p.WalletAccount}, named
	}
	for _, g := range r.GivenBack {
		card.GivenBack = append(card.GivenBack, views.GivenBackLine{Method: paymentNamed(c, g.Payment), Amount: money(c, g.Amount), State: g.State, At: g.At,
			Given: money(c, g.Given), Owed: money(c, g.Owed)})
	}
	if decline != "" {
		card.Decline = say(c, decline)
	}
	return card
}

// amount formats money in the page's language, "" for none.
func amount(c *gin.Context, m checkout.Money) string {
	if m.Minor == 0 {
		return ""
	}
	return money(c, m)
}

// paymentNamed is paymentMethod as its name and account, for a
// sentence that keeps them whole (views' WalletNamed): {"DANA",
// "0812****5678"}, {"Visa", "•••• 4242"}, {"Card", ""}.
func paymentNamed(c *gin.Context, p checkout.PaymentView) views.WalletNamed {
	switch {
	case p.WalletName != "":
		return views.WalletNamed{Name: checkout.BrandName(p.Wallet), Account: p.WalletAccount}
	case p.CardLabel != "":
		return views.WalletNamed{Name: cardName(c, p.CardBrand), Account: cardAccount(p.CardLast4)}
	}
	return views.WalletNamed{Name: paymentMethod(c, p)}
}

// paymentMethod names how an order was paid: the wallet or the card.
func paymentMethod(c *gin.Context, p checkout.PaymentView) string {
	switch {
	case p.WalletName != "":
		return p.WalletName
	case p.CardLabel != "":
		return cardLabel(c, p.CardBrand, p.CardLast4)
	case p.Method == db.MethodCard:
		return say(c, "checkout.card")
	}
	return ""
}
