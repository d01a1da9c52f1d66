package handlers

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"antom-checkout/db"
	"antom-checkout/views"
)

// Each open failed refund on the order page has a "Try this refund
// again" form (with its own key); a cross-site post is refused, the
// confirmation says the amount and changes nothing, the confirmed post
// makes a new refund that records which failure it retries — the failure
// is then no longer open, nor can it be tried again (409, nothing
// changed) — and the timeline names the refund retried. A handled
// failure cannot be tried again either, and an unknown id is 404.
func TestAdminTriesAFailedRefundAgain(t *testing.T) {
	ta := newAdminApp(t)
	ref, _ := ta.paidOrder(t, "retry@example.com")
	a, err := ta.DB.SuccessfulAttempt(context.Background(), ta.order(t, ref).ID)
	if err != nil {
		t.Fatal(err)
	}
	ta.refund(t, ref, a.ID, 400, db.RefundFail)
	ta.refund(t, ref, a.ID, 300, db.RefundFail)
	ta.lookedAbsent(t, ref, 400, 300)
	ctx := context.Background()
	failed, err := ta.DB.RefundByRequestID(ctx, "RF-"+ref+"-400")
	if err != nil {
		t.Fatal(err)
	}
	handled, err := ta.DB.RefundByRequestID(ctx, "RF-"+ref+"-300")
	if err != nil {
		t.Fatal(err)
	}
	b := ta.client(t)
	b.staffSignIn()
	action := func(id int64) string { return fmt.Sprintf("/admin/orders/%s/refunds/%d/retry", ref, id) }
	p := b.get("/admin/orders/" + ref)
	assertContains(t, p.body, "Failed refunds leave $7.00 owed", `action="`+action(failed.ID)+`"`, `action="`+action(handled.ID)+`"`,
		"Try this refund again")
	key := regexp.MustCompile(`action="` + regexp.QuoteMeta(action(failed.ID)) + `" data-once novalidate data-testid="retry-form"><input type="hidden" name="key" value="([A-Z0-9]+)"`).FindStringSubmatch(p.body)
	if key == nil {
		t.Fatal("the retry form carries no key")
	}
	refunds := func() int { return ta.count(t, "SELECT COUNT(*) FROM refunds") }
	before := refunds()

	// A cross-site post is refused before anything runs.
	req, err := http.NewRequest(http.MethodPost, b.base+action(failed.ID), strings.NewReader("key="+key[1]+"&confirm=yes"))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err := b.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	assertEqual(t, resp.StatusCode, http.StatusForbidden, "cross-site post")

	// The confirmation says what is refunded again, and changes nothing.
	p = b.ask(action(failed.ID), url.Values{"key": {key[1]}})
	assertEqual(t, p.status, http.StatusOK, "confirmation")
	assertContains(t, p.body, "Refund $4.00 of order "+confirmRef(ref, "")+" again?", "RF-"+ref+"-400", `name="owed" value="400"`,
		`name="confirm" value="yes"`, "a Refund lookup by staff on "+views.AdminTime(nil, ta.now)+" found no such refund at Antom")
	assertEqual(t, refunds(), before, "refunds after the confirmation")

	// Handled another way: it cannot be tried again.
	p = b.confirm(fmt.Sprintf("/admin/orders/%s/refunds/%d/handled", ref, handled.ID), url.Values{"note": {"cash"}})
	assertEqual(t, p.status, http.StatusSeeOther, "mark handled")
	for _, form := range []url.Values{{"key": {key[1]}}, shownBefore(t, ta, b, action(handled.ID), url.Values{"key": {key[1]}})} {
		b.refusedAt("/admin/orders/"+ref, action(handled.ID), form, "already marked handled another way")
	}

	p = b.confirm(action(failed.ID), url.Values{"key": {key[1]}})
	shown := noticed(t, p, "/admin/orders/"+ref)
	assertEqual(t, refunds(), before+1, "refunds after the retry")
	retry, err := ta.DB.RetryOfRefund(ctx, failed.ID)
	if err != nil {
		t.Fatal(err)
	}
	assertEqual(t, retry.Amount, int64(400), "the retry's amount")
	p = b.get(shown)
	// Antom is not reached here: the retry is not confirmed, said neutral.
	assertContains(t, p.body, `data-tone="pending" data-refund="`+strconv.FormatInt(retry.ID, 10)+
		`" data-refund-done="Tried the failed refund RF-`+ref+`-400 ($4.00) again. Refunded $4.00.">Tried the failed refund RF-`+ref+`-400 ($4.00) again. Antom has not confirmed the refund of $4.00 yet`,
		`data-testid="refund-retried-by">Tried again as <span class="mono">`+retry.RefundRequestID,
		`data-testid="refund-retry-of">Tries again <span class="mono">RF-`+ref+`-400`, "retrying failed refund RF-"+ref+"-400")
	if strings.Contains(p.body, `data-testid="refund-failed"`) || strings.Contains(p.body, `data-testid="retry-form"`) {
		t.Fatal("the order page still reports the retried failure as open")
	}

	// Again, with a new key: refused, nothing changed.
	for _, form := range []url.Values{{"key": {"NEWKEY"}}, shownBefore(t, ta, b, action(failed.ID), url.Values{"key": {"NEWKEYYES"}})} {
		b.refusedAt("/admin/orders/"+ref, action(failed.ID), form,
			"was already tried again, as refund "+retry.RefundRequestID)
	}
	assertEqual(t, refunds(), before+1, "refunds after the refusals")
	assertEqual(t, b.post(action(failed.ID+100), url.Values{"key": {key[1]}}).status, http.StatusNotFound, "an unknown refund")
	assertEqual(t, b.post("/admin/orders/"+ref+"/refunds/abc/retry", url.Values{"key": {key[1]}}).status, http.StatusNotFound, "not an id")
}

