package handlers

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/db"
	"antom-checkout/views"
)

// adminRefund refunds part or all of a paid order once staff confirmed
// the amount. The form's key makes a double submit one refund; field
// errors show the form again (422). It serves the form's POST, which
// sends staff to the confirmation (askToConfirm), that confirmation's
// GET (its address carries the form's amount, reason and key), and the
// confirmed POST.
func (a *App) adminRefund(c *gin.Context) {
	ref := c.Param("ref")
	in := checkout.RefundInput{Amount: formValue(c, "amount"), Reason: formValue(c, "reason"), Key: formValue(c, "key")}
	if !confirmed(c) {
		a.confirmRefund(c, ref, in)
		return
	}
	r, repeat, err := a.Checkout.RefundOrder(c.Request.Context(), actor(c), ref, in)
	a.afterRefund(c, ref, in, r, repeat, err)
}

// confirmRefund checks the refund form and asks staff to confirm it,
// on the form's POST and again, against the order as it is then, on
// the confirmation's GET.
func (a *App) confirmRefund(c *gin.Context, ref string, in checkout.RefundInput) {
	p, err := a.Checkout.PreviewRefund(c.Request.Context(), ref, in)
	if err != nil || p.Repeat {
		// A form already submitted (its confirmation reloaded or
		// opened again after the refund was made) is answered as its
		// confirmation sent again would be: nothing new, and what
		// became of the refund it made.
		a.afterRefund(c, ref, in, p.Made, p.Repeat, err)
		return
	}
	fields := url.Values{"amount": {in.Amount}, "reason": {in.Reason}, "key": {in.Key}}
	a.askToConfirm(c, fields, func() (views.AdminConfirm, error) { return a.refundConfirmation(c, ref, in, p) })
}

// refundConfirmation is the page that asks staff to confirm the refund
// that form in asks for (p), with the order's refunds so far and what of
// failed refunds still owed it makes good (checkout.RefundSettles).
func (a *App) refundConfirmation(c *gin.Context, ref string, in checkout.RefundInput, p checkout.RefundPreview) (views.AdminConfirm, error) {
	amount := p.Amount
	o, err := a.Checkout.AdminOrderDetail(c.Request.Context(), ref)
	if err != nil {
		return views.AdminConfirm{}, err
	}
	m := views.AdminConfirm{
		AdminPage: a.adminPage(c, "Confirm the refund", "orders"),
		Question:  "Refund " + amount.String() + " of order " + ref + "?",
		Detail:    "Antom returns the money to " + refundGoesTo(p.PaidWith) + ". A refund cannot be taken back.",
		Settles:   p.Settles.Words(),
		Facts:     append([]views.Fact{{Label: "Amount", Value: amount.String()}, {Label: "Reason", Value: reasonOrNone(in.Reason)}}, refundsSoFar(o)...),
		Action:    "/admin/orders/" + ref + "/refunds",
		Fields:    []views.Hidden{{Name: "amount", Value: in.Amount}, {Name: "reason", Value: in.Reason}, {Name: "key", Value: in.Key}},
		Button:    "Refund " + amount.String(),
		Back:      "/admin/orders/" + ref,
	}
	// A refund we closed as failed ourselves may yet be done at Antom: a
	// new refund to make it good could pay the buyer twice.
	if r, ok := oursOnlyOwed(o.Refunds); ok {
		oursOnlyCaution(&m, r)
	}
	return m, nil
}

// refundGoesTo says where Antom returns a refund's money: to what its
// payment was made with (paid), named as the order page's payment
// attempts name it — "the card the buyer paid with: Visa •••• 4242",
// "the wallet the buyer paid with: GCash 0917****123" —, or, when the
// method is not known, "the buyer's wallet or card". Name and account
// are joined by no-break spaces: the confirmation keeps them whole.
func refundGoesTo(paid checkout.Instrument) string {
	var kind string
	switch paid.Method {
	case db.MethodCard:
		kind = "the card the buyer paid with"
	case db.MethodWallet:
		kind = "the wallet the buyer paid with"
	default:
		return "the buyer's wallet or card"
	}
	if paid.Name == "" {
		return kind
	}
	named := paid.Name
	if paid.Account != "" {
		named += "\u00a0" + strings.ReplaceAll(paid.Account, " ", "\u00a0")
	}
	return kind + ": " + named
}

