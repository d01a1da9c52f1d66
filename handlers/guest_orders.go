package handlers

import (
	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
)

const (
	// sessionGuestKey is the browser's guest key (checkout.NewGuestKey):
	// the orders it makes as a guest carry it. Made by its first guest
	// order, kept through sign-in (RenewToken keeps a session's values),
	// gone at sign-out. Never shown, logged or put in a URL.
	sessionGuestKey = "guest_key"
	// sessionGuestOrders is where a session from before guest keys held
	// the refs of its guest orders; guestKey upgrades it.
	sessionGuestOrders = "guest_orders"
)

// guestKey is this browser's guest key, "" if it has none yet. A session
// from before guest keys (its orders' refs in sessionGuestOrders) is
// upgraded on first sight: given a key, which its orders get too (or the
// one they got from another tab upgrading it at the same moment), and the
// list dropped. A failure is logged, not shown: the list stays for the
// next request to try again.
func (a *App) guestKey(c *gin.Context) string {
	ctx := c.Request.Context()
	key := a.Sessions.GetString(ctx, sessionGuestKey)
	refs, legacy := a.Sessions.Get(ctx, sessionGuestOrders).([]string)
	if !legacy {
		return key
	}
	upgraded := key
	if upgraded == "" {
		var err error
		if upgraded, err = checkout.NewGuestKey(); err != nil {
			a.logFor(c).Error("guest key", "err", err)
			return key
		}
	}
	held, err := a.Checkout.KeyGuestOrders(ctx, refs, upgraded)
	if err != nil {
		a.logFor(c).Error("key guest orders", "err", err)
		return key
	}
	if key == "" && held != "" {
		upgraded = held // another tab upgraded this session first: its key
	}
	a.Sessions.Put(ctx, sessionGuestKey, upgraded)
	a.Sessions.Remove(ctx, sessionGuestOrders)
	return upgraded
}

// ownGuestKey is this browser's guest key, made now if it has none: the
// only change a guest's order makes to its session, and only its first.
func (a *App) ownGuestKey(c *gin.Context) (string, error) {
	if key := a.guestKey(c); key != "" {
		return key, nil
	}
	key, err := checkout.NewGuestKey()
	if err != nil {
		return "", err
	}
	a.Sessions.Put(c.Request.Context(), sessionGuestKey, key)
	return key, nil
}

// viewer is who asks to see an order: the signed-in buyer, if any, and
// this browser's guest key.
func (a *App) viewer(c *gin.Context) checkout.Viewer {
	b, _ := buyerOf(c)
	return checkout.Viewer{BuyerID: b.ID, GuestKey: a.guestKey(c)}
}

// orderer is who makes an order: the signed-in buyer, else this browser
// as a guest (its guest key, made if it has none). Unless it makes the
// key, an order leaves the session as it was (withSessions then sends no
// cookie with an old token, should a sign-in in another tab have renewed
// it meanwhile).
func (a *App) orderer(c *gin.Context) (checkout.Viewer, error) {
	if b, ok := buyerOf(c); ok {
		return checkout.Viewer{BuyerID: b.ID}, nil
	}
	ctx := c.Request.Context()
	if key := a.Sessions.GetString(ctx, sessionGuestKey); key != "" && !a.Sessions.Exists(ctx, sessionGuestOrders) {
		return checkout.Viewer{GuestKey: key}, nil
	}
	key, err := a.ownGuestKey(c)
	return checkout.Viewer{GuestKey: key}, err
}

// claimGuestOrders hands the orders this browser made as a guest to the
// buyer who just signed in, all at once (by its guest key, which the
// session keeps: an order another tab makes as a guest meanwhile is
// claimed when the buyer first sees it). A failure is logged, not shown:
// the buyer still sees those orders by the key, and claims them so.
func (a *App) claimGuestOrders(c *gin.Context, buyerID int64) {
	key := a.guestKey(c)
	if key == "" {
		return
	}
	if err := a.Checkout.ClaimGuestOrders(c.Request.Context(), buyerID, key); err != nil {
		a.logFor(c).Error("claim guest orders", "buyer", buyerID, "err", err)
	}
}
