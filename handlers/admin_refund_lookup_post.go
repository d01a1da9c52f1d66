package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// adminLookupPosted answers a lookup form posted (a page from before the
// lookup was a GET form, open in a tab across an upgrade, or sent from an
// instance not upgraded yet): 303 to the lookup's answer for its id
// (Post/Redirect/Get), which asks Antom. The post asks nothing itself.
func (a *App) adminLookupPosted(c *gin.Context) {
	c.Redirect(http.StatusSeeOther, lookupAt(c.PostForm("id"), true))
}
