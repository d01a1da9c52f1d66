package app

import (
	"context"
	"fmt"
	"strings"

	"antom-checkout/checkout"
)

// syncCatalog makes the database's catalogue match the merchant's
// catalogue file (CATALOG), if there is one, in one transaction, and logs
// what changed: nothing when the file did not (instances starting
// together on the same file, or a restart). A product of the file on a
// slug of the demo shop's with other words is the merchant's own, added
// in place of the demo's (replaced_demo), not the demo's changed. Its
// last line names the products kept for their orders that are not for
// sale.
func (a *App) syncCatalog(ctx context.Context) error {
	if a.cfg.Catalog == nil {
		return nil
	}
	done, err := checkout.SyncCatalog(ctx, a.db, a.cfg.Catalog)
	if err != nil {
		return fmt.Errorf("app: catalogue %s: %w", a.cfg.CatalogPath, err)
	}
	if len(done.Added)+len(done.Changed)+len(done.Replaced) > 0 {
		args := []any{"file", a.cfg.CatalogPath, "added", strings.Join(done.Added, ","), "changed", strings.Join(done.Changed, ",")}
		if len(done.Replaced) > 0 { // said only when there are some: rare, and once
			args = append(args, "replaced_demo", strings.Join(done.Replaced, ","))
		}
		a.log.Info("catalogue updated", args...)
	}
	a.log.Info("catalogue", "file", a.cfg.CatalogPath, "products", len(a.cfg.Catalog.Products),
		"not_for_sale", strings.Join(done.NotForSale, ","))
	return nil
}
