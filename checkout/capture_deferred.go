package checkout

import (
	"context"
	"errors"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// reapplyActor and unawaitedActor are who a deferred notification's
// re-application is by, in its inbox row ("replay of #N by …"): once its
// paymentId is ours, or once no payment of ours can have it.
const (
	reapplyActor   = "the app, once a payment had its paymentId"
	unawaitedActor = "the app, once no payment of ours could have its paymentId"
)

// maxReapply bounds how many deferred notifications one call re-applies
// of each kind (ready, unawaited); the reconciler's next pass takes the
// rest.
const maxReapply = 100

// A deferred row whose re-application fails (its body no longer opens,
// the database refused) is tried again after reapplyBackoff — 1, 2, 4 …
// minutes, at most an hour — behind the rows that did not fail
// (db.DeferredDue), and set aside at its maxReapplyFailures-th failure,
// about two hours after the first: what failed for a passing reason
// (a busy database, a restart) has passed by then; what fails for good
// (a sealing key no longer configured) waits for staff, whose inbox
// says so, and logs one line per failure, not one per reconciler pass.
// These are not Antom's timers: the row is ours, and stored; Antom's
// resends (API.md §6.1, up to 24 h) find it deferred, or applied.
var reapplyBackoff = backoff{first: time.Minute, most: time.Hour}

const maxReapplyFailures = 8

// reapplyDeferred re-applies the deferred notifications (VerdictDeferred:
// an automatic capture that overtook pay's answer) that wait for
// paymentID — "" for any — now that a payment of ours has it and, for
// "" (the reconciler's pass), those no payment of ours can have any
// more: none of the attempts they wait for still waits for its paymentId
// (db.DeferredUnawaited), which their re-application settles as stale.
// Antom's sandbox never sends an unacknowledged notification again
// (API.md §6.1), so without this such a capture would never reach the
// timeline. Each is run as a replay (Replay: the path it took when it
// arrived, one replay per row however many instances try at once), so a
// resend that comes too is a duplicate (applyAutoCapture), and the
// deferred row is dealt with (db.SettleDeferred). Called once the
// paymentId has committed (pay's answer, PAYMENT_RESULT, an inquiry),
// and by every reconciler pass, which takes over what a crash or an
// error left. A row whose re-application fails backs off
// (reapplyFailed).
func (s *Service) reapplyDeferred(ctx context.Context, paymentID string) {
	ctx = context.WithoutCancel(ctx)
	due := db.DeferredDue{Now: s.now(), MaxFailures: maxReapplyFailures, Limit: maxReapply}
	ids, err := s.db.DeferredReady(ctx, paymentID, due)
	if err != nil {
		s.log.Error("deferred notifications", "err", err)
		return
	}
	for _, id := range ids {
		s.reapply(ctx, reapplyActor, id)
	}
	if paymentID != "" {
		return
	}
	if ids, err = s.db.DeferredUnawaited(ctx, antom.CaptureAutomatic, due); err != nil {
		s.log.Error("deferred notifications", "err", err)
		return
	}
	for _, id := range ids {
		s.reapply(ctx, unawaitedActor, id)
	}
}

// reapply replays deferred row id by actor, and records a failure.
func (s *Service) reapply(ctx context.Context, actor string, id int64) {
	_, err := s.Replay(ctx, actor, id)
	var replayed *ReplayedError
	if err != nil && !errors.As(err, &replayed) { // replayed: another instance's (or staff's) replay deals with it
		s.reapplyFailed(ctx, id, err)
	}
}

// reapplyFailed records that re-applying deferred row id failed with
// err: it is tried again after reapplyBackoff, or set aside at its
// maxReapplyFailures-th failure. One log line per failure.
func (s *Service) reapplyFailed(ctx context.Context, id int64, err error) {
	n, readErr := s.db.NotificationByID(ctx, id)
	if readErr != nil {
		s.log.Error("re-apply deferred notification", "notification", id, "err", errors.Join(err, readErr))
		return
	}
	failures, markErr := s.db.DeferredFailed(ctx, id, s.now().Add(s.pause(reapplyBackoff, n.ReapplyFailures+1)))
	switch {
	case markErr != nil:
		s.log.Error("re-apply deferred notification", "notification", id, "err", errors.Join(err, markErr))
	case failures >= maxReapplyFailures:
		s.log.Error("re-apply deferred notification: set aside for staff", "notification", id, "failures", failures, "err", err)
	default:
		s.log.Warn("re-apply deferred notification: tried again later", "notification", id, "failures", failures, "err", err)
	}
}

// reapplyWhenKnown adds to f the re-application of the deferred
// notifications a card payment in AUTOMATIC mode settled with paymentID
// may have (nothing for other payments, or without a paymentId).
func (s *Service) reapplyWhenKnown(a db.Attempt, paymentID string, f *followUps) {
	if paymentID == "" || a.Method != db.MethodCard || a.CaptureMode != antom.CaptureAutomatic {
		return
	}
	f.add(func(ctx context.Context) { s.reapplyDeferred(ctx, paymentID) })
}
