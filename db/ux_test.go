package db_test

import (
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

func TestOwnedOrders(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		ann, bob := newBuyer(t, d, "ann@example.com"), newBuyer(t, d, "bob@example.com")
		newOrder(t, d, "ORD-A1", ann, "USD", 100)
		newGuestOrder(t, d, "ORD-G1", "K1", "USD", 200)
		newOrder(t, d, "ORD-B1", bob, "USD", 300)
		newOrder(t, d, "ORD-A2", ann, "JPY", 400)
		newGuestOrder(t, d, "ORD-G2", "K1", "USD", 500)
		newGuestOrder(t, d, "ORD-H1", "K2", "USD", 600) // another browser's
		newOrder(t, d, "ORD-L1", 0, "USD", 700)         // a guest's from before guest keys, never keyed
		refs := func(buyer int64, guest string, limit int) []string {
			t.Helper()
			ls, err := d.OwnedOrders(ctx, buyer, guest, limit)
			check(t, err)
			out := []string{}
			for _, l := range ls {
				out = append(out, l.Ref)
			}
			return out
		}
		eq(t, refs(ann, "", 10), []string{"ORD-A2", "ORD-A1"}, "a buyer's orders, newest first")
		eq(t, refs(0, "K1", 10), []string{"ORD-G2", "ORD-G1"}, "a guest key's orders, and no other browser's")
		eq(t, refs(ann, "K2", 10), []string{"ORD-H1", "ORD-A2", "ORD-A1"}, "a buyer with a guest key's orders not claimed yet")
		eq(t, refs(bob, "", 10), []string{"ORD-B1"}, "another buyer sees no guest order")
		eq(t, refs(ann, "", 1), []string{"ORD-A2"}, "limited")
		eq(t, refs(0, "", 10), []string{}, "nobody")
		eq(t, refs(0, "K3", 10), []string{}, "an unknown key")
		ls, err := d.OwnedOrders(ctx, ann, "", 1)
		check(t, err)
		eq(t, []any{ls[0].ProductName, ls[0].ProductIcon, ls[0].Currency, ls[0].Amount},
			[]any{"Single-origin coffee beans", "coffee", "JPY", int64(400)}, "the order with its product")
	})
}

func TestLinkOnPhone(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		buyer := newBuyer(t, d, "ann@example.com")
		id, err := d.InsertLinkAttempt(ctx, db.LinkAttempt{AuthState: "S-WAP", BuyerID: buyer, Wallet: "GCASH",
			Status: db.LinkPending, CreatedAt: t0, ExpiresAt: t0.Add(time.Minute), TerminalType: "WAP"})
		check(t, err)
		t1 := t0.Add(time.Second)
		stored, err := d.SetLinkOpenURL(ctx, id, "https://wallet.example/open?c=1", t1)
		ok(t, stored, err, true, "store the open URL")
		got, err := d.LinkAttemptByID(ctx, id)
		check(t, err)
		eq(t, []any{got.TerminalType, got.OpenURL, got.CodeValue, got.UpdatedAt},
			[]any{"WAP", "https://wallet.example/open?c=1", "", t1}, "a phone's attempt")
		web, err := d.InsertLinkAttempt(ctx, db.LinkAttempt{AuthState: "S-WEB", BuyerID: buyer, Wallet: "GCASH",
			Status: db.LinkPending, CreatedAt: t0, ExpiresAt: t0.Add(time.Minute)})
		check(t, err)
		got, _ = d.LinkAttemptByID(ctx, web)
		eq(t, got.TerminalType, "WEB", "an attempt without a terminal type is WEB")
	})
}

func TestEventsKeepTheirPlace(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		call, err := d.InsertEventID(ctx, db.Event{At: t0, Subject: "order:ORD-1", Kind: "antom_call", Detail: "pay PR-1 sent", HTTPRequestID: "r-1"})
		check(t, err)
		check(t, d.InsertEvent(ctx, db.Event{At: t0.Add(time.Millisecond), Subject: "order:ORD-1", Kind: "notification", Detail: "PAYMENT_RESULT: applied"}))
		check(t, d.SetEventDetail(ctx, call, "pay PR-1 → Antom answered S/SUCCESS in 12 ms"))
		events, err := d.Events(ctx, "order:ORD-1")
		check(t, err)
		eq(t, len(events), 2, "events")
		eq(t, []any{events[0].ID, events[0].Detail, events[0].At, events[0].HTTPRequestID},
			[]any{call, "pay PR-1 → Antom answered S/SUCCESS in 12 ms", t0, "r-1"}, "the call, finished in its place")
		eq(t, events[1].Kind, "notification", "what came while it ran, after it")
	})
}

func TestNotificationSubjectsAndRecentCounts(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		for i, n := range []db.Notification{
			{ReceivedAt: t0.Add(-25 * time.Hour), Kind: "PAYMENT_RESULT", Verdict: "forged"},
			{ReceivedAt: t0.Add(-time.Hour), Kind: "PAYMENT_RESULT", Verdict: "forged"},
			{ReceivedAt: t0, Kind: "PAYMENT_RESULT", Verdict: "applied", Subject: "order:ORD-1"},
		} {
			id, err := d.InsertNotification(ctx, n)
			check(t, err)
			if i == 2 {
				got, err := d.NotificationByID(ctx, id)
				check(t, err)
				eq(t, got.Subject, "order:ORD-1", "the subject kept")
			}
		}
		n, err := d.CountNotificationsSince(ctx, "forged", t0.Add(-24*time.Hour))
		check(t, err)
		eq(t, n, 1, "refused in the last 24 hours")
		n, err = d.CountNotificationsSince(ctx, "applied", t0)
		check(t, err)
		eq(t, n, 1, "applied since t0, t0 included")
	})
}

// In a transaction, timeline entries are written together as it commits,
// in the order they were added, before any that is numbered or read in
// it; a transaction rolled back leaves none. More than one statement's
// worth (100) are all written.
func TestEventsInTransaction(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		ev := func(detail string) db.Event {
			return db.Event{At: t0, Subject: "order:ORD-1", Kind: "state", Detail: detail}
		}
		details := func() []string {
			t.Helper()
			events, err := d.Events(ctx, "order:ORD-1")
			check(t, err)
			out := []string{}
			for _, e := range events {
				out = append(out, e.Detail)
			}
			return out
		}
		err := d.Tx(ctx, func(q *db.Queries) error {
			check(t, q.InsertEvent(ctx, ev("first")))
			if _, err := q.InsertEventID(ctx, ev("numbered")); err != nil {
				return err
			}
			check(t, q.InsertEvent(ctx, ev("third")))
			seen, err := q.Events(ctx, "order:ORD-1")
			check(t, err)
			eq(t, len(seen), 3, "events read in the transaction")
			return q.InsertEvent(ctx, ev("last"))
		})
		check(t, err)
		eq(t, details(), []string{"first", "numbered", "third", "last"}, "timeline after commit")

		err = d.Tx(ctx, func(q *db.Queries) error {
			check(t, q.InsertEvent(ctx, ev("rolled back")))
			return db.ErrNotFound
		})
		is(t, err, db.ErrNotFound, "the transaction's error")
		eq(t, len(details()), 4, "events after a rollback")

		check(t, d.Tx(ctx, func(q *db.Queries) error {
			for range 250 {
				check(t, q.InsertEvent(ctx, ev("many")))
			}
			return nil
		}))
		eq(t, len(details()), 254, "events after 250 in one transaction")
	})
}
