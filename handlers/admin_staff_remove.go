package handlers

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/views"
)

// adminStaffRemove asks staff to confirm, then removes another staff
// account: its sessions end at their next request and it can no longer
// sign in. One's own account, the last one, or one already removed is
// refused on the staff page, nothing changed.
func (a *App) adminStaffRemove(c *gin.Context) {
	ctx := c.Request.Context()
	id, ok := a.pathID(c)
	if !ok {
		return
	}
	me, _ := staffOf(c)
	if !confirmed(c) {
		s, err := a.Checkout.StaffToRemove(ctx, me, id)
		if a.refusedTo(c, staffPage, err) || a.failed(c, err) {
			return
		}
		a.render(c, http.StatusOK, views.AdminConfirmPage(views.AdminConfirm{
			AdminPage: a.adminPage(c, "Confirm the removal", "staff"),
			Question:  "Remove " + s.Email + "?",
			Detail:    "They are signed out at once, wherever they are signed in, and can no longer sign in. What they did stays on the timelines under their email.",
			Facts:     []views.Fact{{Label: "Staff account", Value: s.Email}, {Label: "Added by", Value: views.StaffAddedBy(s.AddedBy)}},
			Action:    fmt.Sprintf("/admin/staff/%d/remove", id),
			Button:    "Remove the account",
			Back:      staffPage,
		}))
		return
	}
	email, err := a.Checkout.RemoveStaff(ctx, me, id)
	if a.refusedTo(c, staffPage, err) || a.failed(c, err) {
		return
	}
	a.flashTo(c, staffPage, "Removed "+email+": signed out everywhere, and can no longer sign in.")
}
