package checkout

import (
	"context"
	"slices"

	"antom-checkout/db"
)

// Product is a catalogue item as shoppers see it.
type Product struct {
	Slug        string
	Name        string
	Description string
	Icon        string
	Price       Money
}

// Products returns the catalogue. Only migrations write it, and they run
// before the app starts, so it is read from the database once.
func (s *Service) Products(ctx context.Context) ([]Product, error) {
	if c := s.catalog.Load(); c != nil {
		return slices.Clone(*c), nil
	}
	ps, err := s.db.Products(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Product, 0, len(ps))
	for _, p := range ps {
		out = append(out, productView(p))
	}
	s.catalog.Store(&out)
	return slices.Clone(out), nil
}

func productView(p db.Product) Product {
	return Product{Slug: p.Slug, Name: p.Name, Description: p.Description, Icon: p.Icon, Price: Money{p.Currency, p.Price}}
}

// product returns a product by id (an order's), read from the database
// (through q: s.db.Queries, or a page's snapshot) once for the same
// reason as the catalogue; db.ErrNotFound if there is none (not kept:
// asked again next time).
func (s *Service) product(ctx context.Context, q *db.Queries, id int64) (db.Product, error) {
	if p, ok := s.products.Load(id); ok {
		return p.(db.Product), nil
	}
	p, err := q.ProductByID(ctx, id)
	if err != nil {
		return p, err
	}
	s.products.Store(id, p)
	return p, nil
}

// productBySlug returns a product by its slug, read from the database
// once like product; db.ErrNotFound if there is none (not kept).
func (s *Service) productBySlug(ctx context.Context, slug string) (db.Product, error) {
	if p, ok := s.productSlugs.Load(slug); ok {
		return p.(db.Product), nil
	}
	p, err := s.db.ProductBySlug(ctx, slug)
	if err != nil {
		return p, err
	}
	s.productSlugs.Store(slug, p)
	return p, nil
}
