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
