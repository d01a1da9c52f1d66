package handlers

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// linkPage shows a link attempt: the QR code while it waits, then the
// result in plain words.
func (a *App) linkPage(c *gin.Context) {
	l, ok := a.buyerLink(c)
	if !ok {
		return
	}
	headline, detail := linkWords(l)
	noStore(c)
	a.render(c, http.StatusOK, views.Link(views.LinkPage{
		Page: a.page(c, "Link a wallet", "wallets"), ID: l.ID, WalletName: l.WalletName, Wallet: l.Wallet,
		Status: l.Status, CodeValue: l.CodeValue, ExpiresAt: l.ExpiresAt, UserLoginID: l.UserLoginID,
		Headline: headline, Detail: detail, ReturnTo: l.ReturnTo, OpenURL: l.OpenURL,
	}))
}

// buyerLink loads the signed-in buyer's link attempt named in the path,
// answering 404 for anyone else's.
func (a *App) buyerLink(c *gin.Context) (checkout.Link, bool) {
	b, _ := buyerOf(c)
	id, ok := a.pathID(c)
	if !ok {
		return checkout.Link{}, false
	}
	l, err := a.Checkout.LinkForBuyer(c.Request.Context(), b.ID, id)
	if errors.Is(err, checkout.ErrNotFound) {
		a.notFound(c)
		return checkout.Link{}, false
	}
	if err != nil {
		a.serverError(c, err)
		return checkout.Link{}, false
	}
	return l, true
}

// linkWords says a link attempt's state in plain words.
func linkWords(l checkout.Link) (headline, detail string) {
	if l.Status == "PENDING" && l.OnPhone {
		return "Open " + l.WalletName + " to link it",
			"Sign in to " + l.WalletName + " and agree. You come back here when you are done."
	}
	switch l.Status {
	case "PENDING":
		return "Scan this code with the " + l.WalletName + " app",
			"Open " + l.WalletName + " on your phone, scan the code and agree. This page updates by itself."
	case "AUTHORIZED":
		return "Confirmed in " + l.WalletName + ". Finishing…", "Getting your payment token from " + l.WalletName + "."
	case "LINKED":
		return "Linked: " + l.UserLoginID, l.WalletName + " is ready for one-click payments."
	case "EXPIRED":
		return "This QR code has expired", "No confirmation came from " + l.WalletName + " in time. Show a new code to try again."
	case "DECLINED":
		return "You declined in " + l.WalletName, "Nothing was linked. Show a new code if you change your mind."
	case "SUPERSEDED":
		return "This QR code was replaced", "You asked for a new code; this one no longer works."
	case "FAILED":
		return "Linking " + l.WalletName + " did not work", linkFailure(l.FailureCode)
	}
	return l.Status, ""
}

func linkFailure(code string) string {
	switch code {
	case "INVALID_AUTHCODE":
		return "The wallet's confirmation could not be used (it expired or was already used). Show a new code to try again."
	case "NO_PAY_OPTIONS":
		return "This wallet cannot be linked with this shop."
	case "USER_NOT_EXIST", "USER_STATUS_ABNORMAL":
		return "The wallet account cannot be linked. Check it in the wallet app."
	case "UNKNOWN":
		return "We could not reach the payment service. Show a new code to try again."
	case "NO_LINK_URL", "NO_QR_CODE":
		return "The payment service gave no way to open the wallet. Try again."
	}
	return "The payment service refused (" + code + "). Show a new code to try again."
}
