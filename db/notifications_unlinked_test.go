package db_test

import (
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// Stale REFUND_RESULT rows that went to no timeline are listed, newest
// first, and can be linked to one once (LinkNotification).
func TestStaleUnlinkedNotifications(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		add := func(i int, kind, verdict, subject string) int64 {
			t.Helper()
			id, err := d.InsertNotification(ctx, db.Notification{ReceivedAt: t0.Add(time.Duration(i) * time.Second), Kind: kind,
				RequestTime: "2026-12-06T10:00:00Z", BodyRedacted: `{"refundRequestId":"EXT-1"}`, Verdict: verdict,
				Detail: "unknown refund", Subject: subject})
			check(t, err)
			return id
		}
		first := add(0, "REFUND_RESULT", "stale", "")
		add(1, "REFUND_RESULT", "stale", "order:ORD-1")
		add(2, "REFUND_RESULT", "applied", "")
		add(3, "PAYMENT_RESULT", "stale", "")
		second := add(4, "REFUND_RESULT", "stale", "")
		got, err := d.StaleUnlinked(ctx, "REFUND_RESULT", 10)
		check(t, err)
		ids := []int64{}
		for _, n := range got {
			ids = append(ids, n.ID)
		}
		eq(t, ids, []int64{second, first}, "stale, unlinked refund results, newest first")
		eq(t, got[0].BodyRedacted, `{"refundRequestId":"EXT-1"}`, "with the body")

		changed, err := d.LinkNotification(ctx, first, "order:ORD-2", "made outside this app")
		ok(t, changed, err, true, "link")
		changed, err = d.LinkNotification(ctx, first, "order:ORD-3", "again")
		ok(t, changed, err, false, "link a linked row")
		n, err := d.NotificationByID(ctx, first)
		check(t, err)
		eq(t, []any{n.Subject, n.Detail, n.Verdict}, []any{"order:ORD-2", "made outside this app", "stale"}, "linked")
		got, err = d.StaleUnlinked(ctx, "REFUND_RESULT", 10)
		check(t, err)
		eq(t, len(got), 1, "one left unlinked")
	})
}
