package handlers

import (
	"context"
	"testing"
	"time"

	"antom-checkout/db"
)

// The orders list (no filter) marks an order with an open paymentId
// conflict "paymentId conflict" and one whose payment Antom captured
// automatically and then said failed "captured, then failed", as it
// marks a refused void — the rows the alarms' filters list; marked
// resolved, the badge goes (trial: nothing showed).
func TestAdminOrdersListBadgesOpenAlarms(t *testing.T) {
	ta := newAdminApp(t)
	ctx := context.Background()
	b, conflict := ta.buyerOrder(t, "badge-conflict@example.com", "coffee", "1")
	conflictID := ta.openAttempt(t, conflict.Ref, ta.insertWallet(t, b.ID, "0917****bdg"))
	if err := ta.DB.SetAttemptPaymentID(ctx, conflictID, "PAY-A-"+conflict.Ref, ta.now); err != nil {
		t.Fatal(err)
	}
	if _, err := ta.DB.RecordPaymentIDConflict(ctx, conflictID, "PAY-B-"+conflict.Ref, ta.now); err != nil {
		t.Fatal(err)
	}
	_, captured := ta.buyerOrder(t, "badge-captured@example.com", "coffee", "1")
	capturedID := ta.cardAttempt(t, captured.Ref, db.CaptureAutomatic, 14*time.Minute)
	if _, err := ta.DB.InsertAutomaticCapture(ctx, db.AutomaticCapture{CaptureID: "CAP-" + captured.Ref, AttemptID: capturedID,
		Currency: captured.Total.Currency, Amount: captured.Total.Minor, CreatedAt: ta.now}); err != nil {
		t.Fatal(err)
	}
	if changed, err := ta.DB.SettleAttempt(ctx, capturedID, db.AttemptProcessing, "",
		db.Settlement{Status: db.AttemptFail, Code: "PROCESS_FAIL", Source: db.SourceAntom}, ta.now); err != nil || !changed {
		t.Fatalf("failed at Antom: %v %v", changed, err)
	}
	_, quiet := ta.buyerOrder(t, "badge-none@example.com", "coffee", "1")
	ta.openAttempt(t, quiet.Ref, ta.insertWallet(t, b.ID, "0917****qui"))
	staff := ta.client(t)
	staff.staffSignIn()

	badges := func() map[string]string {
		t.Helper()
		got := map[string]string{}
		for _, row := range html(t, staff.get("/admin/orders").body).Find(`[data-testid="order-row"]`).EachIter() {
			ref := row.Find(`[data-testid="order-link"]`).Text()
			got[ref] = row.Find(`[data-testid="paymentid-conflict-badge"]`).Text() + "|" + row.Find(`[data-testid="auto-capture-failed-badge"]`).Text()
		}
		return got
	}
	got := badges()
	assertEqual(t, got[conflict.Ref], "paymentId conflict|", "the conflict's row")
	assertEqual(t, got[captured.Ref], "|captured, then failed", "the captured failed payment's row")
	assertEqual(t, got[quiet.Ref], "|", "an order with no alarm")

	for _, r := range []struct {
		id    int64
		alarm string
	}{{conflictID, db.AlarmPaymentIDConflict}, {capturedID, db.AlarmAutoCaptureFailed}} {
		if ok, err := ta.DB.ResolveAlarm(ctx, r.id, r.alarm, staffEmail, "dealt with in Antom Dashboard", ta.now); err != nil || !ok {
			t.Fatalf("resolve %s: %v %v", r.alarm, ok, err)
		}
	}
	got = badges()
	assertEqual(t, got[conflict.Ref]+got[captured.Ref], "||", "the rows once resolved")
}
