package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/skip2/go-qrcode"
)

// linkQR renders the QR code of a pending link attempt as a PNG, on our
// server: the browser never fetches anything from Antom.
func (a *App) linkQR(c *gin.Context) {
	l, ok := a.buyerLink(c)
	if !ok {
		return
	}
	if l.CodeValue == "" {
		a.clientError(c, http.StatusGone, say(c, "link.qr_gone"))
		return
	}
	png, err := qrcode.Encode(l.CodeValue, qrcode.Medium, 256)
	if err != nil {
		a.serverError(c, err)
		return
	}
	c.Data(http.StatusOK, "image/png", png)
}
