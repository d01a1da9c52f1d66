package handlers

import (
	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
)

const (
	sessionGuestOrders = "guest_orders"
	// maxGuestOrders bounds the refs a guest's session keeps: the newest.
	maxGuestOrders = 20
)

// guestOrders returns the refs of the orders this browser made as a guest.
func (a *App) guestOrders(c *gin.Context) []string {
	refs, ok := a.Sessions.Get(c.Request.Context(), sessionGuestOrders).([]string)
	if !ok {
		return nil
	}
	return refs
}

// rememberGuestOrder lets a guest see the order they just made.
func (a *App) rememberGuestOrder(c *gin.Context, ref string) {
	refs := append(a.guestOrders(c), ref)
	if len(refs) > maxGuestOrders {
		refs = refs[len(refs)-maxGuestOrders:]
	}
	a.Sessions.Put(c.Request.Context(), sessionGuestOrders, refs)
}

// viewer is who asks to see an order: the signed-in buyer, if any, and
// the orders this browser made as a guest.
func (a *App) viewer(c *gin.Context) checkout.Viewer {
	b, _ := buyerOf(c)
	return checkout.Viewer{BuyerID: b.ID, GuestRefs: a.guestOrders(c)}
}

// claimGuestOrders hands the orders this browser made as a guest to the
// buyer who just signed in. A failure is logged, not shown: the refs stay
// in the session, so the buyer still sees those orders and the next
// sign-in tries again.
func (a *App) claimGuestOrders(c *gin.Context, buyerID int64) {
	refs := a.guestOrders(c)
	if len(refs) == 0 {
		return
	}
	ctx := c.Request.Context()
	if err := a.Checkout.ClaimGuestOrders(ctx, buyerID, refs); err != nil {
		a.Log.Error("claim guest orders", "buyer", buyerID, "err", err)
		return
	}
	a.Sessions.Remove(ctx, sessionGuestOrders)
}
