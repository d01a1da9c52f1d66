package checkout

import (
	"context"
	"time"

	"antom-checkout/antom"
)

// retryUnknown runs call until it succeeds, fails for certain, or tries
// run out. Only an unknown or not-sent outcome is retried, with the very
// same request (so Antom's idempotency holds), after a growing pause.
func (s *Service) retryUnknown(ctx context.Context, tries int, call func() error) error {
	pause := s.opts.RetryBase
	var err error
	for i := 0; i < tries; i++ {
		if err = call(); err == nil || antom.IsFailed(err) {
			return err
		}
		if i == tries-1 {
			break
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(pause):
		}
		pause *= 2
	}
	return err
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
