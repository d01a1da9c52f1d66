package handlers

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

func (a *App) adminPasswordForm(c *gin.Context) {
	a.renderAdminPassword(c, http.StatusOK, nil)
}

// adminPassword changes the signed-in staff member's password. Their
// other sessions (other browsers, other instances) end at their next
// request; this one goes on.
func (a *App) adminPassword(c *gin.Context) {
	st, _ := staffOf(c)
	ctx := c.Request.Context()
	epoch, err := a.Checkout.ChangeStaffPassword(ctx, st.ID, c.PostForm("current"), c.PostForm("new"), c.PostForm("confirm"))
	var input *checkout.InputError
	switch {
	case errors.As(err, &input):
		a.renderAdminPassword(c, http.StatusUnprocessableEntity, input.Fields)
	case err != nil:
		a.serverError(c, err)
	default:
		a.Sessions.Put(ctx, sessionStaffEpoch, epoch) // this session goes on; the account's others end
		a.flashTo(c, "/admin", "Password changed. Your other sessions were signed out.")
		a.publishOnceSaved(c, checkout.StaffSubject(st.ID)) // their open pages say so
	}
}

func (a *App) renderAdminPassword(c *gin.Context, status int, errs map[string]string) {
	st, _ := staffOf(c)
	a.render(c, status, views.AdminPasswordPage(views.AdminPassword{
		AdminPage: a.adminPage(c, "Change your password", "password"), MustChange: st.MustChange,
		MinLength: checkout.MinStaffPassword, MinWide: checkout.MinStaffPasswordWide, Errors: errs,
	}))
}
