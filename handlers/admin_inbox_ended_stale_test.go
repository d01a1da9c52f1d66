package handlers

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/checkout"
	"antom-checkout/db"
)

// A deferred CAPTURE_RESULT that ended stale — no payment of ours could
// have its paymentId once the card payment it waited for closed without
// one — waits no longer, but nothing of it was applied: its row says
// "ended stale: not applied" on an amber badge, not "dealt with" on a
// green one (finding F6). A row replayed while still deferred, whose
// replay ended stale in a later row, says so beside its replay's link,
// not only the replay's verdict when it was made (deferred).
func TestAdminInboxDeferredRowEndedStale(t *testing.T) {
	ta := newAdminApp(t)
	ctx := context.Background()
	b, err := ta.Checkout.SignUp(ctx, "endedstale@example.com", "correct horse battery", "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	o, err := ta.Checkout.CreateOrder(ctx, checkout.Viewer{BuyerID: b.ID}, "coffee", "1")
	if err != nil {
		t.Fatal(err)
	}
	row := ta.order(t, o.Ref)
	attempt, err := ta.DB.InsertAttempt(ctx, db.Attempt{OrderID: row.ID, PaymentRequestID: "PR-" + o.Ref + "-CARD", Method: db.MethodCard,
		Currency: row.Currency, Amount: row.Amount, Status: db.AttemptProcessing, CaptureMode: antom.CaptureAutomatic,
		ExpiresAt: ta.now.Add(10 * time.Minute), NextCheckAt: ta.now.Add(time.Hour), CreatedAt: ta.now})
	if err != nil {
		t.Fatal(err)
	}
	latest := func() int64 {
		t.Helper()
		rows, err := ta.DB.RecentNotifications(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		return rows[0].ID
	}
	deferred := func(paymentID string) int64 {
		t.Helper()
		body := []byte(`{"notifyType":"CAPTURE_RESULT","result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"},"captureRequestId":"AUTO_` +
			paymentID + `","paymentId":"` + paymentID + `","captureId":"CAP-` + paymentID + `","captureAmount":{"currency":"` +
			row.Currency + `","value":"` + fmt.Sprint(row.Amount) + `"}}`)
		v, err := ta.Checkout.ReceiveNotification(ctx, checkout.Inbound{Body: body})
		assertEqual(t, v, checkout.VerdictDeferred, "verdict while the card payment waits for its paymentId")
		if err != checkout.ErrDeferred {
			t.Fatalf("deferred: %v", err)
		}
		return latest()
	}
	br := ta.client(t)
	br.staffSignIn()
	replay := func(id int64) int64 {
		t.Helper()
		p := br.post(fmt.Sprintf("/admin/notifications/%d/replay", id), nil)
		assertEqual(t, p.status, http.StatusSeeOther, "replay")
		return latest()
	}

	alone := deferred("PAY-STRANGER-1")
	chained := deferred("PAY-STRANGER-2")
	again := replay(chained) // replayed while still waiting: deferred again
	if n, err := ta.DB.NotificationByID(ctx, again); err != nil || n.Verdict != checkout.VerdictDeferred {
		t.Fatalf("the replay while still waiting: %+v, %v", n, err)
	}
	if _, err := ta.DB.SettleAttempt(ctx, attempt, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptFail,
		Code: "PROCESS_FAIL", Source: db.SourceAntom}, ta.now); err != nil {
		t.Fatal(err)
	}
	staleAlone := replay(alone)
	staleChained := replay(again)
	for _, id := range []int64{staleAlone, staleChained} {
		n, err := ta.DB.NotificationByID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		assertEqual(t, n.Verdict, checkout.VerdictStale, "a re-application once no payment of ours can have the paymentId")
	}

	for _, tc := range []struct {
		id, by int64
	}{{alone, staleAlone}, {chained, staleChained}, {again, staleChained}} {
		page := br.get(fmt.Sprintf("/admin/notifications/%d", tc.id))
		assertContains(t, page.body,
			`<span class="status status-warn" data-testid="inbox-verdict-badge" data-status="deferred">deferred, ended stale: not applied</span>`,
			fmt.Sprintf(`No longer deferred, and not applied: it ended stale in <a class="mono" href="/admin/notifications/%d" data-testid="settled-by-link">#%d</a>`, tc.by, tc.by))
		for _, untrue := range []string{"dealt with since", "status-ok"} {
			if strings.Contains(page.body, untrue) {
				t.Fatalf("deferred row #%d, ended stale, says %q", tc.id, untrue)
			}
		}
	}
	first := br.get(fmt.Sprintf("/admin/notifications/%d", chained))
	assertContains(t, first.body, fmt.Sprintf(`data-testid="replayed-as-link">#%d</a> (deferred), which ended stale since, in <a class="mono" href="/admin/notifications/%d" data-testid="replay-settled-link">#%d</a>.`,
		again, staleChained, staleChained))
	dealt := br.get(fmt.Sprintf("/admin/notifications/%d", alone))
	assertContains(t, dealt.body, fmt.Sprintf(`data-testid="replayed-as-link">#%d</a> (stale).`, staleAlone))
}
