package checkout

import "antom-checkout/db"

// AuthorizationShown is how staff pages — an order's page and the orders
// list, by one rule (showAuthorization) — show an order whose MANUAL
// authorization may have ended before the reconciler closed it.
type AuthorizationShown struct {
	// State is the state its badge says (Result*): the order's, or
	// ResultVoided / ResultExpired for an authorization that ended while
	// the order is still AUTHORIZED here.
	State string
	// CancelledAtAntom: voided because Antom reported the authorization
	// cancelled (a capture refused AUTH_CANCELLED or ORDER_IS_CANCELED),
	// not by a void the shop sent.
	CancelledAtAntom bool
	// Expired: shown expired, never captured.
	Expired bool
	// CaptureBy: the authorization waits for staff — nothing under way
	// on it, not ended nor expired — so the page's and the list's
	// "Capture before" line (a time, or not known) applies.
	CaptureBy bool
}

// showAuthorization is the rule of AuthorizationShown for an order in
// state (Result*) with a capture or void Antom has not confirmed yet
// (underWay), a capture refusal that ended its authorization as endedAs
// (endedAsOf; "" for none) and its known expiry past (expired). Antom's
// word (endedAs) wins over the expiry we hold, as the reconciler's close
// does (endAuthorizations); while a capture or void is under way the
// order is shown as it is (its badge says what is under way) and no
// Capture before line is given.
func showAuthorization(state string, underWay bool, endedAs string, expired bool) AuthorizationShown {
	waiting := state == ResultAuthorized && !underWay
	switch {
	case endedAs == db.OrderVoided && (state == ResultVoided || waiting):
		return AuthorizationShown{State: ResultVoided, CancelledAtAntom: true}
	case state == ResultExpired || waiting && (expired || endedAs == db.OrderExpired):
		return AuthorizationShown{State: ResultExpired, Expired: true}
	}
	return AuthorizationShown{State: state, CaptureBy: waiting}
}

// endedAsOf is the order status a capture refusal that ended an
// authorization makes (to, captureEnds; "" for none) while it still
// speaks for an order of orderStatus: AUTHORIZED (the reconciler closes
// it next) or already that status; else a capture after all, or another
// close, took it.
func endedAsOf(orderStatus, to string) string {
	if orderStatus == db.OrderAuthorized || orderStatus == to {
		return to
	}
	return ""
}

// Shown is how staff pages show o (showAuthorization).
func (o AdminOrder) Shown() AuthorizationShown {
	return showAuthorization(o.State, o.Capturing.Minor > 0 || o.Voiding, o.EndedAs, o.AuthExpired)
}
