package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// Routes returns the whole HTTP surface of the app. Read it top to bottom.
func (a *App) Routes() http.Handler {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.SetTrustedProxies(nil) // ClientIP is the peer address; headers cannot spoof it
	r.Use(a.logRequests, a.recoverPanics, a.securityHeaders)

	r.GET("/", a.home)
	r.GET("/healthz", a.healthz)
	r.StaticFS("/static", staticFS())

	// Antom calls this for every kind of notification (DESIGN.md §4).
	r.POST("/antom/notify", a.antomNotify)

	r.NoRoute(a.notFound)

	// Outermost: same-origin checks for every state-changing browser
	// request (server-to-server POSTs such as Antom's pass), then sessions.
	return http.NewCrossOriginProtection().Handler(a.Sessions.LoadAndSave(r))
}
