package checkout

import (
	"context"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

const (
	// firstRefundCheck is how long after a refund call the first
	// inquiry may come.
	firstRefundCheck = 2 * time.Second
	// maxRefundPause caps the pause between two inquiries.
	maxRefundPause = time.Minute
	// refundNotFoundPause and refundNotFoundTries: inquiryRefund's
	// ORDER_NOT_EXIST is asked again after 15 s (scaled to a faster
	// reconciler, as the backoffs are: Service.scaled); after three such
	// answers the refund was never created (API.md §5.7).
	refundNotFoundPause = 15 * time.Second
	refundNotFoundTries = 3
)

// checkRefunds is the reconciler's refund pass: every PROCESSING refund
// whose time has come is asked about, and every refund we closed
// ourselves that is still watched.
func (s *Service) checkRefunds(ctx context.Context) error {
	due, err := s.db.RefundsToCheck(ctx, s.now())
	if err != nil {
		return err
	}
	for _, r := range due {
		s.leased(ctx, refundWork(r.ID), func(ctx context.Context) { s.checkRefundIfDue(ctx, r.ID) })
	}
	return nil
}

// checkRefundIfDue checks a refund, under its lease, if it is still due
// now that the lease is held (another instance may have just checked it):
// PROCESSING, or closed by us and still watched, and its time has come.
func (s *Service) checkRefundIfDue(ctx context.Context, id int64) {
	r, err := s.db.RefundByID(ctx, id)
	if err != nil {
		s.log.Error("read refund", "refund", id, "err", err)
		return
	}
	watched := r.Status == db.RefundFail && r.FinalSource == db.SourceOurs && !r.NextCheckAt.IsZero()
	if (r.Status == db.RefundProcessing || watched) && !r.NextCheckAt.After(s.now()) {
		s.checkRefund(ctx, r)
	}
}

// checkRefund asks Antom about a PROCESSING refund by its
// refundRequestId (the only id that works after an unknown refund) and
// settles it when the answer is final. The caller holds the refund's
// lease.
func (s *Service) checkRefund(ctx context.Context, r db.Refund) {
	subject := s.refundSubject(ctx, r)
	if r.Status != db.RefundProcessing {
		s.watchRefund(ctx, r, subject)
		return
	}
	resp, err := s.antom.InquiryRefund(withSubject(ctx, subject), &antom.InquiryRefundRequest{RefundRequestID: r.RefundRequestID})
	switch {
	case err == nil:
		if s.applyRefundInquiry(ctx, r, resp, "reconciler: inquiryRefund says "+resp.RefundStatus, "") {
			return
		}
	case antom.IsFailed(err) && failureCode(err) == "ORDER_NOT_EXIST":
		s.refundNotFound(ctx, r, subject)
		return
	}
	now := s.now()
	pause := min(max(now.Sub(r.CreatedAt)/2, firstRefundCheck), maxRefundPause)
	if err := s.db.ScheduleRefundCheck(ctx, r.ID, now.Add(pause), now); err != nil {
		s.log.Error("schedule refund check", "refund", r.ID, "err", err)
	}
}

// refundNotFound counts an ORDER_NOT_EXIST answer: asked again after 15
// s (at the default reconciler period), and after the third we close the
// refund as FAIL ourselves (Antom did not say it failed, and may yet
// report it done: watchRefund).
func (s *Service) refundNotFound(ctx context.Context, r db.Refund, subject string) {
	if r.Checks+1 >= refundNotFoundTries {
		s.settleRefundNow(ctx, r, refundOutcome{status: db.RefundFail, code: "ORDER_NOT_EXIST", ours: true},
			"reconciler: Antom had no such refund three times; closed as failed by us, not by Antom, which may yet report it done (asked again for a day)", "")
		return
	}
	// The count (over a refund still PROCESSING) and its line go in one
	// transaction (recordWhileOpen): a notification that settles the
	// refund meanwhile comes after both, or leaves out both.
	now, pause := s.now(), s.scaled(refundNotFoundPause)
	s.recordWhileOpen(ctx, subject, EventReconciler, "refund "+r.RefundRequestID+": Antom has no such refund yet; asking again in "+pauseWords(pause),
		func(ctx context.Context, q *db.Queries) (bool, error) {
			return q.CountRefundNotFound(ctx, r.ID, r.Checks, now.Add(pause), now)
		})
}

// applyRefundInquiry settles a refund on a final refundStatus by
// refundResultRules; it keeps the refundId of one still processing
// (and of one we closed ourselves, which Antom is then making:
// foundProcessing) and reports false then (or when the amount is not ours, or the rules hold
// the answer back: left for staff).
func (s *Service) applyRefundInquiry(ctx context.Context, r db.Refund, resp *antom.InquiryRefundResponse, why, actor string) bool {
	if !sameAmount(resp.RefundAmount, r.Currency, r.Amount) {
		s.record(ctx, nil, s.refundSubject(ctx, r), EventReconciler, "refund "+r.RefundRequestID+": inquiry answers another amount; left for staff")
		return false
	}
	if resp.RefundStatus == antom.RefundProcessing {
		s.keepRefundID(ctx, r, resp.RefundID)
		s.foundProcessing(ctx, r, actor)
		return false
	}
	rule := refundResultRules.lookup(refundState(r), resp.RefundStatus)
	if rule.to == "" {
		if rule.verdict == VerdictQuarantined {
			s.record(ctx, nil, s.refundSubject(ctx, r), EventReconciler, "refund "+r.RefundRequestID+": "+why+reasonSuffix(rule.reason)+"; left for staff")
		}
		return false
	}
	out := refundOutcome{status: rule.to, refundID: resp.RefundID}
	if rule.to == db.RefundSuccess {
		out.code, out.at = antom.CodeSuccess, parseAntomTime(resp.RefundTime)
	}
	return s.settleRefundNow(ctx, r, out, why+reasonSuffix(rule.reason), actor)
}

// watchRefund asks Antom about a refund we closed ourselves as failed
// (Antom had no such refund), for up to lateWatch after it was made (Antom resends
// notifications for about 24 hours, API.md §6.1): a late SUCCESS or FAIL
// settles it by refundResultRules; no answer, ORDER_NOT_EXIST or
// PROCESSING (foundProcessing) asks again after a growing pause.
func (s *Service) watchRefund(ctx context.Context, r db.Refund, subject string) {
	now := s.now()
	if now.After(r.CreatedAt.Add(lateWatch)) {
		// Said only of a refund still as we closed it (a FAIL of ours):
		// one Antom made late meanwhile had a late outcome
		// (recordWhileOpen).
		s.recordWhileOpen(ctx, subject, EventReconciler, "no late outcome of refund "+r.RefundRequestID+" within a day: no longer asking Antom",
			func(ctx context.Context, q *db.Queries) (bool, error) {
				if err := q.WatchRefund(ctx, r.ID, time.Time{}, now); err != nil {
					return false, err
				}
				r, err := q.RefundByID(ctx, r.ID)
				return err == nil && r.Status == db.RefundFail && r.FinalSource == db.SourceOurs, err
			})
		return
	}
	resp, err := s.antom.InquiryRefund(withSubject(ctx, subject), &antom.InquiryRefundRequest{RefundRequestID: r.RefundRequestID})
	if err == nil && s.applyRefundInquiry(ctx, r, resp, "reconciler: watching a refund we closed as failed ourselves: inquiryRefund says "+resp.RefundStatus, "") {
		return
	}
	if err := s.db.WatchRefund(ctx, r.ID, now.Add(min(firstWatch<<min(r.Checks, 8), maxWatchPause)), now); err != nil {
		s.log.Error("watch refund", "refund", r.ID, "err", err)
	}
}
