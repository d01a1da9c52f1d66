package proof

import (
	"context"
	"fmt"
	"time"

	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
)

// inFlight lists what is not settled yet on either side: anything
// PROCESSING, links the buyer agreed to that have no token yet, and
// wallets whose revoke is not confirmed.
func inFlight(b db.Books, l sandbox.Ledger) []string {
	var out []string
	for _, o := range b.Orders {
		if o.Status == db.OrderProcessing {
			out = append(out, "order "+o.Ref)
		}
	}
	for _, a := range b.Attempts {
		if a.Status == db.AttemptProcessing {
			out = append(out, "attempt "+a.PaymentRequestID)
		}
	}
	for _, r := range b.Refunds {
		if r.Status == db.RefundProcessing {
			out = append(out, "refund "+r.RefundRequestID)
		}
	}
	for _, k := range b.Captures {
		if k.Status == db.CaptureProcessing {
			out = append(out, "capture "+k.CaptureRequestID)
		}
	}
	for _, k := range b.Links {
		if k.Status == db.LinkAuthorized {
			out = append(out, "link "+k.AuthState)
		}
	}
	for _, w := range b.Wallets {
		if w.Status == db.WalletRevoking {
			out = append(out, fmt.Sprintf("wallet %d revoking", w.ID))
		}
	}
	agreed := map[string]bool{}
	for _, k := range l.Links {
		agreed[k.AuthState] = k.Status == "agreed"
	}
	for _, k := range b.Links {
		if k.Status == db.LinkPending && agreed[k.AuthState] {
			out = append(out, "link "+k.AuthState)
		}
	}
	for _, p := range l.Payments {
		if p.Status == payProcessing {
			out = append(out, "Antom payment "+p.PaymentRequestID)
		}
	}
	for _, r := range l.Refunds {
		if r.Status == "PROCESSING" {
			out = append(out, "Antom refund "+r.RefundRequestID)
		}
	}
	return out
}

// sides reads both sides as they are now.
type sides func(ctx context.Context) (db.Books, sandbox.Ledger, error)

// waitSettled waits until nothing is in flight on either side, or the
// deadline passes; tick is told what is still in flight now and then. It
// reports whether everything settled.
func waitSettled(ctx context.Context, read sides, deadline time.Duration, tick func(left []string)) (bool, error) {
	ctx, cancel := context.WithTimeout(ctx, deadline)
	defer cancel()
	poll := time.NewTicker(250 * time.Millisecond)
	defer poll.Stop()
	last := time.Now()
	for {
		b, l, err := read(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return false, nil
			}
			return false, fmt.Errorf("settle: %w", err)
		}
		left := inFlight(b, l)
		if len(left) == 0 {
			return true, nil
		}
		if time.Since(last) >= 2*time.Second {
			tick(left)
			last = time.Now()
		}
		select {
		case <-ctx.Done():
			return false, nil
		case <-poll.C:
		}
	}
}
