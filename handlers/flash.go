package handlers

import (
	"encoding/json"
	"net/http"
	"net/url"
	"time"

	"github.com/gin-gonic/gin"
)

// sessionNotices holds the session's one-time notices, each for the one
// page an action sent the browser to (JSON, a list of notice).
const sessionNotices = "notices"

// noticeLife is how long a notice waits for its page: one whose
// redirect was never followed is dropped after it, so that it never
// greets staff on that page much later with news that may have changed
// since ("Antom is still processing it").
const noticeLife = 10 * time.Minute

// maxNotices bounds the notices a session keeps: past it, the oldest is
// dropped (a client that never follows its redirects cannot grow its
// session without end).
const maxNotices = 8

// notice is a one-time notice left for one page.
type notice struct {
	For     string    `json:"for"` // the page it is for: noticePage of the redirect's target
	Msg     string    `json:"msg"`
	Problem bool      `json:"problem,omitempty"` // bad news (Antom refused what staff asked), shown red on admin pages
	Pending bool      `json:"pending,omitempty"` // neither done nor refused (Antom has not confirmed yet), shown neutral on admin pages
	At      time.Time `json:"at"`                // when it was left
}

// flashTo leaves msg, a one-time notice, for the page at to (a path,
// with any query) and redirects there (303). Only that page shows it:
// any other page opened first (another tab, a redirect not followed)
// leaves it in place, so an action's notice never lands on an unrelated
// page, for noticeLife. Buyer pages' notices are message IDs (package
// lang); admin pages' are English.
func (a *App) flashTo(c *gin.Context, to, msg string) {
	a.leaveNotice(c, notice{For: noticePage(to), Msg: msg, At: time.Now()})
	c.Redirect(http.StatusSeeOther, to)
}

// problemTo is flashTo for bad news (Antom refused what staff asked),
// which the admin page at to shows as a problem, not as a success.
func (a *App) problemTo(c *gin.Context, to, msg string) {
	a.leaveNotice(c, notice{For: noticePage(to), Msg: msg, Problem: true, At: time.Now()})
	c.Redirect(http.StatusSeeOther, to)
}

// pendingTo is flashTo for news that is neither good nor bad: what staff
// asked is under way and Antom has not confirmed it yet. The admin page
// at to shows it neutral, never as a success.
func (a *App) pendingTo(c *gin.Context, to, msg string) {
	a.leaveNotice(c, notice{For: noticePage(to), Msg: msg, Pending: true, At: time.Now()})
	c.Redirect(http.StatusSeeOther, to)
}

func (a *App) leaveNotice(c *gin.Context, n notice) {
	ns := append(a.notices(c), n)
	if len(ns) > maxNotices {
		ns = ns[len(ns)-maxNotices:]
	}
	a.saveNotices(c, ns)
}

// takeNotices removes and returns the notices left for the page being
// shown (the newest success or pending news — pending says which — and
// the newest problem; "" for none), and whether the problem was left
// after the success (problemLast: the page shows them in the order they
// happened). The notices of other pages stay for them; those older than
// noticeLife are dropped.
func (a *App) takeNotices(c *gin.Context) (flash string, pending bool, problem string, problemLast bool) {
	ns := a.notices(c)
	if len(ns) == 0 {
		return "", false, "", false
	}
	here, oldest := noticePage(c.Request.URL.RequestURI()), time.Now().Add(-noticeLife)
	kept := ns[:0:0]
	for _, n := range ns {
		switch {
		case n.At.Before(oldest):
		case n.For != here:
			kept = append(kept, n)
		case n.Problem:
			problem, problemLast = n.Msg, true
		default:
			flash, pending, problemLast = n.Msg, n.Pending, false
		}
	}
	if len(kept) != len(ns) {
		a.saveNotices(c, kept)
	}
	return flash, pending, problem, problemLast && flash != ""
}

// notices reads the session's notices; an unreadable list is dropped.
func (a *App) notices(c *gin.Context) []notice {
	raw := a.Sessions.GetString(c.Request.Context(), sessionNotices)
	if raw == "" {
		return nil
	}
	var ns []notice
	if err := json.Unmarshal([]byte(raw), &ns); err != nil {
		a.Sessions.Remove(c.Request.Context(), sessionNotices)
		return nil
	}
	return ns
}

func (a *App) saveNotices(c *gin.Context, ns []notice) {
	ctx := c.Request.Context()
	if len(ns) == 0 {
		a.Sessions.Remove(ctx, sessionNotices)
		return
	}
	b, _ := json.Marshal(ns) // strings and bools: it cannot fail
	a.Sessions.Put(ctx, sessionNotices, string(b))
}

// noticePage is the page a path with query names, written one way
// (query parameters sorted and encoded alike), so that a redirect's
// target and the request the browser makes for it compare equal.
func noticePage(to string) string {
	u, err := url.Parse(to)
	if err != nil {
		return to
	}
	page := u.Path
	if q := u.Query().Encode(); q != "" {
		page += "?" + q
	}
	return page
}
