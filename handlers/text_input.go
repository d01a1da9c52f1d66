package handlers

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"antom-checkout/db"
)

// maxFormMemory is what a multipart form may hold in memory while it is
// read (gin's default); the rest goes to temporary files.
const maxFormMemory = 32 << 20

// textOnly refuses, with 400 and before anything else runs, a request to
// a page or form whose query or form holds a name or value that is not
// text: a NUL, bytes that are not UTF-8 (from "%00", "%ff" or raw bytes in
// a form body), or an escape that does not decode ("%zz"). Such input
// names nothing and PostgreSQL refuses it with an error, so no field of
// any page or form reaches the domain or the database unless it is text.
// The buyer reads why in their language (the staff in English), and
// nothing changes. Path parameters are not checked here: an order ref
// that cannot be text names no order (db answers ErrNotFound, so it is
// answered as any ref that does not exist: signed out, sign in; else
// 404) and ids are numbers (a malformed one is 404).
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

// requestIsText reports whether every name and value of r's query and
// form (URL-encoded or multipart; its files are not looked at) is text
// and decodes. It parses the form, as the handlers' PostForm would.
func requestIsText(r *http.Request) bool {
	query, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil || !valuesAreText(query) {
		return false
	}
	if r.Method != http.MethodPost && r.Method != http.MethodPut && r.Method != http.MethodPatch {
		return true
	}
	if r.ParseForm() != nil { // a body that does not decode (ParseMultipartForm would drop the error)
		return false
	}
	if err := r.ParseMultipartForm(maxFormMemory); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		return false
	}
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
