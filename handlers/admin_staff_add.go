package handlers

import (
	"errors"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// adminStaffAdd adds a staff account and sends staff (303) to the staff
// page, which shows its one-time password once (staffPasswordTo:
// Post/Redirect/Get — kept in the session only until that page is shown,
// never logged, never in a URL). Reload of that page shows the accounts
// without it, and never sends the form again. A bad email, or one an
// active account has, shows the form again (422), nothing added; a
// removed account's email is added again, as a new account.
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
		a.staffPasswordTo(c, staffNewPassword{Email: added.Email, Password: added.Password, AddedAgain: added.AddedAgain, Unlocked: added.Unlocked})
	}
}
