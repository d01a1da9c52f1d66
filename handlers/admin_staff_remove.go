package handlers

import (
	"fmt"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// adminStaffRemove asks staff to confirm, then removes another staff
// account: its sessions end at their next request and it can no longer
// sign in. One's own account, the last one, or one already removed is
// refused on the staff page, nothing changed.
func (a *App) adminStaffRemove(c *gin.Context) {
	id, me, answered := a.confirmStaffAction(c, a.Checkout.StaffToRemove, func(s checkout.StaffAccount) (string, views.AdminConfirm) {
		return "Confirm the removal", views.AdminConfirm{
			Question: "Remove " + s.Email + "?",
			Detail:   "They are signed out at once, wherever they are signed in, and can no longer sign in. What they did stays on the timelines under their email.",
			Action:   fmt.Sprintf("/admin/staff/%d/remove", s.ID),
			Button:   "Remove the account",
		}
	})
	if answered {
		return
	}
	email, err := a.Checkout.RemoveStaff(c.Request.Context(), me, id)
	if a.refusedTo(c, staffPage, err) || a.failed(c, err) {
		return
	}
	a.flashTo(c, staffPage, "Removed "+email+": signed out everywhere, and can no longer sign in.")
	a.publishOnceSaved(c, checkout.StaffSubject(id)) // their open pages say so
}