// afterRefund answers a refund form: the order page with a notice — why
// it was refused, when nothing is left to refund or the order cannot be
// refunded now (refusedTo) —, or the form again with its errors (422).
func (a *App) afterRefund(c *gin.Context, ref string, in checkout.RefundInput, r checkout.RefundInfo, repeat bool, err error) {
	var input *checkout.InputError
	switch {
	case errors.Is(err, checkout.ErrNotFound):
		a.notFound(c)
	case a.refusedTo(c, "/admin/orders/"+ref, err):
	case errors.As(err, &input):
		sent := &views.RefundForm{Amount: in.Amount, Reason: in.Reason, Key: in.Key, Errors: input.Fields}
		a.renderAdminOrder(c, http.StatusUnprocessableEntity, ref, orderForms{refund: sent})
	case err != nil:
		a.serverError(c, err)
	default:
		a.refundNoticeTo(c, "/admin/orders/"+ref, r, repeat, "")
	}
}

// refundNoticeTo leaves the notice of refund r (refundNotice, after
// lead: "" or a sentence of what was done), in the tone its
// outcome has — a problem when it failed (said once: by the order's
// refund-failed alarm, which lists it with why, when the page shows
// it), neutral while Antom has not confirmed it, good news otherwise —
// and redirects to to. A form sent again (repeat) whose refund failed
// is an aside (noteTo): nothing was sent again, and the alarm says the
// failure.
func (a *App) refundNoticeTo(c *gin.Context, to string, r checkout.RefundInfo, repeat bool, lead string) {
	msg := lead + refundNotice(r, repeat)
	switch {
	case r.Status == checkout.RefundFail && repeat:
		// A form sent again: nothing new was sent, and the refund it
		// made failed, which the alarm says; this is an aside.
		a.noteTo(c, to, msg)
	case r.Status == checkout.RefundFail:
		a.alarmTo(c, to, alarmRefundFailed, msg)
	default:
		// Under way (neutral while Antom has not confirmed it), or made.
		n := notice{Msg: msg, Pending: r.Unconfirmed()}
		if r.Status == checkout.RefundProcessing {
			done := r
			done.Status = checkout.RefundSuccess
			n.Refund, n.Done = r.ID, lead+refundNotice(done, repeat)
		}
		a.noticeTo(c, to, n)
	}
}

// refundNoticeNow is s with news of a refund still processing
// (refundNoticeTo) said as the refund of order o stands now: Antom may
// have settled it between the form's answer and this page — made, the
// words of a made refund; failed, none (the order's alarm says it). A
// refusal that speaks of such a refund (refusalNotice) says its Done or
// Failed words instead, neutral. A
// refund still processing stays named (Refund, RefundDone): the page's
// live redraw says the notice anew once it is settled (admin_order.js),
// as this does for a page shown after.
func refundNoticeNow(s shownNotices, o checkout.AdminOrder) shownNotices {
	if s.Refund == 0 {
		return s
	}
	for _, r := range o.Refunds {
		switch {
		case r.ID != s.Refund:
		case r.Status == checkout.RefundSuccess && s.RefundFailed != "": // a refusal, said as things stand now
			s.Flash, s.Pending, s.Aside, s.Refund = s.RefundDone, false, true, 0
		case r.Status == checkout.RefundSuccess:
			s.Flash, s.Pending, s.Refund = s.RefundDone, false, 0
		case r.Status == checkout.RefundFail && s.RefundFailed != "":
			s.Flash, s.Pending, s.Aside, s.Refund = s.RefundFailed, false, true, 0
		case r.Status == checkout.RefundFail:
			s.Flash, s.Pending, s.Refund = "", false, 0
		}
	}
	return s
}

