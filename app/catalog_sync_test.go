package app

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
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

// On a database first used for the demo shop, a merchant's file whose
// product takes a slug of the demo's (their own notebook) adds it in
// place of the demo's, and the start says so: replaced_demo=notebook,
// never that the notebook changed — the merchant never had one.
func TestCatalogSyncSaysWhatReplacedTheDemos(t *testing.T) {
	path := filepath.Join(t.TempDir(), "catalog.toml")
	check(t, os.WriteFile(path, []byte(`[[product]]
slug = "notebook"
price = 1200
currency = "USD"
icon = "notebook"
[product.name]
en = "Linen field notebook"
th = "สมุดผ้าลินิน"
`), 0o600))
	env := realEnv(t)
	env["CATALOG"] = path
	cfg, err := load(env)
	check(t, err)
	d := dbtest.Open(t)
	var log bytes.Buffer
	a := &App{cfg: cfg, log: slog.New(slog.NewTextHandler(&log, nil)), db: d}
	check(t, a.syncCatalog(context.Background()))
	_, line, _ := strings.Cut(log.String(), `msg="catalogue updated"`)
	line, _, _ = strings.Cut(line, "\n")
	if !strings.Contains(line, `added="" changed="" replaced_demo=notebook`) {
		t.Fatalf("start's log: %q, want the notebook said to replace the demo's, not changed", line)
	}
}
