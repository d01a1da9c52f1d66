package handlers

import (
	"time"

	"github.com/gin-gonic/gin"
)

// pollWindow is how long a long-poll waits before answering "no change";
// pollRecheck bounds how late a change made by another app instance
// (which cannot wake this one) is seen.
const (
	pollWindow  = 25 * time.Second
	pollRecheck = time.Second
)

// waitForChange holds a long-poll until load reports a state other than
// seen, or pollWindow passes, or the app stops (then it answers at once).
// It wakes on the hub's news about subject and
// re-reads every pollRecheck; the database stays the truth. load returns
// false when it has already answered (e.g. 404); waitForChange then
// returns false too, as it does when the browser goes away.
func (a *App) waitForChange(c *gin.Context, subject, seen string, load func() (string, bool)) bool {
	state, ok := load()
	if !ok {
		return false
	}
	wake, stop := a.Checkout.Hub().Subscribe(subject)
	defer stop()
	deadline := time.NewTimer(pollWindow)
	defer deadline.Stop()
	recheck := time.NewTicker(pollRecheck)
	defer recheck.Stop()
	for state == seen {
		select {
		case <-c.Request.Context().Done():
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
