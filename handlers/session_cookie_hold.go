package handlers

import (
	"context"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// cookieHoldKey keys a request's *bool: its handler asked that the
// response set no session cookie (holdSessionCookie).
type cookieHoldKey struct{}

// withCookieHold returns ctx and w for a request whose handler may hold
// its session cookie back: once it does, w drops the session cookie scs
// sets (name: the cookie's), whatever the handler writes. scs sets it on
// every response (its idle timeout moves the cookie's expiry); the
// session itself is still saved, under the token the browser sent.
func withCookieHold(ctx context.Context, w http.ResponseWriter, name string) (context.Context, *cookieHold) {
	h := &cookieHold{ResponseWriter: w, prefix: name + "="}
	return context.WithValue(ctx, cookieHoldKey{}, &h.held), h
}

// holdSessionCookie asks that this request's response set no session
// cookie: for a request that leaves the session it loaded as it was,
// which the browser already holds the cookie of. Its token may have been
// renewed meanwhile by a sign-in in another tab: a cookie with the old
// one would sign that browser out again.
func holdSessionCookie(c *gin.Context) {
	if held, ok := c.Request.Context().Value(cookieHoldKey{}).(*bool); ok {
		*held = true
	}
}

// cookieHold is a response whose session cookie is dropped once held.
type cookieHold struct {
	http.ResponseWriter
	prefix  string
	held    bool
	dropped bool
}

func (h *cookieHold) WriteHeader(code int) {
	h.drop()
	h.ResponseWriter.WriteHeader(code)
}

func (h *cookieHold) Write(b []byte) (int, error) {
	h.drop()
	return h.ResponseWriter.Write(b)
}

func (h *cookieHold) Unwrap() http.ResponseWriter { return h.ResponseWriter }

// drop removes the session cookie from the headers about to be sent, if
// held.
func (h *cookieHold) drop() {
	if !h.held || h.dropped {
		return
	}
	h.dropped = true
	header := h.Header()
	kept := []string{}
	for _, c := range header.Values("Set-Cookie") {
		if !strings.HasPrefix(c, h.prefix) {
			kept = append(kept, c)
		}
	}
	header.Del("Set-Cookie")
	for _, c := range kept {
		header.Add("Set-Cookie", c)
	}
}
