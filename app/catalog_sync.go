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
// together on the same file, or a restart). Its last line names the
// products kept for their orders that are not for sale.
func (a *App) syncCatalog(ctx context.Context) error {
	if a.cfg.Catalog == nil {
		return nil
	}
	done, err := checkout.SyncCatalog(ctx, a.db, a.cfg.Catalog)
	if err != nil {
		return fmt.Errorf("app: catalogue %s: %w", a.cfg.CatalogPath, err)
	}
	if len(done.Added)+len(done.Changed) > 0 {
		a.log.Info("catalogue updated", "file", a.cfg.CatalogPath,
			"added", strings.Join(done.Added, ","), "changed", strings.Join(done.Changed, ","))
	}
	a.log.Info("catalogue", "file", a.cfg.CatalogPath, "products", len(a.cfg.Catalog.Products),
		"not_for_sale", strings.Join(done.NotForSale, ","))
	return nil
}
