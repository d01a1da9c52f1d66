package handlers

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"antom-checkout/static"
)

// staticFiles serves the embedded stylesheets, scripts and images under
// /static/. Each answer carries an ETag, a quoted hex SHA-256 of the
// file's bytes computed once at start (the files are embedded, so they
// cannot change while the binary runs), and "Cache-Control: no-cache":
// browsers keep the file but ask again each time, and a matching
// If-None-Match gets 304 with no body. A deploy that changes a file
// changes its ETag, so nobody keeps an old stylesheet. Only files are
// served: a directory or a name that is not there answers 404.
func (a *App) staticFiles() gin.HandlerFunc {
	tags := staticETags(static.Files)
	files := http.StripPrefix("/static", http.FileServer(http.FS(static.Files)))
	return func(c *gin.Context) {
		tag, ok := tags[strings.TrimPrefix(c.Param("filepath"), "/")]
		if !ok {
			c.Set(ctxNeutralPage, true) // served without the session (sessionless): nobody signed in, no notice
			a.notFound(c)
			return
		}
		h := c.Writer.Header()
		h.Set("ETag", tag)
		h.Set("Cache-Control", "no-cache")
		files.ServeHTTP(c.Writer, c.Request) // http.ServeContent answers If-None-Match
	}
}

// staticETags maps the path of every file in fsys to its ETag: its
// SHA-256 in hex, quoted. It panics if fsys cannot be read, which for
// embedded files means a broken build.
func staticETags(fsys fs.FS) map[string]string {
	tags := map[string]string{}
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		tags[name] = `"` + hex.EncodeToString(sum[:]) + `"`
		return nil
	})
	if err != nil {
		panic("handlers: embedded static files: " + err.Error())
	}
	return tags
}
