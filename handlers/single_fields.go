package handlers

import (
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"
)

// singleFields refuses, with 422 and before anything else runs, a form
// that sends a field more than once ("product=coffee&quantity=1&
// product=mug&quantity=2", a staff refund's "amount=1.00&amount=10.00"):
// no form of ours, the buyer's or staff's, has a field that may repeat,
// and a handler's PostForm would read the first and silently drop the
// rest — an order for the coffee alone, a staff account made for the
// first of two emails. The buyer reads, in their language, that nothing
// was done (staff in English); nothing changes. Only a form's fields are
// looked at (URL-encoded or multipart, as textOnly parsed them), not a
// query.
func (a *App) singleFields(c *gin.Context) {
	r := c.Request
	if r.Method == http.MethodPost {
		r.ParseMultipartForm(maxFormMemory) // as textOnly and PostForm: parsed once, what the handlers see
	}
	if r.Method != http.MethodPost || (!repeats(r.PostForm) && (r.MultipartForm == nil || !repeats(r.MultipartForm.Value))) {
		c.Next()
		return
	}
	msg := adminFieldRepeated
	if !isAdminPath(r.URL.Path) {
		msg = say(c, "error.field_repeated")
	}
	a.clientError(c, http.StatusUnprocessableEntity, msg)
	c.Abort()
}

// repeats reports whether a field of v has more than one value.
func repeats(v url.Values) bool {
	for _, vs := range v {
		if len(vs) > 1 {
			return true
		}
	}
	return false
}

// adminFieldRepeated is staff's words for a form that sent a field twice.
const adminFieldRepeated = "The form sent a field more than once, so it was refused and nothing was changed. Go back and try again."
