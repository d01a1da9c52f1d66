package handlers

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"antom-checkout/db"
)

// A failed refund tried again in another tab, whose retry Antom still
// processes, is refused "handled another way" saying so — the buyer will
// get the money through the retry, so settling it another way too would
// pay them twice — and the note staff typed is quoted and kept, not
// thrown away; once Antom has answered for the retry before the page is
// shown, the refusal says which, the note still quoted. A retry Antom had
// answered for already is named as made or failed (never "done, or still
// processing"), the note quoted — failed, the note is kept for that
// retry's form, which owes in its place (trial F1).
func TestAdminHandledRefusedWhileRetryProcessesKeepsTheNote(t *testing.T) {
	const note = "Refunded $2 by PayPal"
	kept := " Your note was not saved: “" + note + "”."
	lead := "Refund RF-%[1]s-100 was tried again as refund RF-%[1]s-R"
	done := lead + ", which Antom has made: the buyer got this money back through it, and nothing is owed of RF-%[1]s-100. Nothing was marked."
	failed := lead + ", which failed too: what was owed passed to that refund — mark that one handled instead, if it is still owed (its line below says). Nothing was marked."
	for _, c := range []struct{ to, want string }{{db.RefundSuccess, done}, {db.RefundFail, failed}} {
		t.Run(c.to, func(t *testing.T) {
			pay := newClosedRefundPayment(t, "retried-note-"+strings.ToLower(c.to)+"@example.com")
			ref, f := pay.ref, pay.f
			pay.settle(f.ID, db.RefundFail, db.SourceOurs, db.RefundFail, db.SourceAntom) // Antom's own failure: no lookup needed
			retry := pay.insert("R", f.Amount, f.ID)
			b := pay.ta.client(t)
			b.staffSignIn()
			action := fmt.Sprintf("/admin/orders/%s/refunds/%d/handled", ref, f.ID)
			order := "/admin/orders/" + ref

			// Still processing: said plainly, the note quoted and kept.
			for _, form := range []url.Values{{"note": {note}}, shownBefore(t, pay.ta, b, action, url.Values{"note": {note}, "owed": {"100"}})} {
				shown := noticed(t, b.post(action, form), order)
				tone, words, data := flashOf(t, b, shown)
				assertEqual(t, tone+": "+words, "pending: "+fmt.Sprintf(lead, ref)+", which Antom is still processing: the buyer will get this money back "+
					"through RF-"+ref+"-R, so settling it another way too would pay them twice. Should RF-"+ref+"-R fail, what was owed passes to it, "+
					"to try again or mark handled then. Nothing was marked."+kept, "the refusal while the retry processes")
				assertEqual(t, data["kept"], note, "the note kept")
				assertEqual(t, data["refund"], strconv.FormatInt(retry, 10), "the retry it waits for")
				assertEqual(t, data["kept-for"], strconv.FormatInt(retry, 10), "the form it goes back in: the retry's, should it fail")
				assertEqual(t, data["refund-done"], fmt.Sprintf(done, ref)+kept, "its words once the retry is made")
				assertEqual(t, data["refund-failed"], fmt.Sprintf(failed, ref)+kept, "its words once the retry failed")
			}

			// Antom answers before the page is shown: what is true then.
			shown := noticed(t, b.post(action, url.Values{"note": {note}}), order)
			pay.settle(retry, db.RefundProcessing, "", c.to, db.SourceAntom)
			tone, words, data := flashOf(t, b, shown)
			assertEqual(t, tone+": "+words, "note: "+fmt.Sprintf(c.want, ref)+kept, "the refusal once Antom has answered")
			assertEqual(t, data["kept"], note, "the note kept, for the retry's form")
			// Failed, the retry owes in place of the refund it tried again:
			// its form is offered, where the page puts the note back.
			form := fmt.Sprintf(`id="handled-note-%d"`, retry)
			if offered := strings.Contains(b.get(order).body, form); offered != (c.to == db.RefundFail) {
				t.Errorf("the retry's handled form offered: %v, once it is %s", offered, c.to)
			}

			// Answered already when sent: which, the note quoted — and,
			// the retry failed, kept for the retry's form, which owes in
			// its place: as when it fails after the refusal, in the same
			// neutral words, whichever form was sent (trial: the note was
			// only quoted, never put back).
			for _, form := range []url.Values{{"note": {note}}, shownBefore(t, pay.ta, b, action, url.Values{"note": {note}, "owed": {"100"}})} {
				shown = noticed(t, b.post(action, form), order)
				if c.to == db.RefundSuccess {
					assertNotices(t, pageNotices(t, b, shown), "problem: "+fmt.Sprintf(c.want, ref)+kept)
					continue
				}
				tone, words, data := flashOf(t, b, shown)
				assertEqual(t, tone+": "+words, "note: "+fmt.Sprintf(c.want, ref)+kept, "the refusal of a retry failed already")
				assertEqual(t, data["kept"], note, "the note kept")
				assertEqual(t, data["kept-for"], strconv.FormatInt(retry, 10), "the form it goes back in: the failed retry's")
				assertEqual(t, data["kept-said"], strings.TrimSpace(kept), "the sentence that quotes it")
				assertEqual(t, data["kept-back"], "Your note, “"+note+"”, is back in its form below, not saved yet.", "what says it once back in its form")
			}
			if got, err := pay.ta.DB.RefundByID(context.Background(), f.ID); err != nil || !got.HandledAt.IsZero() {
				t.Fatalf("marked handled: %+v %v", got, err)
			}
		})
	}
}

