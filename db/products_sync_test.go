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

// upgradedFrom is a database of backend b that an earlier release left
// at schema version, with before run on it then, opened (migrated) by
// this one.
func upgradedFrom(t *testing.T, b db.Backend, version int, before func(d *db.DB)) *db.DB {
	t.Helper()
	source := dbtest.Source(t, b)
	old, err := db.OpenAt(ctx, source, version)
	check(t, err)
	before(old)
	check(t, old.Close())
	d, err := db.Open(ctx, source)
	check(t, err)
	t.Cleanup(func() { d.Close() })
	return d
}

// rowOfBefore writes p's row as a release before words were kept did.
func rowOfBefore(t *testing.T, d *db.DB, p db.Product) {
	t.Helper()
	_, err := d.Raw().ExecContext(ctx, `INSERT INTO products (slug, name, description, icon, currency, price) VALUES (?, ?, ?, ?, ?, ?)`,
		p.Slug, p.Name, p.Description, p.Icon, p.Currency, p.Price)
	check(t, err)
}

// A row from before words were kept (no words_lang) whose words are the
// file's takes the file's words as its own, quietly and in place, even
// with orders: the first start of the release that keeps words.
func TestSyncProductsKeepsWordsOfOlderRows(t *testing.T) {
	for _, b := range backends {
		t.Run(string(b), func(t *testing.T) {
			p := bowl("Celadon rice bowl", "ชามข้าว", 2400)
			d := upgradedFrom(t, b, 55, func(d *db.DB) { rowOfBefore(t, d, p) })
			old, err := d.ProductBySlug(ctx, p.Slug)
			check(t, err)
			eq(t, old.WordsOnce, true, "a row of before, no sync since the upgrade")
			o := insertOrder(t, d, db.Order{Ref: "ORD-OLD", Currency: "USD", Amount: 2400})
			_, err = d.Raw().ExecContext(ctx, `UPDATE orders SET product_id = ? WHERE id = ?`, old.ID, o.ID)
			check(t, err)
			done, err := d.SyncProducts(ctx, []db.Product{p})
			check(t, err)
			eq(t, len(done.Added)+len(done.Changed)+len(done.Replaced), 0, "nothing said changed")
			now, err := d.ProductBySlug(ctx, p.Slug)
			check(t, err)
			eq(t, now.ID == old.ID && now.Lang == "en" && !now.Retired && !now.WordsOnce, true, "the same row, its default language kept")
			words, err := d.ProductWords(ctx, old.ID)
			check(t, err)
			eq(t, slices.Equal(words, p.Words), true, "its words kept")
		})
	}
}

// A row from before words were kept takes its file's words at the first
// sync since the upgrade only: one out of the file then that comes back
// later — its words in the other languages may have changed meanwhile,
// which its orders were not bought with — is retired like any row whose
// words change, its orders keeping its English words. So is one left
// by a sync of schema 56, which gave the words at every sync.
func TestSyncProductsGivesOlderRowsTheirWordsOnce(t *testing.T) {
	cup := db.Product{Slug: "tea-cup", Name: "Tea cup", Description: "Porcelain.", Icon: "mug", Currency: "USD", Price: 900,
		Lang: "en", Words: []db.ProductWord{{Lang: "en", Name: "Tea cup", About: "Porcelain."}}}
	p := bowl("Celadon rice bowl", "ชามข้าวใหม่", 2400)
	comesBack := func(t *testing.T, d *db.DB) {
		t.Helper()
		old, err := d.ProductBySlug(ctx, p.Slug)
		check(t, err)
		eq(t, old.WordsOnce, false, "past the first sync")
		done, err := d.SyncProducts(ctx, []db.Product{cup, p})
		check(t, err)
		eq(t, slices.Equal(done.Changed, []string{p.Slug}), true, "back in the file: changed")
		kept, err := d.ProductByID(ctx, old.ID)
		check(t, err)
		words, err := d.ProductWords(ctx, old.ID)
		check(t, err)
		eq(t, kept.Retired && kept.Lang == "" && len(words) == 0 && kept.Name == p.Name, true, "the row of before retired, its English words its orders'")
		now, err := d.ProductBySlug(ctx, p.Slug)
		check(t, err)
		eq(t, now.ID != old.ID && now.Lang == "en", true, "a new row sells it with the file's words")
	}
	for _, b := range backends {
		t.Run(string(b)+"/out of the file at the first sync", func(t *testing.T) {
			d := upgradedFrom(t, b, 55, func(d *db.DB) { rowOfBefore(t, d, p); rowOfBefore(t, d, cup) })
			done, err := d.SyncProducts(ctx, []db.Product{cup})
			check(t, err)
			eq(t, len(done.Added)+len(done.Changed), 0, "the cup takes its words quietly")
			comesBack(t, d)
		})
		t.Run(string(b)+"/synced at schema 56", func(t *testing.T) {
			d := upgradedFrom(t, b, 56, func(d *db.DB) {
				rowOfBefore(t, d, p)
				_, err := d.Raw().ExecContext(ctx, `INSERT INTO products (slug, name, description, icon, currency, price, words_lang) VALUES (?, ?, ?, ?, ?, ?, ?)`,
					cup.Slug, cup.Name, cup.Description, cup.Icon, cup.Currency, cup.Price, cup.Lang)
				check(t, err)
				_, err = d.Raw().ExecContext(ctx, `INSERT INTO product_words (product_id, lang, name, about)
					SELECT id, 'en', name, description FROM products WHERE slug = ?`, cup.Slug)
				check(t, err)
			})
			comesBack(t, d)
		})
	}
}

