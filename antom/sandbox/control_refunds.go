package sandbox

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// refundControlRow is one refund on the control page.
type refundControlRow struct {
	RefundID  string // "" for a refused refund
	RequestID string
	PaymentID string
	Merchant  string
	Amount    string
	Status    string
	Code      string
	When      string // refundTime when done, else when asked
}

// controlRefundRows lists the newest refunds for the control page.
func (s *Sandbox) controlRefundRows(ctx context.Context) ([]refundControlRow, error) {
	fs, err := recentRefunds(ctx, s.db, recentLimit)
	if err != nil {
		return nil, err
	}
	rows := make([]refundControlRow, 0, len(fs))
	for _, f := range fs {
		when := f.CreatedAt
		if !f.RefundedAt.IsZero() {
			when = f.RefundedAt
		}
		rows = append(rows, refundControlRow{RefundID: f.RefundID, RequestID: f.RequestID, PaymentID: f.PaymentID,
			Merchant: f.ClientID, Amount: formatMinor(f.Currency, f.Amount), Status: f.Status, Code: f.Code,
			When: displayTime(when)})
	}
	return rows, nil
}

// refundDelayDoc is the JSON of /sandbox/control/refund-delay.json: how
// long new refunds stay PROCESSING, in milliseconds; 0 = done at once.
type refundDelayDoc struct {
	MS int64 `json:"ms"`
}

// getRefundDelayJSON answers GET /sandbox/control/refund-delay.json.
func (s *Sandbox) getRefundDelayJSON(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, refundDelayDoc{MS: s.refundDelay().Milliseconds()})
}

// postRefundDelayJSON answers POST /sandbox/control/refund-delay.json.
func (s *Sandbox) postRefundDelayJSON(w http.ResponseWriter, r *http.Request) {
	var doc refundDelayDoc
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxControlBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil || doc.MS < 0 {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": `want {"ms": milliseconds ≥ 0}`})
		return
	}
	s.SetRefundDelay(time.Duration(doc.MS) * time.Millisecond)
	s.log.Info("sandbox: refund delay set", "ms", doc.MS)
	writeJSON(w, http.StatusOK, refundDelayDoc{MS: s.refundDelay().Milliseconds()})
}

// controlRefundDelayForm handles the control page's refund delay form.
func (s *Sandbox) controlRefundDelayForm(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxControlBody)
	ms, err := strconv.ParseInt(strings.TrimSpace(r.PostFormValue("ms")), 10, 64)
	if err != nil || ms < 0 {
		http.Error(w, "sandbox: ms must be a whole number ≥ 0", http.StatusBadRequest)
		return
	}
	s.SetRefundDelay(time.Duration(ms) * time.Millisecond)
	s.log.Info("sandbox: refund delay set", "ms", ms)
	http.Redirect(w, r, "/sandbox/control", http.StatusSeeOther)
}
