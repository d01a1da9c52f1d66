package handlers

import (
	"cmp"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// resultNoticeKey starts the session keys of an order's notices, for its
// result page and its checkout page (resultNotice.Page): each is a value
// of its own (JSON, a resultNotice) under resultNoticeKey and the token
// its redirect names (?notice=, toResult, toCheckout), never one slot.
// All tabs of a browser share one session, and two of them whose actions
// on one order each leave a notice (two Pay presses refused while a third
// tab's payment is under way, or refused on the checkout page for a
// wallet and for a card) are sent to the same page: only the token tells
// which notice is whose, so that each tab's page shows its own and never
// takes the other's (the session store's merge keeps both keys, as it
// does flashTo's).
const resultNoticeKey = "result_notice."

// The pages of an order a notice is for (resultNotice.Page).
const (
	noticeOnResult   = ""         // its result page (notice, toResult)
	noticeOnCheckout = "checkout" // its checkout page: why a pay was refused (checkoutNotice, toCheckout)
)

// legacyNotice is the one slot where a result notice was kept before
// resultNoticeKey (an instance of before it may still leave one, and
// redirect to the page without a token): read by that page as before.
const legacyNotice = "result_notice"

// noticeParam is the query parameter of a page's address that names the
// notice left for it: its token, a key of resultNoticeKey (the result and
// checkout pages' notices) or part of notice.For (flashTo's, every page).
const noticeParam = "notice"

// ctxNoticeToken holds, in a request's gin context, the token of the
// notices it left (noticeToken), for its redirect (toResult, noticeTo).
const ctxNoticeToken = "notice-token"

// resultNotice is what the buyer's last action on a result page found
// ("check again", "pay another way"), bound to the result card it
// speaks about: it is true of that card only, and goes (or changes) as
// soon as the card does — on the page the redirect shows and on the
// long-poll's updates of it alike (on).
type resultNotice struct {
	Ref string `json:"ref"`
	// Page: the page of the order it is for (noticeOn*); only that page
	// takes it.
	Page string `json:"page,omitempty"`
	// Notice: views.Notice*; on the checkout page, the message ID of why
	// a pay was refused (payRefused).
	Notice string `json:"notice"`
	// Wallet: on the checkout page, the wallet of the buyer's the refused
	// pay named (payRefusedWallet), for the page to name it; 0 for none.
	Wallet int64 `json:"wallet,omitempty"`
	// Card: on the checkout page, the kept card of the buyer's the
	// refused pay named (payRefusedCard), for the page to name it; 0 for
	// none.
	Card int64  `json:"card,omitempty"`
	Key  string `json:"key"` // the result's Key just after the action: the card it speaks about
	// Checks (NoticeStillAsking): the open attempt's PaymentView.Checks
	// before the check began (CheckNow).
	Checks int `json:"checks,omitempty"`
	// At: when it was left; one older than noticeLife is not shown.
	At time.Time `json:"at"`
}

// on is the notice to show beside r: n's, while r is the card n was left
// beside (the same order, the same Key) and that card still awaits an
// outcome a notice speaks of (a payment, or its cancel, not confirmed
// yet) — except that "still asking" about a payment ("check again") says
// "no result yet" once a check has ended since the buyer's began (Antom
// answered without an outcome, or not in time). About a cancel ("pay
// another way") it stays while the card does: the cancel is sent until
// Antom answers, and any answer changes the card. Else "": the card
// changed, or the action found the payment settled (a page left open,
// whose check found nothing open), and the notice would contradict what
// the card says — except "pay another way" that found it settled
// (NoticeLeftTooLate), which is told beside the settled card (leftTooLate),
// and a pay form that found a payment already there (NoticeNotPaidAgain),
// told beside the card it found, whatever its state (on the page its
// redirect shows, beside what that payment has become since: beside).
func (n resultNotice) on(r checkout.Result) string {
	if n.Ref != r.Order.Ref || n.Key != r.Key() {
		return ""
	}
	switch n.Notice {
	case views.NoticeLeftTooLate:
		return n.leftTooLate(r)
	case views.NoticeNotPaidAgain:
		return n.Notice // true of the card it was left beside, whatever its state
	}
	switch r.State {
	case checkout.ResultProcessing, checkout.ResultCardPage, checkout.ResultCancelling:
	default:
		return ""
	}
	switch n.Notice {
	case views.NoticeStillAsking:
		if r.State != checkout.ResultCancelling && r.Payment.Checks > n.Checks {
			return views.NoticeStillOpen
		}
		return n.Notice
	case views.NoticeTooSoon, views.NoticeStillOpen, views.NoticeCancelOpen:
		return n.Notice
	}
	return ""
}

// leftTooLate is NoticeLeftTooLate beside r: shown while the card is
// settled, and no other note on it already says why the buyer's choice
// cancelled nothing (LeftButPaid) or that a cancel may yet reverse it
// (CancelInDoubt).
func (n resultNotice) leftTooLate(r checkout.Result) string {
	switch {
	case r.State == checkout.ResultProcessing, r.State == checkout.ResultCardPage, r.State == checkout.ResultCancelling:
		return "" // not settled
	case r.LeftButPaid || r.CancelInDoubt:
		return ""
	}
	return n.Notice
}

// resultKey is the key of a result card with the notice shown beside it
// (views.ResultCard.Key, the long-poll's ?seen=): r's Key, and the
// notice and what it was left on, so that a notice that changes ("still
// asking" to "no result yet") is news for the page as much as the card
// is, and the long-poll can read back the notice a page shows
// (seenNotice). "" shown: r's Key alone.
func resultKey(r checkout.Result, n resultNotice, shown string) string {
	if shown == "" {
		return r.Key()
	}
	return r.Key() + "|" + shown + ":" + strconv.Itoa(n.Checks)
}

// seenNotice is the notice a page shows, read back from its card's key
// (resultKey) for order ref; none when the key has none. It is what the
// page was shown, said back by the browser: on words it again only if it
// is still true, and as one of the fixed notices.
func seenNotice(ref, seen string) resultNotice {
	key, rest, ok := strings.Cut(seen, "|")
	if !ok {
		return resultNotice{}
	}
	notice, checks, _ := strings.Cut(rest, ":")
	n := resultNotice{Ref: ref, Notice: notice, Key: key}
	n.Checks, _ = strconv.Atoi(checks)
	return n
}

// beside is n as the page shows it beside r, the card as it is now. A
// pay refused for the payment it found (NoticeNotPaidAgain) is true of
// that payment whatever became of it before the buyer's page was shown
// (gone on to its card page, paid, ended) — another tab's payment may
// well move on between the refusal and its page — and it is worded by the
// state the page shows (views' notPaidAgainKey): it is bound to r. Every
// other notice stays bound to the card it was left beside (on).
func (n resultNotice) beside(r checkout.Result) resultNotice {
	if n.Notice == views.NoticeNotPaidAgain && n.Ref == r.Order.Ref {
		n.Key = r.Key()
	}
	return n
}

// notice leaves the result page of order ref a notice (views.Notice*)
// about the buyer's last action, bound to the result as it stands now;
// checks is CheckNow's (NoticeStillAsking). It is kept under a token of
// its own, which the request's redirect names (toResult), so that only
// the page that redirect shows takes it. A result that cannot be read
// leaves none: the page says what is true without it.
func (a *App) notice(c *gin.Context, ref, notice string, checks int) {
	r, err := a.Checkout.OrderResult(c.Request.Context(), a.viewer(c), ref)
	if err != nil {
		return
	}
	a.putResultNotice(c, resultNotice{Ref: r.Order.Ref, Notice: notice, Key: r.Key(), Checks: checks, At: time.Now()})
}

// checkoutNotice leaves the checkout page of order ref why a pay was
// refused (problem: its message ID, and the wallet or card it named),
// under a token of its own as notice does, which toCheckout names: of
// two tabs refused on one checkout page, each tab's page says its own
// reason.
func (a *App) checkoutNotice(c *gin.Context, ref string, problem checkoutProblem) {
	a.putResultNotice(c, resultNotice{Ref: ref, Page: noticeOnCheckout, Notice: problem.ID, Wallet: problem.Wallet, Card: problem.Card, At: time.Now()})
}

// putResultNotice keeps n under the token of this request's notices,
// drawn with its first (a second result notice of one request replaces
// its first), once the session's old ones are pruned.
func (a *App) putResultNotice(c *gin.Context, n resultNotice) {
	a.pruneResultNotices(c)
	token := noticeToken(c)
	b, _ := json.Marshal(n) // strings, an int and a time: it cannot fail
	a.Sessions.Put(c.Request.Context(), resultNoticeKey+token, string(b))
}

// toResult answers 303 to order ref's result page, naming the notice
// this request left for it (notice), if any, in ?notice=.
func (a *App) toResult(c *gin.Context, ref string) {
	a.toNoticed(c, resultPath(ref))
}

// toCheckout answers 303 to order ref's checkout page, naming the notice
// this request left for it (checkoutNotice) in ?notice=.
func (a *App) toCheckout(c *gin.Context, ref string) {
	a.toNoticed(c, checkoutPath(ref))
}

// toNoticed answers 303 to path, naming the notice this request left,
// if any, in ?notice=.
func (a *App) toNoticed(c *gin.Context, path string) {
	if token := c.GetString(ctxNoticeToken); token != "" {
		path = withNotice(path, token)
	}
	c.Redirect(http.StatusSeeOther, path)
}

// pruneResultNotices drops, before one more is left, the result notices
// whose page was never shown (a redirect not followed) once older than
// noticeLife, and the oldest past maxNotices-1: a client that never
// follows its redirects cannot grow its session without end.
func (a *App) pruneResultNotices(c *gin.Context) {
	ctx := c.Request.Context()
	type kept struct {
		key string
		at  time.Time
	}
	var ns []kept
	oldest := time.Now().Add(-noticeLife)
	for _, k := range a.Sessions.Keys(ctx) {
		if !strings.HasPrefix(k, resultNoticeKey) {
			continue
		}
		var n resultNotice
		if json.Unmarshal([]byte(a.Sessions.GetString(ctx, k)), &n) != nil || n.At.Before(oldest) {
			a.Sessions.Remove(ctx, k)
			continue
		}
		ns = append(ns, kept{k, n.At})
	}
	slices.SortFunc(ns, func(x, y kept) int { return cmp.Or(x.at.Compare(y.at), strings.Compare(x.key, y.key)) })
	for _, n := range ns[:max(len(ns)+1-maxNotices, 0)] {
		a.Sessions.Remove(ctx, n.key)
	}
}

// takeNotice removes and returns the notice left for the result page of
// order ref being shown: the one its ?notice= names (toResult), none
// once taken (a reload) or older than noticeLife. Notices of other
// requests (another tab's, whose page may not have been shown yet) stay
// for their pages; a token of another order's notice, or of its checkout
// page's, takes nothing. Without ?notice=, the page takes legacyNotice's,
// if it is ref's.
func (a *App) takeNotice(c *gin.Context, ref string) resultNotice {
	if c.Query(noticeParam) == "" {
		return a.takeLegacyNotice(c, ref)
	}
	return a.takeNoticeOn(c, ref, noticeOnResult)
}

// takeNoticeOn removes and returns the notice for page (noticeOn*) of
// order ref that the request's ?notice= names; none once taken, older
// than noticeLife, or left for another order or page (which stays).
func (a *App) takeNoticeOn(c *gin.Context, ref, page string) resultNotice {
	token := c.Query(noticeParam)
	if token == "" {
		return resultNotice{}
	}
	ctx := c.Request.Context()
	key := resultNoticeKey + token
	raw := a.Sessions.GetString(ctx, key)
	if raw == "" {
		return resultNotice{}
	}
	var n resultNotice
	if json.Unmarshal([]byte(raw), &n) != nil {
		a.Sessions.Remove(ctx, key)
		return resultNotice{}
	}
	if n.Ref != ref || n.Page != page {
		return resultNotice{}
	}
	a.Sessions.Remove(ctx, key)
	if n.At.Before(time.Now().Add(-noticeLife)) {
		return resultNotice{}
	}
	return n
}

// takeLegacyNotice removes and returns the notice left in legacyNotice
// for order ref's result page; a notice of another order stays for that
// order's page.
func (a *App) takeLegacyNotice(c *gin.Context, ref string) resultNotice {
	ctx := c.Request.Context()
	raw := a.Sessions.GetString(ctx, legacyNotice)
	if raw == "" {
		return resultNotice{}
	}
	var n resultNotice
	if json.Unmarshal([]byte(raw), &n) != nil {
		a.Sessions.Remove(ctx, legacyNotice) // unreadable (a notice of before it was bound): dropped
		return resultNotice{}
	}
	if n.Ref != ref {
		return resultNotice{}
	}
	a.Sessions.Remove(ctx, legacyNotice)
	return n
}
