package handlers

import (
	"context"
	"net/http"
	"strings"

	"antom-checkout/db"
)

// quietCookie is a response that sets no session cookie (name: the
// cookie's) when the request's session store wrote nothing the browser's
// cookie must follow (db.SessionCookieQuiet). scs sets the cookie on
// every response, as its idle timeout moves the session's expiry; but an
// unchanged session is written at most once a minute (app's
// touchThrottle), and the session a request loaded may have had its
// token renewed by a sign-in in another tab meanwhile: a cookie with the
// old token would sign that browser out again. scs sets the cookie as
// the response's header is written, or after the handler when it wrote
// nothing (drop).
type quietCookie struct {
	http.ResponseWriter
	ctx     context.Context
	prefix  string
	dropped bool
}

func newQuietCookie(ctx context.Context, w http.ResponseWriter, name string) *quietCookie {
	return &quietCookie{ResponseWriter: w, ctx: ctx, prefix: name + "="}
}

func (q *quietCookie) WriteHeader(code int) {
	q.drop()
	q.ResponseWriter.WriteHeader(code)
}

func (q *quietCookie) Write(b []byte) (int, error) {
	q.drop()
	return q.ResponseWriter.Write(b)
}

func (q *quietCookie) Unwrap() http.ResponseWriter { return q.ResponseWriter }

// drop removes the session cookie from the headers about to be sent, if
// the session's commit said it is not needed.
func (q *quietCookie) drop() {
	if q.dropped || !db.SessionCookieQuiet(q.ctx) {
		return
	}
	q.dropped = true
	header := q.Header()
	kept := header["Set-Cookie"][:0]
	for _, c := range header["Set-Cookie"] {
		if !strings.HasPrefix(c, q.prefix) {
			kept = append(kept, c)
		}
	}
	if len(kept) == 0 {
		header.Del("Set-Cookie")
		return
	}
	header["Set-Cookie"] = kept
}
