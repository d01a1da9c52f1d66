package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// walletsList is "My wallets": with the wallets no longer offered that
// the buyer may not know of (an unlink under way, a link cancelled in the
// wallet app or no longer valid: checkout.BuyerWalletsTold).
func (a *App) walletsList(c *gin.Context) {
	a.renderWallets(c, http.StatusOK, "")
}

func (a *App) renderWallets(c *gin.Context, status int, problem string) {
	b, _ := buyerOf(c)
	ws, err := a.Checkout.BuyerWalletsTold(c.Request.Context(), b.ID)
	if err != nil {
		a.serverError(c, err)
		return
	}
	m := views.WalletsPage{Page: a.page(c, "wallets.title", "wallets"), Error: problem, Told: toldWallets(ws.Told), HadWallets: ws.Before}
	for _, w := range ws.Linked {
		m.Wallets = append(m.Wallets, views.WalletRow{ID: w.ID, Wallet: w.Wallet, Name: w.WalletName, UserLoginID: w.UserLoginID, LinkedAt: w.LinkedAt})
	}
	cards, err := a.Checkout.BuyerCards(c.Request.Context(), b.ID)
	if err != nil {
		a.serverError(c, err)
		return
	}
	for _, card := range cards {
		m.Cards = append(m.Cards, views.CardRow{ID: card.ID, Label: cardLabel(c, card.Brand, card.Last4), Brand: card.Brand, Expiry: card.Expiry})
	}
	for _, br := range checkout.WalletBrands() {
		m.Brands = append(m.Brands, views.Brand{Code: br.Code, Name: br.Name})
	}
	a.render(c, status, views.WalletsList(m))
}
