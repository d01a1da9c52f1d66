package handlers

import (
	"errors"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/db"
	"antom-checkout/lang"
	"antom-checkout/views"
)

// checkoutPage shows an order and the ways to pay it. An order that is
// paid, or whose payment is being confirmed, has nothing left to pay:
// its result page says where it stands. It reads only what the page
// shows (checkout.Service.CheckoutResult), fresh on every view. A
// visitor who may not see it is answered as on its result page
// (orderNotFound): signed out, sent to sign in and brought back here.
func (a *App) checkoutPage(c *gin.Context) {
	r, err := a.Checkout.CheckoutResult(c.Request.Context(), a.viewer(c), c.Param("ref"))
	if errors.Is(err, checkout.ErrNotFound) {
		a.orderNotFound(c)
		return
	}
	if a.failed(c, err) {
		return
	}
	if nothingToPay(r.Order) {
		c.Redirect(http.StatusSeeOther, resultPath(r.Order.Ref))
		return
	}
	// A refused payment's reason (payRefused): the one this page's
	// ?notice= names. Notices left for the page itself (flashTo: the
	// welcome after signing up from here; noteTo: an aside; problemTo: a
	// refusal left by an instance of before checkoutNotice) are taken too,
	// and each is shown: a notice taken is gone from the session.
	shown := a.takeNotices(c)
	problem := shown.Problem
	n := a.takeNoticeOn(c, r.Order.Ref, noticeOnCheckout)
	if n.Notice != "" {
		problem = n.Notice
	}
	a.renderCheckoutPage(c, r, checkoutProblem{problem, n.Wallet, n.Card}, shown)
}

// checkoutProblem is why a payment could not start, as the checkout page
// says it: its message ID ("" for none) and the wallet or kept card of
// the buyer's it is about (0 for none or unknown: the page then says
// "this wallet", "this card").
type checkoutProblem struct {
	ID     string
	Wallet int64
	Card   int64
}

// cardBoxProblems are the refused payments' notices the checkout page
// shows in its card box, by the card form; walletBoxProblems in its
// wallets box, by the wallets left and the form that links one again,
// wherever that box is (the boxes' order depends on what the buyer holds,
// never on a notice: a reload does not move them); the others are shown
// above every way to pay.
var (
	cardBoxProblems = map[string]bool{
		"checkout.card_unusable":    true,
		"checkout.card_page_unsafe": true,
	}
	walletBoxProblems = map[string]bool{
		"checkout.wallet_unusable": true,
	}
)

// namedWords are the words of a wallet problem (problemWords) that name
// the wallet ({{.Wallet}}: its method and masked account, as its button
// did), for when the page knows which: as it is (gone), and while its
// unlink is under way (checkout.ToldUnlinking) — being unlinked, as the
// wallets box and My wallets say ("Unlinking GCash 0917****123…"), not
// "no longer linked".
var namedWords = map[string]struct{ gone, unlinking string }{
	"checkout.wallet_unusable":     {"checkout.wallet_unusable_named", "checkout.wallet_unlinking_named"},
	"notdone.wallet_unusable_last": {"notdone.wallet_unusable_last_named", "notdone.wallet_unlinking_last_named"},
}

// relinkNamed are the words naming a wallet refused because it must be
// linked again (checkout.Result.Relink), with its masked account: "GCash
// 0917****123 is no longer linked. …", not "This wallet", which read as
// whichever wallet the page named next. The checkout page says its
// _below form over told wallets that say linking again (views'
// lastRelinkWords).
const relinkNamed = "decline.wallet_relink_named"

// nothingToPay reports an order that is paid, or whose payment is being
// confirmed.
func nothingToPay(o checkout.Order) bool {
	return o.Status == db.OrderProcessing || checkout.PaymentTaken(o.Status)
}

