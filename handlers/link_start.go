package handlers

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/antom"
	"antom-checkout/checkout"
	"antom-checkout/lang"
)

// linkStart creates a link attempt (consult) and opens its page, within
// Options.ActionWait: a consult Antom has not answered by then goes on,
// and the page says the QR code is being prepared until it is in
// (checkout.LinkPreparing); a second press meanwhile opens the same page
// and sends nothing.
func (a *App) linkStart(c *gin.Context) {
	b, _ := buyerOf(c)
	l, err := a.Checkout.StartLink(c.Request.Context(), b.ID, c.PostForm("wallet"), c.PostForm("return_to"), buyerEnv(c))
	var input *checkout.InputError
	if errors.As(err, &input) {
		a.renderWallets(c, http.StatusUnprocessableEntity, inputMessage(c, input, "wallet"))
		return
	}
	if a.linkBusy(c, err) || a.linkThrottled(c, err) {
		return
	}
	if err != nil {
		a.serverError(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/wallets/link/%d", l.ID))
}

// linkBusy answers a press of the buyer's that found another of theirs
// still opening a link attempt past Options.ActionWait
// (checkout.ErrStillAsking): nothing was started; the wallets page says
// so, 409. It reports whether it answered.
func (a *App) linkBusy(c *gin.Context, err error) bool {
	if !errors.Is(err, checkout.ErrStillAsking) {
		return false
	}
	a.renderWallets(c, http.StatusConflict, say(c, "wallets.link_busy"))
	return true
}

// linkThrottled answers a press that would have asked Antom for a code
// past the buyer's checkout.LinkConsultsPerBuyer: nothing was started;
// the wallets page says when to try again, 429 with Retry-After. It
// reports whether it answered.
func (a *App) linkThrottled(c *gin.Context, err error) bool {
	var throttled *checkout.ThrottledError
	if !errors.As(err, &throttled) {
		return false
	}
	when := a.setRetryAfter(c, throttled.RetryAt)
	a.renderWallets(c, http.StatusTooManyRequests, say(c, "wallets.link_throttled", lang.Args{"When": when}))
	return true
}

// buyerEnv describes the buyer's browser for Antom: a phone's is WAP with
// its osType (the wallet opens on the phone), any other WEB (a QR code);
// its deviceLanguage is the language of the buyer's pages, as Antom
// writes one ("th_TH", "zh_TW": antom.DeviceLanguage), which Antom's
// hosted card page speaks.
func buyerEnv(c *gin.Context) antom.Env {
	ua := c.Request.UserAgent()
	env := antom.Env{TerminalType: antom.TerminalWeb, ClientIP: c.ClientIP(), UserAgent: ua,
		DeviceLanguage: antom.DeviceLanguage(lang.From(c.Request.Context()).Lang().Code)}
	if os, phone := phoneOS(ua); phone {
		env.TerminalType, env.OSType = antom.TerminalWap, os
	}
	if len(ua) > 256 {
		env.UserAgent = ua[:256]
	}
	return env
}
