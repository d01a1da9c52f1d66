package handlers

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/a-h/templ"
	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/lang"
	"antom-checkout/views"
)

// render writes a component with the request's context. It renders into a
// buffer first, so a failing template gives a clean 500, not half a page;
// the buffers are reused, and the page goes out in one piece with its
// length (not chunked).
func (a *App) render(c *gin.Context, status int, comp templ.Component) {
	buf := pageBuffers.Get().(*bytes.Buffer)
	defer putPageBuffer(buf)
	if err := comp.Render(c.Request.Context(), buf); err != nil {
		a.serverError(c, err)
		return
	}
	a.writePage(c, status, buf.Bytes())
}

// writePage answers status with html, a whole page already rendered.
func (a *App) writePage(c *gin.Context, status int, html []byte) {
	c.Header("Content-Length", strconv.Itoa(len(html)))
	c.Data(status, "text/html; charset=utf-8", html)
}

// pageBuffers holds buffers pages are rendered into.
var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// putPageBuffer returns a buffer to the pool, unless an unusually large
// page grew it (kept, it would hold that memory for good).
func putPageBuffer(buf *bytes.Buffer) {
	if buf.Cap() > 256<<10 {
		return
	}
	buf.Reset()
	pageBuffers.Put(buf)
}

// page returns the layout model every page starts from, with the
// signed-in buyer and any one-time notice left for this page (flashTo,
// noteTo).
// title is a message ID of the buyer pages' catalogs (package lang), said
// with args in the page's language; so is the notice (flashTo stores its
// ID).
func (a *App) page(c *gin.Context, title, nav string, args ...lang.Args) views.Page {
	p := a.pageNoticesTaken(c, title, nav, args...)
	if p.Neutral {
		return p
	}
	shown := a.takeNotices(c) // guests get notices too
	if shown.Flash != "" {
		p.Flash = say(c, shown.Flash, flashArgs(shown.FlashArgs))
	}
	if shown.Note != "" {
		p.Note = say(c, shown.Note)
	}
	return p
}

// pageNoticesTaken is page for a handler that has taken the notices left
// for its page itself (takeNotices) and says the ones it shows: page's
// second read would find none of them, after reading and decoding every
// notice the session holds for other pages.
func (a *App) pageNoticesTaken(c *gin.Context, title, nav string, args ...lang.Args) views.Page {
	p := views.Page{
		Title:      say(c, title, args...),
		Merchant:   a.Merchant,
		Contact:    a.Contact,
		Nav:        nav,
		Sandbox:    a.Gateway.Sandbox,
		SandboxURL: a.Gateway.ControlURL,
		Here:       currentPage(c),
	}
	_, p.Phone = phoneOS(c.Request.UserAgent())
	if c.GetBool(ctxNeutralPage) {
		p.Neutral = true
		return p
	}
	if b, ok := buyerOf(c); ok {
		p.BuyerEmail = b.Email
	}
	return p
}

// serverError logs err and answers a generic 500 page: internal details
// (and anything secret they might hold) stay in the log. A request that
// failed because its context ended (its client left, or the shutdown
// deadline cut it off) is no server error: requestEnded answers it.
func (a *App) serverError(c *gin.Context, err error) {
	// Work that ended with the request (context.Canceled, or the cause
	// the request was cancelled with, e.g. ErrShutdownDeadline, which a
	// wait on work going on in the background returns) is no server error.
	if ctx := c.Request.Context(); ctx.Err() != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.Cause(ctx))) {
		a.requestEnded(c, err)
		return
	}
	a.Log.Error("server error", "method", c.Request.Method, "path", c.Request.URL.Path, "err", err,
		"http_request_id", checkout.HTTPRequestID(c.Request.Context()))
	a.errorPage(c, http.StatusInternalServerError, "error.server_title", say(c, "error.server"))
}

// clientError answers a 4xx page with a message meant for the visitor,
// already in the page's language (say).
func (a *App) clientError(c *gin.Context, status int, message string) {
	a.errorPage(c, status, "error."+strconv.Itoa(status), message)
}

func (a *App) notFound(c *gin.Context) {
	a.clientError(c, http.StatusNotFound, say(c, "error.not_found"))
}

// errorPage answers status with a page titled by the message title (the
// status's English name where the catalogs have none): in the staff
// layout under /admin, else in the shop's.
func (a *App) errorPage(c *gin.Context, status int, title, message string) {
	a.errorPageBack(c, status, title, message, "", "")
}

// errorPageBack is errorPage whose shop page leads back to back (a path
// of ours) with the words backWords, already said; "": to the shop.
func (a *App) errorPageBack(c *gin.Context, status int, title, message, back, backWords string) {
	var buf bytes.Buffer
	if !lang.For(lang.English).Has(title) {
		title = http.StatusText(status)
	}
	var page templ.Component
	if isAdminPath(c.Request.URL.Path) {
		m := views.AdminErrorPage{AdminPage: a.adminPageKeepFlash(c, say(c, title), ""), Status: status, Message: message}
		page, title = views.AdminError(m), m.Title
	} else {
		m := views.ErrorPage{Page: a.page(c, title, ""), Status: status, Message: message, Back: back, BackWords: backWords}
		page, title = views.Error(m), m.Title
	}
	if err := page.Render(c.Request.Context(), &buf); err != nil {
		c.String(status, "%d %s", status, title)
		return
	}
	c.Data(status, "text/html; charset=utf-8", buf.Bytes())
}

// isAdminPath reports whether path is a staff page's (/admin, /admin/…).
func isAdminPath(path string) bool {
	return path == "/admin" || strings.HasPrefix(path, "/admin/")
}

// pathID reads the :id path parameter; a malformed one answers 404.
func (a *App) pathID(c *gin.Context) (int64, bool) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		a.notFound(c)
		return 0, false
	}
	return id, true
}

// failed answers a domain error: 404 for checkout.ErrNotFound (missing and
// not yours look alike), 500 for anything else. It reports whether there
// was an error to answer.
func (a *App) failed(c *gin.Context, err error) bool {
	switch {
	case err == nil:
		return false
	case errors.Is(err, checkout.ErrNotFound):
		a.notFound(c)
	default:
		a.serverError(c, err)
	}
	return true
}