// The demo shop's row of a slug a merchant's file gives another product
// (their own notebook) is replaced, not changed: the file's product is
// added on a new row, the demo's row retired with its words for its
// orders, and the sync says so (Replaced, in neither Added nor Changed).
// The demo's product with its very words, at the first sync, is the
// merchant's from then on, in place (Upgrading: to keep selling the
// products sold before); a file giving it other words later changes it.
func TestSyncProductsReplacesTheDemos(t *testing.T) {
	notebook := func(name string) db.Product {
		return db.Product{Slug: "notebook", Name: name, Description: "A5, 120 pages of good paper.", Icon: "notebook", Currency: "USD", Price: 725,
			Lang: "en", Words: []db.ProductWord{{Lang: "en", Name: name, About: "A5, 120 pages of good paper."}}}
	}
	mug := db.Product{Slug: "mug", Name: "Enamel camp mug", Description: "Holds 350 ml, survives the trail.", Icon: "mug", Currency: "USD", Price: 1300,
		Lang: "en", Words: []db.ProductWord{{Lang: "en", Name: "Enamel camp mug", About: "Holds 350 ml, survives the trail."}}}
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		demo, err := d.ProductBySlug(ctx, "notebook")
		check(t, err)
		demoMug, err := d.ProductBySlug(ctx, "mug")
		check(t, err)
		eq(t, demo.Demo && demo.WordsOnce && demoMug.Demo, true, "the demo's rows")
		done, err := d.SyncProducts(ctx, []db.Product{notebook("Linen notebook"), mug})
		check(t, err)
		eq(t, slices.Equal(done.Replaced, []string{"notebook"}) && len(done.Added) == 0 && slices.Equal(done.Changed, []string{"mug"}), true,
			"the demo's notebook replaced; the demo's mug, repriced, changed")
		was, err := d.ProductByID(ctx, demo.ID)
		check(t, err)
		eq(t, was.Retired && was.Demo && was.Name == "Dotted notebook", true, "the demo's row kept for its orders")
		now, err := d.ProductBySlug(ctx, "notebook")
		check(t, err)
		eq(t, now.ID != demo.ID && now.Name == "Linen notebook" && !now.Demo, true, "the merchant's on a new row")
		mugNow, err := d.ProductBySlug(ctx, "mug")
		check(t, err)
		eq(t, mugNow.ID == demoMug.ID && !mugNow.Demo && mugNow.Lang == "en" && mugNow.Price == 1300, true, "the demo's mug, its words, is the file's in place")

		done, err = d.SyncProducts(ctx, []db.Product{notebook("Linen notebook"), mug})
		check(t, err)
		eq(t, len(done.Added)+len(done.Changed)+len(done.Replaced), 0, "the same file again")
		renamed := mug
		renamed.Name, renamed.Words = "Camp mug", []db.ProductWord{{Lang: "en", Name: "Camp mug", About: mug.Description}}
		done, err = d.SyncProducts(ctx, []db.Product{notebook("Linen notebook"), renamed})
		check(t, err)
		eq(t, slices.Equal(done.Changed, []string{"mug"}) && len(done.Replaced) == 0, true, "the mug, the merchant's now, renamed: changed")
	})
}
