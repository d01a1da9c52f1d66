package handlers

import "github.com/gin-gonic/gin"

// adminSignout ends the staff session only: a buyer signed in on the same
// browser stays signed in. The session id is renewed all the same.
func (a *App) adminSignout(c *gin.Context) {
	ctx := c.Request.Context()
	a.Sessions.Remove(ctx, sessionStaff)
	a.Sessions.Remove(ctx, sessionStaffEpoch)
	if err := a.renewSession(ctx); err != nil {
		a.serverError(c, err)
		return
	}
	a.flashTo(c, "/admin/signin", "Signed out of the admin.")
}
