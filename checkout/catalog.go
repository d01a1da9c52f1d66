package checkout

import (
	"context"
	"errors"
	"slices"

	"antom-checkout/db"
)

// Product is a catalogue item as shoppers see it.
type Product struct {
	ID          int64 // the product's row: an order's, which may be Retired
	Retired     bool  // no longer the slug's row (db.Product.Retired)
	Slug        string
	Name        string
	Description string
	Icon        string
	Price       Money
}

// Products returns the catalogue: the products for sale, in the
// merchant's catalogue file's order (Options.Catalog), else the demo
// shop's. Only migrations and SyncCatalog write it, and they run before
// the app starts, so it is read from the database once.
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
		if s.forSale(p) {
			out = append(out, productView(s.asSold(p)))
		}
	}
	if c := s.opts.Catalog; c != nil {
		slices.SortStableFunc(out, func(a, b Product) int { return c.place(a.Slug) - c.place(b.Slug) })
	}
	s.catalog.Store(&out)
	return slices.Clone(out), nil
}

func productView(p db.Product) Product {
	return Product{ID: p.ID, Retired: p.Retired, Slug: p.Slug, Name: p.Name, Description: p.Description, Icon: p.Icon, Price: Money{p.Currency, p.Price}}
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
	var p db.Product
	var err error
	if id, ok := s.opts.Catalog.row(slug); ok {
		p, err = s.db.ProductByID(ctx, id) // the row this instance's start left, retired since or not
	} else {
		p, err = s.db.ProductBySlug(ctx, slug)
	}
	if err != nil {
		return p, err
	}
	s.productSlugs.Store(slug, p)
	return p, nil
}

// asSold is p as this instance sells it: with a merchant's catalogue
// file, the file's price, currency, icon and English words over the
// row's. The row holds what the last instance to start wrote (SyncCatalog
// at each start), which during a rolling change of the file may be
// another instance's file: the price an instance shows and charges is
// its own file's, read once at start, never a row another wrote since.
// A product not in the file (no longer for sale) is the row as kept.
func (s *Service) asSold(p db.Product) db.Product {
	c := s.opts.Catalog
	if c == nil {
		return p
	}
	i := c.place(p.Slug)
	if i < 0 {
		return p
	}
	row := c.Products[i].sold()
	row.ID, row.Test = p.ID, p.Test
	return row
}

// OwnCatalogue reports whether the shop sells a merchant's catalogue
// file (CATALOG) rather than the demo shop's products.
func (s *Service) OwnCatalogue() bool { return s.opts.Catalog != nil }

// forSale reports whether p is for sale: in the merchant's catalogue file
// when there is one, else any product but the test payment's. A product
// no longer in the file stays in the database for the orders made of it.
func (s *Service) forSale(p db.Product) bool {
	return !p.Test && s.inCatalogue(p.Slug)
}

// inCatalogue reports whether the shop's catalogue lists the product
// slug: any with the demo's, else only the merchant's file's.
func (s *Service) inCatalogue(slug string) bool {
	return s.opts.Catalog == nil || s.opts.Catalog.place(slug) >= 0
}

// ProductWords are the product slug's name and description in the
// language code as the merchant's catalogue file gives them (its default
// language's where it gives none for code); ok is false for a product
// not in the file, or with no file: the lang catalogs' words, or the
// database's, are the product's then.
func (s *Service) ProductWords(slug, code string) (name, about string, ok bool) {
	c := s.opts.Catalog
	if c == nil {
		return "", "", false
	}
	i := c.place(slug)
	if i < 0 {
		return "", "", false
	}
	name, about = c.Products[i].Words(code)
	return name, about, true
}

// ShopTagline is the storefront's line about the shop in language code
// and whether the shop sells its own catalogue (CATALOG): its file's
// [tagline] then ("" without one), never the demo shop's.
func (s *Service) ShopTagline(code string) (tagline string, own bool) {
	if s.opts.Catalog == nil {
		return "", false
	}
	return s.opts.Catalog.Tagline(code), true
}

// ErrNotForSale: the product is no longer for sale (the merchant's
// catalogue file no longer lists it): no order of it is made
// (CreateOrder), and no payment of an order of it is started, nothing is
// stored or sent. Its checkout page says so (Result.Unpayable) in place
// of the ways to pay.
var ErrNotForSale = errors.New("checkout: the product is no longer for sale")

// payableProduct reports whether an order of the product slug may still
// be paid: always with the demo's catalogue and for the sandbox's test
// payments; with a merchant's catalogue file, only while the file lists
// the product. An order made before it was taken out of the file stays
// readable, and is paid no more.
func (s *Service) payableProduct(slug string) bool {
	return slug == db.TestPaymentSlug || s.inCatalogue(slug)
}
