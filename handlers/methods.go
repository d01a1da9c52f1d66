package handlers

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// headAsGet answers a HEAD request as the GET of the same address would
// be answered, status and headers alike, without the body (RFC 9110
// §9.3.2): the routes see a GET, and net/http, which still holds the
// original HEAD request, sends no body. An uptime check's `curl -I` gets
// the page's real status rather than 404.
func headAsGet(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodHead {
			r = r.Clone(r.Context())
			r.Method = http.MethodGet
		}
		next.ServeHTTP(w, r)
	})
}

// methodNotAllowed answers a request whose address exists for other
// methods only (a form posted to a page that only shows, a GET of
// Antom's notification address): 405 in its area's layout, nothing done.
// gin has set Allow to the methods the address takes; a page's GET is a
// HEAD too (headAsGet).
func (a *App) methodNotAllowed(c *gin.Context) {
	h := c.Writer.Header()
	if allow := h.Get("Allow"); strings.Contains(allow, http.MethodGet) {
		h.Set("Allow", allow+", "+http.MethodHead)
	}
	msg := adminMethodNotAllowed
	if !isAdminPath(c.Request.URL.Path) {
		msg = say(c, "error.method_not_allowed")
	}
	a.clientError(c, http.StatusMethodNotAllowed, msg)
}

// adminMethodNotAllowed is the admin's 405 message (the admin is in
// English; the shop's says to open the page from the shop).
const adminMethodNotAllowed = "This page cannot take that kind of request, so nothing was changed. " +
	"Open it from the admin and try again."
