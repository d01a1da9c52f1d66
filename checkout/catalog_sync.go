package checkout

import (
	"context"

	"antom-checkout/db"
)

// CatalogSynced says what SyncCatalog did, by slug: the products Added
// and Changed (db.SyncProducts), those Replaced — the file's own
// product on a slug of the demo shop's, added in place of the demo's
// (whose row its orders keep) — and the products kept in the database
// that are NotForSale — in no file any more (or the demo shop's, left
// from before the file) — in the database's order.
type CatalogSynced struct {
	Added, Changed, Replaced, NotForSale []string
}

// SyncCatalog makes the database's catalogue match the merchant's
// catalogue file c, in one transaction (db.SyncProducts): its new
// products added, changed ones updated (their words: a new row). c then
// sells each product on the row this sync left (Catalog.row), whatever
// another instance's start on another file does to the slug since: its
// orders keep this file's words. Products no longer in the file
// stay in the database, not for sale (Service.forSale), so that their
// orders keep showing them.
func SyncCatalog(ctx context.Context, d *db.DB, c *Catalog) (CatalogSynced, error) {
	done, err := d.SyncProducts(ctx, c.Rows())
	if err != nil {
		return CatalogSynced{}, err
	}
	c.rows = done.Rows // before the instance serves: read-only from then on
	ps, err := d.Products(ctx)
	if err != nil {
		return CatalogSynced{}, err
	}
	synced := CatalogSynced{Added: done.Added, Changed: done.Changed, Replaced: done.Replaced}
	for _, p := range ps {
		if c.place(p.Slug) < 0 {
			synced.NotForSale = append(synced.NotForSale, p.Slug)
		}
	}
	return synced, nil
}
