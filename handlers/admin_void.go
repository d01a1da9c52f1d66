package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/views"
)

// adminVoid releases an authorization that was not captured (cancel),
// once staff confirmed it.
func (a *App) adminVoid(c *gin.Context) {
	ref := c.Param("ref")
	if !confirmed(c) {
		a.confirmVoid(c, ref)
		return
	}
	err := a.Checkout.Void(c.Request.Context(), actor(c), ref)
	a.afterCardAction(c, ref, "void", err, &views.CaptureForm{}, "Authorization voided.")
}

// confirmVoid asks staff to confirm a void.
func (a *App) confirmVoid(c *gin.Context, ref string) {
	if err := a.Checkout.CheckVoid(c.Request.Context(), actor(c), ref); err != nil {
		a.afterCardAction(c, ref, "void", err, &views.CaptureForm{}, "")
		return
	}
	o, err := a.Checkout.AdminOrderDetail(c.Request.Context(), ref)
	if a.failed(c, err) {
		return
	}
	a.render(c, http.StatusOK, views.AdminConfirmPage(views.AdminConfirm{
		AdminPage: a.adminPage(c, "Confirm the void", "orders"),
		Question:  "Void the authorization of " + o.Authorized.String() + " on order " + ref + "?",
		Detail:    "The hold on the buyer's card is released and nothing is charged. The order can no longer be captured.",
		Facts:     []views.Fact{{Label: "Authorized", Value: o.Authorized.String()}, {Label: "Buyer", Value: buyerLabel(o.BuyerEmail)}},
		Action:    "/admin/orders/" + ref + "/void",
		Button:    "Void " + o.Authorized.String(),
		Back:      "/admin/orders/" + ref,
	}))
}
