package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// storefront is the shop's front page: the catalogue with a buy form on
// every product.
func (a *App) storefront(c *gin.Context) {
	a.renderStorefront(c, http.StatusOK, "", "")
}

// renderStorefront shows the catalogue, with why an order for product
// could not be made, if it could not.
func (a *App) renderStorefront(c *gin.Context, status int, problem, product string) {
	a.renderShop(c, status, problem, product, views.TestPaymentForm{Currency: "USD"})
}

// renderShop is renderStorefront with the test payment form as sent.
func (a *App) renderShop(c *gin.Context, status int, problem, product string, test views.TestPaymentForm) {
	ps, err := a.Checkout.Products(c.Request.Context())
	if err != nil {
		a.serverError(c, err)
		return
	}
	m := views.Storefront{Page: a.page(c, "Shop", "shop"), Error: problem, ErrorSlug: product}
	for _, p := range ps {
		m.Products = append(m.Products, views.Product{
			Slug: p.Slug, Name: p.Name, Description: p.Description, Icon: p.Icon, Price: p.Price.String(),
		})
	}
	if a.Checkout.TestPaymentsOffered() {
		test.Currencies = checkout.TestPaymentCurrencies()
		m.Test = &test
	}
	a.render(c, status, views.StorefrontPage(m))
}
