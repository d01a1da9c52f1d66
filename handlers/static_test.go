package handlers

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

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
