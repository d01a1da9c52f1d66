package handlers

import (
	"bytes"
	"net/http"
	"strings"

	"github.com/a-h/templ"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/db"
	"antom-checkout/lang"
	"antom-checkout/views"
)

// storefront is the shop's front page: the catalogue with a buy form on
// every product.
func (a *App) storefront(c *gin.Context) {
	page := a.page(c, "shop.title", "shop")
	key, same := guestShop(c, page)
	if same {
		if html, ok := a.shops.Load(key); ok {
			a.writePage(c, http.StatusOK, html.([]byte))
			return
		}
	}
	m, err := a.shopModel(c, page, "", "", views.TestPaymentForm{Currency: "USD"})
	if err != nil {
		a.serverError(c, err)
		return
	}
	if !same {
		a.render(c, http.StatusOK, views.StorefrontPage(m))
		return
	}
	var buf bytes.Buffer
	if err := views.StorefrontPage(m).Render(c.Request.Context(), &buf); err != nil {
		a.serverError(c, err)
		return
	}
	html, _ := a.shops.LoadOrStore(key, buf.Bytes())
	a.writePage(c, http.StatusOK, html.([]byte))
}

// renderStorefront shows the catalogue, with why an order for product
// could not be made, if it could not.
func (a *App) renderStorefront(c *gin.Context, status int, problem, product string) {
	a.renderShop(c, status, problem, product, views.TestPaymentForm{Currency: "USD"})
}

// renderShop is renderStorefront with the test payment form as sent.
func (a *App) renderShop(c *gin.Context, status int, problem, product string, test views.TestPaymentForm) {
	m, err := a.shopModel(c, a.page(c, "shop.title", "shop"), problem, product, test)
	if err != nil {
		a.serverError(c, err)
		return
	}
	a.render(c, status, views.StorefrontPage(m))
}

// shopModel is the storefront's model on page, with why an order for
// product could not be made (problem, "" for none) and the test payment
// form as sent. Its error is the catalogue's (checkout.Service.Products).
func (a *App) shopModel(c *gin.Context, page views.Page, problem, product string, test views.TestPaymentForm) (views.Storefront, error) {
	ps, err := a.Checkout.Products(c.Request.Context())
	if err != nil {
		return views.Storefront{}, err
	}
	m := views.Storefront{Page: page, Error: problem, ErrorSlug: product}
	m.Tagline, m.OwnCatalogue = a.Checkout.ShopTagline(lang.From(c.Request.Context()).Lang().Code)
	if problem == "" {
		m.Cards = a.catalogueCards(c, ps)
	}
	if m.Cards == nil {
		m.Products = a.productViews(c, ps)
	}
	if a.Checkout.TestPaymentsOffered() {
		test.Currencies = checkout.TestPaymentCurrencies()
		m.Test = &test
	}
	return m, nil
}

// productViews are the catalogue's products as the storefront shows them,
// in the page's language.
func (a *App) productViews(c *gin.Context, ps []checkout.Product) []views.Product {
	out := make([]views.Product, 0, len(ps))
	for _, p := range ps {
		name, about := a.productWords(c, p.Slug, p.Name, p.Description)
		out = append(out, views.Product{Slug: p.Slug, Name: name, Description: about, Icon: p.Icon, Price: money(c, p.Price)})
	}
	return out
}

// catalogueCards are the storefront's product cards (no order error) in
// the page's language, rendered the first time a page in that language
// asks for them and kept in a.cards: the catalogue is read once
// (checkout.Service.Products) and the catalogs are part of the binary,
// so the cards are the same bytes for every page view until the process
// ends. nil (render them) if rendering fails.
func (a *App) catalogueCards(c *gin.Context, ps []checkout.Product) templ.Component {
	code := lang.From(c.Request.Context()).Lang().Code
	if html, ok := a.cards.Load(code); ok {
		return templ.Raw(html.(string))
	}
	var buf strings.Builder
	if err := views.ProductCards(a.productViews(c, ps), "", "").Render(c.Request.Context(), &buf); err != nil {
		return nil
	}
	html, _ := a.cards.LoadOrStore(code, buf.String())
	return templ.Raw(html.(string))
}

// productWords are a product's name and description in the page's
// language: the merchant's catalogue file's (CATALOG), else the
// catalogs' product.<slug>.name and .about, or the database's own words
// for a product neither knows. With a catalogue file, a product no
// longer in it has the database's words (its last English ones, kept),
// never the demo shop's of the same slug: the catalogs speak for the
// demo's products and the sandbox's test payment only.
func (a *App) productWords(c *gin.Context, slug, name, about string) (string, string) {
	l := lang.From(c.Request.Context())
	if n, d, ok := a.Checkout.ProductWords(slug, l.Lang().Code); ok {
		return n, d
	}
	if a.Checkout.OwnCatalogue() && slug != db.TestPaymentSlug {
		return name, about
	}
	if id := "product." + slug + ".name"; l.Has(id) {
		name = l.T(id)
	}
	if id := "product." + slug + ".about"; l.Has(id) {
		about = l.T(id)
	}
	return name, about
}
