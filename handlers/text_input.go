package handlers

import (
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"antom-checkout/db"
)

// textOnly refuses, with 400 and before anything else runs, a request to
// a page or form whose query or form holds a name or value that is not
// text: a NUL or bytes that are not UTF-8 (from "%00", "%ff", or raw
// bytes in a form body). Such input names nothing and PostgreSQL refuses
// it with an error, so no field of any page or form reaches the domain or
// the database unless it is text. The buyer reads why in their language
// (the staff in English), and nothing changes. A pair that does not
// decode ("%zz", a ";") is left to the handlers, which never see it (Go
// drops it, as before). Path parameters are not checked here: an order
// ref that cannot be text names no order (db answers ErrNotFound, so it is
// answered as any ref that does not exist: signed out, sign in; else 404)
// and ids are numbers (a malformed one is 404).
func (a *App) textOnly(c *gin.Context) {
	if requestIsText(c.Request) {
		c.Next()
		return
	}
	msg := "What was sent holds characters that cannot be read as text (such as a NUL), so it was refused and nothing was changed. Go back and try again."
	if !isAdminPath(c.Request.URL.Path) {
		msg = say(c, "error.not_text")
	}
	a.clientError(c, http.StatusBadRequest, msg)
	c.Abort()
}

// requestIsText reports whether every name and value that r's query and
// form (URL-encoded or multipart; its files are not looked at) decode to
// is text. It parses the form, as the handlers' PostForm would, and as
// there, a pair that does not decode is dropped, not looked at.
func requestIsText(r *http.Request) bool {
	query, _ := url.ParseQuery(r.URL.RawQuery) // what r.URL.Query() gives the handlers
	if !valuesAreText(query) {
		return false
	}
	if r.Method != http.MethodPost && r.Method != http.MethodPut && r.Method != http.MethodPatch {
		return true
	}
	r.ParseMultipartForm(maxFormMemory) // as gin's PostForm: what parsed is what the handlers see
	if !valuesAreText(r.PostForm) {
		return false
	}
	return r.MultipartForm == nil || valuesAreText(r.MultipartForm.Value)
}

// valuesAreText reports whether every name and value in v is text.
func valuesAreText(v map[string][]string) bool {
	for name, values := range v {
		if !db.IsText(name) {
			return false
		}
		for _, s := range values {
			if !db.IsText(s) {
				return false
			}
		}
	}
	return true
}
