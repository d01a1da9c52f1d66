package handlers

import (
	"fmt"
	"strconv"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// adminStaffReissue asks staff to confirm, then gives another staff
// account a new one-time password, for a member who lost theirs, and
// sends staff (303) to the staff page, which shows it once, as when an
// account is added (staffPasswordTo: never logged, never in a URL). The old password no
// longer works, every session of the account ends at its next request,
// and the member chooses their own password at the next sign-in; their
// failed sign-ins are cleared, so a lockout no longer stops them. One's
// own account (the password page changes it) or a removed one is refused
// on the staff page, nothing changed; an unknown account is 404. The
// confirm page carries the account's SessionEpoch ("epoch"): the same
// confirmation sent again (a second press, a form resent) is refused,
// so the password just shown stays the one that works.
func (a *App) adminStaffReissue(c *gin.Context) {
	id, me, answered := a.confirmStaffAction(c, a.Checkout.StaffToReissue, func(s checkout.StaffAccount) (string, views.AdminConfirm) {
		return "Confirm the new one-time password", views.AdminConfirm{
			Question: "Issue a new one-time password for " + s.Email + "?",
			Detail:   "Their current password stops working and they are signed out at once, wherever they are signed in. Their failed sign-ins are cleared, so a lockout after too many does not stop the new password. The new password is shown to you once, on the next page; at their next sign-in they choose their own.",
			Action:   fmt.Sprintf("/admin/staff/%d/reissue", s.ID),
			Fields:   []views.Hidden{{Name: "epoch", Value: strconv.FormatInt(s.SessionEpoch, 10)}},
			Button:   "Issue a new one-time password",
		}
	})
	if answered {
		return
	}
	epoch, err := strconv.ParseInt(c.PostForm("epoch"), 10, 64)
	if err != nil {
		epoch = -1 // not from the confirm page: refused as out of date
	}
	issued, err := a.Checkout.ReissueStaffPassword(c.Request.Context(), me, id, epoch)
	if a.refusedTo(c, staffPage, err) || a.failed(c, err) {
		return
	}
	a.staffPasswordTo(c, staffNewPassword{Email: issued.Email, Password: issued.Password, Reissued: true, Unlocked: issued.Unlocked})
	a.publishOnceSaved(c, checkout.StaffSubject(id)) // their open pages say so
}
