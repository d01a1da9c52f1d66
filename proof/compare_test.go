package proof

import (
	"testing"

	"antom-checkout/antom/sandbox"
	"antom-checkout/checkout"
	"antom-checkout/db"
)

// books is a consistent pair of books and ledger: a paid wallet order with
// a refund, a failed order, a MANUAL card order captured, one authorised,
// one voided, and a linked wallet.
func books() (db.Books, sandbox.Ledger, Shown) {
	b := db.Books{
		Orders: []db.Order{
			{ID: 1, Ref: "A", Currency: "USD", Amount: 725, Status: db.OrderPaid},
			{ID: 2, Ref: "B", Currency: "USD", Amount: 1200, Status: db.OrderOpen},
			{ID: 3, Ref: "C", Currency: "USD", Amount: 1850, Status: db.OrderPaid},
			{ID: 4, Ref: "D", Currency: "JPY", Amount: 2400, Status: db.OrderAuthorized},
			{ID: 5, Ref: "E", Currency: "JPY", Amount: 3600, Status: db.OrderVoided},
		},
		Attempts: []db.Attempt{
			{ID: 1, OrderID: 1, PaymentRequestID: "PR-A-1", Currency: "USD", Amount: 725, Status: db.AttemptSuccess, PaymentID: "P1"},
			{ID: 2, OrderID: 2, PaymentRequestID: "PR-B-1", Currency: "USD", Amount: 1200, Status: db.AttemptFail, ResultCode: "USER_BALANCE_NOT_ENOUGH", PaymentID: "P2"},
			{ID: 3, OrderID: 2, PaymentRequestID: "PR-B-2", Currency: "USD", Amount: 1200, Status: db.AttemptFail, ResultCode: "UNKNOWN"},
			{ID: 4, OrderID: 3, PaymentRequestID: "PR-C-1", Currency: "USD", Amount: 1850, Status: db.AttemptSuccess, PaymentID: "P4", CaptureMode: "MANUAL"},
			{ID: 5, OrderID: 4, PaymentRequestID: "PR-D-1", Currency: "JPY", Amount: 2400, Status: db.AttemptSuccess, PaymentID: "P5", CaptureMode: "MANUAL"},
			{ID: 6, OrderID: 5, PaymentRequestID: "PR-E-1", Currency: "JPY", Amount: 3600, Status: db.AttemptSuccess, PaymentID: "P6", CaptureMode: "MANUAL"},
		},
		Refunds:  []db.Refund{{ID: 1, OrderID: 1, AttemptID: 1, RefundRequestID: "RF-A-1", Currency: "USD", Amount: 100, Status: db.RefundSuccess}},
		Captures: []db.Capture{{ID: 1, OrderID: 3, AttemptID: 4, CaptureRequestID: "CAP-C-1", Currency: "USD", Amount: 1500, Status: db.CaptureSuccess}},
		Links:    []db.LinkAttempt{{ID: 1, AuthState: "S1", Status: db.LinkLinked, WalletID: 1}, {ID: 2, AuthState: "S2", Status: db.LinkExpired}},
		Wallets:  []db.Wallet{{ID: 1, Status: db.WalletActive}},
	}
	l := sandbox.Ledger{
		Payments: []sandbox.LedgerPayment{
			{PaymentRequestID: "PR-A-1", PaymentID: "P1", ReferenceOrderID: "A", Status: "SUCCESS", Currency: "USD", Amount: 725},
			{PaymentRequestID: "PR-B-1", PaymentID: "P2", ReferenceOrderID: "B", Status: "FAIL", Currency: "USD", Amount: 1200},
			{PaymentRequestID: "PR-C-1", PaymentID: "P4", ReferenceOrderID: "C", Status: "SUCCESS", Currency: "USD", Amount: 1850, CaptureMode: "MANUAL", Authorized: 1850, Captured: 1500},
			{PaymentRequestID: "PR-D-1", PaymentID: "P5", ReferenceOrderID: "D", Status: "SUCCESS", Currency: "JPY", Amount: 2400, CaptureMode: "MANUAL", Authorized: 2400},
			{PaymentRequestID: "PR-E-1", PaymentID: "P6", ReferenceOrderID: "E", Status: "CANCELLED", Currency: "JPY", Amount: 3600, CaptureMode: "MANUAL", Authorized: 3600, Voided: true},
		},
		Refunds:  []sandbox.LedgerRefund{{RefundRequestID: "RF-A-1", PaymentID: "P1", Status: "SUCCESS", Currency: "USD", Amount: 100}},
		Captures: []sandbox.LedgerCapture{{CaptureRequestID: "CAP-C-1", PaymentID: "P4", Status: "SUCCESS", Currency: "USD", Amount: 1500}, {CaptureRequestID: "AUTO_P9", Status: "SUCCESS"}},
		Links:    []sandbox.LedgerLink{{AuthState: "S1", Status: "agreed", TokenStatus: "live"}, {AuthState: "S2", Status: "pending"}},
	}
	shown := Shown{"A": "partially-refunded", "B": "failed", "C": "paid", "D": "authorized", "E": "voided"}
	return b, l, shown
}

