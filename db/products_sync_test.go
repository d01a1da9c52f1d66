package db_test

import (
	"slices"
	"testing"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// bowl is a catalogue file's product as SyncProducts gets it.
func bowl(name, thai string, price int64) db.Product {
	return db.Product{Slug: "rice-bowl", Name: name, Description: "Hand-thrown.", Icon: "mug", Currency: "USD", Price: price,
		Lang: "en", Words: []db.ProductWord{{Lang: "en", Name: name, About: "Hand-thrown."}, {Lang: "th", Name: thai, About: "Hand-thrown."}}}
}

// A product's words are kept by language with its row. A row whose
// words change is retired — it keeps its words, its orders keep it (and
// an instance still on the file of before keeps selling on it), and a new
// row sells the slug (ProductBySlug, Products, the sync's Rows) — while
// a new price alone changes the row in place. The same file again
// changes nothing.
func TestSyncProductsRetiresSoldRows(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		done, err := d.SyncProducts(ctx, []db.Product{bowl("Celadon bowl", "ชาม", 2400)})
		check(t, err)
		eq(t, slices.Equal(done.Added, []string{"rice-bowl"}), true, "added")
		unsold, err := d.ProductBySlug(ctx, "rice-bowl")
		check(t, err)
		eq(t, done.Rows["rice-bowl"], unsold.ID, "the row the sync left")
		done, err = d.SyncProducts(ctx, []db.Product{bowl("Celadon rice bowl", "ชามข้าว", 2400)})
		check(t, err)
		eq(t, len(done.Changed), 1, "renamed, unsold")
		first, err := d.ProductBySlug(ctx, "rice-bowl")
		check(t, err)
		eq(t, first.ID != unsold.ID && first.Name == "Celadon rice bowl" && done.Rows["rice-bowl"] == first.ID, true, "a renamed row, sold or not, is retired: a new row sells the slug")
		was, err := d.ProductByID(ctx, unsold.ID)
		check(t, err)
		eq(t, was.Retired && was.Name == "Celadon bowl", true, "the row of before keeps its words")

		o := insertOrder(t, d, db.Order{Ref: "ORD-BOWL", Currency: "USD", Amount: 2400})
		_, err = d.Raw().ExecContext(ctx, `UPDATE orders SET product_id = ? WHERE id = ?`, first.ID, o.ID)
		check(t, err)
		done, err = d.SyncProducts(ctx, []db.Product{bowl("Celadon rice bowl", "ชามข้าว", 2600)})
		check(t, err)
		again, err := d.ProductBySlug(ctx, "rice-bowl")
		check(t, err)
		eq(t, len(done.Changed) == 1 && again.ID == first.ID && again.Price == 2600 && !again.Retired, true, "a new price alone: in place")

		done, err = d.SyncProducts(ctx, []db.Product{bowl("Large celadon bowl", "ชามใหญ่", 2600)})
		check(t, err)
		eq(t, len(done.Changed), 1, "renamed, sold")
		now, err := d.ProductBySlug(ctx, "rice-bowl")
		check(t, err)
		eq(t, now.ID != first.ID && now.Name == "Large celadon bowl" && !now.Retired && now.Lang == "en", true, "a new row sells the slug")
		kept, err := d.ProductByID(ctx, first.ID)
		check(t, err)
		eq(t, kept.Slug == "rice-bowl" && kept.Retired && kept.Name == "Celadon rice bowl", true, "the sold row is retired, its words kept")
		words, err := d.ProductWords(ctx, first.ID)
		check(t, err)
		eq(t, slices.Equal(words, bowl("Celadon rice bowl", "ชามข้าว", 2600).Words), true, "its words by language")
		ps, err := d.Products(ctx)
		check(t, err)
		n := 0
		for _, p := range ps {
			if p.Slug == "rice-bowl" {
				n++
			}
		}
		eq(t, n, 1, "the catalogue lists the slug once")
		lines, err := d.OwnedOrders(ctx, 0, "", 10)
		check(t, err)
		eq(t, len(lines), 0, "nobody's orders")

		done, err = d.SyncProducts(ctx, []db.Product{bowl("Large celadon bowl", "ชามใหญ่", 2600)})
		check(t, err)
		eq(t, len(done.Added)+len(done.Changed), 0, "the same file again changes nothing")
		after, err := d.Products(ctx)
		check(t, err)
		eq(t, len(after), len(ps), "no row added")
	})
}

// A row from before words were kept (no words_lang) whose words are the
// file's takes the file's words as its own, quietly and in place, even
// with orders: the first start of the release that keeps words.
func TestSyncProductsKeepsWordsOfOlderRows(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		p := bowl("Celadon rice bowl", "ชามข้าว", 2400)
		_, err := d.Raw().ExecContext(ctx, `INSERT INTO products (slug, name, description, icon, currency, price) VALUES (?, ?, ?, ?, ?, ?)`,
			p.Slug, p.Name, p.Description, p.Icon, p.Currency, p.Price)
		check(t, err)
		old, err := d.ProductBySlug(ctx, p.Slug)
		check(t, err)
		o := insertOrder(t, d, db.Order{Ref: "ORD-OLD", Currency: "USD", Amount: 2400})
		_, err = d.Raw().ExecContext(ctx, `UPDATE orders SET product_id = ? WHERE id = ?`, old.ID, o.ID)
		check(t, err)
		done, err := d.SyncProducts(ctx, []db.Product{p})
		check(t, err)
		eq(t, len(done.Added)+len(done.Changed), 0, "nothing said changed")
		now, err := d.ProductBySlug(ctx, p.Slug)
		check(t, err)
		eq(t, now.ID == old.ID && now.Lang == "en" && !now.Retired, true, "the same row, its default language kept")
		words, err := d.ProductWords(ctx, old.ID)
		check(t, err)
		eq(t, slices.Equal(words, p.Words), true, "its words kept")
	})
}
