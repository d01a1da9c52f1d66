package db_test

import (
	"testing"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// What a transaction commits is acknowledged to others at once: a
// notification's ack tells Antom to stop sending it (its sandbox never
// sends one again), and a payment attempt is committed before pay goes
// out, so that Antom's word about it finds it. Neither may be taken back
// by a power cut or an OS crash: in WAL mode synchronous=NORMAL syncs
// the WAL only at checkpoints, so a commit since the last one can roll
// back (SQLite's docs, "PRAGMA synchronous"); FULL syncs every commit.
func TestSQLiteCommitsSurviveAPowerCut(t *testing.T) {
	d := dbtest.OpenOn(t, db.SQLite)
	var level int
	check(t, d.SQL().QueryRowContext(ctx, "PRAGMA synchronous").Scan(&level))
	eq(t, level, 2, "the writer's PRAGMA synchronous (1 NORMAL, 2 FULL)")
}
