package handlers

import (
	"cmp"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"antom-checkout/lang"
)

// noticeKey starts the session keys of one-time notices: each notice is
// a value of its own (JSON, a notice), under noticeKey, the time it was
// left and a random suffix, never one list. Two requests of one browser
// at once (a double-clicked capture's winner and loser, two tabs) each
// add their own key, which the session store's merge keeps both of
// (app's mergeSessions keeps every value a request did not change): a
// list would be one value, the later writer's.
const noticeKey = "notice."

// legacyNotices is where notices were kept as one list (JSON) before
// noticeKey: read once, each becomes a key of its own.
const legacyNotices = "notices"

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
	// For: the page it is for, noticePage of the redirect's target,
	// ?notice= and its token included (noticeTo); a notice an instance of
	// before the token left names the page alone (still taken there).
	For string `json:"for"`
	Msg string `json:"msg"`
	// Args: Msg's arguments, for a buyer's message that names something
	// ("Linked: GCash 0917****123 …", linkContinue); nil for none.
	Args    map[string]string `json:"args,omitempty"`
	Problem bool              `json:"problem,omitempty"` // bad news (Antom refused what staff asked), shown red on admin pages
	Pending bool              `json:"pending,omitempty"` // neither done nor refused (Antom has not confirmed yet), shown neutral on admin pages
	Note    bool              `json:"note,omitempty"`    // an aside, no news of its own (a repeated action that was not sent again), shown neutral on admin pages
	// Aside: a refusal for good said as things stand (passedNotice),
	// neutral news that stays, as a refusal said anew (shownNotices.Aside).
	Aside bool `json:"aside,omitempty"`
	// Refund: the refund, by id, still processing when Msg was worded;
	// Done, the words instead once Antom has made it (the order page,
	// refundNoticeNow): a refund Antom settles between the form's answer
	// and the page is not said to be under way.
	Refund int64  `json:"refund,omitempty"`
	Done   string `json:"done,omitempty"`
	// Failed: the words of a refusal (refusedTo) that speaks of Refund
	// once that refund failed; "" for a refund's own notice, which goes
	// then (the alarm says it).
	Failed string `json:"failed,omitempty"`
	// Kept and KeptFor: what staff typed in a refused form of failed
	// refund KeptFor (its "handled another way" note), which Msg quotes
	// and the order page puts back in that form once it offers it.
	Kept    string `json:"kept,omitempty"`
	KeptFor int64  `json:"keptFor,omitempty"`
	// Alarm (a Problem): the alarm of the page it is for that says the
	// same, more fully (alarmCaptureFailed, alarmRefundFailed,
	// alarmVoidRefused); the page
	// shows the notice only when it does not show that alarm.
	Alarm string `json:"alarm,omitempty"`
	// Staff: a one-time password for the staff page (staffPasswordTo),
	// no message; only that page takes it (takeStaffPassword), never
	// takeNotices.
	Staff *staffNewPassword `json:"staff,omitempty"`
	At    time.Time         `json:"at"` // when it was left
	key   string            // its session key (noticeKey…), once read
}

// flashTo leaves msg, a one-time notice, for the page at to (a path,
// with any query) and redirects there (303), naming the notice in the
// redirect's ?notice= (a token of this request's: noticeTo). Only the
// page that redirect shows takes it: any other page opened first —
// another order in a second tab, or the same page reached any other way
// (another tab's redirect to it, a reload, a link) — leaves it in place,
// so that an action's notice never lands on a page that is not its
// answer, for noticeLife. Buyer pages' notices are message IDs (package
// lang); admin pages' are English.
func (a *App) flashTo(c *gin.Context, to, msg string) {
	a.noticeTo(c, to, notice{Msg: msg})
}

// problemTo is flashTo for bad news (Antom refused what staff asked),
// which the admin page at to shows as a problem, not as a success.
func (a *App) problemTo(c *gin.Context, to, msg string) {
	a.noticeTo(c, to, notice{Msg: msg, Problem: true})
}

