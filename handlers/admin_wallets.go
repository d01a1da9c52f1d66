package handlers

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// adminWallets finds a buyer by email and lists their wallets (every
// status, with why it ended) and kept cards. A search with a blank email
// (?email= empty or only spaces: the form's own check lets neither
// through, an address typed by hand does) is bad input: 400, saying so
// (views.AdminWallets.Blank), nothing looked up.
func (a *App) adminWallets(c *gin.Context) {
	raw, asked := c.GetQuery("email")
	email := strings.TrimSpace(raw)
	m := views.AdminWallets{AdminPage: a.adminPage(c, "Wallets and cards", "wallets"), Email: email, Searched: email != ""}
	if email == "" {
		status := http.StatusOK
		if asked {
			m.Blank, status = true, http.StatusBadRequest
		}
		a.render(c, status, views.AdminWalletsPage(m))
		return
	}
	acct, err := a.Checkout.FindBuyerAccount(c.Request.Context(), email)
	if err != nil && !errors.Is(err, checkout.ErrNotFound) {
		a.serverError(c, err)
		return
	}
	if err == nil {
		fillBuyerAccount(&m, acct)
	}
	a.render(c, http.StatusOK, views.AdminWalletsPage(m))
}

func fillBuyerAccount(m *views.AdminWallets, acct checkout.BuyerAccount) {
	m.Found, m.Buyer = true, acct.Buyer.Email
	for _, w := range acct.Wallets {
		m.Wallets = append(m.Wallets, views.AdminWallet{ID: w.ID, Name: w.WalletName, Login: w.UserLoginID, Status: w.Status,
			Linked: w.LinkedAt, Ended: w.EndedAt, EndReason: w.EndReason, CanUnlink: w.CanUnlink()})
	}
	for _, cd := range acct.Cards {
		m.Cards = append(m.Cards, views.AdminCard{ID: cd.ID, Label: cd.Label, Expiry: cd.Expiry, Status: cd.Status,
			EndReason: cd.EndReason, Kept: cd.Kept, Removed: cd.RemovedAt, CanRemove: cd.CanRemove()})
	}
}

// buyerWalletsPath is the admin page of a buyer's wallets.
func buyerWalletsPath(email string) string {
	return "/admin/wallets?email=" + url.QueryEscape(email)
}
