package handlers

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"testing"
	"time"

	"antom-checkout/checkout"
	"antom-checkout/db"
	"antom-checkout/views"
)

// The result page's notices of the buyer's last action, as the buyer
// reads them (lang/catalog/en.toml).
const (
	stillAskingWords = "We are still asking about your payment."
	stillOpenWords   = "We asked again: there is no result yet."
)

// A notice speaks about the order the buyer acted on: "check again" on
// one order, its redirect not yet followed, leaves another order's
// waiting page without it — and leaves it for its own page.
func TestResultNoticeShowsOnItsOwnOrderOnly(t *testing.T) {
	ta, _ := newFakeAntomAppWith(t, func(o *checkout.Options) { o.ActionWait = 20 * time.Millisecond }) // the lease is held: Antom is not called
	guest := ta.client(t)
	asked, other := guest.buy("coffee", "1"), guest.buy("mug", "1")
	attempt := ta.openAttempt(t, asked, 0)
	ta.openAttempt(t, other, 0)
	if ok, err := ta.DB.ClaimLease(context.Background(), fmt.Sprintf("attempt:%d", attempt), "other instance", ta.now, ta.now.Add(time.Minute)); err != nil || !ok {
		t.Fatalf("claim the lease: %v %v", ok, err)
	}

	p := guest.post("/orders/"+asked+"/check", nil)
	assertEqual(t, p.status, http.StatusSeeOther, "check while Antom is being asked")
	d := html(t, guest.get("/orders/"+other).body)
	assertEqual(t, testid(d, "result").AttrOr("data-status", ""), "processing", "the other order's state")
	if n := testid(d, "result-notice").Length(); n != 0 {
		t.Fatalf("the other order's page says %q", textOf(t, d, "result-notice"))
	}
	assertEqual(t, textOf(t, html(t, guest.get(p.location).body), "result-notice"), stillAskingWords, "the order asked about")
}

// "Check again" pressed on a page left open while the payment settled —
// an authorization with a capture on its way, which the page still waits
// on — finds nothing open to ask about: the page then shows that
// authorization, and no "there is no result yet" beside it.
func TestResultNoticeNotBesideASettledPayment(t *testing.T) {
	ta := newTestApp(t)
	guest := ta.client(t)
	ref := guest.buy("coffee", "1")
	attempt := ta.cardAttempt(t, ref, "MANUAL", 14*time.Minute)
	ta.authorizeCard(t, ref, attempt)
	o := ta.order(t, ref)
	if _, err := ta.DB.InsertCapture(context.Background(), db.Capture{OrderID: o.ID, AttemptID: attempt, CaptureRequestID: "CAP-" + ref,
		Currency: o.Currency, Amount: o.Amount, Status: db.CaptureProcessing, CreatedBy: staffEmail, CreatedAt: ta.now}); err != nil {
		t.Fatal(err)
	}

	p := guest.post("/orders/"+ref+"/check", nil)
	assertEqual(t, p.status, http.StatusSeeOther, "check of a settled payment")
	d := html(t, guest.get(p.location).body)
	assertEqual(t, testid(d, "result").AttrOr("data-status", ""), "authorized", "state")
	assertEqual(t, testid(d, "result").AttrOr("data-waiting", ""), "true", "the page waits for the capture")
	if testid(d, "result-notice").Length() != 0 {
		t.Fatalf("the authorization being captured reads beside %q", textOf(t, d, "result-notice"))
	}
}

// inquiryProcessing is inquiryPayment's answer for a payment still open.
const inquiryProcessing = `{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"},"paymentStatus":"PROCESSING"}`

// "Check again" that Antom does not answer within the wait says "still
// asking"; once Antom answers that the payment is still open, the page's
// long-poll brings the card with "we asked again: no result yet" — it
// does not keep saying that Antom is still being asked.
func TestStillAskingTurnsToNoResultYetWhenAntomAnswers(t *testing.T) {
	ta, f := newFakeAntomAppWith(t, func(o *checkout.Options) { o.ActionWait = 20 * time.Millisecond }, "inquiryPayment")
	f.answer = map[string]string{"inquiryPayment": inquiryProcessing}
	guest := ta.client(t)
	ref := guest.buy("coffee", "1")
	ta.openAttempt(t, ref, 0)

	p := guest.post("/orders/"+ref+"/check", nil) // Antom holds the inquiry: no answer within the wait
	assertEqual(t, p.status, http.StatusSeeOther, "check")
	shown := guest.get(p.location)
	d := html(t, shown.body)
	assertEqual(t, textOf(t, d, "result-notice"), stillAskingWords, "the notice while Antom is asked")
	seen := testid(d, "result").AttrOr("data-key", "")
	addr := testid(d, "result").AttrOr("data-status-url", "")

	polled := make(chan orderStatus, 1)
	failed := make(chan error, 1)
	go func() { // the page's script, waiting for news
		resp, err := guest.http.Get(guest.base + addr + "&seen=" + url.QueryEscape(seen))
		if err != nil {
			failed <- err
			return
		}
		defer resp.Body.Close()
		var s orderStatus
		body, _ := io.ReadAll(resp.Body)
		if err := json.Unmarshal(body, &s); err != nil {
			failed <- fmt.Errorf("%d %s: %w", resp.StatusCode, body, err)
			return
		}
		polled <- s
	}()
	f.releaseOnce() // Antom answers: still PROCESSING
	var s orderStatus
	select {
	case s = <-polled:
	case err := <-failed:
		t.Fatal(err)
	}
	if s.Key == seen {
		t.Fatalf("the long-poll answered no change (%q) once Antom had answered", s.Key)
	}
	d = html(t, s.HTML)
	assertEqual(t, testid(d, "result").AttrOr("data-status", ""), "processing", "state")
	assertEqual(t, textOf(t, d, "result-notice"), stillOpenWords, "the notice once Antom answered")
	assertEqual(t, testid(d, "result").AttrOr("data-key", ""), s.Key, "the card's key")

	// Reloaded, the page shows what is true now, without the one-time notice.
	d = html(t, guest.get(p.location).body)
	if testid(d, "result-notice").Length() != 0 {
		t.Fatalf("reloaded, the page still says %q", textOf(t, d, "result-notice"))
	}
}