// refundNotice says what became of a refund: sent only once Antom
// accepted it (a refund Antom has not confirmed yet is said so), and
// which failed refunds it settles (or will, once made), as its
// confirmation said (r.Settles). On a
// repeat (the same form submitted again) it first says the form was
// already submitted — not that the refund was sent, which the words
// after it say only when Antom accepted it.
func refundNotice(r checkout.RefundInfo, repeat bool) string {
	prefix := ""
	switch {
	case repeat && r.AskedAgain.Currency != "":
		prefix = checkout.RefundFormDiffers(r.Amount, r.AskedAgain) + " "
	case repeat:
		prefix = refundFormRepeated + " "
	}
	switch r.Status {
	case checkout.RefundSuccess:
		return withSentence(prefix+"Refunded "+r.Amount.String()+".", r.Settles.MadeWords(true))
	case checkout.RefundFail:
		if repeat && r.OursOnly {
			return prefix + "Nothing was sent again: that refund was closed as failed by us, not by Antom; " + r.ClosedByUsNow() +
				". The order says below where it stands."
		}
		if repeat {
			return prefix + "Nothing was sent again: that refund failed, as the order says below."
		}
		// Words is a sentence of its own (it may hold a colon: "Antom has
		// no record of it: …"), so it follows a full stop, not a colon.
		return strings.TrimSpace(prefix + "The refund of " + r.Amount.String() + " failed. " + r.Words)
	}
	if r.Unconfirmed() {
		return withSentence(prefix+"Antom has not confirmed the refund of "+r.Amount.String()+" yet; we keep asking.", r.Settles.MadeWords(false))
	}
	return withSentence(prefix+"Refund of "+r.Amount.String()+" sent; Antom is still processing it.", r.Settles.MadeWords(false))
}

// withSentence is s followed by sentence, if any: a new refund's notice
// with what it settled of failed refunds (checkout.RefundSettles.MadeWords,
// the confirmation's Settles said again, each failed refund named).
func withSentence(s, sentence string) string {
	if sentence == "" {
		return s
	}
	return s + " " + sentence
}

// refundFormRepeated opens the notice of a refund form submitted again
// with the same amount: nothing new was done, and the words after it say
// what became of the refund the form made.
const refundFormRepeated = "This refund form was already submitted."

// reasonOrNone shows an empty refund reason as "none given".
func reasonOrNone(reason string) string {
	if strings.TrimSpace(reason) == "" {
		return "none given"
	}
	return reason
}

// refundsSoFar are the confirmation's facts of the refunds the order
// already has — one label, "Refunds so far", over a list of them, each as
// it stands (refundFact), with its amount, when and by whom; "Refunds so
// far: none" for none — and what may still be refunded, as read now, on
// every confirmation (the first too): a refund another staff member made
// since the order's page was shown is on the page that asks to confirm
// another.
//
// A retry says which failed refund it tries again (RetryOf, the one link
// between refunds the books keep), by its refundRequestId and amount as
// the order page names refunds: made, that it settles it ("settles the
// failed refund RF-… ($4.00)", or the rest of it still owed), so that
// staff reading "nothing of it owed now" on a failure see which refund
// made it good; not made (yet), that it tries it again (retryWords).
func refundsSoFar(o checkout.AdminOrder) []views.Fact {
	soFar := views.Fact{Label: "Refunds so far", Value: "none", ID: "refunds"}
	byRequest := make(map[string]checkout.RefundInfo, len(o.Refunds))
	for _, r := range o.Refunds {
		byRequest[r.RefundRequestID] = r
	}
	for _, r := range o.Refunds {
		f := refundFact(r)
		if failed, ok := byRequest[r.RetryOf]; ok && r.RetryOf != "" {
			f.Value += retryWords(r, failed)
		}
		soFar.Items = append(soFar.Items, f)
	}
	return []views.Fact{soFar, {Label: "Refundable now", Value: o.Refundable.String()}}
}

// failedRefundNamed names a failed refund as the order page names
// refunds: "the failed refund RF-… ($4.00)".
func failedRefundNamed(refundRequestID string, amount checkout.Money) string {
	return "the failed refund " + refundRequestID + " (" + amount.String() + ")"
}

// retryWords end the confirmation's line of refund r, a retry of failed
// refund failed (refundsSoFar): "; settles the failed refund RF-…
// ($4.00)" once made (only what was still owed of it, when that was
// less: "; settles the $3.00 still owed of …"), else "; tries again the
// failed refund RF-… ($4.00)" — processing or failed, or made when it
// settles nothing (the failure made by Antom after all: the buyer got
// it twice, which the order page says).
func retryWords(r, failed checkout.RefundInfo) string {
	named := failedRefundNamed(failed.RefundRequestID, failed.Amount)
	switch {
	case r.Status != checkout.RefundSuccess || r.PaidTwice || r.FoundTwice:
		return "; tries again " + named
	case r.Amount.Minor < failed.Amount.Minor:
		return "; settles the " + r.Amount.String() + " still owed of " + named
	}
	return "; settles " + named
}
