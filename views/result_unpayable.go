package views

import "antom-checkout/checkout/unpayable"

// forOrder is message id as result card r says it: on an order that can
// no longer be paid (r.Unpayable, said under it) its words without their
// advice to pay again (unpayable.Words), else id.
func (r ResultCard) forOrder(id string) string {
	if r.Unpayable != "" {
		return unpayable.Words(id)
	}
	return id
}

// forOrder is message id as checkout page m says it: on an order that
// can no longer be paid (m.Unpayable, said under it) its words without
// their "Choose how to pay." (unpayable.Words), else id.
func (m CheckoutPage) forOrder(id string) string {
	if m.Unpayable != "" {
		return unpayable.Words(id)
	}
	return id
}