// Which notice a result card shows beside it, for every notice, on the
// card it was left on and on others: a notice speaks only of its own
// order's card as it was, and of one still awaiting a payment or its
// cancel; "still asking" about a payment turns to "no result yet" once a
// check has ended since, about a cancel it stays with its card.
func TestResultNoticeIsTrueOfItsCardOnly(t *testing.T) {
	card := func(state string, checks int) checkout.Result {
		r := checkout.Result{Order: checkout.Order{Ref: "ORD-1"}, State: state}
		r.Payment.Checks = checks
		return r
	}
	left := func(r checkout.Result, notice string) resultNotice {
		return resultNotice{Ref: r.Order.Ref, Notice: notice, Key: r.Key(), Checks: r.Payment.Checks}
	}
	all := []string{views.NoticeTooSoon, views.NoticeStillOpen, views.NoticeCancelOpen, views.NoticeStillAsking}
	for _, state := range []string{checkout.ResultProcessing, checkout.ResultCardPage, checkout.ResultCancelling} {
		for _, notice := range all {
			r := card(state, 2)
			n := left(r, notice)
			assertEqual(t, n.on(r), notice, notice+" on its own "+state+" card")
			assertEqual(t, seenNotice(r.Order.Ref, resultKey(r, n, notice)).on(r), notice, notice+" read back from the page's key")

			other := r
			other.Order.Ref = "ORD-2"
			assertEqual(t, n.on(other), "", notice+" on another order's card")
			changed := r
			changed.Refunding.Minor = 100
			assertEqual(t, n.on(changed), "", notice+" on the card changed")

			answered := card(state, 3)
			want := notice
			if notice == views.NoticeStillAsking && state != checkout.ResultCancelling {
				want = views.NoticeStillOpen
			}
			assertEqual(t, n.on(answered), want, notice+" on its "+state+" card once a check ended")
		}
	}
	for _, state := range []string{checkout.ResultPaid, checkout.ResultAuthorized, checkout.ResultFailed, checkout.ResultCancelled, checkout.ResultUnpaid} {
		for _, notice := range all {
			r := card(state, 0)
			assertEqual(t, left(r, notice).on(r), "", notice+" beside "+state)
		}
	}
	// "Pay another way" that found the card payment ended: beside the
	// settled card only, unless another note on it already speaks of
	// the buyer's choice or of a cancel that may reverse it.
	for _, state := range []string{checkout.ResultPaid, checkout.ResultAuthorized, checkout.ResultFailed, checkout.ResultExpired} {
		r := card(state, 0)
		n := left(r, views.NoticeLeftTooLate)
		assertEqual(t, n.on(r), views.NoticeLeftTooLate, "left too late beside "+state)
		assertEqual(t, seenNotice(r.Order.Ref, resultKey(r, n, n.on(r))).on(r), views.NoticeLeftTooLate, "left too late read back beside "+state)
		said := r
		said.LeftButPaid = true
		assertEqual(t, left(said, views.NoticeLeftTooLate).on(said), "", "left too late beside "+state+" that says the buyer left it")
		doubt := r
		doubt.CancelInDoubt = true
		assertEqual(t, left(doubt, views.NoticeLeftTooLate).on(doubt), "", "left too late beside "+state+" whose cancel is in doubt")
	}
	for _, state := range []string{checkout.ResultProcessing, checkout.ResultCardPage, checkout.ResultCancelling} {
		r := card(state, 0)
		assertEqual(t, left(r, views.NoticeLeftTooLate).on(r), "", "left too late beside "+state)
	}
	r := card(checkout.ResultProcessing, 0)
	assertEqual(t, left(r, "<script>").on(r), "", "a notice we never leave")
	assertEqual(t, seenNotice(r.Order.Ref, r.Key()).on(r), "", "a page that shows none")
	assertEqual(t, resultKey(r, resultNotice{}, ""), r.Key(), "the key of a card without a notice")
}
