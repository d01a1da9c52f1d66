package db_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

func TestLeases(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		until := t0.Add(20 * time.Second)
		holder := func(work string) (string, time.Time) {
			t.Helper()
			h, u, err := d.LeaseHolder(ctx, work)
			check(t, err)
			return h, u
		}
		h, _ := holder("attempt:1")
		eq(t, h, "", "holder of work never claimed")

		changed, err := d.ClaimLease(ctx, "attempt:1", "A", t0, until)
		ok(t, changed, err, true, "A claims free work")
		h, u := holder("attempt:1")
		eq(t, [2]any{h, u}, [2]any{"A", until}, "holder and end")
		changed, err = d.ClaimLease(ctx, "attempt:1", "B", t0.Add(19*time.Second), t0.Add(39*time.Second))
		ok(t, changed, err, false, "B claims while A's lease runs")
		changed, err = d.ClaimLease(ctx, "attempt:2", "B", t0, until)
		ok(t, changed, err, true, "B claims other work")

		check(t, d.ReleaseLease(ctx, "attempt:1", "B"))
		h, _ = holder("attempt:1")
		eq(t, h, "A", "holder after someone else's release")

		// A's lease runs out (A died): B takes over; A's late release
		// leaves B's lease alone.
		changed, err = d.ClaimLease(ctx, "attempt:1", "B", until, until.Add(20*time.Second))
		ok(t, changed, err, true, "B claims once A's lease has run out")
		check(t, d.ReleaseLease(ctx, "attempt:1", "A"))
		h, _ = holder("attempt:1")
		eq(t, h, "B", "holder after the old holder's late release")

		check(t, d.ReleaseLease(ctx, "attempt:1", "B"))
		h, _ = holder("attempt:1")
		eq(t, h, "", "holder after release")
		changed, err = d.ClaimLease(ctx, "attempt:1", "C", until, until.Add(time.Second))
		ok(t, changed, err, true, "C claims released work at once")
	})
}

// Many workers claim the same work at the same moment: one gets it.
func TestLeaseClaimedOnceUnderContention(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		for round := range 5 {
			work := fmt.Sprintf("refund:%d", round)
			var won atomic.Int32
			var wg sync.WaitGroup
			for w := range 8 {
				wg.Go(func() {
					changed, err := d.ClaimLease(ctx, work, fmt.Sprint("worker-", w), t0, t0.Add(time.Minute))
					check(t, err)
					if changed {
						won.Add(1)
					}
				})
			}
			wg.Wait()
			eq(t, won.Load(), int32(1), work+": workers that got the lease")
		}
	})
}

// A notification reaches a listener of the same channel on another
// connection, not one of another channel; on SQLite there is nobody to
// tell.
func TestNotifyAndListen(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		if !d.CanNotify() {
			eq(t, d.Backend(), db.SQLite, "backend that cannot notify")
			check(t, d.Notify(ctx, "wake", "x"))
			check(t, d.Listen(ctx, "wake", db.Listener{OnNotify: func(string) { t.Error("notified on SQLite") }}))
			return
		}
		lctx, cancel := context.WithCancel(ctx)
		got := make(chan string, 10)
		listening := make(chan struct{}, 10)
		done := make(chan error, 1)
		go func() {
			done <- d.Listen(lctx, "wake", db.Listener{
				OnNotify: func(p string) { got <- p },
				OnListen: func() { listening <- struct{}{} },
			})
		}()
		select {
		case <-listening:
		case <-time.After(10 * time.Second):
			t.Fatal("never started listening")
		}
		check(t, d.Notify(ctx, "other", "not for us"))
		check(t, d.Notify(ctx, "wake", "order:ORD-1"))
		select {
		case p := <-got:
			eq(t, p, "order:ORD-1", "payload")
		case <-time.After(10 * time.Second):
			t.Fatal("no notification")
		}
		cancel()
		check(t, <-done)
		select {
		case p := <-got:
			t.Errorf("one more notification: %q", p)
		default:
		}
	})
}

// A notification's replay is claimed once: others are refused while it
// runs and after it finished; a failed one dropped, or one left
// unfinished past staleBefore, may be claimed again; a holder that lost
// its claim finishes and drops nothing.
func TestReplayClaimedOnce(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		_, err := d.ReplayOf(ctx, 1)
		eq(t, err, db.ErrNotFound, "replay of a notification never replayed")
		changed, err := d.ClaimReplay(ctx, 1, "A", "ann", t0, t0.Add(-time.Minute))
		ok(t, changed, err, true, "A claims")
		changed, err = d.ClaimReplay(ctx, 1, "B", "bob", t0.Add(time.Second), t0.Add(-time.Minute))
		ok(t, changed, err, false, "B claims while A runs")
		check(t, d.DropReplay(ctx, 1, "B"))
		check(t, d.FinishReplay(ctx, 1, "B", "applied", t0))
		r, err := d.ReplayOf(ctx, 1)
		check(t, err)
		eq(t, r, db.Replay{NotificationID: 1, Actor: "ann", StartedAt: t0}, "running replay after B's drop and finish")

		check(t, d.DropReplay(ctx, 1, "A"))
		changed, err = d.ClaimReplay(ctx, 1, "B", "bob", t0.Add(2*time.Second), t0.Add(-time.Minute))
		ok(t, changed, err, true, "B claims once A's failed replay is dropped")
		// B dies; C takes over once B's claim is stale; B's late finish
		// changes nothing.
		changed, err = d.ClaimReplay(ctx, 1, "C", "cy", t0.Add(time.Minute), t0.Add(3*time.Second))
		ok(t, changed, err, true, "C takes over a stale claim")
		check(t, d.FinishReplay(ctx, 1, "B", "applied", t0.Add(time.Minute)))
		check(t, d.FinishReplay(ctx, 1, "C", "duplicate", t0.Add(2*time.Minute)))
		r, err = d.ReplayOf(ctx, 1)
		check(t, err)
		eq(t, r, db.Replay{NotificationID: 1, Actor: "cy", StartedAt: t0.Add(time.Minute), FinishedAt: t0.Add(2 * time.Minute), Verdict: "duplicate"}, "finished replay")
		changed, err = d.ClaimReplay(ctx, 1, "D", "di", t0.Add(time.Hour), t0.Add(time.Hour))
		ok(t, changed, err, false, "D claims a finished replay, however late")

		// Many at once: one gets it.
		var got atomic.Int32
		var wg sync.WaitGroup
		for i := range 8 {
			wg.Go(func() {
				changed, err := d.ClaimReplay(ctx, 2, fmt.Sprint("h", i), "staff", t0, t0.Add(-time.Minute))
				if err != nil {
					t.Error(err)
				}
				if changed {
					got.Add(1)
				}
			})
		}
		wg.Wait()
		eq(t, got.Load(), int32(1), "claims of one replay at once")
	})
}

