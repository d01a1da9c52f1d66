package checkout

import (
	"context"
	"net"
	"time"

	"antom-checkout/db"
)

// Throttles counted in the database (so every app instance shares them):
// failed sign-ins, sign-ups and refused notifications. A window starts with the
// first counted try and lasts its limit's window.
const (
	// BuyerSigninPerEmail failed buyer sign-ins for one email, from any
	// address, within SigninWindow lock that email until the window ends.
	BuyerSigninPerEmail = 10
	// BuyerSigninPerAddress failed buyer sign-ins from one client address
	// (an IPv6 /64 counts as one), for any emails, within SigninWindow.
	BuyerSigninPerAddress = 20
	// BuyerSignupPerAddress sign-ups (accounts created or tried, each a
	// bcrypt hash) from one client address (an IPv6 /64 counts as one)
	// within SigninWindow; past it sign-up is refused until the window
	// ends.
	BuyerSignupPerAddress = 20
	// RefusedNotifyPerAddress refused notifications from one client address
	// within RefusedNotifyWindow are recorded; past that they are answered
	// 429 and not recorded until the window ends. Genuine notifications
	// are never throttled.
	RefusedNotifyPerAddress = 20
	RefusedNotifyWindow     = 15 * time.Minute
	// LinkConsultsPerBuyer new link attempts (each a consult sent to
	// Antom: "Link", "Show a new QR code", "Try again", a QR code for
	// another phone, …) for one buyer, any wallets, within
	// LinkConsultWindow; past it linking is refused until the window
	// ends. A buyer gets a code per press and a code lasts minutes.
	LinkConsultsPerBuyer = 10
	LinkConsultWindow    = 10 * time.Minute

	// throttleRetention is the longest window of any limit: counts older
	// than this are pruned.
	throttleRetention = 15 * time.Minute
)

// limit allows at most max tries per key within window.
type limit struct {
	key    string
	max    int
	window time.Duration
}

// countTry refuses a try when any of its limits is used up — a
// *ThrottledError saying when the last of them frees up — and otherwise
// counts the try against every limit, in one transaction (countTryIn).
// Counting before the try is checked (a password compared) bounds
// concurrent tries too; a sign-in that succeeds clears its email's
// count (db ClearSigninFailures).
func (s *Service) countTry(ctx context.Context, limits ...limit) error {
	return s.db.Tx(ctx, func(q *db.Queries) error { return s.countTryIn(ctx, q, limits...) })
}

// countTryIn is countTry within the caller's transaction q, for a try
// whose refusal must undo what the transaction did before it (a link
// attempt superseded by its renew, openLink): the caller returns the
// *ThrottledError from its transaction, which rolls it back.
func (s *Service) countTryIn(ctx context.Context, q *db.Queries, limits ...limit) error {
	now := s.now()
	var refused ThrottledError
	for _, l := range limits {
		n, start, err := q.SigninFailures(ctx, l.key, now.Add(-l.window))
		if err != nil {
			return err
		}
		if at := start.Add(l.window); n >= l.max && at.After(refused.RetryAt) {
			refused = ThrottledError{RetryAt: at, limit: l.key}
		}
	}
	if !refused.RetryAt.IsZero() {
		return &refused
	}
	if err := q.PruneSigninFailures(ctx, now.Add(-throttleRetention)); err != nil {
		return err
	}
	for _, l := range limits {
		if err := q.AddSigninFailure(ctx, l.key, now.Add(-l.window), now); err != nil {
			return err
		}
	}
	return nil
}

// ClientNetwork is the part of a client address every throttle counts
// (networkOf), for bounds kept outside the database.
func ClientNetwork(addr string) string { return networkOf(addr) }

// networkOf is the part of a client address a throttle counts: the address
// itself for IPv4, its /64 for IPv6 (one subscriber's usual share).
func networkOf(addr string) string {
	ip := net.ParseIP(addr)
	if ip == nil || ip.To4() != nil {
		return addr
	}
	return (&net.IPNet{IP: ip.Mask(net.CIDRMask(64, 128)), Mask: net.CIDRMask(64, 128)}).String()
}
