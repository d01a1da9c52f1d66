package checkout

import (
	"fmt"
	"time"
)

// backoff is how long the reconciler waits before it follows up again
// on one item whose last follow-up got no answer (U, HTTP 5xx, an
// unverified answer, no answer at all): first after the first, doubling
// with each further one, never more than most. The count of follow-ups
// and the time the next is due are kept in the database with the item
// (payment_attempts.checks and cancel_sends, captures.checks, each with
// its next_check_at; payment_attempts.auth_expiry_looks with its
// auth_expiry_look_at), so every instance keeps the same schedule and a
// restart starts where it stopped. Only the reconciler waits for it: a
// notification, a buyer's "check again" or a staff action settles the
// item at once.
type backoff struct {
	first, most time.Duration
}

// The schedules, at the default reconciler period (defaultReconcileEvery;
// a faster reconciler runs them faster, Service.pause). Every cap but the
// last is one minute, because of Antom's timers (API.md §8.4):
//   - inquiryBackoff, inquiryPayment of an open payment: it must be asked
//     about until it expires (1 minute for a tokenized pay, ~14 for a
//     hosted page) and cancelled soon after; the pause never runs past
//     that time either (checkOpen).
//   - cancelBackoff, a cancel or void Antom has not answered: it must reach
//     Antom while cancelling is still possible, which may be as little as
//     ~16 minutes after the payment (00:15 GMT+8 on T+1 for one made just
//     before midnight): a minute leaves room for more than a dozen sends.
//     The first send is up to cancelTries calls (Antom's own recipe), each
//     resend one (resendTries).
//   - captureBackoff, a capture whose outcome is unknown (its inquiry and
//     its resend): it must be done before the authorization expires (days);
//     a minute keeps staff's view of it current.
//   - authExpiryBackoff, a look for an authorization's authExpiryTime
//     that no answer gave (lookForAuthExpiries): no timer of Antom's is
//     running out — the authorization holds for days, and Antom refuses a
//     capture past it (AUTH_EXPIRED) whatever we know — and Antom may
//     never say, so it starts at a minute and is capped at an hour: about
//     two dozen inquiries in the first day for an authorization that
//     stays unknown, then one a day, and none after 30 days
//     (authorization_expiry_look_bound.go).
//   - endCheckBackoff, an ask whether an authorization that ended in
//     our books was captured outside this app (askBeforeEnding): no
//     timer of Antom's runs out — the authorization has ended — but the
//     order stays AUTHORIZED until Antom answers, so it starts at a
//     minute and is capped at an hour.
//
// A 10-minute outage so costs about a dozen follow-ups per item, not 300.
var (
	inquiryBackoff = backoff{first: firstCheck, most: maxCheckPause}
	cancelBackoff  = backoff{first: firstCheck, most: time.Minute}
	captureBackoff = backoff{first: firstCheck, most: time.Minute}

	authExpiryBackoff = backoff{first: time.Minute, most: time.Hour}
	endCheckBackoff   = backoff{first: time.Minute, most: time.Hour}
)

// defaultReconcileEvery is the reconciler's period the schedules are
// written for.
const defaultReconcileEvery = 2 * time.Second

// after is the pause after n follow-ups without an answer (n ≥ 1; 0 is
// read as 1): first, 2·first, 4·first, … up to most.
func (b backoff) after(n int) time.Duration {
	n = min(max(n, 1), 31)
	p := b.first << (n - 1)
	if p <= 0 || p > b.most { // <= 0: shifted past int64
		return b.most
	}
	return p
}

// capped reports whether the pause after n follow-ups is the cap: every
// further pause is the same.
func (b backoff) capped(n int) bool { return b.after(n) == b.most }

// pause is b's pause after n follow-ups without an answer, scaled to this
// service's reconciler (Options.ReconcileEvery): a reconciler faster than
// the default (the proofs and end-to-end tests run one every 200 ms)
// follows up faster in proportion, so that a run settles as quickly as
// its reconciler allows; a slower one keeps the schedule (the caps above
// are what Antom's timers allow, never stretched).
func (s *Service) pause(b backoff, n int) time.Duration {
	return s.scaled(b.after(n))
}

// scaled is d, a time of the reconciler's schedules, scaled to this
// service's reconciler as pause scales a backoff.
func (s *Service) scaled(d time.Duration) time.Duration {
	if every := s.opts.ReconcileEvery; every > 0 && every < defaultReconcileEvery {
		d = time.Duration(float64(d) * float64(every) / float64(defaultReconcileEvery))
	}
	return d
}

// pauseWords says a pause for the timeline: "2 s", "1 min", "200 ms",
// "1 h".
func pauseWords(d time.Duration) string {
	switch {
	case d >= time.Hour && d%time.Hour == 0:
		return fmt.Sprintf("%d h", d/time.Hour)
	case d >= time.Minute && d%time.Minute == 0:
		return fmt.Sprintf("%d min", d/time.Minute)
	case d >= time.Second:
		return fmt.Sprintf("%.3g s", d.Seconds())
	}
	return fmt.Sprintf("%d ms", d.Milliseconds())
}
