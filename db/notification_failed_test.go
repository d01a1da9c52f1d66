package db_test

import (
	"testing"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// Only the applied row of the kind about the subject turns failed, with
// the detail; a duplicate of it, another kind and another subject stay,
// and a second call changes nothing.
func TestFailAppliedNotification(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		row := func(kind, verdict, subject string) int64 {
			id, err := d.InsertNotification(ctx, db.Notification{ReceivedAt: t0, Kind: kind, RequestTime: "t", BodyRedacted: "{}",
				Verdict: verdict, Subject: subject})
			check(t, err)
			return id
		}
		applied := row("AUTHCODE_CREATED", "applied", "link:1")
		row("AUTHCODE_CREATED", "duplicate", "link:1")
		row("TOKEN_CANCELED", "applied", "link:1")
		row("AUTHCODE_CREATED", "applied", "link:2")
		changed, err := d.FailAppliedNotification(ctx, "link:1", "AUTHCODE_CREATED", "link failed: INVALID_AUTHCODE")
		ok(t, changed, err, true, "fail the applied row")
		changed, err = d.FailAppliedNotification(ctx, "link:1", "AUTHCODE_CREATED", "again")
		ok(t, changed, err, false, "fail it twice")
		rows, err := d.RecentNotifications(ctx, 10)
		check(t, err)
		var got [][3]string
		for _, r := range rows {
			got = append(got, [3]string{r.Kind, r.Verdict, r.Detail})
			if r.ID == applied {
				eq(t, r.ReceivedAt.Equal(t0), true, "received_at kept")
			}
		}
		eq(t, got, [][3]string{{"AUTHCODE_CREATED", "applied", ""}, {"TOKEN_CANCELED", "applied", ""},
			{"AUTHCODE_CREATED", "duplicate", ""}, {"AUTHCODE_CREATED", "failed", "link failed: INVALID_AUTHCODE"}}, "inbox, newest first")
	})
}
