package checkout

import (
	"context"
	"fmt"
	"strings"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// outsideCover is what the refunds made outside this app in our books
// explain of one refund Antom refused REFUND_AMOUNT_EXCEED (outsideCovers).
type outsideCover struct {
	r     db.Refund
	free  int64    // what of the outside refunds adopted after r was made is left for it (minor units)
	names []string // those outside refunds' refundRequestIds
	took  bool     // free covers r's amount: r owes the buyer nothing (outside_took)
}

// outsideCovers settles, over one payment's refunds (in id order, as
// OrderRefunds reads them), which refunds Antom refused
// REFUND_AMOUNT_EXCEED (refusedUnexplained) the refunds made outside
// this app in our books explain: a refused refund r can be explained by
// an outside refund taken into the books after r was made (a greater
// id: our books did not know it when r was asked, so they let r ask for
// money Antom had already refunded), never by one the books knew. Oldest
// first, r owes nothing when what those outside refunds gave is at least
// r's amount once the refused refunds they already explain (marked
// before, or earlier in this pass) are paid out of them — so the refused
// refunds said to owe nothing never add up to more than the outside
// refunds found: for every refused refund g so marked, those marked from
// g on ask no more than the outside refunds taken in after g was made
// (the only ones that can explain any of them). One that is not covered
// stays owed as it was, its free part named (what is left for it).
func outsideCovers(refunds []db.Refund) []outsideCover {
	var marked []db.Refund
	for _, r := range refunds {
		if r.OutsideTook {
			marked = append(marked, r)
		}
	}
	var out []outsideCover
	for _, r := range refunds {
		if !refusedUnexplained(refunds, r) {
			continue
		}
		c := outsideCover{r: r, free: outsideFree(refunds, marked, r)}
		for _, o := range refunds {
			if o.Outside && o.ID > r.ID {
				c.names = append(c.names, o.RefundRequestID)
			}
		}
		if len(c.names) == 0 {
			continue
		}
		if c.took = c.free >= r.Amount; c.took {
			marked = append(marked, r)
		}
		out = append(out, c)
	}
	return out
}

// outsideFree is what of the refunds made outside this app is left to
// explain refused refund r, with marked (the refused refunds they
// explain already): the least, over r and each marked g made before it,
// of the outside refunds taken in after g was made less what the marked
// refunds from g on ask.
func outsideFree(refunds, marked []db.Refund, r db.Refund) int64 {
	free := int64(-1)
	for _, g := range append([]db.Refund{r}, marked...) {
		if g.ID > r.ID {
			continue
		}
		var left int64
		for _, o := range refunds {
			if o.Outside && o.ID > g.ID {
				left += o.Amount
			}
		}
		for _, m := range marked {
			if m.ID >= g.ID {
				left -= m.Amount
			}
		}
		if free < 0 || left < free {
			free = left
		}
	}
	return max(free, 0)
}

// refusedUnexplained reports whether r, of refunds, is a refund Antom
// refused REFUND_AMOUNT_EXCEED (a staff refund or an automatic one) that
// is still a failure nobody closed — not settled another way, not tried
// again — and that no refund made outside this app explains yet.
func refusedUnexplained(refunds []db.Refund, r db.Refund) bool {
	return r.Status == db.RefundFail && r.ResultCode == antom.CodeRefundAmountExceed && r.FinalSource == db.SourceAntom &&
		!r.Outside && !r.OutsideTook && r.HandledAt.IsZero() && !retried(refunds, r)
}

// settleRefusedByOutside marks, after refunds made outside this app were
// taken into the books (adopted: their refundRequestIds; none when this
// ask found none new) following refused refused REFUND_AMOUNT_EXCEED,
// every refused refund of attempt a they explain (outsideCovers) as
// owing nothing — refused as the books stood, not only refused now: one
// refused while Antom could not be asked, say — and tells the timeline
// of each refused refund the finding touches (refused, or refused before
// an outside refund just adopted) what was found and what is left.
// It reports whether it found refused's refusal unexplained by any
// outside refund in our books.
func (s *Service) settleRefusedByOutside(ctx context.Context, q *db.Queries, a db.Attempt, subject string, refused db.Refund, adopted []int64) (bool, error) {
	all, err := q.OrderRefunds(ctx, a.OrderID)
	if err != nil {
		return false, err
	}
	var refunds []db.Refund
	for _, r := range all {
		if r.AttemptID == a.ID {
			refunds = append(refunds, r)
		}
	}
	unexplained := true
	for _, c := range outsideCovers(refunds) {
		if c.r.ID != refused.ID && !madeBeforeAny(c.r, adopted) {
			continue
		}
		unexplained = unexplained && c.r.ID != refused.ID
		if !c.took {
			fig, err := attemptRefundFigures(ctx, q, a)
			if err != nil {
				return false, err
			}
			s.record(ctx, q, subject, EventState, fmt.Sprintf("refund %s refused %s: refunds made outside this app (%s) gave the buyer %s of the %s it asked%s, and Antom leaves %s to refund; check with the buyer what is still owed before refunding again or settling another way",
				c.r.RefundRequestID, antom.CodeRefundAmountExceed, strings.Join(c.names, ", "), Money{c.r.Currency, c.free}, Money{c.r.Currency, c.r.Amount},
				explainedElse(refunds, c), Money{c.r.Currency, fig.Left()}))
			continue
		}
		if _, err := q.MarkRefundOutsideTook(ctx, c.r.ID, s.now()); err != nil {
			return false, err
		}
		when := ""
		if c.r.ID != refused.ID {
			when = " (refused before they were in our books)"
		}
		s.record(ctx, q, subject, EventState, "refund "+c.r.RefundRequestID+" refused "+antom.CodeRefundAmountExceed+when+
			" because refunds made outside this app ("+strings.Join(c.names, ", ")+") had taken that amount: nothing of it is owed to the buyer")
	}
	return unexplained, nil
}

// madeBeforeAny reports whether r was made before one of the refunds
// whose ids are adopted was taken into the books.
func madeBeforeAny(r db.Refund, adopted []int64) bool {
	for _, id := range adopted {
		if r.ID < id {
			return true
		}
	}
	return false
}

// explainedElse is what outsideCovers' c adds when refused refunds other
// than c's own took part of the outside refunds it names: "" when none
// did.
func explainedElse(refunds []db.Refund, c outsideCover) string {
	var total int64
	for _, o := range refunds {
		if o.Outside && o.ID > c.r.ID {
			total += o.Amount
		}
	}
	if total <= c.free {
		return ""
	}
	return fmt.Sprintf(" (the rest of their %s explains other refused refunds)", Money{c.r.Currency, total})
}

// autoOutsideGave is what refunds made outside this app gave of r, an
// automatic refund Antom refused that they do not cover whole (not
// outside_took), over refunds (the order's, in id order): the part
// outsideCovers leaves for it — given back, the rest owed, as a staff
// refund so refused stays owed for what they did not give. 0 for any
// other refund, or when they gave none of it.
func autoOutsideGave(refunds []db.Refund, r db.Refund) int64 {
	if !r.Automatic || r.Status != db.RefundFail || r.OutsideTook {
		return 0
	}
	var ofAttempt []db.Refund
	for _, f := range refunds {
		if f.AttemptID == r.AttemptID {
			ofAttempt = append(ofAttempt, f)
		}
	}
	for _, c := range outsideCovers(ofAttempt) {
		if c.r.ID == r.ID && !c.took {
			return min(c.free, r.Amount)
		}
	}
	return 0
}
