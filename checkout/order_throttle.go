package checkout

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"time"
)

// Order creation's defaults (OrderLimits): OrdersPerVisitor orders by one
// buyer or guest (a browser's session) within OrderWindow, and
// OrdersPerAddress from one client address (an IPv6 /64 counts as one; a
// household or an office behind one address shares it), any visitors.
// Past either, "Buy" is refused, creating nothing, until the window
// ends. A shopper makes an order or two a visit; 20 in 10 minutes is one
// every 30 s without a pause.
const (
	OrdersPerVisitor = 20
	OrdersPerAddress = 120
	OrderWindow      = 10 * time.Minute
)

// OrderLimits bounds order creation (CountOrder). A window of 0, or
// longer than throttleRetention, is OrderWindow.
type OrderLimits struct {
	PerVisitor int
	PerAddress int
	Window     time.Duration
}

func (l OrderLimits) withDefaults() OrderLimits {
	if l.PerVisitor == 0 {
		l.PerVisitor = OrdersPerVisitor
	}
	if l.PerAddress == 0 {
		l.PerAddress = OrdersPerAddress
	}
	if l.Window == 0 || l.Window > throttleRetention {
		l.Window = OrderWindow
	}
	return l
}

// CountOrder counts an order about to be created by v (the zero Viewer:
// a browser with no session yet, counted by its address only) from
// clientAddr, once what it asks needs no correcting (CheckOrder,
// CheckTestOrder: a press the buyer must correct counts toward neither
// limit) and before anything is made for it: a *ThrottledError,
// nothing counted, once either limit is used up. Each instance counts
// the orders it serves, in memory (Service.orders): the limits are per
// instance. Call it before a guest's session is made, so that a refused
// "Buy" leaves nothing behind.
func (s *Service) CountOrder(ctx context.Context, v Viewer, clientAddr string) error {
	l := s.opts.OrderLimits
	keys, maxes := []string{"addr:" + networkOf(clientAddr)}, []int{l.PerAddress}
	switch {
	case v.BuyerID != 0:
		keys, maxes = append(keys, "buyer:"+strconv.FormatInt(v.BuyerID, 10)), append(maxes, l.PerVisitor)
	case v.GuestKey != "":
		// The guest key shows the guest's orders: only its hash is kept.
		sum := sha256.Sum256([]byte(v.GuestKey))
		keys, maxes = append(keys, "guest:"+hex.EncodeToString(sum[:16])), append(maxes, l.PerVisitor)
	}
	if _, retryAt, ok := s.orders.Take(s.now(), keys, maxes); !ok {
		return &ThrottledError{RetryAt: retryAt}
	}
	return nil
}
