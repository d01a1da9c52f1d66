package handlers

import (
	"bytes"
	"io"
	"net/http"

	"github.com/gin-gonic/gin"
)

// maxFormBody is the most bytes the body of a request to a page or form
// may hold: 64 KiB. Our largest form (a staff refund with its reason, a
// sign-up) sends well under 4 KiB; a notification has its own bound
// (maxNotifyBody).
const maxFormBody = 64 << 10

// maxFormMemory is what a multipart form may hold in memory while it is
// parsed, the rest going to temporary files: as much as a body may hold,
// so that nothing of a form ever reaches the disk. No form of ours sends
// files.
const maxFormMemory = maxFormBody

// boundedBody refuses, with 413 and before anything else reads it, a
// request whose body is larger than maxFormBody — by its Content-Length,
// or, sent without one (chunked), once that much has been read. The
// buyer reads why in their language (staff in English), and nothing
// changes. A body within the bound is read whole here, so that what the
// handlers parse is in memory: without the bound, a stranger's posts
// held up to 42 MB of memory each while parsed, and a multipart file part
// past 32 MB went to a temporary file that Go's server never removed (it
// removes those of the request it made, not of the copies the session
// and language middleware parse), filling the disk the database writes
// to. A body that could not be read (the client went away, or too slow:
// the server's ReadTimeout) is answered 400 and nothing runs.
func (a *App) boundedBody(c *gin.Context) {
	r := c.Request
	if r.Body == nil || r.Body == http.NoBody {
		c.Next()
		return
	}
	if r.ContentLength <= maxFormBody {
		body, err := io.ReadAll(io.LimitReader(r.Body, maxFormBody+1))
		if err != nil {
			c.AbortWithStatus(http.StatusBadRequest)
			return
		}
		if len(body) <= maxFormBody {
			r.Body = io.NopCloser(bytes.NewReader(body))
			c.Next()
			return
		}
	}
	msg := "What was sent is far larger than any form of this shop, so it was refused and nothing was changed. Go back and try again."
	if !isAdminPath(r.URL.Path) {
		msg = say(c, "error.too_large")
	}
	c.Header("Connection", "close") // the rest of the body is not read
	a.clientError(c, http.StatusRequestEntityTooLarge, msg)
	c.Abort()
}
