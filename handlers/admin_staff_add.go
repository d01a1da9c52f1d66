package handlers

import (
	"errors"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// adminStaffAdd adds a staff account and answers with the staff page
// showing its one-time password — in this answer only: not a redirect,
// which would have to keep the password in the session for the page
// after it; never logged, never in a URL. Reload sends the form again,
// which is refused as a duplicate and shows no password. A bad email,
// or one an active account has, shows the form again (422), nothing
// added; a removed account's email is added again, as a new account.
func (a *App) adminStaffAdd(c *gin.Context) {
	me, _ := staffOf(c)
	email := c.PostForm("email")
	added, err := a.Checkout.AddStaff(c.Request.Context(), me, email)
	var input *checkout.InputError
	switch {
	case a.refusedTo(c, staffPage, err):
	case errors.As(err, &input):
		a.renderAdminStaff(c, http.StatusUnprocessableEntity, views.AdminStaff{Email: strings.TrimSpace(email), Errors: input.Fields})
	case err != nil:
		a.serverError(c, err)
	default:
		a.renderAdminStaff(c, http.StatusOK, views.AdminStaff{Added: added.Email, Password: added.Password,
			AddedAgain: added.AddedAgain, Unlocked: added.Unlocked})
	}
}