// ReplaysOf finds the replays of a page's notifications and, once one
// has finished, its own inbox row: the one stored with it
// (InsertReplayRow), not another whose detail reads the same.
func TestReplaysOfLinksTheReplayRow(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		first, err := d.InsertNotification(ctx, db.Notification{ReceivedAt: t0, Kind: "PAYMENT_RESULT", Verdict: "applied"})
		check(t, err)
		second, err := d.InsertNotification(ctx, db.Notification{ReceivedAt: t0, Kind: "PAYMENT_RESULT", Verdict: "applied"})
		check(t, err)
		changed, err := d.ClaimReplay(ctx, first, "A", "ann", t0, t0.Add(-time.Minute))
		ok(t, changed, err, true, "claim first")
		changed, err = d.ClaimReplay(ctx, second, "B", "bob", t0, t0.Add(-time.Minute))
		ok(t, changed, err, true, "claim second")
		var replay int64
		check(t, d.Tx(ctx, func(q *db.Queries) error {
			// A row kept for the commit is written first: ids still
			// rise in the order rows were added.
			check(t, q.QueueNotification(ctx, db.Notification{ReceivedAt: t0, Kind: "PAYMENT_RESULT", Verdict: "applied"}))
			replay, err = q.InsertReplayRow(ctx, db.Notification{ReceivedAt: t0, Kind: "PAYMENT_RESULT", Verdict: "duplicate",
				Detail: fmt.Sprintf("replay of #%d by ann; already paid", first)}, first, "A")
			return err
		}))
		eq(t, replay, second+2, "the replay's row after the one kept before it")
		// A later row whose detail reads like the replay's is not it.
		lookalike, err := d.InsertNotification(ctx, db.Notification{ReceivedAt: t0, Kind: "PAYMENT_RESULT", Verdict: "applied",
			Detail: fmt.Sprintf("replay of #%d by ann; something else", first)})
		check(t, err)
		got, err := d.ReplaysOf(ctx, []int64{first, second, replay})
		check(t, err)
		eq(t, got[first].ReplayID, int64(0), "no row while the replay runs")
		one, err := d.ReplayOf(ctx, first)
		check(t, err)
		eq(t, one.ReplayID, int64(0), "ReplayOf: no row while the replay runs")
		sources, err := d.ReplaySources(ctx, []int64{first, second, replay, lookalike})
		check(t, err)
		eq(t, len(sources), 0, "no replay's own row while it runs")
		check(t, d.FinishReplay(ctx, first, "A", "duplicate", t0))
		one, err = d.ReplayOf(ctx, first)
		check(t, err)
		eq(t, one.ReplayID, replay, "ReplayOf: the finished replay's own row")
		sources, err = d.ReplaySources(ctx, []int64{first, second, replay, lookalike})
		check(t, err)
		eq(t, sources, map[int64]int64{replay: first}, "the replay's own row, and no row that only reads like one")
		got, err = d.ReplaysOf(ctx, []int64{first, second, replay})
		check(t, err)
		eq(t, len(got), 2, "replays found")
		eq(t, got[first].ReplayID, replay, "finished replay's own row")
		eq(t, got[first].Verdict, "duplicate", "finished replay's verdict")
		eq(t, got[second].ReplayID, int64(0), "running replay has no row yet")

		// B stored a row and died before finishing; C takes over: the
		// replay's row is C's, never B's.
		_, err = d.InsertReplayRow(ctx, db.Notification{ReceivedAt: t0, Kind: "PAYMENT_RESULT", Verdict: "duplicate",
			Detail: fmt.Sprintf("replay of #%d by bob", second)}, second, "B")
		check(t, err)
		changed, err = d.ClaimReplay(ctx, second, "C", "cy", t0.Add(time.Hour), t0.Add(time.Minute))
		ok(t, changed, err, true, "C takes over")
		check(t, d.FinishReplay(ctx, second, "C", "duplicate", t0.Add(time.Hour)))
		got, err = d.ReplaysOf(ctx, []int64{second})
		check(t, err)
		eq(t, got[second].ReplayID, int64(0), "B's row is not C's replay")
		none, err := d.ReplaysOf(ctx, nil)
		check(t, err)
		eq(t, len(none), 0, "no ids")
	})
}
