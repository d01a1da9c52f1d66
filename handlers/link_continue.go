package handlers

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"
)

// linkContinue is where a link page goes on once its wallet is linked:
// its Continue button, and link.js after a moment to read it (on a
// phone, where the buyer comes back from the wallet app, often after
// that moment). It goes back to where linking started (the attempt's
// ReturnTo: My wallets, or the checkout page) saying there, once,
// "Linked: GCash 0917****123 is ready for one-click payments." (or, for
// an account linked before, "Linked again: …", as the link page says) — the
// page where the buyer lands says what happened, whether or not they
// saw the link page say it. An attempt not linked goes back saying
// nothing.
func (a *App) linkContinue(c *gin.Context) {
	l, ok := a.buyerLink(c)
	if !ok {
		return
	}
	if l.Status != "LINKED" {
		c.Redirect(http.StatusSeeOther, l.ReturnTo)
		return
	}
	msg := "link.linked_flash"
	if l.LinkedAgain { // as the link page says it
		msg = "linking.linked_again_flash"
	}
	a.noticeTo(c, l.ReturnTo, notice{Msg: msg, Args: map[string]string{"Wallet": l.WalletName, "Login": l.UserLoginID}})
}

// linkContinuePath is the address of link attempt id's linkContinue.
func linkContinuePath(id int64) string { return fmt.Sprintf("/wallets/link/%d/continue", id) }