// Two tabs mark one failed refund handled another way: the second is
// refused quoting how the first said it was settled and its own note,
// which was not saved — the buyer may have been paid twice outside Antom,
// and staff must be able to see it (trial F2).
func TestAdminHandledTwiceQuotesBothNotes(t *testing.T) {
	pay := newClosedRefundPayment(t, "handled-twice@example.com")
	ref, f := pay.ref, pay.f
	pay.settle(f.ID, db.RefundFail, db.SourceOurs, db.RefundFail, db.SourceAntom)
	s1, s2 := pay.ta.client(t), pay.ta.client(t)
	s1.staffSignIn()
	s2.staffSignIn()
	action := fmt.Sprintf("/admin/orders/%s/refunds/%d/handled", ref, f.ID)
	order := "/admin/orders/" + ref
	second := s2.confirmation(action, url.Values{"note": {"Refunded $2 by PayPal"}}) // the second tab's, shown before the first acts

	noticed(t, s1.confirm(action, url.Values{"note": {"Refunded $1 by bank transfer"}}), order)
	shown := noticed(t, s2.post(action, second), order)
	assertNotices(t, pageNotices(t, s2, shown), "problem: Refund RF-"+ref+"-100 was already marked handled another way, by "+staffEmail+
		": “Refunded $1 by bank transfer”. Nothing was marked. Your note was not saved: “Refunded $2 by PayPal”.")
	if got, err := pay.ta.DB.RefundByID(context.Background(), f.ID); err != nil || got.HandledNote != "Refunded $1 by bank transfer" {
		t.Fatalf("the note kept: %q %v", got.HandledNote, err)
	}
}

// The confirmation of "handled another way" read again after its own
// action was done (Back, Reload) or confirmed again from a second tab,
// by the same staff member with the same note, says neutrally that it
// was marked — the note quoted as saved, never "not saved" (trial).
func TestAdminHandledConfirmationAgainSaysDone(t *testing.T) {
	const note = "Refunded $1 by bank transfer"
	pay := newClosedRefundPayment(t, "handled-again@example.com")
	ref, f := pay.ref, pay.f
	pay.settle(f.ID, db.RefundFail, db.SourceOurs, db.RefundFail, db.SourceAntom)
	b := pay.ta.client(t)
	b.staffSignIn()
	action := fmt.Sprintf("/admin/orders/%s/refunds/%d/handled", ref, f.ID)
	order := "/admin/orders/" + ref
	confirm := b.post(action, url.Values{"note": {note}})
	assertEqual(t, confirm.status, http.StatusSeeOther, "the form: to its confirmation")
	tab := b.confirmation(action, url.Values{"note": {note}}) // shown in two tabs
	noticed(t, b.post(action, tab), order)

	assertNotices(t, pageNotices(t, b, noticed(t, b.get(confirm.location), order)),
		"note: Nothing to confirm: you had already marked refund RF-"+ref+"-100 handled another way: “"+note+"”.")
	assertNotices(t, pageNotices(t, b, noticed(t, b.post(action, tab), order)),
		"note: Marked once: you had already marked refund RF-"+ref+"-100 handled another way: “"+note+"”. Nothing was marked again.")
	assertEqual(t, pay.ta.count(t, "SELECT COUNT(*) FROM events WHERE detail LIKE '%handled another way:%'"), 1, "timeline lines")
}
