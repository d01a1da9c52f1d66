package checkout

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// waitingCard opens a card attempt in AUTOMATIC mode for a new order of
// b whose pay call never goes out: it waits for its paymentId.
func (e *env) waitingCard(b Buyer) db.Attempt {
	e.t.Helper()
	o := e.order(b, "coffee", 1)
	row, err := e.db.OrderByRef(e.ctx, o.Ref)
	check(e.t, err)
	a, l, err := e.svc.openAttempt(e.ctx, row, db.Attempt{Method: db.MethodCard, CaptureMode: antom.CaptureAutomatic}, time.Hour, EventBuyer,
		func(db.Attempt) string { return "pay" })
	check(e.t, err)
	check(e.t, e.db.ReleaseLease(e.ctx, l.work, l.holder))
	return a
}

// A CAPTURE_RESULT for a paymentId that never becomes ours, deferred
// while a card payment waited for its paymentId, is deferred only as
// long as a payment that waited when it came may still be it. Once each
// of those has its paymentId (another) or is closed, a resend is a
// capture we do not know — stale and acknowledged, as a PAYMENT_RESULT
// for an unknown paymentRequestId is — though a payment made since still
// waits; the reconciler's pass settles the deferred row so, and the
// inbox says what it was.
func TestDeferredCaptureOfAPaymentNotOursEnds(t *testing.T) {
	for _, end := range []string{"paymentId", "closed"} {
		t.Run(end, func(t *testing.T) {
			e := newEnv(t, Options{})
			b := e.buyer("stranger-" + end + "@example.com")
			waited := e.waitingCard(b)
			body := captureBody(db.Capture{CaptureRequestID: "AUTO_PAY-STRANGER", CaptureID: "CAPID-STRANGER",
				Currency: waited.Currency, Amount: waited.Amount}, "PAY-STRANGER", "S", "SUCCESS")
			v, err := e.svc.ReceiveNotification(e.ctx, Inbound{Body: body})
			assertEqual(t, v, VerdictDeferred, "while a card payment waits for its paymentId")
			if !errors.Is(err, ErrDeferred) {
				t.Fatalf("deferred: %v", err)
			}
			deferred := e.captureRowsNow(0)[0]
			assertEqual(t, deferred.AwaitsAttempt, waited.ID, "the attempt it waits for")
			if !strings.Contains(deferred.Detail, "settled here as a capture of a payment we do not know") {
				t.Fatalf("the deferred row promises only %q", deferred.Detail)
			}

			newer := e.waitingCard(b) // made after the capture came: it cannot be its payment
			if end == "paymentId" {
				check(t, e.db.SetAttemptPaymentID(e.ctx, waited.ID, "PAY-WAITED", e.svc.now()))
			} else {
				changed, err := e.db.SettleAttempt(e.ctx, waited.ID, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptFail,
					Code: "PROCESS_FAIL", Source: db.SourceAntom}, e.svc.now())
				check(t, err)
				assertEqual(t, changed, true, "closed without a paymentId")
			}

			// Antom's resend: acknowledged, though the newer payment waits.
			v, err = e.svc.ReceiveNotification(e.ctx, Inbound{Body: body})
			check(t, err)
			assertEqual(t, v, VerdictStale, "Antom's resend once no payment waiting then can be it")
			a, err := e.db.AttemptByID(e.ctx, newer.ID)
			check(t, err)
			assertEqual(t, a.Status+"/"+a.PaymentID, db.AttemptProcessing+"/", "the newer payment, still waiting")

			e.svc.reapplyDeferred(e.ctx, "")
			rows := e.captureRowsNow(0)
			if len(rows) != 3 {
				t.Fatalf("CAPTURE_RESULT rows after the pass: %d, want 3", len(rows))
			}
			settled := rows[2]
			assertEqual(t, settled.Verdict, VerdictStale, "the deferred row's re-application")
			if !strings.Contains(settled.Detail, "replay of #"+strconv.FormatInt(deferred.ID, 10)+" by "+unawaitedActor) ||
				!strings.Contains(settled.Detail, "a capture of a payment we do not know") {
				t.Fatalf("the re-application says %q", settled.Detail)
			}
			entry, err := e.svc.NotificationEntry(e.ctx, deferred.ID)
			check(t, err)
			assertEqual(t, entry.SettledBy, settled.ID, "the deferred row dealt with by")
			assertEqual(t, entry.SettledVerdict, VerdictStale, "as what")
			in, err := e.svc.NotificationInboxFiltered(e.ctx, InboxFilter{Verdict: VerdictDeferred}, 1)
			check(t, err)
			assertEqual(t, len(in.Entries), 0, "rows listed as deferred")

			e.svc.reapplyDeferred(e.ctx, "")
			assertEqual(t, len(e.captureRowsNow(0)), 3, "CAPTURE_RESULT rows after another pass")
		})
	}
}
