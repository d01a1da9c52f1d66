package checkout

import (
	"context"
	"fmt"

	"antom-checkout/db"
)

// retryNeedsLookup is the rule that keeps a refund from being paid twice
// by its retry: a refund we closed as failed ourselves (FAIL, SourceOurs:
// Antom had no such refund the times we asked, which is not Antom saying
// it failed) may yet be made by Antom, and a retry is a new refund that
// Antom would make too. Staff may try it again only once a Refund lookup
// made since we closed it answered that Antom has no such refund
// (db.Refund.AbsentLookedAt, LookupRefund); a lookup that finds it
// settles it instead (done: nothing is owed; failed: Antom's own word,
// which may be retried).
func retryNeedsLookup(r db.Refund) bool {
	return r.Status == db.RefundFail && r.FinalSource == db.SourceOurs && r.AbsentLookedAt.IsZero()
}

// lookFirstRefusal is the refusal of a retry of r while retryNeedsLookup.
func lookFirstRefusal(r db.Refund) error {
	return &ConflictError{Message: fmt.Sprintf("Refund %s was closed as failed by us, not by Antom, which may yet make it: "+
		"look it up first (Refund lookup). It can be tried again once the lookup says Antom has no such refund; "+
		"a retry before could refund the buyer twice. Nothing was sent.", r.RefundRequestID)}
}

// lookedAbsent records that staff member actor's Refund lookup of our
// refund r answered that Antom has no such refund, when r is one we
// closed as failed ourselves (db.LookedAbsent): the retry it held back
// is offered (retryNeedsLookup), and the timeline says who looked.
func (s *Service) lookedAbsent(ctx context.Context, actor string, r db.Refund) error {
	if r.Status != db.RefundFail || r.FinalSource != db.SourceOurs {
		return nil
	}
	ok, err := s.db.LookedAbsent(ctx, r.ID, actor, s.now())
	if err != nil || !ok {
		return err
	}
	subject := s.refundSubject(ctx, r)
	s.recordBy(ctx, nil, subject, EventStaff, actor, "refund lookup of "+r.RefundRequestID+
		": Antom has no such refund; it may be tried again")
	s.hub.Publish(subject)
	return nil
}
