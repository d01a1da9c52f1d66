package db_test

import (
	"testing"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// Pipelines says whether a batch of reads (Queries.Read) is one round
// trip: on PostgreSQL in a snapshot or a transaction; never outside one,
// and never on SQLite, where the reads run one by one.
func TestPipelines(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		pg := d.Backend() == db.PostgreSQL
		eq(t, d.Queries.Pipelines(), false, "outside a transaction")
		check(t, d.Snapshot(ctx, func(q *db.Queries) error {
			eq(t, q.Pipelines(), pg, "in a snapshot")
			return nil
		}))
		check(t, d.Tx(ctx, func(q *db.Queries) error {
			eq(t, q.Pipelines(), pg, "in a transaction")
			return nil
		}))
	})
}
