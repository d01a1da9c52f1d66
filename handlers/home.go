package handlers

import (
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"antom-checkout/views"
)

func (a *App) home(c *gin.Context) {
	host := a.Gateway.URL
	if u, err := url.Parse(a.Gateway.URL); err == nil && u.Host != "" {
		host = u.Host
	}
	a.render(c, http.StatusOK, views.HomePage(views.Home{
		Page:        a.page(c, "Shop", "shop"),
		GatewayHost: host,
		ClientID:    a.ClientID,
	}))
}
