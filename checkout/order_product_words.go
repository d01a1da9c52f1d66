package checkout

import (
	"context"

	"antom-checkout/db"
)

// OrderProductWords are the name and description an order's product p
// (Order.Product, or MyOrder's) says in language code: the words the
// order was bought with. While p is its slug's row and the merchant's
// catalogue file lists it, the file's (ProductWords: from memory, no
// query); else the words the row keeps (db.SyncProducts) in code,
// else in the row's default language, else its name and description;
// read once per row. ok is false for the demo shop's products and the
// test payment's, whose words are the lang catalogs'.
func (s *Service) OrderProductWords(ctx context.Context, p Product, code string) (name, about string, ok bool) {
	if !p.Retired {
		if name, about, ok := s.ProductWords(p.Slug, code); ok {
			return name, about, true
		}
	}
	if p.Slug == db.TestPaymentSlug || !p.Retired && s.opts.Catalog == nil {
		return "", "", false
	}
	row, words, err := s.kept(ctx, p.ID)
	if err != nil {
		s.log.ErrorContext(ctx, "product words", "product", p.ID, "err", err)
		return p.Name, p.Description, true
	}
	for _, want := range []string{code, row.Lang} {
		for _, w := range words {
			if w.Lang == want {
				return w.Name, w.About, true
			}
		}
	}
	return row.Name, row.Description, true
}

// keptWords is a product row and the words it keeps.
type keptWords struct {
	row   db.Product
	words []db.ProductWord
}

// kept returns product row id and its words, read once: a row's words
// never change once it has orders, and an order's product is the only
// row asked for.
func (s *Service) kept(ctx context.Context, id int64) (db.Product, []db.ProductWord, error) {
	if k, ok := s.keptWords.Load(id); ok {
		return k.(keptWords).row, k.(keptWords).words, nil
	}
	row, err := s.product(ctx, s.db.Queries, id)
	if err != nil {
		return row, nil, err
	}
	words, err := s.db.ProductWords(ctx, id)
	if err != nil {
		return row, nil, err
	}
	s.keptWords.Store(id, keptWords{row, words})
	return row, words, nil
}
