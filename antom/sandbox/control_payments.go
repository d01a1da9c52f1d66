package sandbox

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"

	"antom-checkout/antom"
)

// paymentControlRow is one payment on the control page.
type paymentControlRow struct {
	PaymentID  string
	RequestID  string
	Merchant   string
	Method     string // the wallet, or the card's brand and last four digits
	Amount     string
	Card       string // hosted card payments: capture mode, authorized and captured amounts
	Refunded   string // "" when nothing was refunded
	Status     string
	Code       string
	Processing bool // offers the Settle buttons
}

// controlPaymentRows lists the newest payments for the control page.
func (s *Sandbox) controlPaymentRows(ctx context.Context) ([]paymentControlRow, error) {
	ps, err := recentPayments(ctx, s.db, "", recentLimit)
	if err != nil {
		return nil, err
	}
	cards, err := recentCardSummaries(ctx, s.db, recentLimit)
	if err != nil {
		return nil, err
	}
	rows := make([]paymentControlRow, 0, len(ps))
	for _, p := range ps {
		row := paymentControlRow{PaymentID: p.PaymentID, RequestID: p.RequestID, Merchant: p.ClientID,
			Method: p.MethodType, Amount: formatMinor(p.Currency, p.Amount), Status: p.Status, Code: p.Code,
			Processing: p.Status == antom.PaymentProcessing}
		if p.Refunded > 0 {
			row.Refunded = formatMinor(p.Currency, p.Refunded)
		}
		if c, ok := cards[p.PaymentID]; ok {
			row.Method, row.Card = c.method(), c.money(p.Currency)
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// method names the card: "VISA ····4242", or "CARD" until it is known.
func (c cardSummary) method() string {
	if c.Brand == "" {
		return cardMethod
	}
	return c.Brand + " ····" + c.LastFour
}

// money describes the authorization: mode, authorized, captured, voided.
func (c cardSummary) money(currency string) string {
	out := c.CaptureMode
	if c.Authorized > 0 {
		out += " · authorized " + formatMinor(currency, c.Authorized) + " · captured " + formatMinor(currency, c.Captured)
	}
	if c.Voided {
		out += " · voided"
	}
	return out
}

// settleDoc is the body of POST /sandbox/control/payments/settle.json and
// its answer.
type settleDoc struct {
	PaymentID string `json:"paymentId"`
	Status    string `json:"status"`               // SUCCESS or FAIL
	Code      string `json:"resultCode,omitempty"` // answer only
}

// settleOutcome reads SUCCESS or FAIL.
func settleOutcome(status string) (success, ok bool) {
	switch status {
	case antom.PaymentSuccess:
		return true, true
	case antom.PaymentFail:
		return false, true
	}
	return false, false
}

// postSettleJSON settles a PROCESSING payment; it answers the payment's
// new status and code, 404 for an unknown payment, 409 for a final one.
func (s *Sandbox) postSettleJSON(w http.ResponseWriter, r *http.Request) {
	var doc settleDoc
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxControlBody))
	dec.DisallowUnknownFields()
	err := dec.Decode(&doc)
	success, ok := settleOutcome(doc.Status)
	if err != nil || doc.PaymentID == "" || !ok {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": `want {"paymentId":"…","status":"SUCCESS"|"FAIL"}`})
		return
	}
	status, msg := s.settleStatus(r.Context(), doc.PaymentID, success)
	if status != http.StatusOK {
		writeJSON(w, status, map[string]string{"error": msg})
		return
	}
	info, err := s.Payment(r.Context(), doc.PaymentID)
	if err != nil {
		s.log.Error("sandbox: settle payment", "err", err)
		writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "could not read the payment"})
		return
	}
	writeJSON(w, http.StatusOK, settleDoc{PaymentID: info.PaymentID, Status: info.Status, Code: info.ResultCode})
}

// controlSettleForm handles the control page's Settle buttons.
func (s *Sandbox) controlSettleForm(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxControlBody)
	id := r.PostFormValue("paymentId")
	success, ok := settleOutcome(r.PostFormValue("status"))
	if id == "" || !ok {
		http.Error(w, "sandbox: want paymentId and status SUCCESS or FAIL", http.StatusBadRequest)
		return
	}
	if status, msg := s.settleStatus(r.Context(), id, success); status != http.StatusOK {
		http.Error(w, "sandbox: "+msg, status)
		return
	}
	http.Redirect(w, r, "/sandbox/control", http.StatusSeeOther)
}

// settleStatus settles a payment and maps the outcome to an HTTP status
// and message.
func (s *Sandbox) settleStatus(ctx context.Context, paymentID string, success bool) (int, string) {
	err := s.SettlePayment(ctx, paymentID, success)
	switch {
	case err == nil:
		return http.StatusOK, ""
	case errors.Is(err, ErrPaymentNotFound):
		return http.StatusNotFound, "no payment " + paymentID
	case errors.Is(err, ErrPaymentNotProcessing):
		return http.StatusConflict, "payment " + paymentID + " is not processing"
	case errors.Is(err, ErrPaymentExpired):
		return http.StatusConflict, "payment " + paymentID + " has expired"
	}
	s.log.Error("sandbox: settle payment", "err", err)
	return http.StatusInternalServerError, "could not settle the payment"
}
