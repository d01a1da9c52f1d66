package handlers

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"antom-checkout/lang"
)

// newCatalogApp is newTestApp selling the README's example catalogue
// file, synced into its database as a start does.
func newCatalogApp(t *testing.T) *testApp {
	t.Helper()
	ta := newTestApp(t)
	sellCatalogFile(t, ta)
	return ta
}

// sellCatalogFile makes ta sell the README's example catalogue file from
// now on, synced into its database as a start with CATALOG does.
func sellCatalogFile(t *testing.T, ta *testApp) {
	t.Helper()
	text, err := os.ReadFile("../catalog.example.toml")
	if err != nil {
		t.Fatal(err)
	}
	sellCatalogText(t, ta, string(text))
}

// An order of a product the shop's file does not sell — one of the demo
// shop's, made before the file (or a product of the file's since
// removed) — shows the name its row keeps, never the demo shop's words
// for that slug in the buyer's language: the catalogs speak for the
// demo's products only while the demo is the shop.
func TestCatalogFileOrdersOfOtherProductsKeepTheirRowsWords(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	b.post("/lang", url.Values{"lang": {"th"}, "next": {"/"}})
	p := b.post("/orders", url.Values{"product": {"teapot"}, "quantity": {"1"}})
	if p.status != http.StatusSeeOther {
		t.Fatalf("order: %d", p.status)
	}
	ref := strings.TrimPrefix(p.location, "/checkout/")
	sellCatalogFile(t, ta)
	thai, _ := lang.ByCode("th")
	demo := lang.For(thai).T("product.teapot.name")
	for what, pg := range map[string]page{"result": b.get("/orders/" + ref), "My orders": b.get("/orders")} {
		text := tagsOut.ReplaceAllString(pg.body, "")
		if pg.status != http.StatusOK || !strings.Contains(text, "Tokoname teapot") || strings.Contains(text, demo) {
			t.Errorf("%s: %d, want the row's %q and not the demo's Thai %q", what, pg.status, "Tokoname teapot", demo)
		}
	}
}

// A buyer reading another language sees the catalogue file's words for
// its products on every page that names them — the storefront, checkout,
// the result page and My orders — the default language's where the file
// gives none for theirs; the demo's products are not for sale.
func TestCatalogFileWordsOnBuyerPages(t *testing.T) {
	ta := newCatalogApp(t)
	cases := []struct{ lang, slug, name, about string }{
		{"th", "house-blend", "กาแฟเบลนด์ประจำร้าน", "เมล็ดกาแฟทั้งเมล็ด 500 กรัม คั่วตามสั่ง"},
		{"ko", "house-blend", "하우스 블렌드 커피", "500 g of whole beans, roasted to order."},
		{"zh-Hant", "travel-tumbler", "Travel tumbler", ""},
	}
	for _, tc := range cases {
		t.Run(tc.lang, func(t *testing.T) {
			b := ta.client(t)
			b.post("/lang", url.Values{"lang": {tc.lang}, "next": {"/"}})
			shop := b.get("/")
			if shop.status != http.StatusOK || !strings.Contains(shop.body, tc.name) || !strings.Contains(shop.body, tc.about) {
				t.Fatalf("storefront in %s: %d, lacks %q or %q", tc.lang, shop.status, tc.name, tc.about)
			}
			ll, _ := lang.ByCode(tc.lang)
			l := lang.For(ll)
			tagline := "Coffee roasted to order, and what to drink it from." // the example file's English, its default
			if tc.lang == "th" {
				tagline = "กาแฟคั่วตามสั่ง และแก้วสำหรับดื่ม"
			}
			if text := tagsOut.ReplaceAllString(shop.body, ""); !strings.Contains(text, tagline) || !strings.Contains(text, l.T("shop.lead_pay")) ||
				strings.Contains(text, l.T("shop.lead")) {
				t.Fatalf("storefront in %s: lacks the file's tagline %q or how to pay, or says the demo shop's lead", tc.lang, tagline)
			}
			for _, demo := range []string{`value="coffee"`, lang.For(lang.Languages[0]).T("product.coffee.name")} {
				if strings.Contains(shop.body, demo) {
					t.Fatalf("storefront in %s offers the demo's %q", tc.lang, demo)
				}
			}
			p := b.post("/orders", url.Values{"product": {tc.slug}, "quantity": {"2"}})
			if p.status != http.StatusSeeOther {
				t.Fatalf("order: %d %s", p.status, p.body)
			}
			checkoutPage := b.get(p.location)
			ref := strings.TrimPrefix(p.location, "/checkout/")
			for what, pg := range map[string]page{"checkout": checkoutPage, "result": b.get("/orders/" + ref), "My orders": b.get("/orders")} {
				if pg.status != http.StatusOK || !strings.Contains(pg.body, tc.name) {
					t.Errorf("%s in %s: %d, lacks %q", what, tc.lang, pg.status, tc.name)
				}
			}
		})
	}
}

