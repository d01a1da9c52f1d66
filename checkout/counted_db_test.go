package checkout

import (
	"context"
	"testing"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// countedDB opens a PostgreSQL database through a proxy that counts its
// round trips, for the tests that pin how many a flow takes.
func countedDB(t *testing.T) (*db.DB, *dbtest.CountingProxy) {
	t.Helper()
	p := dbtest.StartCountingProxy(t, dbtest.PostgresURL(t))
	d, err := db.Open(context.Background(), p.URL)
	check(t, err)
	t.Cleanup(func() { d.Close() })
	return d, p
}
