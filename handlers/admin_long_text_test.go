package handlers

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"antom-checkout/checkout/limits"
	"antom-checkout/db"
)

// keptField checks that p is the form sent back (422) with field's
// error (errorID) saying want, and field (a data-testid) holding value —
// all of what was typed (no maxlength for the browser to cut it to, trial:
// a longer note was silently cut), line breaks as spaces (the browser
// would glue the lines).
func keptField(t *testing.T, p page, field, errorID, want, value string) {
	t.Helper()
	assertEqual(t, p.status, http.StatusUnprocessableEntity, field+": the form sent back")
	d := html(t, p.body)
	if got := strings.TrimSpace(d.Find(`[data-testid="` + errorID + `"]`).Text()); !strings.Contains(got, want) {
		t.Errorf("%s's error says %q, want %q", field, got, want)
	}
	in := d.Find(`input[data-testid="` + field + `"]`)
	assertEqual(t, in.Length(), 1, field+" fields")
	if got := in.AttrOr("value", ""); got != value {
		t.Errorf("%s holds %q, want %q", field, got, value)
	}
	if limit, ok := in.Attr("maxlength"); ok {
		t.Errorf("%s has maxlength %q: the browser cuts what is typed beyond it without a word", field, limit)
	}
}

// A refund's reason (sent to Antom) over 256 characters and a refund
// lookup's id over 64 are refused with their error, the whole text kept
// in the field, nothing sent or stored.
func TestStaffLongRefundReasonAndLookupIDKept(t *testing.T) {
	ta := newAdminApp(t)
	ref, _ := ta.paidOrder(t, "long-reason@example.com")
	b := ta.client(t)
	b.staffSignIn()
	key := refundFormKey(t, b.get("/admin/orders/"+ref).body)
	reason := strings.Repeat("r", limits.RefundReason) + "-and-more" // the limit the form says (views)
	fields := url.Values{"amount": {"1.00"}, "reason": {reason}, "key": {key}}
	for _, form := range []url.Values{fields, shownBefore(t, ta, b, "/admin/orders/"+ref+"/refunds", fields)} {
		p := b.post("/admin/orders/"+ref+"/refunds", form)
		keptField(t, p, "refund-reason", "reason-error", fmt.Sprintf("Keep the reason to %d characters.", limits.RefundReason), reason)
	}
	p := b.post("/admin/orders/"+ref+"/refunds", url.Values{"amount": {"1.00"}, "reason": {"broken\nmug"}, "key": {key}})
	keptField(t, p, "refund-reason", "reason-error", "One line of text, please: its line breaks are spaces in the field now — check it and send again.", "broken mug")
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM refunds"), 0, "refunds stored")

	id := "RF-" + strings.Repeat("7", limits.RefundLookupID)
	keptField(t, b.lookup(id), "lookup-id", "id-error", fmt.Sprintf("at most %d characters", limits.RefundLookupID), id)
}

// A "handled another way" note over 200 characters, or on two lines, is
// refused with its error, the whole note kept in the field (two lines
// joined by a space, never glued), nothing marked.
func TestAdminHandledLongNoteKept(t *testing.T) {
	pay := newClosedRefundPayment(t, "handled-long@example.com")
	pay.settle(pay.f.ID, db.RefundFail, db.SourceOurs, db.RefundFail, db.SourceAntom)
	b := pay.ta.client(t)
	b.staffSignIn()
	action := fmt.Sprintf("/admin/orders/%s/refunds/%d/handled", pay.ref, pay.f.ID)
	long := strings.Repeat("Refunded by bank transfer. ", 8) // 216 characters
	for _, form := range []url.Values{{"note": {long}}, shownBefore(t, pay.ta, b, action, url.Values{"note": {long}, "owed": {"100"}})} {
		keptField(t, b.post(action, form), "handled-note", "handled-error", "At most 200 characters.", long)
	}
	keptField(t, b.post(action, url.Values{"note": {"Bank transfer\nsecond line"}}), "handled-note", "handled-error",
		"One line of text, please: its line breaks are spaces in the field now — check it and send again.", "Bank transfer second line")
	if got, err := pay.ta.DB.RefundByID(context.Background(), pay.f.ID); err != nil || !got.HandledAt.IsZero() {
		t.Fatalf("marked handled: %+v %v", got, err)
	}
}

// A "Mark resolved" note over 200 characters, or on two lines, is
// refused with its error, the whole note kept in the field (two lines
// joined by a space: trial, "Dashboardsecond line"), nothing written.
func TestAdminResolveLongNoteKept(t *testing.T) {
	ta := newAdminApp(t)
	ctx := context.Background()
	b, o := ta.buyerOrder(t, "resolve-long@example.com", "coffee", "1")
	id := ta.openAttempt(t, o.Ref, ta.insertWallet(t, b.ID, "0917****lng"))
	if err := ta.DB.SetAttemptPaymentID(ctx, id, "PAY-A-"+o.Ref, ta.now); err != nil {
		t.Fatal(err)
	}
	if _, err := ta.DB.RecordPaymentIDConflict(ctx, id, "PAY-B-"+o.Ref, ta.now); err != nil {
		t.Fatal(err)
	}
	s := ta.client(t)
	s.staffSignIn()
	action := "/admin/orders/" + o.Ref + "/alarms/paymentid-conflict/resolve"
	request := "PR-" + o.Ref + "-TEST"
	long := strings.Repeat("Cancelled PAY-B in Antom Dashboard. ", 6) // 216 characters
	for _, form := range []url.Values{{"payment": {request}, "note": {long}}, shownBefore(t, ta, s, action, url.Values{"payment": {request}, "note": {long}})} {
		keptField(t, s.post(action, form), "resolve-note", "resolve-error", "At most 200 characters.", long)
	}
	keptField(t, s.post(action, url.Values{"payment": {request}, "note": {"Cancelled in Antom Dashboard\r\nsecond line"}}), "resolve-note", "resolve-error",
		"One line of text, please: its line breaks are spaces in the field now — check it and send again.", "Cancelled in Antom Dashboard second line")
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM alarm_resolutions"), 0, "resolutions")
}
