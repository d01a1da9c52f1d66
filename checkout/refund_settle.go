package checkout

import (
	"context"
	"fmt"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// refundOutcome is a final outcome of a refund.
type refundOutcome struct {
	status   string // db.RefundSuccess or db.RefundFail
	code     string
	refundID string
	at       time.Time // when it succeeded
	ours     bool      // we decided it (never created at Antom); Antom did not say it
}

// settleRefundIn writes a final outcome over a refund still as it was
// read, inside the caller's transaction: over PROCESSING, or — Antom's
// word only — over a FAIL we decided ourselves. It puts it on the order's
// timeline (with who, when staff caused it) and reports whether this
// call was the one that settled; a final state Antom gave is never
// overwritten.
func (s *Service) settleRefundIn(ctx context.Context, q *db.Queries, r db.Refund, out refundOutcome, why, actor string) (bool, error) {
	if r.Status != db.RefundProcessing && (r.FinalSource != db.SourceOurs || out.ours) {
		return false, nil
	}
	source := db.SourceAntom
	if out.ours {
		source = db.SourceOurs
	}
	now := s.now()
	if out.status == db.RefundSuccess && out.at.IsZero() {
		out.at = now
	}
	if out.status != db.RefundSuccess {
		out.at = time.Time{}
	}
	ok, err := q.SettleRefund(ctx, r.ID, r.Status, r.FinalSource, out.status, out.code, out.refundID, source, out.at, now)
	if err != nil || !ok {
		return false, err
	}
	if out.ours { // watched for a late outcome (watchRefund)
		if err := q.WatchRefund(ctx, r.ID, now.Add(firstWatch), now); err != nil {
			return false, err
		}
	}
	o, err := q.OrderByID(ctx, r.OrderID)
	if err != nil {
		return false, err
	}
	detail := fmt.Sprintf("refund %s of %s %s", r.RefundRequestID, Money{r.Currency, r.Amount}, out.status)
	if out.code != "" && out.code != "SUCCESS" {
		detail += " (" + out.code + ")"
	}
	s.recordBy(ctx, q, OrderSubject(o.Ref), EventState, actor, detail+": "+why)
	return true, nil
}

// settleRefundNow settles in a transaction of its own and wakes pages
// watching the order.
func (s *Service) settleRefundNow(ctx context.Context, r db.Refund, out refundOutcome, why, actor string) bool {
	var settled bool
	err := s.db.Tx(ctx, func(q *db.Queries) error {
		var err error
		settled, err = s.settleRefundIn(ctx, q, r, out, why, actor)
		return err
	})
	if err != nil {
		s.log.Error("settle refund", "refund", r.ID, "err", err)
		return false
	}
	if settled {
		s.hub.Publish(s.refundSubject(ctx, r))
		if refusedAsTooMuch(out) {
			s.adoptOutsideRefunds(ctx, r) // our books may be behind Antom's
		}
	}
	return settled
}

// refusedAsTooMuch reports an outcome where Antom refused a refund as
// more than is left to refund of the payment, while our books (which
// let the refund be made) left that much: refunds made outside this app
// may have taken it (adoptOutsideRefunds).
func refusedAsTooMuch(out refundOutcome) bool {
	return out.status == db.RefundFail && !out.ours && out.code == antom.CodeRefundAmountExceed
}

// refundSubject returns the timeline subject of a refund's order.
func (s *Service) refundSubject(ctx context.Context, r db.Refund) string {
	o, err := s.db.OrderByID(ctx, r.OrderID)
	if err != nil {
		return fmt.Sprintf("order-id:%d", r.OrderID)
	}
	return OrderSubject(o.Ref)
}
