package checkout

import (
	"fmt"
	"testing"
	"time"

	"antom-checkout/db"
)

// A row whose problem a replay took over while still open — a
// quarantined row's replay quarantined again, a deferred row's
// re-application quarantined — reads as what became of it now once that
// replay is dealt with by a later one: not "still open in its replay"
// for ever. The chain is followed to its end, for the row's own verdict
// (SettledBy) and for its replay's link (ReplaySettledBy).
func TestInboxRowFollowsItsChainToWhatIsTrueNow(t *testing.T) {
	for _, first := range []string{VerdictQuarantined, VerdictDeferred} {
		t.Run(first, func(t *testing.T) {
			e := newEnv(t, Options{})
			now := time.Now().UTC()
			row := func(verdict string) int64 {
				t.Helper()
				id, err := e.db.InsertNotification(e.ctx, db.Notification{ReceivedAt: now, Kind: "CAPTURE_RESULT",
					BodySealed: []byte("sealed"), BodyRedacted: `{}`, Verdict: verdict})
				check(t, err)
				return id
			}
			// replay stores a finished replay of row of with verdict, as
			// storeRow does: not deferred again, it deals with of's chain.
			replay := func(of int64, verdict string) int64 {
				t.Helper()
				holder := fmt.Sprint("h", of)
				ok, err := e.db.ClaimReplay(e.ctx, of, holder, "staff", now, now.Add(-time.Hour))
				check(t, err)
				assertEqual(t, ok, true, "replay claimed")
				var id int64
				check(t, e.db.Tx(e.ctx, func(q *db.Queries) error {
					var err error
					if id, err = q.InsertReplayRow(e.ctx, db.Notification{ReceivedAt: now, Kind: "CAPTURE_RESULT",
						BodySealed: []byte("sealed"), BodyRedacted: `{}`, Verdict: verdict}, of, holder); err != nil {
						return err
					}
					if err := q.FinishReplay(e.ctx, of, holder, verdict, now); err != nil || verdict == VerdictDeferred {
						return err
					}
					return q.SettleDeferred(e.ctx, of, id)
				}))
				return id
			}
			a := row(first)
			n := replay(a, VerdictQuarantined)
			entry, err := e.svc.NotificationEntry(e.ctx, a)
			check(t, err)
			assertEqual(t, [2]any{entry.SettledBy, entry.SettledVerdict}, [2]any{n, VerdictQuarantined}, "still open in its replay")

			if first == VerdictQuarantined { // and once more: quarantined again in a replay of the replay
				n = replay(n, VerdictQuarantined)
				entry, err = e.svc.NotificationEntry(e.ctx, a)
				check(t, err)
				assertEqual(t, [2]any{entry.SettledBy, entry.SettledVerdict}, [2]any{n, VerdictQuarantined}, "still open in its replay's replay")
			}
			m := replay(n, VerdictApplied)
			entry, err = e.svc.NotificationEntry(e.ctx, a)
			check(t, err)
			assertEqual(t, [2]any{entry.SettledBy, entry.SettledVerdict}, [2]any{m, VerdictApplied}, "dealt with since, at the chain's end")
			assertEqual(t, [2]any{entry.ReplaySettledBy, entry.ReplaySettledVerdict}, [2]any{m, VerdictApplied}, "its replay's link")
		})
	}
}
