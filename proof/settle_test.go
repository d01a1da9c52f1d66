package proof

import (
	"testing"

	"antom-checkout/db"
)

// What is still under way, on either side, keeps a run waiting.
func TestInFlight(t *testing.T) {
	b, l, _ := books()
	if left := inFlight(b, l); len(left) != 0 {
		t.Fatalf("settled books in flight: %v", left)
	}
	b.Attempts[2].Status = db.AttemptProcessing
	b.Refunds[0].Status = db.RefundProcessing
	b.Wallets[0].Status = db.WalletRevoking
	l.Payments[0].Status = "PROCESSING"
	l.Links[1].Status = "agreed"
	b.Links[1].Status = db.LinkPending
	want := []string{"attempt PR-B-2", "refund RF-A-1", "wallet 1 revoking", "link S2", "Antom payment PR-A-1"}
	left := inFlight(b, l)
	if len(left) != len(want) {
		t.Fatalf("in flight %v, want %v", left, want)
	}
	for i := range want {
		if left[i] != want[i] {
			t.Fatalf("in flight %v, want %v", left, want)
		}
	}
}
