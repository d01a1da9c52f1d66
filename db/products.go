package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Product is one item of the catalogue. Price is in minor units of
// Currency.
type Product struct {
	ID          int64
	Slug        string
	Name        string
	Description string
	Icon        string
	Currency    string
	Price       int64
}

const productColumns = `id, slug, name, description, icon, currency, price`

func scanProduct(row interface{ Scan(...any) error }) (Product, error) {
	var p Product
	err := row.Scan(&p.ID, &p.Slug, &p.Name, &p.Description, &p.Icon, &p.Currency, &p.Price)
	return p, err
}

// Products returns the catalogue in its order.
func (q *Queries) Products(ctx context.Context) ([]Product, error) {
	rows, err := q.q.QueryContext(ctx, `SELECT `+productColumns+` FROM products ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("db: products: %w", err)
	}
	defer rows.Close()
	var out []Product
	for rows.Next() {
		p, err := scanProduct(rows)
		if err != nil {
			return nil, fmt.Errorf("db: products: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("db: products: %w", err)
	}
	return out, nil
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
	p, err := scanProduct(q.q.QueryRowContext(ctx, `SELECT `+productColumns+` FROM products `+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return Product{}, ErrNotFound
	}
	if err != nil {
		return Product{}, fmt.Errorf("db: product: %w", err)
	}
	return p, nil
}
