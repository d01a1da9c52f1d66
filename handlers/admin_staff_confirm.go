package handlers

import (
	"context"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// confirmStaffAction is the first half of a staff action on another
// staff account (remove, a new one-time password): it reads the account
// from the path as the action would take it (lookup: a refusal shows on
// the staff page, nothing changed; an unknown account is 404) and, unless
// the form confirms it, answers with the confirm page ask words (title,
// question, detail, action, button, hidden fields; the account's facts
// and the way back are added here). It returns the account id and the
// signed-in staff member, and whether the request is answered already.
// The action's first POST is sent to the confirmation's GET
// (askToConfirm), which checks the account again as it is then: one
// removed since is said so on the staff page.
func (a *App) confirmStaffAction(c *gin.Context, lookup func(context.Context, checkout.Staff, int64) (checkout.StaffAccount, error),
	ask func(checkout.StaffAccount) (title string, confirm views.AdminConfirm)) (id int64, me checkout.Staff, answered bool) {
	id, ok := a.pathID(c)
	if !ok {
		return 0, me, true
	}
	me, _ = staffOf(c)
	if confirmed(c) {
		return id, me, false
	}
	s, err := lookup(c.Request.Context(), me, id)
	if a.refusedTo(c, staffPage, err) || a.failed(c, err) {
		return id, me, true
	}
	a.askToConfirm(c, nil, func() (views.AdminConfirm, error) {
		title, page := ask(s)
		page.AdminPage = a.adminPage(c, title, "staff")
		page.Facts = []views.Fact{{Label: "Staff account", Value: s.Email}, {Label: "Added by", Value: views.StaffAddedBy(s.AddedBy)}}
		page.Back = staffPage
		return page, nil
	})
	return id, me, true
}
