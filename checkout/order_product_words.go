package checkout

import (
	"context"

	"antom-checkout/db"
)

// OrderProductWords are the name and description an order's product p
// (Order.Product, or MyOrder's) says in language code: the words the
// order was bought with. While p is the row this instance sells its
// slug on (soldOnOwnRow), the file's (ProductWords: from memory, no
// query); else the words the row keeps (db.SyncProducts) in code,
// else in the row's default language, else its name and description;
// read once per row (a row's kept words change only when a row from
// before migration 56 takes its file's, at a start). ok is false with
// no catalogue file, and for the test payment, whose words are the lang
// catalogs'.
func (s *Service) OrderProductWords(ctx context.Context, p Product, code string) (name, about string, ok bool) {
	if s.soldOnOwnRow(p) {
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

// kept returns product row id and its words, read once: a change of a
// product's words retires its row (db.SyncProducts), so a row's kept
// words change only when a row from before migration 56 takes its
// file's, at a start; and an order's product is the only row asked for.
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

// soldOnOwnRow reports whether p is the row this instance sells its slug
// on (Catalog.row, pinned by its start's sync), so that its file's words
// are p's; before any sync (a Service made without one), whether p is
// still its slug's row. During a rolling change of the file another
// instance's row, or a row another instance retired, is named by the
// words it keeps.
func (s *Service) soldOnOwnRow(p Product) bool {
	if id, ok := s.opts.Catalog.row(p.Slug); ok {
		return id == p.ID
	}
	return !p.Retired
}
