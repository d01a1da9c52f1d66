package sandbox

import (
	"context"
	"time"
)

// Ledger is the sandbox's own record of what happened to a merchant's
// money and links: every payment, refund and capture it stored (failures
// included), every Scan to Link consult with what became of it, and how
// often each request id was called. Tools that check a merchant's books
// against Antom's (the proof in README's "Proof" section) read it through
// GET /sandbox/control/ledger.json. Amounts are in minor units.
type Ledger struct {
	ClientID string                          `json:"clientId"`
	Payments []LedgerPayment                 `json:"payments"`
	Refunds  []LedgerRefund                  `json:"refunds"`
	Captures []LedgerCapture                 `json:"captures"`
	Links    []LedgerLink                    `json:"links"`
	Calls    map[string]map[string]CallCount `json:"calls"` // request id → API → count; see RequestCalls
}

// LedgerPayment is one paymentRequestId. Status is PROCESSING, SUCCESS,
// FAIL or CANCELLED; money was taken from the buyer while it is SUCCESS.
// Debited is what a wallet payment holds from the buyer's balance now
// (refunds give money back); Refunded what refunds took back (PROCESSING
// or SUCCESS). Card payments add their capture mode, what was authorized
// and captured, and whether the authorization was voided.
type LedgerPayment struct {
	PaymentRequestID  string    `json:"paymentRequestId"`
	PaymentID         string    `json:"paymentId"`
	ReferenceOrderID  string    `json:"referenceOrderId"`
	ProductCode       string    `json:"productCode"`
	PaymentMethodType string    `json:"paymentMethodType"`
	Status            string    `json:"paymentStatus"`
	ResultCode        string    `json:"paymentResultCode"`
	Currency          string    `json:"currency"`
	Amount            int64     `json:"amount"`
	Debited           int64     `json:"debited"`
	Refunded          int64     `json:"refunded"`
	CaptureMode       string    `json:"captureMode,omitempty"`
	Authorized        int64     `json:"authorized,omitempty"`
	Captured          int64     `json:"captured,omitempty"`
	Voided            bool      `json:"voided,omitempty"`
	CreatedAt         time.Time `json:"createdAt"`
	PaidAt            time.Time `json:"paidAt,omitzero"`
	CancelledAt       time.Time `json:"cancelledAt,omitzero"`
}

// LedgerRefund is one refundRequestId: PROCESSING, SUCCESS or FAIL.
type LedgerRefund struct {
	RefundRequestID string    `json:"refundRequestId"`
	RefundID        string    `json:"refundId,omitempty"`
	PaymentID       string    `json:"paymentId"`
	Status          string    `json:"refundStatus"`
	ResultCode      string    `json:"resultCode"`
	Currency        string    `json:"currency"`
	Amount          int64     `json:"amount"`
	CreatedAt       time.Time `json:"createdAt"`
}

// LedgerCapture is one captureRequestId: SUCCESS or FAIL. Automatic
// captures have captureRequestId AUTO_<paymentId>.
type LedgerCapture struct {
	CaptureRequestID string    `json:"captureRequestId"`
	CaptureID        string    `json:"captureId,omitempty"`
	PaymentID        string    `json:"paymentId"`
	Status           string    `json:"captureStatus"`
	ResultCode       string    `json:"resultCode"`
	Currency         string    `json:"currency"`
	Amount           int64     `json:"amount"`
	CreatedAt        time.Time `json:"createdAt"`
}

// LedgerLink is one consult (one authState): the QR code's status
// (pending, agreed, declined), the test user who answered, and the
// status of the link applyToken made of it (live, revoked, canceled; ""
// when no token was issued).
type LedgerLink struct {
	AuthState   string    `json:"authState"`
	Wallet      string    `json:"wallet"`
	Status      string    `json:"status"`
	Login       string    `json:"login,omitempty"`
	TokenStatus string    `json:"tokenStatus,omitempty"`
	CreatedAt   time.Time `json:"createdAt"`
}

// Ledger returns clientID's ledger, each list in the order it was stored.
func (s *Sandbox) Ledger(ctx context.Context, clientID string) (Ledger, error) {
	l := Ledger{ClientID: clientID, Calls: s.RequestCalls(clientID)}
	var err error
	if l.Payments, err = ledgerPayments(ctx, s.db, clientID); err != nil {
		return Ledger{}, err
	}
	if l.Refunds, err = ledgerRefunds(ctx, s.db, clientID); err != nil {
		return Ledger{}, err
	}
	if l.Captures, err = ledgerCaptures(ctx, s.db, clientID); err != nil {
		return Ledger{}, err
	}
	if l.Links, err = ledgerLinks(ctx, s.db, clientID); err != nil {
		return Ledger{}, err
	}
	return l, nil
}