// "Try this refund again" posted without its key, or with one that cannot
// be its, is refused with the retry's own words — not the refund form's
// "enter the refund again" — at the confirmation and when confirmed, and
// nothing is sent.
func TestAdminRetryWithoutItsKeySaysWhatToDo(t *testing.T) {
	ta := newAdminApp(t)
	ref, _ := ta.paidOrder(t, "retrykey@example.com")
	a, err := ta.DB.SuccessfulAttempt(context.Background(), ta.order(t, ref).ID)
	if err != nil {
		t.Fatal(err)
	}
	ta.refund(t, ref, a.ID, 400, db.RefundFail)
	ta.lookedAbsent(t, ref, 400)
	failed, err := ta.DB.RefundByRequestID(context.Background(), "RF-"+ref+"-400")
	if err != nil {
		t.Fatal(err)
	}
	b := ta.client(t)
	b.staffSignIn()
	before := ta.count(t, "SELECT COUNT(*) FROM refunds")
	action := fmt.Sprintf("/admin/orders/%s/refunds/%d/retry", ref, failed.ID)
	for _, form := range []url.Values{
		{},
		shownBefore(t, ta, b, action, url.Values{"key": {""}, "owed": {"400"}}),
		{"key": {"not-a-key"}},
		shownBefore(t, ta, b, action, url.Values{"key": {"lower"}, "owed": {"400"}}),
		shownBefore(t, ta, b, action, url.Values{"key": {strings.Repeat("K", 40)}, "owed": {"400"}}),
	} {
		p := b.post(action, form)
		assertEqual(t, p.status, http.StatusUnprocessableEntity, "retry with "+form.Encode())
		problem := textOf(t, html(t, p.body), "problem")
		assertContains(t, problem, "“Try this refund again” form is out of date", "nothing was sent and no refund was made",
			"Open the order again and press “Try this refund again”")
		if strings.Contains(p.body, "enter the refund again") || strings.Contains(p.body, "Confirm: try the refund again") {
			t.Fatalf("retry with %s: the refund form's words, or a confirmation:\n%s", form.Encode(), problem)
		}
	}
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM refunds"), before, "refunds after the refusals")
}
