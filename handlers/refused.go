package handlers

import (
	"fmt"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
)

// keptSaid ends a refusal that kept the note staff typed (quoted), and
// keptBack says it instead once the order page has put that note back in
// its form (admin_order.js).
const (
	keptSaid = "Your note was not saved: “%s”."
	keptBack = "Your note, “%s”, is back in its form below, not saved yet."
)

// refusalNotice is the notice of refusal r, which speaks of a refund
// still processing (r.Refund): neutral news that the order page says
// anew once Antom has made that refund or it failed (r.Done, r.Failed:
// refundNoticeNow, admin_order.js). kept, when not "", is what staff
// typed in the refused form of failed refund keptFor: each of its words
// quote it, and the page puts it back in that form once it offers it.
func refusalNotice(r checkout.Refusal, kept string, keptFor int64) notice {
	n := notice{Msg: r.Message, Pending: true, Refund: r.Refund, Done: r.Done, Failed: r.Failed}
	if kept != "" {
		said := " " + fmt.Sprintf(keptSaid, kept)
		n.Msg, n.Done, n.Failed, n.Kept, n.KeptFor = n.Msg+said, n.Done+said, n.Failed+said, kept, keptFor
	}
	return n
}

// passedNotice is the notice of refusal r, for good, of a failed
// refund whose retry had failed too (r.PassedTo), which owes in its
// place: the note staff typed (kept) quoted, and put back in the retry's
// form once the page offers it. It reads as the refusal said anew once a
// retry still processing failed (refundNoticeNow): neutral, an aside
// that stays, the same words.
func passedNotice(r checkout.Refusal, kept string) notice {
	return notice{Msg: r.Message + " " + fmt.Sprintf(keptSaid, kept), Aside: true, Kept: kept, KeptFor: r.PassedTo}
}

// refusedTo answers err when it refuses an action for where things stand
// now, not for what its form holds (checkout.Refused): a 303 to the page
// at to, which says why once — in red (problemTo), or, for an action
// that repeats one already sent (a second click on Capture), as a
// neutral note (noteTo), and for one refused only until Antom confirms
// something (a cancel in doubt) as pending news (pendingTo), which the
// live order page drops once the order changes — or, when it speaks of a
// refund still processing, says anew once Antom has answered for that
// refund (refusalNotice) — so that Reload shows that page as it is now
// and sends nothing again. It reports whether it answered; an error in
// what was typed is left to the caller, which shows the form again (422).
func (a *App) refusedTo(c *gin.Context, to string, err error) bool {
	r, ok := checkout.Refused(err)
	switch {
	case !ok:
	case r.Refund != 0:
		a.noticeTo(c, to, refusalNotice(r, "", 0))
	case r.Repeat:
		a.noteTo(c, to, r.Message)
	case r.Waits:
		a.pendingTo(c, to, r.Message)
	default:
		a.problemTo(c, to, r.Message)
	}
	return ok
}
