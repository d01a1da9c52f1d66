package handlers

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// adminRefundHandled marks a failed staff refund handled another way
// (staff settled it with the buyer outside Antom), saying how, once
// staff confirmed it. Nothing is sent to Antom and no money moves. It
// serves the form's POST, which sends staff to the confirmation
// (askToConfirm: its address carries the note), that confirmation's GET
// (checked again against the refund as it is then), and the confirmed
// POST.
func (a *App) adminRefundHandled(c *gin.Context) {
	ref, note := c.Param("ref"), formValue(c, "note")
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		a.notFound(c)
		return
	}
	if !confirmed(c) {
		r, err := a.Checkout.HandledFailedRefund(c.Request.Context(), actor(c), ref, id, note)
		if err != nil {
			a.afterRefundHandled(c, ref, id, note, err)
			return
		}
		facts := []views.Fact{{Label: "Refund", Value: r.RefundRequestID}, {Label: "Amount", Value: r.Amount.String()}}
		question := "Mark the failed refund of " + r.Amount.String() + " on order " + ref + " handled another way?"
		if r.Owed != r.Amount {
			facts = append(facts, views.Fact{Label: "Still owed", Value: r.Owed.String() + " (" + owedWhy(r) + ")"})
			question = "Mark the " + r.Owed.String() + " still owed of the failed refund of " + r.Amount.String() +
				" on order " + ref + " handled another way?"
		}
		if r.Words != "" {
			facts = append(facts, views.Fact{Label: "Why it failed", Value: r.Words})
		}
		facts = append(facts, views.Fact{Label: "How it was settled", Value: note})
		detail := "Only once the buyer has this money back some other way: nothing is sent to Antom and no money moves here. " +
			"The refund is no longer an open problem, the order's timeline keeps who, when and how, and the buyer's order page " +
			"says the shop settled this refund with them another way. This cannot be undone."
		a.askToConfirm(c, url.Values{"note": {note}}, func() (views.AdminConfirm, error) {
			confirm := views.AdminConfirm{
				AdminPage: a.adminPage(c, "Confirm: handled another way", "orders"),
				Question:  question,
				Detail:    detail,
				Facts:     facts,
				Action:    actionPath(c),
				Fields:    []views.Hidden{{Name: "note", Value: note}, {Name: "owed", Value: strconv.FormatInt(r.Owed.Minor, 10)}},
				Button:    "Mark handled another way",
				Back:      "/admin/orders/" + ref,
			}
			if r.OursOnly {
				oursOnlyCaution(&confirm, r)
			}
			return confirm, nil
		})
		return
	}
	err = a.Checkout.HandleFailedRefund(c.Request.Context(), actor(c), ref, id, note, c.PostForm("owed"))
	a.afterRefundHandled(c, ref, id, note, err)
}

// afterRefundHandled answers the form: the order page with a notice —
// why it was refused, the note typed quoted (never dropped without a
// word): when the failure is no longer open, or while a refund still
// processing covers part of it or tries it again, or tried it again and
// failed (the note then kept for that form) — or with the form's error
// (422).
func (a *App) afterRefundHandled(c *gin.Context, ref string, id int64, note string, err error) {
	var input *checkout.InputError
	switch {
	case errors.Is(err, checkout.ErrNotFound):
		a.notFound(c)
	case keepNote(err, note):
		// Refused while a refund still processing covers part of it, or
		// tries it again: the note typed is kept, quoted, and put back in
		// the form once Antom has answered for that refund and the page
		// offers it — the form of the retry, which owes in its place
		// should it fail.
		r, _ := checkout.Refused(err)
		keptFor := id
		if r.Retried {
			keptFor = r.Refund
		}
		a.noticeTo(c, "/admin/orders/"+ref, refusalNotice(r, note, keptFor))
	case passNote(err, note):
		// Refused for good because the refund was tried again and that
		// retry failed too before the form was sent: what was owed passed
		// to the retry, so the note typed is quoted and put back in the
		// retry's form — as when the retry fails after the refusal
		// (refundNoticeNow), in the same neutral words.
		r, _ := checkout.Refused(err)
		a.noticeTo(c, "/admin/orders/"+ref, passedNotice(r, note))
	case quoteNote(err, note):
		// Refused for good (marked handled already, tried again and
		// answered…): the note typed is not saved, and the refusal quotes
		// it, so that what staff settled is not lost without a word.
		a.refusedTo(c, "/admin/orders/"+ref, quotingNote(err, note))
	case a.refusedTo(c, "/admin/orders/"+ref, err):
	case errors.As(err, &input):
		a.renderAdminOrder(c, http.StatusUnprocessableEntity, ref, orderForms{handled: &views.HandledForm{RefundID: id, Note: note, Error: input.Fields["note"]}})
	case err != nil:
		a.serverError(c, err)
	default:
		a.flashTo(c, "/admin/orders/"+ref, "Marked handled another way. The order's timeline says who, when and how.")
	}
}

// keepNote reports whether err refuses a "handled another way" form for
// a while only — a refund still processing covers part of the failure or
// tries it again (checkout.Refusal.Refund) — with a note typed (note),
// which the refusal keeps.
func keepNote(err error, note string) bool {
	r, ok := checkout.Refused(err)
	return ok && r.Refund != 0 && strings.TrimSpace(note) != ""
}

// passNote reports whether err refuses a "handled another way" form
// with a note typed (note) because the refund was tried again and that
// retry failed too (checkout.Refusal.PassedTo): the retry owes in its
// place, and its form takes the note (passedNotice).
func passNote(err error, note string) bool {
	r, ok := checkout.Refused(err)
	return ok && r.PassedTo != 0 && strings.TrimSpace(note) != ""
}

// quoteNote reports whether err refuses a "handled another way" (or
// "Mark resolved") form with a note typed (note), names no refund still
// processing, and is no Repeat (that very note saved already, by the
// same staff member: said as a neutral note by refusedTo): the refusal
// quotes the note as not saved (quotingNote).
func quoteNote(err error, note string) bool {
	r, ok := checkout.Refused(err)
	return ok && r.Refund == 0 && !r.Repeat && strings.TrimSpace(note) != ""
}

// quotingNote is refusal err (a *checkout.ConflictError) with keptSaid
// quoting note after its words, tone kept.
func quotingNote(err error, note string) error {
	var c *checkout.ConflictError
	if !errors.As(err, &c) {
		return err
	}
	quoted := *c
	quoted.Message += " " + fmt.Sprintf(keptSaid, note)
	return &quoted
}
