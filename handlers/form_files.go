package handlers

import (
	"github.com/gin-gonic/gin"
)

// removeFormFiles deletes, once the request has been answered, the
// temporary files a multipart form's file parts were written to when it
// was parsed (textOnly, singleFields, PostForm: what is past
// maxFormMemory goes to os.TempDir). Go's server removes them only for
// the request it made itself, and the one parsed here is a copy (the
// session middleware's and the request id's and language's
// WithContext), so without this every such post — from anyone, signed in
// or not, to any page or form — left its files on disk for good, and a
// stranger could fill the disk the database writes to. No form of ours
// sends files; they are never read.
func removeFormFiles(c *gin.Context) {
	defer func() {
		// The request as the last middleware left it: it is the copy
		// that was parsed, or a copy of it made since, sharing its form.
		if f := c.Request.MultipartForm; f != nil {
			f.RemoveAll()
		}
	}()
	c.Next()
}
