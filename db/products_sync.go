package db

import (
	"context"
	"errors"
	"fmt"
)

// ProductsSynced says what SyncProducts changed, by slug.
type ProductsSynced struct {
	Added, Changed []string
}

// SyncProducts makes the catalogue's rows match ps (a merchant's catalogue
// file, db.Product's ID and Test unset) in one transaction: a slug not
// in the table is added, one whose words, icon or price differ is
// updated, and the rest are left as they are. No row is ever deleted:
// orders keep pointing at their product, whose words they keep showing
// once it is no longer for sale (which is the caller's to decide). The
// test payment's row is refused, never changed. Running it again with
// the same ps changes nothing, so instances starting together on the same
// file agree whichever runs first (transactions run one at a time).
func (d *DB) SyncProducts(ctx context.Context, ps []Product) (ProductsSynced, error) {
	var done ProductsSynced
	err := d.Tx(ctx, func(q *Queries) error {
		done = ProductsSynced{}
		for _, p := range ps {
			old, err := q.ProductBySlug(ctx, p.Slug)
			switch {
			case errors.Is(err, ErrNotFound):
				if _, err := q.q.ExecContext(ctx, `INSERT INTO products (slug, name, description, icon, currency, price)
					VALUES (?, ?, ?, ?, ?, ?)`, p.Slug, p.Name, p.Description, p.Icon, p.Currency, p.Price); err != nil {
					return fmt.Errorf("db: add product %s: %w", p.Slug, err)
				}
				done.Added = append(done.Added, p.Slug)
			case err != nil:
				return err
			case old.Test:
				return fmt.Errorf("db: product %s: the test payment's, not the catalogue's", p.Slug)
			case old.Name != p.Name || old.Description != p.Description || old.Icon != p.Icon ||
				old.Currency != p.Currency || old.Price != p.Price:
				if _, err := q.q.ExecContext(ctx, `UPDATE products SET name = ?, description = ?, icon = ?, currency = ?, price = ?
					WHERE id = ?`, p.Name, p.Description, p.Icon, p.Currency, p.Price, old.ID); err != nil {
					return fmt.Errorf("db: change product %s: %w", p.Slug, err)
				}
				done.Changed = append(done.Changed, p.Slug)
			}
		}
		return nil
	})
	return done, err
}
