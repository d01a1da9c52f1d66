package handlers

import (
	"net/http"
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
	return a.waitForChangeSignedIn(c, subject, seen, load, recheck, sessionEnd{})
}

// sessionEnd is what ends a signed-in page's long-poll before its
// subject changes: its session ending. The zero value ends nothing.
type sessionEnd struct {
	// signedOut brings news that the session signed out (in another tab):
	// the poll answers signed out at once, once signOutCheck (if set)
	// agrees — the hub also wakes every waiter when its relay to the other
	// instances restarts, which is no sign-out.
	signedOut    <-chan struct{}
	signOutCheck func() endVerdict
	// changed brings news that the session may have ended (its account
	// changed); ended then says what the poll answers.
	changed <-chan struct{}
	ended   func() endVerdict
	// expires is the session's end at the latest (zero: none known): the
	// poll answers by then, so that the page's next look finds it ended.
	expires time.Time
}

// signOutChecked is what news on signedOut means: signOutCheck's verdict,
// or signedOut when there is none.
func (e sessionEnd) signOutChecked() endVerdict {
	if e.signOutCheck == nil {
		return signedOut
	}
	return e.signOutCheck()
}

// endVerdict is what a long-poll answers on news that its session may
// have ended.
type endVerdict int

const (
	goOn      endVerdict = iota // still signed in: wait on
	lookAgain                   // not known from here (the browser may have renewed its session): answer what we have, the next poll is checked afresh
	signedOut                   // ended: answer so
)

// signedOutAnswer is a long-poll's answer once its session has ended
// (401): admin_order.js, order.js and link.js show their signed-out bar.
type signedOutAnswer struct {
	SignedOut bool `json:"signedOut"`
}

// waitForChangeSignedIn is waitForChange for a page of a signed-in
// session: it also answers, at once, when end says the session has
// ended — 401 with signedOutAnswer, returning false — or may have
// (returning true: answer what it has), and answers by end.expires.
func (a *App) waitForChangeSignedIn(c *gin.Context, subject, seen string, load func() (string, bool), recheck func() bool, end sessionEnd) bool {
	wake, stop := a.Checkout.Hub().Subscribe(subject)
	defer stop()
	state, ok := load()
	if !ok {
		return false
	}
	window := pollWindow
	if !end.expires.IsZero() {
		window = min(window, max(time.Until(end.expires), time.Second))
	}
	deadline := time.NewTimer(window)
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
		case <-end.signedOut:
			again.Stop()
			if answered, answerWhatItHas := endAnswer(c, end.signOutChecked()); answered {
				return answerWhatItHas
			}
			continue // still signed in: the news was the hub's wake-up of every waiter
		case <-end.changed:
			again.Stop()
			if answered, answerWhatItHas := endAnswer(c, end.ended()); answered {
				return answerWhatItHas
			}
			continue // nothing of the page changed: no need to read it
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

// endAnswer acts on verdict, news that the poll's session may have
// ended: signedOut answers 401 signedOutAnswer (answered, and the caller
// returns false: nothing more to answer); lookAgain leaves the caller to
// answer what it has (answered, true); goOn answers nothing.
func endAnswer(c *gin.Context, verdict endVerdict) (answered, answerWhatItHas bool) {
	switch verdict {
	case signedOut:
		c.JSON(http.StatusUnauthorized, signedOutAnswer{SignedOut: true})
		return true, false
	case lookAgain:
		return true, true
	}
	return false, false
}

// always is waitForChange's recheck of a state that may change by itself.
func always() bool { return true }
