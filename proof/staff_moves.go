package proof

import (
	"strings"

	"antom-checkout/antom/sandbox"
)

// StaffMoves counts what staff's acts left in Antom's ledger.
type StaffMoves struct {
	Refunds  int // refundRequestIds Antom holds, whatever became of them
	Captures int // captures the shop sent (Antom's automatic AUTO_… left out)
	Voids    int // authorizations voided
}

// staffMovesIn counts staff's moves in l.
func staffMovesIn(l sandbox.Ledger) StaffMoves {
	m := StaffMoves{Refunds: len(l.Refunds)}
	for _, c := range l.Captures {
		if !strings.HasPrefix(c.CaptureRequestID, "AUTO_") {
			m.Captures++
		}
	}
	for _, p := range l.Payments {
		if p.Voided {
			m.Voids++
		}
	}
	return m
}
