package db

import (
	"context"
	"time"
)

// Backlog kinds: what the reconciler still has to settle (the query
// below spells them as literals).
const (
	BacklogPayments = "payments" // payment attempts PROCESSING
	BacklogRefunds  = "refunds"  // refunds PROCESSING
	BacklogCaptures = "captures" // captures PROCESSING
	BacklogRevokes  = "revokes"  // wallets REVOKING (revoke not yet confirmed)
	BacklogCancels  = "cancels"  // cancels and voids of payments not yet confirmed — still PROCESSING, or IN_DOUBT (Antom said SUCCESS meanwhile: asked until known) — but none held (Attempt.CancelHeld): not sent
)

// BacklogItem is one kind of unfinished work: how many, and since when the
// oldest has waited (zero when Count is 0). Payments, refunds and captures
// wait since they were created, revokes since the wallet went REVOKING,
// cancels since they were asked for.
type BacklogItem struct {
	Kind   string
	Count  int
	Oldest time.Time
}

// ReconcilerBacklog counts the unfinished work of every kind, in the order
// payments, refunds, captures, revokes, cancels.
func (q *Queries) ReconcilerBacklog(ctx context.Context) ([]BacklogItem, error) {
	return queryAll(ctx, q.q, "reconciler backlog", func(s scanner) (BacklogItem, error) {
		var (
			b      BacklogItem
			oldest *string
		)
		err := s.Scan(&b.Kind, &b.Count, &oldest)
		if oldest != nil {
			b.Oldest = parseTime(*oldest)
		}
		return b, err
	}, `SELECT 'payments', COUNT(*), MIN(created_at) FROM payment_attempts WHERE status = ?
		UNION ALL SELECT 'refunds', COUNT(*), MIN(created_at) FROM refunds WHERE status = ?
		UNION ALL SELECT 'captures', COUNT(*), MIN(created_at) FROM captures WHERE status = ?
		UNION ALL SELECT 'revokes', COUNT(*), MIN(updated_at) FROM wallets WHERE status = ?
		UNION ALL SELECT 'cancels', COUNT(*), MIN(cancel_requested_at) FROM payment_attempts a WHERE cancel_status IN (?, ?) AND NOT `+heldCancelA,
		AttemptProcessing, RefundProcessing, CaptureProcessing, WalletRevoking, CancelProcessing, CancelInDoubt)
}
