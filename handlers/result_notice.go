package handlers

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// sessionNotice holds the notice of the buyer's last action on a result
// page (a resultNotice, JSON), for the page that follows.
const sessionNotice = "result_notice"

// resultNotice is what the buyer's last action on a result page found
// ("check again", "pay another way"), bound to the result card it
// speaks about: it is true of that card only, and goes (or changes) as
// soon as the card does — on the page the redirect shows and on the
// long-poll's updates of it alike (on).
type resultNotice struct {
	Ref    string `json:"ref"`
	Notice string `json:"notice"` // views.Notice*
	Key    string `json:"key"`    // the result's Key just after the action: the card it speaks about
	// Checks (NoticeStillAsking): the open attempt's PaymentView.Checks
	// before the check began (CheckNow).
	Checks int `json:"checks,omitempty"`
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
// told beside the card it found, whatever its state.
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

// notice leaves the result page of order ref a notice (views.Notice*)
// about the buyer's last action, bound to the result as it stands now;
// checks is CheckNow's (NoticeStillAsking). A result that cannot be read
// leaves none: the page says what is true without it.
func (a *App) notice(c *gin.Context, ref, notice string, checks int) {
	r, err := a.Checkout.OrderResult(c.Request.Context(), a.viewer(c), ref)
	if err != nil {
		return
	}
	b, _ := json.Marshal(resultNotice{Ref: r.Order.Ref, Notice: notice, Key: r.Key(), Checks: checks}) // strings and an int: it cannot fail
	a.Sessions.Put(c.Request.Context(), sessionNotice, string(b))
}

// takeNotice removes and returns the notice left for order ref's result
// page; a notice of another order stays for that order's page.
func (a *App) takeNotice(c *gin.Context, ref string) resultNotice {
	ctx := c.Request.Context()
	raw := a.Sessions.GetString(ctx, sessionNotice)
	if raw == "" {
		return resultNotice{}
	}
	var n resultNotice
	if json.Unmarshal([]byte(raw), &n) != nil {
		a.Sessions.Remove(ctx, sessionNotice) // unreadable (a notice of before it was bound): dropped
		return resultNotice{}
	}
	if n.Ref != ref {
		return resultNotice{}
	}
	a.Sessions.Remove(ctx, sessionNotice)
	return n
}
