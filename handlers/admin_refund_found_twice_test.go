package handlers

import (
	"context"
	"strings"
	"testing"
)

// A refund we closed as failed ourselves, settled another way after a
// lookup found none, that Antom is then found processing: the order page
// says the buyer gets it twice if Antom makes it, on the notice and the
// row, and the dashboard counts it among those that may be made twice.
// So for one tried again whose retry is processing.
func TestAdminRefundFoundProcessingAfterMadeGood(t *testing.T) {
	ta := newAdminApp(t)
	ctx := context.Background()
	ref, failed := ta.closedRefund(t, "foundtwice@example.com")
	for _, step := range []func() (bool, error){
		func() (bool, error) { return ta.DB.LookedAbsent(ctx, failed.ID, "staff@tea.example", ta.now) },
		func() (bool, error) {
			return ta.DB.MarkRefundHandled(ctx, failed.ID, "staff@tea.example", "bank transfer", ta.now)
		},
	} {
		if ok, err := step(); err != nil || !ok {
			t.Fatalf("set-up: %v %v", ok, err)
		}
	}
	b := ta.client(t)
	b.staffSignIn()
	if strings.Contains(b.get("/admin/orders/"+ref).body, `data-testid="refund-found-twice`) {
		t.Fatal("may be paid twice before Antom was found processing it")
	}
	if ok, err := ta.DB.FoundProcessing(ctx, failed.ID, "", ta.now); err != nil || !ok {
		t.Fatalf("found processing: %v %v", ok, err)
	}
	assertContains(t, b.get("/admin/orders/"+ref).body, `data-testid="refund-found-twice-notice"`,
		`Refund <span class="mono">RF-`+ref+`-100</span> of $1.00 was closed as failed by us and settled another way ($1.00, by `+
			wholeEmailThen("staff@tea.example", ");")+` Antom is now found processing it: if Antom makes it, the buyer gets $1.00 more than was meant. Ask Antom, and contact the buyer.`,
		`data-testid="refund-found-twice">Antom is found processing this refund after it was settled another way: if Antom makes it, the buyer gets $1.00 more than was meant.`)
	assertContains(t, b.get("/admin").body, `data-testid="problem-refunds-paid-twice"`, "1</span> refund that may be made twice",
		"a refund made good already that Antom is found processing")

	// Tried again, the retry processing, its original found processing.
	ref2, failed2, _ := ta.retriedClosedRefund(t, "retryfound@example.com")
	if ok, err := ta.DB.FoundProcessing(ctx, failed2.ID, "", ta.now); err != nil || !ok {
		t.Fatalf("found processing: %v %v", ok, err)
	}
	assertContains(t, b.get("/admin/orders/"+ref2).body, `data-testid="refund-found-twice-notice"`,
		`Refund <span class="mono">RF-`+ref2+`-100</span> was closed as failed by us and tried again as <span class="mono">RF-`+ref2+
			`-RETRY</span>, still processing; Antom is now found processing <span class="mono">RF-`+ref2+`-100</span> too: if Antom makes both, the buyer gets $1.00 more than was meant.`,
		`data-testid="refund-found-twice">Antom is found processing <span class="mono">RF-`+ref2+`-100</span>, which this tried again: if Antom makes it, the buyer gets $1.00 more than was meant.`)
}
