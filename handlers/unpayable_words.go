package handlers

import "antom-checkout/checkout"

// unpayableWords is the message that says why an order can no longer be
// paid (checkout.Unpayable), on its checkout page in place of the ways
// to pay and on its result page in place of another way.
var unpayableWords = map[checkout.Unpayable]string{
	checkout.UnpayableNotForSale:     "checkout.not_for_sale",
	checkout.UnpayableAttemptsUsedUp: "checkout.attempts_used_up",
}

// unpayableRefusals are the problems of a press refused because its
// order can no longer be paid: the checkout page's unpayableWords say
// them already.
var unpayableRefusals = map[string]bool{
	"checkout.too_many_attempts": true,
	"checkout.not_for_sale":      true,
}
