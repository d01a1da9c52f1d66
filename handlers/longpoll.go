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
// It wakes on the hub's news about subject and
// re-reads every pollRecheck; the database stays the truth. load returns
// false when it has already answered (e.g. 404); waitForChange then
// returns false too, as it does when the request's context ends (the
// browser went away, or the shutdown deadline passed), having answered
// that through requestEnded. It listens before it first reads, so news
// that comes in between is not missed.
func (a *App) waitForChange(c *gin.Context, subject, seen string, load func() (string, bool)) bool {
	wake, stop := a.Checkout.Hub().Subscribe(subject)
	defer stop()
	state, ok := load()
	if !ok {
		return false
	}
	deadline := time.NewTimer(pollWindow)
	defer deadline.Stop()
	recheck := time.NewTicker(pollRecheck)
	defer recheck.Stop()
	for state == seen {
		select {
		case <-c.Request.Context().Done():
			a.requestEnded(c, c.Request.Context().Err())
			return false
		case <-deadline.C:
			return true // answer with what we have
		case <-a.Checkout.Hub().Stopped():
			return true
		case <-wake:
		case <-recheck.C:
		}
		if state, ok = load(); !ok {
			return false
		}
	}
	return true
}
