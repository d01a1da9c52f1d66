package views

// usedUpContact is each of CheckoutPage.Unpayable's messages with the
// shop's contact as a link in it ({{.Link}}), for a shop that has one.
var usedUpContact = map[string]string{
	"checkout.attempts_used_up":  "checkout.attempts_used_up_contact",
	"checkout.too_many_attempts": "checkout.too_many_attempts_contact",
	"checkout.not_for_sale":      "checkout.not_for_sale_contact",
	// While an earlier payment may still pay the order.
	"checkout.attempts_used_up_earlier":  "checkout.attempts_used_up_earlier_contact",
	"checkout.too_many_attempts_earlier": "checkout.too_many_attempts_earlier_contact",
	"checkout.not_for_sale_earlier":      "checkout.not_for_sale_earlier_contact",
}
