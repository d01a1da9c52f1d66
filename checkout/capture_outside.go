package checkout

import (
	"context"
	"fmt"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// outsideCapture is a capture of one of our authorizations that none of
// ours asked for — made in Antom Dashboard, or by another system on the
// same merchant account — as Antom told it: a CAPTURE_RESULT S
// (notifyCapture, API.md §6.4), or a CAPTURE transaction SUCCESS that
// inquiryPayment lists (§5.3).
type outsideCapture struct {
	requestID string // its captureRequestId (transactionRequestId)
	captureID string // Antom's captureId (transactionId); "" if not given
	amount    antom.Amount
	at        time.Time // its captureTime; zero when not given or unreadable
}

// outsideWords names a capture made outside this app for staff.
func outsideWords(x outsideCapture) string {
	id := ""
	if x.captureID != "" {
		id = ", captureId " + x.captureID
	}
	return "capture " + x.requestID + " (" + x.amount.Value + " " + x.amount.Currency + id +
		"), made outside this app (in Antom Dashboard or by another system)"
}

// adoptOutsideCapture records x, a capture Antom says it made of attempt
// a's authorization (of order o) outside this app, in our books as
// capture rules have it (captureResultRules' S): a SUCCESS capture
// (db.InsertOutsideCapture: "by" outside this app), the order AUTHORIZED
// → PAID, a line on its timeline saying where it came from (from).
// Staff's captured and refundable amounts, the buyer's page and the
// order's state read it as any capture. It reports adopted: recorded
// now; neither adopted nor a problem: recorded already (the same
// captureRequestId or captureId told again) — nothing twice; problem:
// why Antom's word contradicts our books, recording nothing — it is not
// an open MANUAL authorization of the order (voided, expired, not ours
// to capture), another currency, not an amount, or more than is left of
// the authorization beside the captures recorded or under way. All in
// q, the caller's transaction; waking the order's pages is the caller's.
func (s *Service) adoptOutsideCapture(ctx context.Context, q *db.Queries, a db.Attempt, o db.Order, x outsideCapture, from string) (adopted bool, problem string, err error) {
	cs, err := q.OrderCaptures(ctx, o.ID)
	if err != nil {
		return false, "", err
	}
	var taken int64
	for _, c := range cs {
		if c.CaptureRequestID == x.requestID || (x.captureID != "" && c.CaptureID == x.captureID && c.Status == db.CaptureSuccess) {
			return false, "", nil
		}
		if c.AttemptID == a.ID && (c.Status == db.CaptureSuccess || c.Status == db.CaptureProcessing) {
			taken += c.Amount
		}
	}
	if x.requestID == "" {
		return false, "it has no captureRequestId to record it by", nil
	}
	if a.Status != db.AttemptSuccess || a.CaptureMode != antom.CaptureManual || a.Surplus ||
		(o.Status != db.OrderAuthorized && o.Status != db.OrderPaid) {
		return false, "not an authorization of the order open to capture (payment " + a.Status + ", order " + o.Status + ")", nil
	}
	minor, err := x.amount.Minor()
	switch {
	case x.amount.Currency != a.Currency:
		return false, "its currency " + orNone(x.amount.Currency) + " is not the authorization's " + a.Currency, nil
	case err != nil || minor <= 0:
		return false, "its amount " + orNone(x.amount.Value) + " is not an amount", nil
	case taken+minor > a.Amount:
		return false, fmt.Sprintf("with the %s captured or being captured it would take %s, more than the authorization's %s",
			Money{a.Currency, taken}, Money{a.Currency, taken + minor}, Money{a.Currency, a.Amount}), nil
	}
	at := x.at
	if at.IsZero() {
		at = s.now()
	}
	fresh, err := q.InsertOutsideCapture(ctx, db.Capture{OrderID: o.ID, AttemptID: a.ID, CaptureRequestID: x.requestID,
		CaptureID: x.captureID, Currency: a.Currency, Amount: minor, CreatedAt: at})
	if err != nil || !fresh {
		return false, "", err
	}
	if _, err := q.SetOrderStatus(ctx, o.ID, db.OrderAuthorized, db.OrderPaid, s.now()); err != nil {
		return false, "", err
	}
	line := outsideWords(x) + ", SUCCESS: recorded as captured (" + from + "); order " + db.OrderPaid
	if rest := a.Amount - taken - minor; rest > 0 {
		line += "; " + Money{a.Currency, rest}.String() + " of the authorization is not captured"
	}
	s.record(ctx, q, OrderSubject(o.Ref), EventState, line)
	return true, "", nil
}

// orNone is s, or "(none)" for "".
func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}
