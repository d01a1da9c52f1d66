package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/views"
)

// staffPage is the staff page's path: its list, and its form's address.
const staffPage = "/admin/staff"

// adminStaff lists the staff accounts, with the form that adds one.
func (a *App) adminStaff(c *gin.Context) {
	a.renderAdminStaff(c, http.StatusOK, views.AdminStaff{})
}

// renderAdminStaff answers status with the staff page: m's form (what
// was typed, its errors, an account just added) over the accounts as
// they are now.
func (a *App) renderAdminStaff(c *gin.Context, status int, m views.AdminStaff) {
	accounts, err := a.Checkout.StaffAccounts(c.Request.Context())
	if err != nil {
		a.serverError(c, err)
		return
	}
	me, _ := staffOf(c)
	m.AdminPage = a.adminPage(c, "Staff", "staff")
	for _, s := range accounts {
		row := views.AdminStaffAccount{ID: s.ID, Email: s.Email, AddedBy: s.AddedBy, Added: s.CreatedAt,
			LastSignin: s.LastSignin, Removed: s.RemovedAt, RemovedBy: s.RemovedBy, You: s.ID == me.ID}
		if s.Removed() {
			m.Removed = append(m.Removed, row)
		} else {
			m.Active = append(m.Active, row)
		}
	}
	a.render(c, status, views.AdminStaffPage(m))
}
