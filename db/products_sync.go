package db

import (
	"context"
	"errors"
	"fmt"
	"slices"
)

// ProductsSynced says what SyncProducts changed, by slug, and each
// slug's row once it had run (Rows: the row the caller sells the slug on).
// Replaced are the slugs whose row was the demo shop's (Product.Demo)
// and now is the file's, with other words: a product of the merchant's
// added in its place, not the demo's changed (in neither Added nor
// Changed).
type ProductsSynced struct {
	Added, Changed, Replaced []string
	Rows                     map[string]int64
}

// SyncProducts makes the catalogue's rows match ps (a merchant's catalogue
// file, db.Product's ID and Test unset, Words sorted by language) in one
// transaction: a slug not in the table is added, one whose words (in
// any language), icon or price differ is changed, and the rest are left
// as they are. A row whose words or icon change is not updated but
// retired (Product.Retired): its orders keep the words they were bought
// with — those made since, too, by an instance still selling it on its
// file of before (a rolling change of the file: each instance sells on
// the row its own start left, Rows) — and a new row sells the slug. A
// price or currency alone is changed in place: an order's amounts are
// its own. A row from before words were kept is the first sync's to
// give its file's words (Product.WordsOnce, syncProduct); later, it has
// none of the file's to compare, and any file's product retires it.
// No row is ever deleted: orders keep pointing at their product, whose
// words they keep showing once it is no longer for sale (which is the
// caller's to decide). The test payment's row is refused, never changed.
// Running it again with the same ps changes nothing, so instances
// starting together on the same file agree whichever runs first
// (transactions run one at a time).
func (d *DB) SyncProducts(ctx context.Context, ps []Product) (ProductsSynced, error) {
	var done ProductsSynced
	err := d.Tx(ctx, func(q *Queries) error {
		done = ProductsSynced{}
		for _, p := range ps {
			did, err := q.syncProduct(ctx, p)
			switch {
			case errors.Is(err, ErrNotFound):
				if err := q.addProduct(ctx, p); err != nil {
					return err
				}
				done.Added = append(done.Added, p.Slug)
			case err != nil:
				return err
			case did == replaced:
				done.Replaced = append(done.Replaced, p.Slug)
			case did == changed:
				done.Changed = append(done.Changed, p.Slug)
			}
		}
		if _, err := q.q.ExecContext(ctx, `UPDATE products SET words_once = 0 WHERE words_once = 1`); err != nil {
			return fmt.Errorf("db: sync products: %w", err)
		}
		done.Rows = make(map[string]int64, len(ps))
		for _, p := range ps {
			row, err := q.ProductBySlug(ctx, p.Slug)
			if err != nil {
				return err
			}
			done.Rows[p.Slug] = row.ID
		}
		return nil
	})
	return done, err
}

// synced is what syncProduct did to a slug's row.
type synced int

const (
	unchanged synced = iota
	changed          // retired for other words, or repriced in place
	replaced         // the demo shop's row, retired for a file's product
)

// syncProduct makes the slug's row match p, and says what it did;
// ErrNotFound if the slug has no row. A row from before words were kept
// (Lang "") whose default words are p's takes p's words as its own,
// silently, at the first sync since the upgrade only (WordsOnce): they
// are what its orders were bought with, as far as anyone knows then.
// Past it, a file may have changed its other words while the row was
// out of it: its words are not p's, and p retires it.
func (q *Queries) syncProduct(ctx context.Context, p Product) (synced, error) {
	old, err := q.ProductBySlug(ctx, p.Slug)
	if err != nil {
		return unchanged, err
	}
	if old.Test {
		return unchanged, fmt.Errorf("db: product %s: the test payment's, not the catalogue's", p.Slug)
	}
	words, err := q.ProductWords(ctx, old.ID)
	if err != nil {
		return unchanged, err
	}
	sameDefault := old.Name == p.Name && old.Description == p.Description && old.Icon == p.Icon
	samePrice := old.Currency == p.Currency && old.Price == p.Price
	switch {
	case sameDefault && old.WordsOnce:
		return changedIf(!samePrice), q.changeProduct(ctx, old.ID, p)
	case !sameDefault || old.Lang != p.Lang || !slices.Equal(words, p.Words):
		if old.Demo {
			return replaced, q.retireProduct(ctx, old, p)
		}
		return changed, q.retireProduct(ctx, old, p)
	case !samePrice:
		return changed, q.changeProduct(ctx, old.ID, p)
	}
	return unchanged, nil
}

func changedIf(b bool) synced {
	if b {
		return changed
	}
	return unchanged
}

// retireProduct takes the row old off its slug (its slug column becomes
// "slug@id", the slug kept in retired_slug), keeping its words for its
// orders, and adds p as the slug's new row.
func (q *Queries) retireProduct(ctx context.Context, old, p Product) error {
	if _, err := q.q.ExecContext(ctx, `UPDATE products SET retired_slug = slug, slug = ? WHERE id = ?`,
		fmt.Sprintf("%s@%d", old.Slug, old.ID), old.ID); err != nil {
		return fmt.Errorf("db: retire product %s: %w", p.Slug, err)
	}
	return q.addProduct(ctx, p)
}

// addProduct adds p as its slug's row, with its words.
func (q *Queries) addProduct(ctx context.Context, p Product) error {
	id, err := insertID(ctx, q.q, `INSERT INTO products (slug, name, description, icon, currency, price, words_lang)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, p.Slug, p.Name, p.Description, p.Icon, p.Currency, p.Price, p.Lang)
	if err != nil {
		return fmt.Errorf("db: add product %s: %w", p.Slug, err)
	}
	return q.writeProductWords(ctx, id, p)
}

// changeProduct makes row id p, words and all: the file's from then
// on, the demo's no more.
func (q *Queries) changeProduct(ctx context.Context, id int64, p Product) error {
	if _, err := q.q.ExecContext(ctx, `UPDATE products SET name = ?, description = ?, icon = ?, currency = ?, price = ?, words_lang = ?,
		words_once = 0, demo = 0 WHERE id = ?`, p.Name, p.Description, p.Icon, p.Currency, p.Price, p.Lang, id); err != nil {
		return fmt.Errorf("db: change product %s: %w", p.Slug, err)
	}
	if _, err := q.q.ExecContext(ctx, `DELETE FROM product_words WHERE product_id = ?`, id); err != nil {
		return fmt.Errorf("db: change product %s: %w", p.Slug, err)
	}
	return q.writeProductWords(ctx, id, p)
}

func (q *Queries) writeProductWords(ctx context.Context, id int64, p Product) error {
	for _, w := range p.Words {
		if _, err := q.q.ExecContext(ctx, `INSERT INTO product_words (product_id, lang, name, about) VALUES (?, ?, ?, ?)`,
			id, w.Lang, w.Name, w.About); err != nil {
			return fmt.Errorf("db: product %s's words: %w", p.Slug, err)
		}
	}
	return nil
}