// A Buy of a product not in the file (a page left open from before the
// file, or a hand-made form) creates nothing and says why in the buyer's
// language, Post/Redirect/Get: 303 to the storefront, which says it once,
// so that a reload shows the storefront and sends no order again.
func TestCatalogFileRefusesWhatIsNotForSale(t *testing.T) {
	ta := newCatalogApp(t)
	b := ta.client(t)
	b.post("/lang", url.Values{"lang": {"ms"}, "next": {"/"}})
	p := b.post("/orders", url.Values{"product": {"coffee"}, "quantity": {"1"}})
	if p.status != http.StatusSeeOther || !strings.HasPrefix(p.location, "/?notice=") {
		t.Fatalf("order of the demo's coffee: %d %q, want 303 to the storefront", p.status, p.location)
	}
	malay, _ := lang.ByCode("ms")
	want := lang.For(malay).T("shop.error_not_for_sale")
	shop := b.get(p.location)
	if text := tagsOut.ReplaceAllString(shop.body, ""); shop.status != http.StatusOK || !strings.Contains(shop.body, `data-testid="note"`) ||
		!strings.Contains(strings.ReplaceAll(text, "&#39;", "'"), want) {
		t.Fatalf("storefront after the Buy: %d, want it saying %q", shop.status, want)
	}
	again := b.get(p.location) // a reload
	if again.status != http.StatusOK || strings.Contains(again.body, want) {
		t.Fatalf("storefront reloaded: %d, want it without the notice, said once", again.status)
	}
	assertEqual(t, ta.orderCount(t), 0, "orders created")
}

// tagsOut matches a page's markup, to read its words as said (the word
// boxes of Chinese and Thai break no sentence).
var tagsOut = regexp.MustCompile(`<[^>]*>`)

// An order left open when the shop's file stopped selling its product
// offers no way to pay: its checkout page says the product is no longer
// for sale in place of the pay forms, and a press from a page shown before
// (a card pay here) starts nothing and lands there.
func TestCheckoutOfAProductNoLongerForSaleOffersNoWayToPay(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	p := b.post("/orders", url.Values{"product": {"teapot"}, "quantity": {"1"}})
	if p.status != http.StatusSeeOther {
		t.Fatalf("order: %d", p.status)
	}
	ref := strings.TrimPrefix(p.location, "/checkout/")
	sellCatalogFile(t, ta)
	words := strings.ReplaceAll(lang.For(lang.Languages[0]).T("checkout.not_for_sale"), "'", "&#39;") // as the page escapes it
	page := b.get("/checkout/" + ref)
	if page.status != http.StatusOK || !strings.Contains(page.body, `data-testid="attempts-used-up"`) || !strings.Contains(page.body, words) ||
		strings.Contains(page.body, `action="/checkout/`+ref+`/card"`) {
		t.Fatalf("checkout page of an order no longer for sale: %d, want its words and no pay form", page.status)
	}
	pay := b.post("/checkout/"+ref+"/card", url.Values{"key": {"k1"}})
	if pay.status != http.StatusSeeOther || !strings.HasPrefix(pay.location, "/checkout/"+ref) {
		t.Fatalf("a card press: %d %s, want back to the checkout page", pay.status, pay.location)
	}
	o, err := ta.DB.OrderByRef(context.Background(), ref)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := ta.DB.CountOrderAttempts(context.Background(), o.ID); err != nil || n != 0 {
		t.Fatalf("attempts stored: %d, %v", n, err)
	}
}