// Alarms of the admin order page that a problem notice may defer to
// (alarmTo).
const (
	alarmCaptureFailed = "capture-failed"
	alarmRefundFailed  = "refund-failed"
	alarmVoidRefused   = "void-refused"
)

// alarmTo is problemTo for bad news that the page at to says, more
// fully, in its alarm (alarmCaptureFailed, alarmRefundFailed,
// alarmVoidRefused): the page
// shows msg only if that alarm is not on it (something changed since),
// so that the same news is not said twice.
func (a *App) alarmTo(c *gin.Context, to, alarm, msg string) {
	a.noticeTo(c, to, notice{Msg: msg, Problem: true, Alarm: alarm})
}

// pendingTo is flashTo for news that is neither good nor bad: what staff
// asked is under way and Antom has not confirmed it yet. The admin page
// at to shows it neutral, never as a success.
func (a *App) pendingTo(c *gin.Context, to, msg string) {
	a.noticeTo(c, to, notice{Msg: msg, Pending: true})
}

// noteTo is flashTo for an aside that is neither news of success nor
// bad news: an action that repeated one already sent (a second click on
// Capture), which was not sent again, or a form sent while signed out
// (signInFirst, requireStaff), or a Buy of a product no longer for sale
// (orderRefused). The page at to shows it neutral.
func (a *App) noteTo(c *gin.Context, to, msg string) {
	a.noticeTo(c, to, notice{Msg: msg, Note: true})
}

// noticeTo leaves n for the page at to, named by this request's token
// (noticeToken) in its ?notice=, and redirects there (303). The notice
// is for that address, token included (notice.For): all tabs of a
// browser share one session, and two of them whose actions each leave a
// notice for one page (two staff tabs pressing Capture on one order, a
// refund in one and a void in the other) are sent to addresses that
// differ only by their token, so that each tab's page takes its own
// notice and never the other's, whichever redirect is followed first.
func (a *App) noticeTo(c *gin.Context, to string, n notice) {
	to = withNotice(to, noticeToken(c))
	n.For, n.At = noticePage(to), time.Now()
	a.leaveNotice(c, n)
	c.Redirect(http.StatusSeeOther, to)
}

// noticeToken is the token that names the notices this request leaves
// (noticeTo; notice and checkoutNotice, result_notice.go), drawn with the
// first: one for all of them, as its one redirect names them.
func noticeToken(c *gin.Context) string {
	token := c.GetString(ctxNoticeToken)
	if token == "" {
		token = rand.Text()[:10]
		c.Set(ctxNoticeToken, token)
	}
	return token
}

// withNotice is the address to (a path, with any query and fragment)
// naming the notice token in its ?notice=, in place of any it named
// already (an earlier redirect's, kept in a next= or Referer); "" token:
// naming none. The rest of its query is kept as it was written.
func withNotice(to, token string) string {
	rest, frag, hasFrag := strings.Cut(to, "#")
	path, query, _ := strings.Cut(rest, "?")
	var kept []string
	for p := range strings.SplitSeq(query, "&") {
		if p == "" || p == noticeParam || strings.HasPrefix(p, noticeParam+"=") {
			continue
		}
		kept = append(kept, p)
	}
	if token != "" {
		kept = append(kept, noticeParam+"="+token)
	}
	out := path
	if len(kept) > 0 {
		out += "?" + strings.Join(kept, "&")
	}
	if hasFrag {
		out += "#" + frag
	}
	return out
}

func (a *App) leaveNotice(c *gin.Context, n notice) {
	ns := a.notices(c)
	a.putNotice(c, n)
	for _, old := range ns[:max(len(ns)+1-maxNotices, 0)] {
		a.Sessions.Remove(c.Request.Context(), old.key)
	}
}

