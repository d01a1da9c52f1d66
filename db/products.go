package db

import (
	"context"
	"slices"
	"strings"
)

// Product is one item of the catalogue. Price is in minor units of
// Currency. A Test product is not for sale: its orders are the sandbox's
// test payments, of an amount the buyer types.
type Product struct {
	ID          int64
	Slug        string
	Name        string
	Description string
	Icon        string
	Currency    string
	Price       int64
	Test        bool
	// Retired: no longer the slug's row. The catalogue file changed the
	// product's words or icon while this row had orders (SyncProducts):
	// it keeps the words they were bought with, a new row sells the slug.
	Retired bool
	// Lang is the default language of Words ("" for a row from before
	// words were kept, and the demo shop's).
	Lang string
	// WordsOnce: a row from before words were kept that the first sync
	// since the upgrade has yet to run, which may take its file's words
	// as its own then (SyncProducts), never later.
	WordsOnce bool
	// Demo: the demo shop's row, its words as a migration wrote them
	// (and the lang catalogs' in the other languages).
	Demo bool
	// Words are the product's name and description in each language its
	// catalogue file gave (SyncProducts'; read back with ProductWords,
	// never with the row).
	Words []ProductWord
}

// ProductWord is a product row's name and description in one language.
type ProductWord struct {
	Lang, Name, About string
}

// TestPaymentSlug is the product of the sandbox's test payments.
const TestPaymentSlug = "test-payment"

// productColumns: a retired row's slug is its retired_slug (its slug
// column holds "slug@id", out of every file slug's way).
const productColumns = `id, COALESCE(NULLIF(retired_slug, ''), slug), name, description, icon, currency, price, test,
	CASE WHEN retired_slug = '' THEN 0 ELSE 1 END, words_lang, words_once, demo`

func scanProduct(row scanner) (Product, error) {
	var p Product
	err := row.Scan(&p.ID, &p.Slug, &p.Name, &p.Description, &p.Icon, &p.Currency, &p.Price, &p.Test, &p.Retired, &p.Lang, &p.WordsOnce, &p.Demo)
	return p, err
}

// Products returns the catalogue in its order (never the test product,
// nor a retired row).
func (q *Queries) Products(ctx context.Context) ([]Product, error) {
	return queryAll(ctx, q.q, "products", scanProduct, `SELECT `+productColumns+` FROM products
		WHERE test = 0 AND retired_slug = '' ORDER BY id`)
}

// ProductWords returns a product row's words by language, in the
// languages' byte order, as Go sorts them (none for a row whose words
// were never kept).
func (q *Queries) ProductWords(ctx context.Context, productID int64) ([]ProductWord, error) {
	words, err := queryAll(ctx, q.q, "product words", func(row scanner) (ProductWord, error) {
		var w ProductWord
		err := row.Scan(&w.Lang, &w.Name, &w.About)
		return w, err
	}, `SELECT lang, name, about FROM product_words WHERE product_id = ?`, productID)
	slices.SortFunc(words, func(a, b ProductWord) int { return strings.Compare(a.Lang, b.Lang) })
	return words, err
}

// ProductBySlug returns the slug's product (never a retired row);
// ErrNotFound if there is none.
func (q *Queries) ProductBySlug(ctx context.Context, slug string) (Product, error) {
	return q.product(ctx, `WHERE slug = ?`, slug)
}

// ProductByID returns a product; ErrNotFound if there is none.
func (q *Queries) ProductByID(ctx context.Context, id int64) (Product, error) {
	return q.product(ctx, `WHERE id = ?`, id)
}

func (q *Queries) product(ctx context.Context, where string, arg any) (Product, error) {
	return queryOne(ctx, q.q, "product", scanProduct, `SELECT `+productColumns+` FROM products `+where, arg)
}
