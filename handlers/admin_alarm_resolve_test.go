package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"antom-checkout/db"
)

// Staff mark a paymentId conflict resolved from the order's notice: a
// note missing or too long is sent back with its error (422), an alarm
// the payment has not is refused, another order's ref is not found —
// nothing written each time; with a note, a confirmation, then the
// notice is gone and the flash says so; that confirmation read again, or
// confirmed again, says neutrally it was done; a second resolve (another
// staff member, or another note)
// is refused naming who resolved it and their note, quoting theirs, and
// nothing is written twice.
func TestAdminAlarmResolve(t *testing.T) {
	ta := newAdminApp(t)
	ctx := context.Background()
	b, o := ta.buyerOrder(t, "alarm-resolve@example.com", "coffee", "1")
	id := ta.openAttempt(t, o.Ref, ta.insertWallet(t, b.ID, "0917****ala"))
	if err := ta.DB.SetAttemptPaymentID(ctx, id, "PAY-A-"+o.Ref, ta.now); err != nil {
		t.Fatal(err)
	}
	if _, err := ta.DB.RecordPaymentIDConflict(ctx, id, "PAY-B-"+o.Ref, ta.now); err != nil {
		t.Fatal(err)
	}
	_, other := ta.buyerOrder(t, "alarm-resolve-other@example.com", "coffee", "1")
	request := "PR-" + o.Ref + "-TEST"
	order := "/admin/orders/" + o.Ref
	action := order + "/alarms/paymentid-conflict/resolve"
	s1, s2 := ta.client(t), ta.client(t)
	s1.staffSignIn()
	s2.staffSignIn()
	resolved := func() int {
		return ta.count(t, "SELECT COUNT(*) FROM alarm_resolutions")
	}
	shown := s1.get(order)
	if !strings.Contains(shown.body, `data-testid="paymentid-conflict-resolve-form"`) {
		t.Fatalf("the conflict's notice has no Mark resolved form:\n%s", shown.body)
	}

	for _, tc := range []struct{ note, want string }{
		{"", "Say what was done in Antom Dashboard"},
		{strings.Repeat("x", 201), "At most 200 characters."},
	} {
		p := s1.post(action, url.Values{"payment": {request}, "note": {tc.note}})
		assertEqual(t, p.status, http.StatusUnprocessableEntity, "a note "+tc.want)
		if err := html(t, p.body).Find(`[data-testid="resolve-error"]`).Text(); !strings.Contains(err, tc.want) {
			t.Errorf("the form's error says %q, want %q", err, tc.want)
		}
	}
	assertEqual(t, s1.post("/admin/orders/"+other.Ref+"/alarms/paymentid-conflict/resolve", url.Values{"payment": {request}, "note": {"done"}}).status,
		http.StatusNotFound, "another order's ref")
	assertEqual(t, s1.post(order+"/alarms/nothing/resolve", url.Values{"payment": {request}, "note": {"done"}}).status, http.StatusNotFound, "an unknown alarm")
	refused := noticed(t, s1.post(order+"/alarms/auto-capture-failed/resolve", url.Values{"payment": {request}, "note": {"done"}}), order)
	assertNotices(t, pageNotices(t, s1, refused), "problem: Payment "+request+" has no automatic capture of a failed payment to resolve. Nothing was written. Your note was not saved: “done”.")
	assertEqual(t, resolved(), 0, "resolutions after bad input")

	const note = "Cancelled PAY-B in Antom Dashboard"
	confirm := s1.post(action, url.Values{"payment": {request}, "note": {note}})
	assertEqual(t, confirm.status, http.StatusSeeOther, "the form: to its confirmation")
	asked := s1.get(confirm.location)
	assertEqual(t, asked.status, http.StatusOK, "the confirmation")
	if !strings.Contains(html(t, asked.body).Find("main").Text(), "Mark resolved the paymentId conflict of payment "+request+" on order "+o.Ref+"?") {
		t.Fatalf("the confirmation:\n%s", html(t, asked.body).Find("main").Text())
	}
	assertEqual(t, resolved(), 0, "resolutions before the confirmation's POST")
	tab := confirmForm(t, asked.body)                                                             // shown in two tabs
	lateTab := s2.confirmation(action, url.Values{"payment": {request}, "note": {"Refunded it"}}) // s2's, shown meanwhile
	done := noticed(t, s1.post(action, tab), order)
	assertNotices(t, pageNotices(t, s1, done), "ok: Marked resolved. The order's timeline says who, when and what was done.")
	if body := s1.get(order).body; strings.Contains(body, `data-testid="paymentid-conflict"`) {
		t.Fatal("the conflict's notice is still shown once resolved")
	}
	// Back or Reload to the confirmation, or its button again from a
	// second tab: what was asked is done, said neutrally, the note
	// quoted as saved — never "not saved" (trial: in red).
	assertNotices(t, pageNotices(t, s1, noticed(t, s1.get(confirm.location), order)),
		"note: Nothing to confirm: you had already marked the paymentId conflict of payment "+request+" resolved: “"+note+"”.")
	assertNotices(t, pageNotices(t, s1, noticed(t, s1.post(action, tab), order)),
		"note: Marked once: you had already marked the paymentId conflict of payment "+request+" resolved: “"+note+"”. Nothing was written again.")

	late := noticed(t, s2.post(action, lateTab), order)
	notices := pageNotices(t, s2, late)
	if len(notices) != 1 || !strings.HasPrefix(notices[0], "problem: The paymentId conflict of payment "+request+" was already marked resolved by "+staffEmail) ||
		!strings.HasSuffix(notices[0], ": “"+note+"”. Nothing was written. Your note was not saved: “Refunded it”.") {
		t.Fatalf("the second resolve said %q", notices)
	}
	assertEqual(t, resolved(), 1, "resolutions")
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM events WHERE detail LIKE '%marked resolved%'"), 1, "timeline lines")
	if a, err := ta.DB.AttemptByID(ctx, id); err != nil || a.Status != db.AttemptProcessing || a.CancelStatus != "" {
		t.Fatalf("the payment: %+v %v", a, err)
	}
}