// shownNotices are the notices a page shows, the newest of each kind;
// "" for none.
type shownNotices struct {
	Flash string // success or pending news
	// FlashArgs: Flash's arguments (notice.Args), for a buyer page's say.
	FlashArgs map[string]string
	Pending   bool // Flash is pending news
	// Refund and RefundDone: the refund Flash is news of while Antom
	// processes it, and the words once Antom made it (notice.Refund,
	// notice.Done).
	Refund       int64
	RefundDone   string
	RefundFailed string // a refusal's words once Refund failed (notice.Failed)
	Aside        bool   // Flash is a refusal said anew, neutral news that stays
	Kept         string // a note typed in a refused form (notice.Kept) …
	KeptFor      int64  // … of this failed refund
	Note         string // an aside (noteTo)
	Problem      string // bad news
	ProblemLast  bool   // Problem was left after Flash: the page shows them in the order they happened
	// ProblemAlarm: the page's alarm that says Problem more fully (notice.Alarm; "" for none).
	ProblemAlarm string
}

// takeNotices removes and returns the notices left for the page being
// shown: the ones its own address names (its ?notice=, noticeTo), or,
// without one, the ones an instance of before the token left for the
// page. The notices of other pages — other addresses, another tab's
// token — stay for them; those older than noticeLife are dropped.
func (a *App) takeNotices(c *gin.Context) shownNotices {
	var s shownNotices
	ns := a.notices(c)
	if len(ns) == 0 {
		return s // most views: the page's address is not parsed for nothing
	}
	here, oldest := noticePage(c.Request.URL.RequestURI()), time.Now().Add(-noticeLife)
	for _, n := range ns {
		switch {
		case n.At.Before(oldest):
		case n.For != here || n.Staff != nil:
			continue
		case n.Problem:
			s.Problem, s.ProblemLast, s.ProblemAlarm = n.Msg, true, n.Alarm
		case n.Note:
			s.Note = n.Msg
		default:
			s.Flash, s.FlashArgs, s.Pending, s.Refund, s.RefundDone, s.ProblemLast = n.Msg, n.Args, n.Pending, n.Refund, n.Done, false
			s.RefundFailed, s.Aside, s.Kept, s.KeptFor = n.Failed, n.Aside, n.Kept, n.KeptFor
		}
		a.Sessions.Remove(c.Request.Context(), n.key)
	}
	s.ProblemLast = s.ProblemLast && s.Flash != ""
	return s
}

// notices reads the session's notices, oldest first; an unreadable one
// is dropped.
func (a *App) notices(c *gin.Context) []notice {
	ctx := c.Request.Context()
	if raw := a.Sessions.PopString(ctx, legacyNotices); raw != "" {
		var ns []notice
		if json.Unmarshal([]byte(raw), &ns) == nil {
			for _, n := range ns {
				a.putNotice(c, n)
			}
		}
	}
	var ns []notice
	for _, k := range a.Sessions.Keys(ctx) {
		if !strings.HasPrefix(k, noticeKey) {
			continue
		}
		n := notice{key: k}
		if err := json.Unmarshal([]byte(a.Sessions.GetString(ctx, k)), &n); err != nil {
			a.Sessions.Remove(ctx, k)
			continue
		}
		ns = append(ns, n)
	}
	slices.SortFunc(ns, func(x, y notice) int { return cmp.Or(x.At.Compare(y.At), strings.Compare(x.key, y.key)) })
	return ns
}

// putNotice stores n under a key of its own.
func (a *App) putNotice(c *gin.Context, n notice) {
	b, _ := json.Marshal(n) // strings, bools and a time: it cannot fail
	a.Sessions.Put(c.Request.Context(), fmt.Sprintf("%s%019d.%s", noticeKey, n.At.UnixNano(), rand.Text()[:8]), string(b))
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

// flashArgs are a buyer notice's arguments (shownNotices.FlashArgs) as
// say takes them.
func flashArgs(args map[string]string) lang.Args {
	out := make(lang.Args, len(args))
	for k, v := range args {
		out[k] = v
	}
	return out
}
