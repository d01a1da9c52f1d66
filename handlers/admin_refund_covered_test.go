package handlers

import (
	"strings"
	"testing"

	"antom-checkout/db"
)

// A failed refund that a new refund still processing covers part of
// waits on the order page: its line says what it owes, which refund
// covers it and that it can be tried again or settled another way once
// Antom has answered for that refund — no retry or handled form is
// offered only to be refused; once the covering refund is made, both
// are offered again for what is still owed.
func TestAdminFailureCoveredByARefundStillProcessingWaitsOnThePage(t *testing.T) {
	pay := newClosedRefundPayment(t, "covered-page@example.com")
	ta, ref, f := pay.ta, pay.ref, pay.f
	pay.settle(f.ID, db.RefundFail, db.SourceOurs, db.RefundFail, db.SourceAntom) // Antom's own failure: no lookup needed
	n := pay.insert("N", 40, 0)
	b := ta.client(t)
	b.staffSignIn()
	page := b.get("/admin/orders/" + ref).body
	wait := textOf(t, html(t, page), "refund-covered-wait")
	for _, want := range []string{"owes $0.60", "RF-" + ref + "-N, still processing, covers the rest until Antom answers for it",
		"once Antom has answered for RF-" + ref + "-N"} {
		if !strings.Contains(wait, want) {
			t.Errorf("the waiting line lacks %q: %s", want, wait)
		}
	}
	if strings.Contains(page, `data-testid="retry-form"`) || strings.Contains(page, `data-testid="handled-form"`) {
		t.Error("a retry or handled form is offered while the covering refund processes")
	}
	pay.settle(n, db.RefundProcessing, "", db.RefundSuccess, db.SourceAntom)
	page = b.get("/admin/orders/" + ref).body
	if strings.Contains(page, `data-testid="refund-covered-wait"`) || !strings.Contains(page, `data-testid="retry-form"`) ||
		!strings.Contains(page, `data-testid="handled-form"`) {
		t.Error("once the covering refund is made, the failure is not offered to try again and to settle")
	}
}
