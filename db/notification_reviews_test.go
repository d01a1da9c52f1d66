package db_test

import (
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// Staff's "Mark reviewed" marks a quarantined row still waiting for
// staff, once: the row then leaves the quarantined count and filter, and
// reads who, when and the note. Marking it again, another verdict, a row
// a replay dealt with or one there is not writes nothing.
func TestReviewNotification(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		add := func(verdict string) int64 {
			id, err := d.InsertNotification(ctx, db.Notification{ReceivedAt: t0, Kind: "REFUND_RESULT",
				RequestTime: "2026-11-22T10:00:00+08:00", BodySealed: everyByte(), BodyRedacted: `{}`, Verdict: verdict, Detail: "d"})
			check(t, err)
			return id
		}
		held, other, applied := add("quarantined"), add("quarantined"), add("applied")
		count := func(want int, what string) {
			t.Helper()
			n, err := d.CountNotifications(ctx, "quarantined")
			check(t, err)
			eq(t, n, want, what)
			page, err := d.NotificationsPage(ctx, "quarantined", 10, 0)
			check(t, err)
			eq(t, len(page), want, what+" (the filter)")
		}
		count(2, "quarantined before")

		at := t0.Add(time.Hour)
		ok, err := d.ReviewNotification(ctx, held, "ana@shop.example", "Antom confirmed the refund stands", at)
		check(t, err)
		eq(t, ok, true, "marked")
		n, err := d.NotificationByID(ctx, held)
		check(t, err)
		eq(t, [3]any{n.ReviewedAt, n.ReviewedBy, n.ReviewNote}, [3]any{at, "ana@shop.example", "Antom confirmed the refund stands"}, "the review")
		eq(t, n.Verdict, "quarantined", "its verdict")
		count(1, "quarantined once one is reviewed")

		ok, err = d.ReviewNotification(ctx, held, "bo@shop.example", "again", at.Add(time.Minute))
		check(t, err)
		eq(t, ok, false, "marked again")
		n, err = d.NotificationByID(ctx, held)
		check(t, err)
		eq(t, [2]string{n.ReviewedBy, n.ReviewNote}, [2]string{"ana@shop.example", "Antom confirmed the refund stands"}, "the first review stays")

		ok, err = d.ReviewNotification(ctx, applied, "ana@shop.example", "", at)
		check(t, err)
		eq(t, ok, false, "an applied row")
		ok, err = d.ReviewNotification(ctx, applied+100, "ana@shop.example", "", at)
		check(t, err)
		eq(t, ok, false, "a row there is not")
		unreviewed, err := d.NotificationByID(ctx, other)
		check(t, err)
		eq(t, unreviewed.ReviewedAt.IsZero(), true, "a row not reviewed")

		check(t, d.SettleDeferred(ctx, other, applied))
		ok, err = d.ReviewNotification(ctx, other, "ana@shop.example", "", at)
		check(t, err)
		eq(t, ok, false, "a row a replay dealt with")
		count(0, "quarantined once dealt with or reviewed")
	})
}
