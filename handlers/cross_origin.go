package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// crossOrigin is Go's same-origin check for state-changing browser
// requests (http.CrossOriginProtection), answering what it refuses with
// our own 403 page (crossOriginRefused) instead of Go's plain English
// text. Nothing the request asked for runs.
func (a *App) crossOrigin(next http.Handler) http.Handler {
	p := http.NewCrossOriginProtection()
	p.SetDenyHandler(a.crossOriginRefused())
	return p.Handler(next)
}

// crossOriginRefused is the 403 page for a request the cross-origin check
// refused: under /admin the staff's error page, in English, with the
// signed-in staff member if the session says so (the session is read but
// never saved: the refused request changes nothing, not even its
// expiry); elsewhere the shop's, in the buyer's language (the lang
// cookie, SameSite=None where Secure so it comes with a cross-site post
// too — langCookieSameSite; else Accept-Language), with a neutral header
// (views.Page.Neutral): a browser sends a cross-site post without our
// SameSite=Lax session cookie, so the page cannot know whether the buyer
// is signed in and claims neither.
func (a *App) crossOriginRefused() http.Handler {
	r := gin.New()
	if err := r.SetTrustedProxies(a.TrustedProxies); err != nil { // as Routes: the log's ip is the peer's, or the configured proxies'
		r.SetTrustedProxies(nil)
	}
	r.Use(a.inZone, a.logRequests, a.recoverPanics, a.securityHeaders())
	r.NoRoute(func(c *gin.Context) {
		c.Set(ctxRoute, crossOriginRoute) // the log line's and the metrics' route
		if isAdminPath(c.Request.URL.Path) {
			a.loadStaff(c)
			return
		}
		c.Set(ctxNeutralPage, true)
	}, a.chooseLanguage, func(c *gin.Context) {
		msg := "This form came from another site (or from a page of this one opened from another site), " +
			"so it was refused and nothing was done. Open the page here and send it again."
		if !isAdminPath(c.Request.URL.Path) {
			msg = say(c, "error.cross_origin")
		}
		a.clientError(c, http.StatusForbidden, msg)
	})
	return a.readSessions(r)
}

// ctxNeutralPage marks a buyer page that cannot know who is signed in
// (crossOriginRefused): page leaves the buyer and any notice out and
// makes its header neutral.
const ctxNeutralPage = "neutralPage"
