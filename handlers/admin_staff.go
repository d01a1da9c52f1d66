package handlers

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"antom-checkout/views"
)

// staffPage is the staff page's path: its list, and its form's address.
const staffPage = "/admin/staff"

// adminStaff lists the staff accounts, with the form that adds one,
// under the one-time password an add or a new password left for this
// page, shown this once (staffPasswordTo).
func (a *App) adminStaff(c *gin.Context) {
	a.renderAdminStaff(c, http.StatusOK, staffPasswordShown(a.takeStaffPassword(c)))
}

// renderAdminStaff answers status with the staff page: m's form (what
// was typed, its errors), any one-time password just made, over the accounts as
// they are now. An email may have several accounts (removed ones, and
// one active one added again): each row says so.
func (a *App) renderAdminStaff(c *gin.Context, status int, m views.AdminStaff) {
	accounts, err := a.Checkout.StaffAccounts(c.Request.Context())
	if err != nil {
		a.serverError(c, err)
		return
	}
	me, _ := staffOf(c)
	m.AdminPage = a.adminPage(c, "Staff", "staff")
	emails, active := map[string]int{}, map[string]bool{} // accounts per email (any case); emails with an active one
	for _, s := range accounts {
		e := strings.ToLower(s.Email)
		emails[e]++
		active[e] = active[e] || !s.Removed()
	}
	for _, s := range accounts {
		e := strings.ToLower(s.Email)
		row := views.AdminStaffAccount{ID: s.ID, Email: s.Email, AddedBy: s.AddedBy, Added: s.CreatedAt,
			LastSignin: s.LastSignin, Removed: s.RemovedAt, RemovedBy: s.RemovedBy, You: s.ID == me.ID,
			SameEmail: emails[e] > 1, EmailActive: active[e]}
		if s.Removed() {
			m.Removed = append(m.Removed, row)
		} else {
			m.Active = append(m.Active, row)
		}
	}
	a.render(c, status, views.AdminStaffPage(m))
}
