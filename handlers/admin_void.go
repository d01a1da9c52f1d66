package handlers

import (
	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// adminVoid releases an authorization that was not captured (cancel),
// once staff confirmed it. It serves the void button's POST, which sends
// staff to the confirmation (askToConfirm), that confirmation's GET, and
// the confirmed POST.
func (a *App) adminVoid(c *gin.Context) {
	ref := c.Param("ref")
	if !confirmed(c) {
		a.confirmVoid(c, ref)
		return
	}
	err := a.Checkout.Void(c.Request.Context(), actor(c), ref)
	a.afterCardAction(c, ref, "void", err, &views.CaptureForm{}, "Authorization voided.")
}

// confirmVoid asks staff to confirm a void — on the button's POST and
// again on the confirmation's GET, checked each time against the order
// as it is then (one captured, voided or expired since is said so on its
// page, afterCardAction).
func (a *App) confirmVoid(c *gin.Context, ref string) {
	if err := a.Checkout.CheckVoid(c.Request.Context(), actor(c), ref); err != nil {
		a.afterCardAction(c, ref, "void", err, &views.CaptureForm{}, "")
		return
	}
	a.askToConfirm(c, nil, func() (views.AdminConfirm, error) {
		o, err := a.Checkout.AdminOrderDetail(c.Request.Context(), ref)
		return voidConfirmation(a.adminPage(c, "Confirm the void", "orders"), ref, o), err
	})
}

// voidConfirmation is the page that asks staff to confirm the void of
// order o (ref).
func voidConfirmation(page views.AdminPage, ref string, o checkout.AdminOrder) views.AdminConfirm {
	return views.AdminConfirm{
		AdminPage: page,
		Question:  "Void the authorization of " + o.Authorized.String() + " on order " + ref + "?",
		Detail:    "The hold on the buyer's card is released and nothing is charged. The order can no longer be captured.",
		Facts:     []views.Fact{{Label: "Authorized", Value: o.Authorized.String()}, {Label: "Buyer", Value: buyerLabel(o.BuyerEmail)}},
		Action:    "/admin/orders/" + ref + "/void",
		Button:    "Void " + o.Authorized.String(),
		Back:      "/admin/orders/" + ref,
	}
}
