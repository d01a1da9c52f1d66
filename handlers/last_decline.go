package handlers

import (
	"antom-checkout/checkout"
	"antom-checkout/checkout/unpayable"
)

// lastDecline is the message IDs of why order r's last payment did not
// go through, as the result and checkout pages say it: its words
// (checkout.Result.Decline) and those naming its wallet when it must be
// linked again (relinkNamed). On an order that can no longer be paid
// both are said without their advice to pay again
// (unpayable.Words): the page says next that it can no
// longer be paid, and offers no way to.
func lastDecline(r checkout.Result) (words, named string) {
	words, named = r.Decline, relinkNamed
	if r.Unpayable != "" {
		words, named = unpayable.Words(words), unpayable.Words(named)
	}
	return words, named
}
