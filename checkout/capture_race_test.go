package checkout

import (
	"bytes"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// A buyer pays with a kept card in AUTOMATIC mode and Antom's
// CAPTURE_RESULT arrives before pay's answer, which brings the paymentId
// it names, has been applied. It is not acknowledged as stale and
// forgotten: the inbox says "not yet", Antom sends it again (this
// sandbox does), pay's answer re-applies the deferred rows, and the
// order's timeline gets its automatic capture line — once, whichever
// comes first; the deferred rows are dealt with.
func TestAutomaticCaptureBeforeThePayAnswerIsNotLost(t *testing.T) {
	e := newEnv(t, Options{})
	b, card, before := e.keptCard("captureovertakes@example.com")
	v := Viewer{BuyerID: b.ID}

	var held atomic.Bool
	held.Store(true)
	// PAYMENT_RESULT is turned away while held, so that the payment's own
	// notification cannot bring the paymentId first; pay's answer waits
	// until the automatic capture's CAPTURE_RESULT is stored.
	e.gateNotifications(func(body []byte) bool {
		return !held.Load() || !bytes.Contains(body, []byte(`"PAYMENT_RESULT"`))
	})
	e.holdPayAnswers(func() { e.verdicts("CAPTURE_RESULT", before+1) })

	second := e.order(b, "notebook", 1)
	cp, err := e.svc.PayByCard(e.ctx, v, second.Ref, "", false, card.ID, nil, antom.Env{ClientIP: "198.51.100.4"})
	check(t, err)
	held.Store(false)
	assertEqual(t, cp.Order.Status, db.OrderPaid, "order after one click")

	// The first CAPTURE_RESULT of this payment came before pay's answer.
	rows := e.captureRows(before, VerdictApplied)
	first0 := rows[0]
	assertEqual(t, first0.Verdict, VerdictDeferred, "verdict of the capture notification that overtook pay's answer")
	a := e.attempt(second.Ref)
	if !strings.Contains(first0.Detail, "no payment of ours has paymentId "+a.PaymentID+" yet") ||
		!strings.Contains(first0.Detail, a.PaymentRequestID+" (card, AUTOMATIC capture)") ||
		!strings.Contains(first0.Detail, "applied here once a payment of ours has that paymentId") {
		t.Fatalf("the inbox says %q", first0.Detail)
	}
	for _, r := range rows[1 : len(rows)-1] {
		assertEqual(t, r.Verdict, VerdictDeferred, "verdict of a resend before pay's answer was applied")
	}
	last := rows[len(rows)-1]
	in, err := e.svc.NotificationInboxFiltered(e.ctx, InboxFilter{Verdict: VerdictDeferred}, 1)
	check(t, err)
	assertEqual(t, len(in.Entries), 0, "inbox rows filtered deferred once pay's answer is in")
	for _, r := range rows[:len(rows)-1] {
		n, err := e.svc.NotificationEntry(e.ctx, r.ID)
		check(t, err)
		assertEqual(t, n.OrderRef, "", "order link of a notification not matched yet")
		if n.SettledBy == 0 {
			t.Fatalf("deferred row #%d is not dealt with", n.ID)
		}
	}
	entry, err := e.svc.NotificationEntry(e.ctx, last.ID)
	check(t, err)
	assertEqual(t, entry.OrderRef, second.Ref, "order link of the resent notification")
	if !strings.Contains(last.Detail, "automatic capture, as expected in AUTOMATIC mode") {
		t.Fatalf("the resent notification's detail is %q", last.Detail)
	}

	e.svc.Wait()
	events, err := e.db.Events(e.ctx, OrderSubject(second.Ref))
	check(t, err)
	lines := 0
	for _, ev := range events {
		if ev.Kind == EventNotification && strings.HasPrefix(ev.Detail, "CAPTURE_RESULT:") {
			lines++
			if !strings.Contains(ev.Detail, "automatic capture, as expected") {
				t.Fatalf("the timeline says %q", ev.Detail)
			}
		}
	}
	assertEqual(t, lines, 1, "CAPTURE_RESULT lines on the order's timeline")

	e.obs.mu.Lock()
	notYet, errs := e.obs.notifications["CAPTURE_RESULT "+VerdictDeferred], e.obs.notifications["CAPTURE_RESULT "+VerdictError]
	e.obs.mu.Unlock()
	if notYet < 1 || errs != 0 {
		t.Fatalf("counted CAPTURE_RESULT deferred %d, error %d", notYet, errs)
	}
}

// captureRows waits until a CAPTURE_RESULT after the first skip ones has
// verdict want and returns those after skip up to it, oldest first.
func (e *env) captureRows(skip int, want string) []db.Notification {
	e.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		rows, err := e.db.RecentNotifications(e.ctx, 100)
		check(e.t, err)
		var out []db.Notification
		seen := 0
		for i := len(rows) - 1; i >= 0; i-- {
			if rows[i].Kind != antom.NotifyCaptureResult {
				continue
			}
			if seen++; seen <= skip {
				continue
			}
			out = append(out, rows[i])
			if rows[i].Verdict == want {
				return out
			}
		}
		if time.Now().After(deadline) {
			var got []string
			for _, r := range out {
				got = append(got, r.Verdict+" ("+r.Detail+")")
			}
			e.t.Fatalf("no CAPTURE_RESULT %s after the first %d; got %v", want, skip, got)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
