package db

import (
	"context"
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
}

// TestPaymentSlug is the product of the sandbox's test payments.
const TestPaymentSlug = "test-payment"

const productColumns = `id, slug, name, description, icon, currency, price, test`

func scanProduct(row scanner) (Product, error) {
	var p Product
	err := row.Scan(&p.ID, &p.Slug, &p.Name, &p.Description, &p.Icon, &p.Currency, &p.Price, &p.Test)
	return p, err
}

// Products returns the catalogue in its order (never the test product).
func (q *Queries) Products(ctx context.Context) ([]Product, error) {
	return queryAll(ctx, q.q, "products", scanProduct, `SELECT `+productColumns+` FROM products WHERE test = 0 ORDER BY id`)
}

// ProductBySlug returns a product; ErrNotFound if there is none.
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