func TestCompareConsistentBooks(t *testing.T) {
	b, l, shown := books()
	if fs := Compare(b, l, shown); len(fs) != 0 {
		t.Fatalf("findings in consistent books: %+v", fs)
	}
}

// Each change to consistent books is found, in its category.
func TestCompareFindsEachKind(t *testing.T) {
	tests := []struct {
		name   string
		change func(b *db.Books, l *sandbox.Ledger, s Shown)
		want   Counts
	}{
		{"a second payment took money", func(b *db.Books, l *sandbox.Ledger, s Shown) {
			b.Attempts = append(b.Attempts, db.Attempt{ID: 9, OrderID: 1, PaymentRequestID: "PR-A-2", Currency: "USD", Amount: 725, Status: db.AttemptFail, ResultCode: "UNKNOWN"})
			l.Payments = append(l.Payments, sandbox.LedgerPayment{PaymentRequestID: "PR-A-2", PaymentID: "P9", ReferenceOrderID: "A", Status: "SUCCESS", Currency: "USD", Amount: 725})
		}, Counts{DoubleCharges: 1, Lost: 1}},
		{"U taken for a failure", func(b *db.Books, l *sandbox.Ledger, s Shown) {
			l.Payments[1].Status = "SUCCESS"
		}, Counts{Lost: 1}},
		{"money for an unknown paymentRequestId", func(b *db.Books, l *sandbox.Ledger, s Shown) {
			l.Payments = append(l.Payments, sandbox.LedgerPayment{PaymentRequestID: "PR-X-1", ReferenceOrderID: "X", Status: "SUCCESS"})
		}, Counts{Lost: 1}},
		{"buyer told it failed", func(b *db.Books, l *sandbox.Ledger, s Shown) { s["A"] = "failed" }, Counts{Lost: 1}},
		{"buyer not told of a refund", func(b *db.Books, l *sandbox.Ledger, s Shown) { s["A"] = "paid" }, Counts{Mismatched: 1}},
		{"buyer told of a whole refund for part of it", func(b *db.Books, l *sandbox.Ledger, s Shown) { s["A"] = "refunded" }, Counts{Mismatched: 1}},
		{"buyer not told a capture was refunded in full", func(b *db.Books, l *sandbox.Ledger, s Shown) {
			b.Refunds = append(b.Refunds, db.Refund{ID: 2, OrderID: 3, AttemptID: 4, RefundRequestID: "RF-C-1", Currency: "USD", Amount: 1500, Status: db.RefundSuccess})
			l.Refunds = append(l.Refunds, sandbox.LedgerRefund{RefundRequestID: "RF-C-1", PaymentID: "P4", Status: "SUCCESS", Currency: "USD", Amount: 1500})
		}, Counts{Mismatched: 1}},
		{"buyer told it is paid", func(b *db.Books, l *sandbox.Ledger, s Shown) { s["B"] = "paid" }, Counts{Mismatched: 1}},
		{"attempt still processing", func(b *db.Books, l *sandbox.Ledger, s Shown) {
			b.Attempts[2].Status = db.AttemptProcessing
			b.Orders[1].Status = db.OrderProcessing
			s["B"] = "processing"
		}, Counts{Stuck: 1}},
		{"Antom still processing", func(b *db.Books, l *sandbox.Ledger, s Shown) { l.Payments[1].Status = "PROCESSING" }, Counts{Stuck: 1}},
		{"paid here, failed at Antom", func(b *db.Books, l *sandbox.Ledger, s Shown) { l.Payments[0].Status = "FAIL" }, Counts{Mismatched: 1}},
		{"another paymentId", func(b *db.Books, l *sandbox.Ledger, s Shown) { b.Attempts[0].PaymentID = "P0" }, Counts{Mismatched: 1}},
		{"another amount", func(b *db.Books, l *sandbox.Ledger, s Shown) { l.Payments[0].Amount = 726 }, Counts{Mismatched: 1}},
		{"paid order without a successful attempt", func(b *db.Books, l *sandbox.Ledger, s Shown) {
			b.Orders[1].Status = db.OrderPaid
			s["B"] = "paid"
		}, Counts{Mismatched: 1}},
		{"refund failed here, done at Antom", func(b *db.Books, l *sandbox.Ledger, s Shown) { b.Refunds[0].Status = db.RefundFail }, Counts{Mismatched: 1}},
		{"refund still processing", func(b *db.Books, l *sandbox.Ledger, s Shown) {
			b.Refunds[0].Status = db.RefundProcessing
			s["A"] = "paid" // what the page says while a refund is under way
		}, Counts{Stuck: 1}},
		{"refund Antom never saw", func(b *db.Books, l *sandbox.Ledger, s Shown) { l.Refunds = nil }, Counts{Mismatched: 1}},
		{"capture Antom never saw", func(b *db.Books, l *sandbox.Ledger, s Shown) {
			l.Captures = l.Captures[1:]
			l.Payments[2].Captured = 0
		}, Counts{Mismatched: 1}},
		{"capture still processing", func(b *db.Books, l *sandbox.Ledger, s Shown) {
			b.Captures[0].Status = db.CaptureProcessing
			b.Orders[2].Status = db.OrderAuthorized
			s["C"] = "authorized"
		}, Counts{Stuck: 1, Mismatched: 1}}, // and Antom captured what the checkout does not count yet
		{"voided at Antom only", func(b *db.Books, l *sandbox.Ledger, s Shown) {
			l.Payments[3].Status, l.Payments[3].Voided = "CANCELLED", true
		}, Counts{Mismatched: 1}},
		{"link lost", func(b *db.Books, l *sandbox.Ledger, s Shown) { b.Links[0].Status = db.LinkFailed }, Counts{Lost: 1}},
		{"link lost, not for a refused second use of its authCode", func(b *db.Books, l *sandbox.Ledger, s Shown) {
			b.Links[0].Status, b.Links[0].FailureCode = db.LinkFailed, "EXPIRED"
		}, Counts{Lost: 1}},
		{"link agreed, never applied", func(b *db.Books, l *sandbox.Ledger, s Shown) {
			l.Links[1].Status = "agreed"
			b.Links[1].Status = db.LinkAuthorized
		}, Counts{Stuck: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, l, shown := books()
			tt.change(&b, &l, shown)
			fs := Compare(b, l, shown)
			if got := Count(fs); got != tt.want {
				t.Fatalf("counts %+v, want %+v; findings %+v", got, tt.want, fs)
			}
		})
	}
}

// A token whose applyToken answer never arrived, the authCode's second use
// refused, is reported as orphaned and counted nowhere — as the checkout
// keeps it (checkout.LinkAnswerLost), or as Antom's INVALID_AUTHCODE.
func TestCompareOrphanedLink(t *testing.T) {
	for _, code := range []string{checkout.LinkAnswerLost, "INVALID_AUTHCODE"} {
		b, l, shown := books()
		b.Links[0].Status, b.Links[0].FailureCode, b.Links[0].WalletID = db.LinkFailed, code, 0
		fs := Compare(b, l, shown)
		if got := Count(fs); !got.Zero() {
			t.Fatalf("%s: counts %+v, want none; findings %+v", code, got, fs)
		}
		if len(fs) != 1 || fs[0].Category != Orphaned || fs[0].Subject != "S1" {
			t.Fatalf("%s: findings %+v, want one orphaned link S1", code, fs)
		}
	}
}
