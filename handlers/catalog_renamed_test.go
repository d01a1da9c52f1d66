package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"antom-checkout/checkout"
	"antom-checkout/db"
)

// bowlFile is a catalogue file selling one bowl under name (English)
// and thai, with a cup beside it unless bowl is false.
func bowlFile(name, thai string, bowl bool) string {
	cup := `[[product]]
slug = "tea-cup"
price = 900
currency = "USD"
[product.name]
en = "Tea cup"
`
	if !bowl {
		return cup
	}
	return cup + `[[product]]
slug = "rice-bowl"
price = 2400
currency = "USD"
icon = "mug"
[product.name]
en = "` + name + `"
th = "` + thai + `"
[product.description]
en = "Hand-thrown."
`
}

// sellCatalogText makes ta sell the catalogue file text from now on,
// synced into its database as a start with CATALOG does (a restart:
// a new Service), and returns what the sync did.
func sellCatalogText(t *testing.T, ta *testApp, text string) checkout.CatalogSynced {
	t.Helper()
	cat, err := checkout.ParseCatalog("catalog.toml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	done, err := checkout.SyncCatalog(context.Background(), ta.DB, cat)
	if err != nil {
		t.Fatal(err)
	}
	sealer, err := checkout.NewSealer([]byte("0123456789abcdef0123456789abcdef"))
	if err != nil {
		t.Fatal(err)
	}
	ta.Checkout = checkout.NewService(checkout.Deps{DB: ta.DB, Sealer: sealer, Log: ta.Log, Now: func() time.Time { return ta.now },
		Options: checkout.Options{GatewayURL: testGatewayURL, PasswordCost: bcrypt.MinCost, Catalog: cat}})
	return done
}

// payByCard marks order ref paid, as a card payment Antom confirmed.
func (ta *testApp) payByCard(t *testing.T, ref string) {
	t.Helper()
	id := ta.processingAttempt(t, ref, db.Attempt{PaymentRequestID: "PR-" + ref + "-CARD", Method: db.MethodCard,
		ExpiresAt: ta.now.Add(14 * time.Minute)})
	ta.settle(t, ref, id, db.AttemptSuccess, "SUCCESS", "PAY-"+ref)
}

// A product renamed in the catalogue file (same slug) keeps, on its
// orders made before, the name they were bought with — on the result
// page and My orders, in English and Thai — while a new order of it, and
// the storefront (one product per slug), say the new name. Starting
// again on the same file changes nothing.
func TestCatalogRenameKeepsOldOrdersWords(t *testing.T) {
	ta := newTestApp(t)
	sellCatalogText(t, ta, bowlFile("Celadon rice bowl", "ชามข้าวศิลาดล", true))
	b := ta.client(t)
	old := b.buy("rice-bowl", "1")
	ta.payByCard(t, old)

	renamed := bowlFile("Large celadon bowl", "ชามศิลาดลใบใหญ่", true)
	if done := sellCatalogText(t, ta, renamed); len(done.Changed) != 1 {
		t.Fatalf("rename: %+v, want rice-bowl changed", done)
	}
	for _, l := range []struct{ code, was, now string }{{"en", "Celadon rice bowl", "Large celadon bowl"}, {"th", "ชามข้าวศิลาดล", "ชามศิลาดลใบใหญ่"}} {
		b.post("/lang", url.Values{"lang": {l.code}, "next": {"/"}})
		for what, pg := range map[string]page{"result": b.get("/orders/" + old), "My orders": b.get("/orders")} {
			text := tagsOut.ReplaceAllString(pg.body, "")
			if pg.status != http.StatusOK || !strings.Contains(text, l.was) || strings.Contains(text, l.now) {
				t.Errorf("%s in %s: %d, want the bought %q and not the new %q", what, l.code, pg.status, l.was, l.now)
			}
		}
	}
	b.post("/lang", url.Values{"lang": {"en"}, "next": {"/"}})
	shop := b.get("/")
	if n := strings.Count(shop.body, `value="rice-bowl"`); n != 1 || !strings.Contains(shop.body, "Large celadon bowl") ||
		strings.Contains(shop.body, "Celadon rice bowl") {
		t.Errorf("storefront: rice-bowl offered %d times, want once, by its new name", n)
	}
	fresh := b.buy("rice-bowl", "2")
	for what, pg := range map[string]page{"checkout": b.get("/checkout/" + fresh), "result": b.get("/orders/" + fresh)} {
		if text := tagsOut.ReplaceAllString(pg.body, ""); !strings.Contains(text, "Large celadon bowl") {
			t.Errorf("new order's %s: %d, lacks the new name", what, pg.status)
		}
	}

	before, err := ta.DB.Products(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if done := sellCatalogText(t, ta, renamed); len(done.Added)+len(done.Changed) != 0 {
		t.Errorf("same file again: %+v, want nothing changed", done)
	}
	after, err := ta.DB.Products(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before) {
		t.Errorf("same file again: %d products, were %d", len(after), len(before))
	}
	if text := tagsOut.ReplaceAllString(b.get("/orders").body, ""); !strings.Contains(text, "Celadon rice bowl") {
		t.Errorf("My orders after a start on the same file lacks the bought name")
	}
}

// An order of a product since taken out of the catalogue file says the
// name it was bought with in the buyer's language (Thai), not only the
// English one the row keeps.
func TestCatalogRemovedProductKeepsItsWordsInEveryLanguage(t *testing.T) {
	ta := newTestApp(t)
	sellCatalogText(t, ta, bowlFile("Celadon rice bowl", "ชามข้าวศิลาดล", true))
	b := ta.client(t)
	b.post("/lang", url.Values{"lang": {"th"}, "next": {"/"}})
	ref := b.buy("rice-bowl", "1")
	ta.payByCard(t, ref)
	sellCatalogText(t, ta, bowlFile("", "", false))
	for what, pg := range map[string]page{"result": b.get("/orders/" + ref), "My orders": b.get("/orders")} {
		if text := tagsOut.ReplaceAllString(pg.body, ""); pg.status != http.StatusOK || !strings.Contains(text, "ชามข้าวศิลาดล") {
			t.Errorf("%s in Thai: %d, lacks the Thai name it was bought with", what, pg.status)
		}
	}
}
