package handlers

import "antom-checkout/checkout"

// unpayableSaid is what an order no new payment of which may start says
// why (checkout.Unpayable), and whether an earlier payment of it we
// closed is still watched and may pay it (checkout.Result.EarlierMayPay).
type unpayableSaid struct {
	why     checkout.Unpayable
	earlier bool
}

// unpayableWords is the message that says why an order can no longer be
// paid (checkout.Unpayable), on its checkout page in place of the ways
// to pay and on its result page in place of another way — or, while an
// earlier payment may still pay it, that no new payment can start and
// that the earlier one, if it goes through, pays it.
var unpayableWords = map[unpayableSaid]string{
	{checkout.UnpayableNotForSale, false}:     "checkout.not_for_sale",
	{checkout.UnpayableNotForSale, true}:      "checkout.not_for_sale_earlier",
	{checkout.UnpayableAttemptsUsedUp, false}: "checkout.attempts_used_up",
	{checkout.UnpayableAttemptsUsedUp, true}:  "checkout.attempts_used_up_earlier",
}

// unpayableSay is unpayableWords' message for r; "" while r's order may
// be paid.
func unpayableSay(r checkout.Result) string {
	return unpayableWords[unpayableSaid{r.Unpayable, r.EarlierMayPay}]
}

// unpayableRefusals are the problems of a press refused because its
// order can no longer be paid: the checkout page's unpayableWords say
// them already.
var unpayableRefusals = map[string]bool{
	"checkout.too_many_attempts": true,
	"checkout.not_for_sale":      true,
}

// tooManyAttemptsWords is the words of a press refused for its order's
// attempts used up (checkout.too_many_attempts), by whether an earlier
// payment may still pay the order (checkout.Result.EarlierMayPay).
var tooManyAttemptsWords = map[bool]string{
	false: "checkout.too_many_attempts",
	true:  "checkout.too_many_attempts_earlier",
}
