package sandbox

import (
	"net/http"
	"strconv"

	qrcode "github.com/skip2/go-qrcode"
)

// qrImageSize is the PNG's width and height in pixels.
const qrImageSize = 256

// walletQR answers GET /sandbox/wallet/qr.png?code=…: the consult's BIGIMAGE
// codeValue, a PNG of the QR code that encodes the TEXT codeValue.
func (s *Sandbox) walletQR(w http.ResponseWriter, r *http.Request) {
	q, found, err := qrByCode(r.Context(), s.db, r.URL.Query().Get("code"))
	if err != nil {
		s.log.Error("sandbox: QR image", "err", err)
		http.Error(w, "sandbox: could not read the QR code", http.StatusInternalServerError)
		return
	}
	if !found {
		http.Error(w, "sandbox: this QR code is not valid", http.StatusNotFound)
		return
	}
	png, err := qrcode.Encode(q.TextValue, qrcode.Medium, qrImageSize)
	if err != nil {
		s.log.Error("sandbox: QR image", "err", err)
		http.Error(w, "sandbox: could not draw the QR code", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "image/png")
	h.Set("Content-Length", strconv.Itoa(len(png)))
	h.Set("Cache-Control", "no-store")
	w.Write(png)
}
