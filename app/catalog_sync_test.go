package app

import (
	"context"
	"log/slog"
	"sync"
	"testing"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// Instances starting together on the same catalogue file each sync it,
// on either backend: one adds the products, the others find nothing to
// do, and the table holds each product once, as the file says.
func TestCatalogSyncOfInstancesStartingTogether(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		env := realEnv(t)
		cfg, err := load(env)
		check(t, err)
		var wg sync.WaitGroup
		errs := make([]error, 4)
		for i := range errs {
			own, err := load(env) // each instance reads the file itself
			check(t, err)
			wg.Go(func() {
				a := &App{cfg: own, log: slog.New(slog.DiscardHandler), db: d}
				errs[i] = a.syncCatalog(context.Background())
			})
		}
		wg.Wait()
		for _, err := range errs {
			check(t, err)
		}
		for _, p := range cfg.Catalog.Products {
			row, err := d.ProductBySlug(context.Background(), p.Slug)
			check(t, err)
			want := p.Row()
			if row.Name != want.Name || row.Price != want.Price || row.Currency != want.Currency || row.Icon != want.Icon || row.Test {
				t.Errorf("product %s: %+v, want %+v", p.Slug, row, want)
			}
		}
		var n int
		check(t, d.Raw().QueryRowContext(context.Background(), `SELECT count(*) FROM products WHERE slug = 'house-blend'`).Scan(&n))
		if n != 1 {
			t.Fatalf("house-blend %d times", n)
		}
	})
}
