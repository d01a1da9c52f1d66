package handlers

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/alexedwards/scs/v2"

	"antom-checkout/static"
)

// Static files carry an ETag of their content and "no-cache": a browser
// asking again with that ETag gets 304 and no body; another ETag gets the
// file. Directories and unknown names are 404.
func TestStaticFilesRevalidateByContentHash(t *testing.T) {
	ta := newTestApp(t)
	routes := ta.Routes()
	get := func(path, ifNoneMatch string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		if ifNoneMatch != "" {
			req.Header.Set("If-None-Match", ifNoneMatch)
		}
		rec := httptest.NewRecorder()
		routes.ServeHTTP(rec, req)
		return rec
	}
	for _, name := range []string{"css/app.css", "js/app.js", "img/logo.svg"} {
		body, err := static.Files.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(body)
		want := `"` + hex.EncodeToString(sum[:]) + `"`

		first := get("/static/"+name, "")
		assertEqual(t, first.Code, http.StatusOK, name)
		assertEqual(t, first.Header().Get("ETag"), want, name+" ETag")
		assertEqual(t, first.Header().Get("Cache-Control"), "no-cache", name+" Cache-Control")
		assertEqual(t, first.Body.String(), string(body), name+" body")

		again := get("/static/"+name, want)
		assertEqual(t, again.Code, http.StatusNotModified, name+" revalidated")
		assertEqual(t, again.Body.Len(), 0, name+" 304 body")
		assertEqual(t, again.Header().Get("ETag"), want, name+" 304 ETag")

		stale := get("/static/"+name, `"`+strings.Repeat("0", 64)+`"`)
		assertEqual(t, stale.Code, http.StatusOK, name+" after a deploy")
	}
	assertEqual(t, get("/static/css/", "").Code, http.StatusNotFound, "directory")
	assertEqual(t, get("/static/css/none.css", "").Code, http.StatusNotFound, "unknown file")
}

// findCounter counts the session reads of the store it wraps.
type findCounter struct {
	scs.Store
	finds atomic.Int32
}

func (f *findCounter) Find(token string) ([]byte, bool, error) {
	f.finds.Add(1)
	return f.Store.Find(token)
}

// A browser asks again for a page's static files on every view: with its
// session cookie, they (a file, an unknown one's 404) and the health
// check are served without reading the session; a page reads it.
func TestStaticFilesDoNotReadTheSession(t *testing.T) {
	ta := newTestApp(t)
	store := &findCounter{Store: ta.Sessions.Store}
	ta.Sessions.Store = store
	b := ta.client(t)
	order := b.post("/orders", url.Values{"product": {"notebook"}, "quantity": {"1"}})
	assertEqual(t, order.status, http.StatusSeeOther, "a guest's order (the browser's session)")

	store.finds.Store(0)
	assertEqual(t, b.get("/static/css/app.css").status, http.StatusOK, "a static file")
	missing := b.get("/static/css/none.css")
	assertEqual(t, missing.status, http.StatusNotFound, "an unknown static file")
	if !strings.Contains(missing.body, "There is no page at this address") {
		t.Errorf("an unknown static file's 404 is not the shop's page: %q", missing.body)
	}
	b.get("/healthz")
	assertEqual(t, store.finds.Load(), int32(0), "session reads for static files and the health check")
	// Their addresses asked with a method they do not take answer a
	// page, which reads the session.
	refused := b.post("/static/css/app.css", nil)
	assertEqual(t, refused.status, http.StatusMethodNotAllowed, "a form sent to a static file")
	assertEqual(t, store.finds.Load(), int32(1), "session reads for the 405 page")
	store.finds.Store(0)
	assertEqual(t, b.get("/").status, http.StatusOK, "the storefront")
	assertEqual(t, store.finds.Load(), int32(1), "session reads for a page")
}
