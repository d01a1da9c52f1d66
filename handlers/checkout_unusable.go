package handlers

import "antom-checkout/views"

// unusableWords words a refused payment's notice whose way forward
// depends on what the checkout page still offers: a wallet or kept card
// no longer usable says "pick another" only while another of its kind is
// on the page (others), else what is left to do (none) — the last
// wallet gone, link it again or pay by card, never "pick another" above
// "No wallets linked yet".
var unusableWords = map[string]struct {
	others, none string
	left         func(views.CheckoutPage) int // how many of its kind the page offers
}{
	"checkout.wallet_unusable": {"checkout.wallet_unusable", "notdone.wallet_unusable_last", func(m views.CheckoutPage) int { return len(m.Wallets) }},
	"checkout.card_unusable":   {"notdone.card_unusable_others", "checkout.card_unusable", func(m views.CheckoutPage) int { return len(m.Cards) }},
}

// problemWords is the message ID that says problem (a refused payment's
// notice) on checkout page m, its wallets and cards filled in.
func problemWords(problem string, m views.CheckoutPage) string {
	w, ok := unusableWords[problem]
	switch {
	case !ok:
		return problem
	case w.left(m) > 0:
		return w.others
	}
	return w.none
}
