package checkout

import (
	"context"

	"antom-checkout/db"
)

// SyncCatalog makes the database's catalogue match the merchant's
// catalogue file c, in one transaction (db.SyncProducts): its new
// products added, changed ones updated. Products no longer in the file
// stay in the database, not for sale (Service.forSale), so that their
// orders keep showing them.
func SyncCatalog(ctx context.Context, d *db.DB, c *Catalog) (db.ProductsSynced, error) {
	return d.SyncProducts(ctx, c.Rows())
}
