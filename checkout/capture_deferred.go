package checkout

import (
	"context"
	"errors"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// reapplyActor is who a deferred notification's re-application is by, in
// its inbox row ("replay of #N by …").
const reapplyActor = "the app, once a payment had its paymentId"

// maxReapply bounds how many deferred notifications one call re-applies;
// the reconciler's next pass takes the rest.
const maxReapply = 100

// reapplyDeferred re-applies the deferred notifications (VerdictDeferred:
// an automatic capture that overtook pay's answer) that wait for
// paymentID — "" for any — now that a payment of ours has it. Antom's
// sandbox never sends an unacknowledged notification again (API.md §6.1),
// so without this such a capture would never reach the timeline. Each is
// run as a replay (Replay: the path it took when it arrived, one replay
// per row however many instances try at once), so a resend that comes
// too is a duplicate (applyAutoCapture), and the deferred row is dealt
// with (db.SettleDeferred). Called once the paymentId has committed (pay's
// answer, PAYMENT_RESULT, an inquiry), and by every reconciler pass,
// which takes over what a crash or an error left.
func (s *Service) reapplyDeferred(ctx context.Context, paymentID string) {
	ctx = context.WithoutCancel(ctx)
	ids, err := s.db.DeferredReady(ctx, paymentID, maxReapply)
	if err != nil {
		s.log.Error("deferred notifications", "err", err)
		return
	}
	for _, id := range ids {
		_, err := s.Replay(ctx, reapplyActor, id)
		var replayed *ReplayedError
		if err != nil && !errors.As(err, &replayed) { // replayed: another instance's (or staff's) replay deals with it
			s.log.Error("re-apply deferred notification", "notification", id, "err", err)
		}
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