// renderCheckoutPage shows the checkout page of an order, with what
// became of its last payment, why a payment could not start (problem:
// said in the card box, the wallets box or above every way to pay,
// cardBoxProblems and walletBoxProblems, in words that fit what the page
// still offers, problemWords, naming the wallet it is about when known),
// and shown's Flash and Note, the news and the aside (message IDs) left
// for this page (its Problem is problem's to say): the kept cards
// and wallets are read again, so one no longer usable is gone from it.
// With no wallet left, the wallets box does not say "no wallets linked
// yet" to a buyer who had one: one just refused, being unlinked, unlinked,
// cancelled by the wallet side or no longer valid (BuyerWalletsTold).
func (a *App) renderCheckoutPage(c *gin.Context, r checkout.Result, problem checkoutProblem, shown shownNotices) {
	var m views.CheckoutPage
	var told []checkout.ToldWallet
	// checkoutPage took the page's notices: shown and problem say them.
	m.Page, m.Order = a.pageNoticesTaken(c, "checkout.title", "shop"), a.orderSummary(c, r.Order)
	key, err := checkout.NewPayKey() // this showing's: a press sent again is known by it
	if a.failed(c, err) {
		return
	}
	m.PayKey = key
	decline, named := lastDecline(r)
	if shown.Flash != "" {
		m.Page.Flash = say(c, shown.Flash, flashArgs(shown.FlashArgs))
	}
	if shown.Note != "" {
		m.Page.Note = say(c, shown.Note)
	}
	if r.State == checkout.ResultFailed || r.State == checkout.ResultUnconfirmed || r.State == checkout.ResultCancelled {
		m.LastState, m.LastDecline, m.LastByBuyer, m.LastCancelBy, m.Relink = r.State, say(c, decline), r.BuyerCancelled, r.CancelBy, r.Relink
		m.LastReturned = amount(c, r.Returned)
	}
	if b, ok := buyerOf(c); ok {
		ws, err := a.Checkout.BuyerWalletsTold(c.Request.Context(), b.ID)
		if err != nil {
			a.serverError(c, err)
			return
		}
		m.SignedIn = true
		for _, w := range ws.Linked {
			m.Wallets = append(m.Wallets, views.PayWallet{ID: w.ID, Name: w.WalletName, Account: w.UserLoginID, Wallet: w.Wallet})
		}
		told, m.HadWallets = ws.Told, ws.Before
		if r.Relink {
			told = a.lastRelink(c, &m, b.ID, r.RelinkWallet, named, told)
		}
		for _, br := range checkout.WalletBrands() {
			m.Brands = append(m.Brands, views.Brand{Code: br.Code, Name: br.Name})
		}
		cards, err := a.Checkout.BuyerCards(c.Request.Context(), b.ID)
		if err != nil {
			a.serverError(c, err)
			return
		}
		m.Cards = payCards(c, cards)
	}
	// An order no press can pay any more (checkout.Unpayable) says why
	// in place of the ways to pay; a press just refused for it is said
	// there, not twice.
	if m.Unpayable = unpayableSay(r); m.Unpayable != "" && unpayableRefusals[problem.ID] {
		if problem.ID == "checkout.too_many_attempts" && r.Unpayable == checkout.UnpayableAttemptsUsedUp {
			m.Unpayable = tooManyAttemptsWords[r.EarlierMayPay] // its words for the press just refused
		}
		problem = checkoutProblem{}
	}
	switch id := problemWords(problem.ID, m); {
	case cardBoxProblems[problem.ID]:
		m.CardError, m.CardErrorEnded = say(c, id), a.cardProblem(c, problem)
	case walletBoxProblems[problem.ID]:
		var named *checkout.SavedWallet
		m.WalletError, m.WalletErrorNamed, m.WalletErrorEnded, named = a.walletProblem(c, id, problem.Wallet, m.Wallets)
		if named != nil {
			m.PickWallet = named.Wallet // linking it again starts on its brand
		}
		rest := toldBesides(told, named)
		m.ToldAbove = m.ToldAbove || len(rest) == 0 && len(told) > 0
		told = rest
	case problem.ID != "":
		m.Error = say(c, id)
	}
	m.Told = toldWallets(told)
	a.render(c, http.StatusOK, views.Checkout(m))
}

// lastRelink names on checkout page m the wallet of buyerID the last
// payment was refused with (walletID, checkout.Result.RelinkWallet), as
// it must be linked again: its notice names it (LastRelink), the link
// picker starts on it (PickWallet), and the wallets box under the notice
// does not tell it again (toldBesides; ToldAbove when it was the only one
// told). The told wallets told are returned less that one. A wallet the
// buyer has linked again since (the same account among m.Wallets), or
// one the page cannot read, is not named: told is returned as it is.
// named is the notice's message ID (lastDecline's).
func (a *App) lastRelink(c *gin.Context, m *views.CheckoutPage, buyerID, walletID int64, named string, told []checkout.ToldWallet) []checkout.ToldWallet {
	w, err := a.Checkout.BuyerWallet(c.Request.Context(), buyerID, walletID)
	if err != nil {
		return told
	}
	if linkedAgain(m.Wallets, w) {
		return told
	}
	m.LastRelink = views.NamedWords{ID: named, Wallet: views.WalletNamed{Name: w.WalletName, Account: w.UserLoginID}}
	m.PickWallet = w.Wallet
	rest := toldBesides(told, &w)
	m.ToldAbove = len(rest) == 0 && len(told) > 0
	return rest
}

