package handlers

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

// maxBody is the most bytes the body of a request may hold: 64 KiB —
// a page's or form's (boundedBody) and a notification's (antomNotify)
// alike. Our largest form (a staff refund with its reason, a sign-up)
// sends well under 4 KiB, and Antom's notifications a few kilobytes.
const maxBody = 64 << 10

// errBodyTooLarge: a request's body holds more than maxBody bytes.
var errBodyTooLarge = errors.New("handlers: body larger than maxBody")

// readBody reads a request's body whole if it holds at most maxBody
// bytes: errBodyTooLarge, before any of it is read, when its
// Content-Length says more, or, sent without one (chunked), once more has
// come; else the error reading it, if any (the client went away, or too
// slow: the server's ReadTimeout). The rest of a body too large is left
// unread.
func readBody(r *http.Request) ([]byte, error) {
	if r.Body == nil || r.Body == http.NoBody {
		return nil, nil
	}
	if r.ContentLength > maxBody {
		return nil, errBodyTooLarge
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	switch {
	case err != nil:
		return nil, err
	case len(body) > maxBody:
		return nil, errBodyTooLarge
	}
	return body, nil
}

// maxFormMemory is what a multipart form may hold in memory while it is
// parsed, the rest going to temporary files: as much as a body may hold,
// so that nothing of a form ever reaches the disk. No form of ours sends
// files.
const maxFormMemory = maxBody

// boundedBody refuses, with 413 and before anything else reads it, a
// request to a page or form whose body is larger than maxBody
// (readBody). The buyer reads why in their language (staff in English),
// and nothing changes. A body within the bound is read whole here, so
// that what the handlers parse is in memory: without the bound, a
// stranger's posts held up to 42 MB of memory each while parsed, and a
// multipart file part past 32 MB went to a temporary file that Go's
// server never removed (it removes those of the request it made, not of
// the copies the session and language middleware parse), filling the
// disk the database writes to. A body that could not be read is
// answered 400 (or, cut off, as requestEnded says) and nothing runs.
func (a *App) boundedBody(c *gin.Context) {
	r := c.Request
	// A body still coming in when the request is cut off (the shutdown
	// deadline, its client gone) stops being read then: the read ends at
	// once, and the request is answered as one cut off (requestEnded:
	// 503 at the deadline), not left waiting for the rest until the
	// server closes its connection unanswered.
	// A page view (GET) has no body: nothing to watch, nothing allocated.
	stop := func() bool { return false }
	if r.Body != nil && r.Body != http.NoBody {
		stop = context.AfterFunc(r.Context(), func() {
			http.NewResponseController(c.Writer).SetReadDeadline(time.Now())
		})
	}
	body, err := readBody(r)
	stop()
	switch {
	case errors.Is(err, errBodyTooLarge):
		msg := "What was sent is far larger than any form of this shop, so it was refused and nothing was changed. Go back and try again."
		if !isAdminPath(r.URL.Path) {
			msg = say(c, "error.too_large")
		}
		c.Header("Connection", "close") // the rest of the body is not read
		a.clientError(c, http.StatusRequestEntityTooLarge, msg)
		c.Abort()
	case err != nil && r.Context().Err() != nil:
		a.requestEnded(c, err)
	case err != nil:
		c.AbortWithStatus(http.StatusBadRequest)
	default:
		if body != nil {
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		c.Next()
	}
}
