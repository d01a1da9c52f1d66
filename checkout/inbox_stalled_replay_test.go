package checkout

import (
	"testing"
	"time"
)

// A replay whose app instance died mid-way (claimed, never finished) can
// be taken over once its claim is older than leaseTime (Replay). The
// inbox must then offer Replay again: saying "being replayed: its replay
// shows here when it is done" would be false for ever, and without the
// button staff could not replay it at all.
func TestInboxOffersReplayOfAReplayThatStalled(t *testing.T) {
	e := newEnv(t, Options{})
	paidOrder(t, e, "stalled-replay@example.com")
	e.svc.Wait()
	in, err := e.svc.NotificationInbox(e.ctx, "", 1)
	check(t, err)
	var id int64
	for _, n := range in.Entries {
		if n.Kind == "PAYMENT_RESULT" {
			id = n.ID
		}
	}
	if id == 0 {
		t.Fatalf("no PAYMENT_RESULT in the inbox: %+v", in.Entries)
	}

	// A replay claimed by an instance that died before finishing it.
	started := time.Now().Add(-leaseTime - time.Minute)
	claimed, err := e.db.ClaimReplay(e.ctx, id, "dead-instance", staffActor, started, started.Add(-leaseTime))
	check(t, err)
	assertEqual(t, claimed, true, "claimed by the instance that died")

	// While the claim is fresh it is being replayed; once stale it is not.
	n, err := e.svc.NotificationEntry(e.ctx, id)
	check(t, err)
	assertEqual(t, n.Replaying, false, "shown as being replayed, though its replay can never finish")
	assertEqual(t, n.Replayable, true, "Replay offered again")

	verdict, err := e.svc.Replay(e.ctx, staffActor, id)
	check(t, err)
	assertEqual(t, verdict, VerdictDuplicate, "the replay, taken over")
	n, err = e.svc.NotificationEntry(e.ctx, id)
	check(t, err)
	assertEqual(t, n.Replayable, false, "replayable after its replay finished")
	if n.ReplayedAs == 0 {
		t.Fatalf("finished replay not linked: %+v", n)
	}
}

// A replay claimed a moment ago is being replayed: not offered again.
func TestInboxShowsAFreshReplayAsRunning(t *testing.T) {
	e := newEnv(t, Options{})
	paidOrder(t, e, "fresh-replay@example.com")
	e.svc.Wait()
	in, err := e.svc.NotificationInbox(e.ctx, "", 1)
	check(t, err)
	var id int64
	for _, n := range in.Entries {
		if n.Kind == "PAYMENT_RESULT" {
			id = n.ID
		}
	}
	now := time.Now()
	claimed, err := e.db.ClaimReplay(e.ctx, id, "busy-instance", staffActor, now, now.Add(-leaseTime))
	check(t, err)
	assertEqual(t, claimed, true, "claimed")
	n, err := e.svc.NotificationEntry(e.ctx, id)
	check(t, err)
	assertEqual(t, n.Replaying, true, "being replayed")
	assertEqual(t, n.Replayable, false, "Replay offered while it runs")
}