// linkedAgain reports whether wallets, those a checkout page offers,
// hold w's account linked again since (a link of its own: the same
// wallet and masked login).
func linkedAgain(wallets []views.PayWallet, w checkout.SavedWallet) bool {
	for _, l := range wallets {
		if l.Wallet == w.Wallet && l.Account == w.UserLoginID {
			return true
		}
	}
	return false
}

// walletProblem says wallet problem id, naming wallet (namedWords) when
// it is the signed-in buyer's — as being unlinked while its unlink is
// under way, and, once it ended, with what became of it (who ended its
// link and when: checkout.WalletEnded, endedMethod), as the page says it
// after a reload, and that it was linked again since when offered (the
// page's wallets) holds its account (linkedAgain): the words said, the
// message and wallet they name, what became of it (zero while under way
// or unknown) and the wallet (zero and nil when they name none).
func (a *App) walletProblem(c *gin.Context, id string, wallet int64, offered []views.PayWallet) (string, views.NamedWords, views.EndedMethod, *checkout.SavedWallet) {
	b, ok := buyerOf(c)
	words, known := namedWords[id]
	if ok && wallet != 0 && known {
		if w, err := a.Checkout.WalletEnded(c.Request.Context(), b.ID, wallet); err == nil {
			named := words.gone
			if w.Told == checkout.ToldUnlinking {
				named = words.unlinking
			}
			n := views.NamedWords{ID: named, Wallet: views.WalletNamed{Name: w.WalletName, Account: w.UserLoginID}}
			return say(c, named, lang.Args{"Wallet": n.Wallet.Said()}), n, endedMethod(n.Wallet, walletEnded[w.Told], w.EndedAt, linkedAgain(offered, w.SavedWallet)), &w.SavedWallet
		}
	}
	return say(c, id), views.NamedWords{}, views.EndedMethod{}, nil
}

// cardProblem names the signed-in buyer's kept card a refused pay was
// about (problem.Card, refused as checkout.card_unusable) as its button
// did, "Visa •••• 4242", with who removed it and when (in another tab, or
// by staff: checkout.CardEnded, endedMethod) — the page then says what is
// left on it (views' cardEnded) —, never only "this card": the buyer
// pressed a button left on a page from before and may not know which
// card went; that it was kept again since when it was (the same card,
// checkout.EndedCard.KeptAgain: offered under the notice). Zero when the
// page cannot name it (unknown, not the
// buyer's, or still kept): the words then name none.
func (a *App) cardProblem(c *gin.Context, problem checkoutProblem) views.EndedMethod {
	b, ok := buyerOf(c)
	if !ok || problem.Card == 0 || problem.ID != "checkout.card_unusable" {
		return views.EndedMethod{}
	}
	card, err := a.Checkout.CardEnded(c.Request.Context(), b.ID, problem.Card)
	if err != nil {
		return views.EndedMethod{}
	}
	return endedMethod(views.WalletNamed{Name: cardName(c, card.Brand), Account: cardAccount(card.Last4)}, cardEnded[card.Told], card.RemovedAt, card.KeptAgain)
}

// endedWords are the words that tell what became of a kept card or a
// wallet a pay was refused with, by who ended it: on its date (dated),
// and when the date is not known (undated; "" to say no more of it than
// the refusal's own words: that it can no longer be used); againDated
// and againUndated alike when the same card was kept again, or the same
// wallet account linked again, since (views.EndedMethod.Again).
type endedWords struct{ dated, undated, againDated, againUndated string }

// cardEnded tells a kept card removed (checkout.CardEnded), by who
// removed it; a card still kept is not among them.
var cardEnded = map[checkout.CardTold]endedWords{
	checkout.CardRemovedByBuyer: {"checkout.card_removed_by_you", "checkout.card_no_longer_kept", "checkout.card_removed_by_you_again", "checkout.card_no_longer_kept_again"},
	checkout.CardRemovedByShop:  {"checkout.card_removed_by_shop", "checkout.card_no_longer_kept", "checkout.card_removed_by_shop_again", "checkout.card_no_longer_kept_again"},
	checkout.CardRemoved:        {"checkout.card_no_longer_kept", "checkout.card_no_longer_kept", "checkout.card_no_longer_kept_again", "checkout.card_no_longer_kept_again"},
}

