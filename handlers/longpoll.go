package handlers

import (
	"time"

	"github.com/gin-gonic/gin"
)

// pollWindow is how long a long-poll waits before answering "no change".
// pollRecheck is a safety net only: the hub wakes a waiting poll when its
// subject changes, on this instance or (through the database) on another;
// the re-check bounds how late a change is seen should that news be lost.
const (
	pollWindow  = 25 * time.Second
	pollRecheck = 5 * time.Second
)

// waitForChange holds a long-poll until load reports a state other than
// seen, or pollWindow passes, or the app stops (then it answers at once).
// It wakes on the hub's news about subject and, while recheck (asked
// after every load) says so, re-reads every pollRecheck; the database
// stays the truth. A page whose state changes only by someone's action
// (recheck false: staff's capture, void or refund, an authorization's
// expiry, all of which publish) is read once per poll and on news only,
// so that pages left open cost no reads between. load returns false when
// it has already answered (e.g. 404); waitForChange then returns false
// too, as it does when the request's context ends (the browser went
// away, or the shutdown deadline passed), having answered that through
// requestEnded. It listens before it first reads, so news that comes in
// between is not missed.
func (a *App) waitForChange(c *gin.Context, subject, seen string, load func() (string, bool), recheck func() bool) bool {
	wake, stop := a.Checkout.Hub().Subscribe(subject)
	defer stop()
	state, ok := load()
	if !ok {
		return false
	}
	deadline := time.NewTimer(pollWindow)
	defer deadline.Stop()
	for state == seen {
		again := time.NewTimer(pollRecheck)
		if !recheck() {
			again.Stop() // news only: a stopped timer never fires
		}
		select {
		case <-c.Request.Context().Done():
			again.Stop()
			a.requestEnded(c, c.Request.Context().Err())
			return false
		case <-deadline.C:
			again.Stop()
			return true // answer with what we have
		case <-a.Checkout.Hub().Stopped():
			again.Stop()
			return true
		case <-wake:
		case <-again.C:
		}
		again.Stop()
		if state, ok = load(); !ok {
			return false
		}
	}
	return true
}

// always is waitForChange's recheck of a state that may change by itself.
func always() bool { return true }
