package proof

import (
	"context"
	"fmt"
	"sync"
)

// staffActs does what the job has staff do once the buyer's page settled:
// refunds of a paid order; capture (then maybe refunds) or void of an
// authorised one.
func (w *world) staffActs(ctx context.Context, u *buyer, ref string, total money, j job, state string) {
	switch {
	case state == "paid" && isRefund(j.staff):
		w.refund(ctx, ref, total, j, j.staff)
	case state == "authorized" && j.staff == voidAuth:
		code, err := w.staff.void(ctx, ref)
		w.n.voids.Add(1)
		w.staffSaw(ctx, ref, "void", code, err)
	case state == "authorized" && (j.staff == captureFull || j.staff == capturePart):
		amount := total.minor
		if j.staff == capturePart {
			amount = max(total.minor*2/3, 1)
		}
		code, err := w.staff.capture(ctx, ref, total.currency, amount)
		w.n.captures.Add(1)
		w.staffSaw(ctx, ref, fmt.Sprintf("capture %d", amount), code, err)
		if isRefund(j.refund) {
			if after, err := u.status(ctx, ref); err == nil && after == "paid" {
				w.refund(ctx, ref, money{total.currency, amount}, j, j.refund)
			}
		}
	}
}

func isRefund(s string) bool {
	return s == refundPart || s == refundFull || s == refundTwice || s == refundOver
}

// refund sends refunds of a paid order as the plan says. paid is what the
// buyer paid (for a capture, what was captured).
func (w *world) refund(ctx context.Context, ref string, paid money, j job, how string) {
	key := func(i int) string { return fmt.Sprintf("J%dR%d", j.n, i) }
	send := func(i int, amount int64) {
		code, err := w.staff.refund(ctx, ref, paid.currency, amount, key(i))
		w.n.refunds.Add(1)
		w.staffSaw(ctx, ref, fmt.Sprintf("refund %d (key %s)", amount, key(i)), code, err)
	}
	switch how {
	case refundPart:
		send(1, max(paid.minor/3, 1))
	case refundFull:
		send(1, paid.minor)
	case refundTwice: // a double submit of one form: one refund
		var wg sync.WaitGroup
		for range 2 {
			wg.Go(func() { send(1, max(paid.minor/2, 1)) })
		}
		wg.Wait()
	case refundOver: // the second must be refused
		send(1, max(paid.minor*2/3, 1))
		send(2, max(paid.minor*2/3, 1))
	}
}

// staffSaw notes the answer to a staff action: 303 done or refused with a
// notice, 422 refused on the form; 5xx is the app failing.
func (w *world) staffSaw(ctx context.Context, ref, what string, code int, err error) {
	if err != nil {
		w.trouble(ctx, ref, "staff: "+what, err)
		return
	}
	w.story.add(ref, "staff: %s → HTTP %d", what, code)
	if code >= 500 {
		w.appFailed(ref)
	}
}