// walletEnded tells a wallet whose link ended (checkout.WalletEnded) as
// the wallets box tells it (toldWords), and the buyer's own unlink; one
// still linked, or being unlinked, is not among them.
var walletEnded = map[checkout.WalletTold]endedWords{
	checkout.ToldCancelled:       {"wallets.cancelled", "", "checkout.wallet_cancelled_again", ""},
	checkout.ToldInvalid:         {"wallets.invalid", "", "checkout.wallet_invalid_again", ""},
	checkout.ToldUnlinkedByShop:  {"wallets.unlinked_by_shop", "", "checkout.wallet_unlinked_by_shop_again", ""},
	checkout.ToldUnlinkedByBuyer: {"wallets.unlinked_by_you", "", "checkout.wallet_unlinked_by_you_again", ""},
}

// endedMethod is the notice of method, a kept card or wallet a pay was
// refused with, that ended at (zero when not known) as words tell it
// (views.EndedMethod), kept or linked again since and offered on the
// page (again) or not; zero when words tell nothing (it has not ended)
// or nothing without a date and it has none.
func endedMethod(method views.WalletNamed, words endedWords, at time.Time, again bool) views.EndedMethod {
	dated, undated := words.dated, words.undated
	if again {
		dated, undated = words.againDated, words.againUndated
	}
	told := dated
	if at.IsZero() {
		told = undated // when is not known: not "on …"
	}
	if told == "" {
		return views.EndedMethod{}
	}
	return views.EndedMethod{Method: method, At: at, Told: told, Again: again}
}

// toldBesides are the told wallets ws less the account of named, the
// wallet a refused payment's notice names: the notice says what became
// of it and what to do ("… is being unlinked, so it can no longer be
// used here. Link it again, or pay by card on this page."), and the wallets box under
// it does not say it again ("… is being unlinked: it can no longer be
// used here."). nil named leaves ws as they are.
func toldBesides(ws []checkout.ToldWallet, named *checkout.SavedWallet) []checkout.ToldWallet {
	if named == nil {
		return ws
	}
	var out []checkout.ToldWallet
	for _, w := range ws {
		if w.Wallet != named.Wallet || w.UserLoginID != named.UserLoginID {
			out = append(out, w)
		}
	}
	return out
}

// toldWords are the words that tell a wallet no longer offered, by
// what became of it (checkout.WalletTold).
var toldWords = map[checkout.WalletTold]string{
	checkout.ToldUnlinking:      "wallets.unlinking",
	checkout.ToldCancelled:      "wallets.cancelled",
	checkout.ToldInvalid:        "wallets.invalid",
	checkout.ToldUnlinkedByShop: "wallets.unlinked_by_shop",
}

// toldWallets are the wallets no longer offered that checkout and My
// wallets tell by name (checkout.BuyerWalletsTold).
func toldWallets(ws []checkout.ToldWallet) []views.ToldWallet {
	var out []views.ToldWallet
	for _, w := range ws {
		out = append(out, views.ToldWallet{Wallet: views.WalletNamed{Name: w.WalletName, Account: w.UserLoginID}, At: w.EndedAt, Words: toldWords[w.Told]})
	}
	return out
}

// orderSummary is an order as checkout and result pages show it, in the
// page's language.
func (a *App) orderSummary(c *gin.Context, o checkout.Order) views.OrderSummary {
	name, line := a.orderWords(c, o.Product, o.Quantity)
	return views.OrderSummary{
		Ref: o.Ref, Name: name, Icon: o.Product.Icon, Quantity: o.Quantity,
		Description: line,
		Total:       money(c, o.Total),
	}
}

// orderLine says what an order is for in the page's language: "2 ×
// Ceremonial matcha".
func (a *App) orderLine(c *gin.Context, p checkout.Product, quantity int) string {
	_, line := a.orderWords(c, p, quantity)
	return line
}

// payCards are the buyer's kept cards as checkout offers them: brand
// "Visa" and account "•••• 4242", and when two read the same, each
// account with its expiry as My wallets words it ("•••• 4242 · Expires
// 11/33"), so their buttons differ. The two are kept apart for the
// button's words (views.payWith), never cut out of one label again.
func payCards(c *gin.Context, cards []checkout.SavedCard) []views.PayCard {
	out := make([]views.PayCard, len(cards))
	seen := map[string]int{}
	for i, card := range cards {
		out[i] = views.PayCard{ID: card.ID, Name: cardName(c, card.Brand), Account: cardAccount(card.Last4), Brand: card.Brand}
		seen[out[i].Name+" "+out[i].Account]++
	}
	for i, card := range cards {
		if seen[out[i].Name+" "+out[i].Account] > 1 && card.Expiry != "" {
			out[i].Account += " · " + say(c, "wallets.expires", lang.Args{"Expiry": card.Expiry})
		}
	}
	return out
}
