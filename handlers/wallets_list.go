package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// walletsList is "My wallets": with the wallets the wallet side
// cancelled lately, which the buyer may not know are gone.
func (a *App) walletsList(c *gin.Context) {
	a.renderWallets(c, http.StatusOK, "")
}

func (a *App) renderWallets(c *gin.Context, status int, problem string) {
	b, _ := buyerOf(c)
	ws, cancelled, err := a.Checkout.BuyerWalletsTold(c.Request.Context(), b.ID)
	if err != nil {
		a.serverError(c, err)
		return
	}
	m := views.WalletsPage{Page: a.page(c, "wallets.title", "wallets"), Error: problem, Cancelled: cancelledWallets(cancelled)}
	for _, w := range ws {
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
