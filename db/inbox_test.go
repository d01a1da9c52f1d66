package db_test

import (
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

func TestNotifications(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		var ids []int64
		for i, verdict := range []string{"applied", "duplicate", "applied", "forged"} {
			n := db.Notification{ReceivedAt: t0.Add(time.Duration(i) * time.Second), Kind: "PAYMENT_RESULT",
				RequestTime: "2026-11-22T10:00:00+08:00", BodySealed: everyByte(), BodyRedacted: `{"paymentRequestId":"PR-1"}`,
				Verdict: verdict, Detail: "d"}
			if verdict == "forged" {
				n.BodySealed = nil // refused notifications keep no body
			}
			id, err := d.InsertNotification(ctx, n)
			check(t, err)
			ids = append(ids, id)
		}
		first, err := d.NotificationByID(ctx, ids[0])
		check(t, err)
		eq(t, first, db.Notification{ID: ids[0], ReceivedAt: t0, Kind: "PAYMENT_RESULT", RequestTime: "2026-11-22T10:00:00+08:00",
			BodySealed: everyByte(), BodyRedacted: `{"paymentRequestId":"PR-1"}`, Verdict: "applied", Detail: "d"}, "by id")
		_, err = d.NotificationByID(ctx, ids[3]+100)
		is(t, err, db.ErrNotFound, "unknown id")
		forged, err := d.NotificationByID(ctx, ids[3])
		check(t, err)
		eq(t, forged.BodySealed, []byte(nil), "a row without a sealed body")

		idsOf := func(ns []db.Notification) []int64 {
			out := []int64{}
			for _, n := range ns {
				out = append(out, n.ID)
			}
			return out
		}
		recent, err := d.RecentNotifications(ctx, 3)
		check(t, err)
		eq(t, idsOf(recent), []int64{ids[3], ids[2], ids[1]}, "recent, newest first")
		page, err := d.NotificationsPage(ctx, "", 2, 1)
		check(t, err)
		eq(t, idsOf(page), []int64{ids[2], ids[1]}, "a page of all")
		page, err = d.NotificationsPage(ctx, "applied", 10, 0)
		check(t, err)
		eq(t, idsOf(page), []int64{ids[2], ids[0]}, "only one verdict")
		page, err = d.NotificationsPage(ctx, "applied", 10, 2)
		check(t, err)
		eq(t, idsOf(page), []int64{}, "past the last page")
		page, err = d.NotificationsPageSince(ctx, "", t0.Add(2*time.Second), 10, 0)
		check(t, err)
		eq(t, idsOf(page), []int64{ids[3], ids[2]}, "received at or after a time")
		page, err = d.NotificationsPageSince(ctx, "applied", t0.Add(time.Second), 10, 0)
		check(t, err)
		eq(t, idsOf(page), []int64{ids[2]}, "a verdict received at or after a time")

		n, err := d.CountNotifications(ctx, "applied")
		check(t, err)
		eq(t, n, 2, "applied notifications")
		n, err = d.CountNotifications(ctx, "quarantined")
		check(t, err)
		eq(t, n, 0, "quarantined notifications")
	})
}

func TestEvents(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		check(t, d.InsertEvent(ctx, db.Event{At: t0, Subject: "order:ORD-1", Kind: "state", Detail: "created", HTTPRequestID: "req-1"}))
		check(t, d.InsertEvent(ctx, db.Event{At: t0, Subject: "order:ORD-2", Kind: "state", Detail: "other"}))
		check(t, d.InsertEvent(ctx, db.Event{At: t0.Add(-time.Minute), Subject: "order:ORD-1", Kind: "staff", Detail: "refund", Actor: "staff:1"}))
		events, err := d.Events(ctx, "order:ORD-1")
		check(t, err)
		for i := range events {
			events[i].ID = 0
		}
		eq(t, events, []db.Event{
			{At: t0, Subject: "order:ORD-1", Kind: "state", Detail: "created", HTTPRequestID: "req-1"},
			{At: t0.Add(-time.Minute), Subject: "order:ORD-1", Kind: "staff", Detail: "refund", Actor: "staff:1"},
		}, "a subject's timeline in the order written")
		none, err := d.Events(ctx, "order:ORD-3")
		check(t, err)
		eq(t, len(none), 0, "a subject without events")
	})
}
