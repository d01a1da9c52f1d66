package checkout

import (
	"context"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// retryWhileOpen runs call until it succeeds, fails for certain, tries
// run out, or the row it is about is no longer open. Only an unknown or
// not-sent outcome is retried, with the very same request (so Antom's
// idempotency holds), after a growing pause. Before each resend, open —
// the same check recordWhileOpen makes its line on (refundOpen,
// attemptOpen, …) — is read (stillOpen): while the call ran without an
// answer, a notification or another worker may have settled the row, and
// then the resend is a call we know we need not make (Antom would only
// answer it again). It returns the last call's error and settled, true
// when it stopped because the row was settled meanwhile: the caller then
// reads the row for what to tell, and its "outcome unknown" line (written
// through recordWhileOpen) is left out.
func (s *Service) retryWhileOpen(ctx context.Context, tries int, open func(ctx context.Context, q *db.Queries) (bool, error), call func() error) (settled bool, err error) {
	pause := s.opts.RetryBase
	for i := 0; i < tries; i++ {
		if err = call(); err == nil || antom.IsFailed(err) {
			return false, err
		}
		if i == tries-1 {
			break
		}
		select {
		case <-ctx.Done():
			return false, err
		case <-time.After(pause):
		}
		pause *= 2
		if !s.stillOpen(ctx, open) {
			return true, err
		}
	}
	return false, err
}

// stillOpen reads open outside any transaction (one indexed read, not
// queued behind DB.Tx): whether the row a call is about is still not
// final, so that sending the call again is worth it. The read may be
// overtaken by a settlement a moment later; the resend is then answered
// by Antom's idempotency, as before. A read that fails counts as open:
// the resend is made, as it was before this check.
func (s *Service) stillOpen(ctx context.Context, open func(ctx context.Context, q *db.Queries) (bool, error)) bool {
	ok, err := open(ctx, s.db.Queries)
	if err != nil {
		s.log.Error("still open", "err", err)
		return true
	}
	return ok
}

// failureMessage is the resultMessage of an F answer ("" for any other).
func failureMessage(err error) string {
	if antom.IsFailed(err) {
		if r, ok := antom.ResultOf(err); ok {
			return r.ResultMessage
		}
	}
	return ""
}

// failureCode names why a call did not succeed: Antom's result code for a
// definite failure, "UNKNOWN" otherwise.
func failureCode(err error) string {
	if antom.IsFailed(err) {
		if r, ok := antom.ResultOf(err); ok {
			return r.ResultCode
		}
	}
	return "UNKNOWN"
}
