package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

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
	a.render(c, status, views.StorefrontPage(m))
}
