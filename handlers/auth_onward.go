package handlers

import "strings"

// signedInOnward is the way on a sign-in or sign-up page offers a buyer
// already signed in, to next (its ?next=, a safe path): its path and
// words, "See this order" for one order's page (isOrderPage), "Back to
// where you were" for another page. None ("", "") for the shop's front
// page, the pages the signed-in box already offers (My orders, My
// wallets: checkout.DefaultReturn, next when none was given) and the
// sign-in pages themselves.
func signedInOnward(next string) (path, words string) {
	bare := next
	if i := strings.IndexAny(bare, "?#"); i >= 0 {
		bare = bare[:i]
	}
	switch bare {
	case "", "/", "/orders", "/wallets", "/signin", "/signup":
		return "", ""
	}
	if isOrderPage(next) {
		return next, "auth.signed_in_to_order"
	}
	return next, "auth.signed_in_back"
}
