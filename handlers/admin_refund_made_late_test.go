package handlers

import (
	"context"
	"strings"
	"testing"

	"antom-checkout/db"

	"github.com/PuerkitoBio/goquery"
)

// A refund we closed as failed ourselves, a new refund of the order made
// since (the books count it towards the failure), and then Antom makes
// the failure after all: while the new refund is processing the order
// page says what the buyer gets twice if Antom makes it, and the list
// badges the order "may be made twice"; once it is made, that the buyer
// got it more than was meant, and the badge is "made twice"; the
// dashboard counts the payment and the paid-twice filter lists the order.
func TestAdminRefundMadeLateAfterANewRefund(t *testing.T) {
	ta := newAdminApp(t)
	ctx := context.Background()
	ref, failed := ta.closedRefund(t, "madelate@example.com")
	again := ta.processingRefund(t, failed, ref, "AGAIN", 0)
	b := ta.client(t)
	b.staffSignIn()
	if strings.Contains(b.get("/admin/orders/"+ref).body, `data-testid="refund-made-late-twice"`) {
		t.Fatal("paid twice before Antom made the failure")
	}
	if ok, err := ta.DB.SettleRefund(ctx, failed.ID, db.RefundFail, db.SourceOurs, db.RefundSuccess, "SUCCESS", "REFUND-LATE", db.SourceAntom, ta.now, ta.now); err != nil || !ok {
		t.Fatalf("late success: %v %v", ok, err)
	}
	made := `Antom made refund <span class="mono">RF-` + ref + `-100</span> after we had closed it as failed, while other refunds had been counted towards making it good`
	assertContains(t, b.get("/admin/orders/"+ref).body, `data-testid="refund-made-late-twice"`, made,
		": if Antom makes the refunds still processing, the buyer gets $1.00 more than was meant. Ask Antom, and contact the buyer.")
	eq := func(got, want map[string]string, what string) {
		t.Helper()
		if len(got) != len(want) || got[ref] != want[ref] {
			t.Fatalf("%s: %v, want %v", what, got, want)
		}
	}
	eq(listBadges(t, b), map[string]string{ref: "refund-maybe-twice-badge"}, "the list's badges while the new refund is processing")
	if ok, err := ta.DB.SettleRefund(ctx, again, db.RefundProcessing, "", db.RefundSuccess, "SUCCESS", "REFUND-AGAIN", db.SourceAntom, ta.now, ta.now); err != nil || !ok {
		t.Fatalf("new refund made: %v %v", ok, err)
	}
	p := b.get("/admin/orders/" + ref).body
	assertContains(t, p, made+": the buyer got $1.00 more than was meant. Contact the buyer.", `data-testid="order-refunded">$2.00<`)
	if strings.Contains(p, "still processing") {
		t.Fatal("the page says the new refund is still processing")
	}
	// The dashboard counts the payment, and the paid-twice filter and
	// the list's badge hold the order (and no other).
	other, _ := ta.paidOrder(t, "other@example.com")
	assertContains(t, b.get("/admin").body, `data-testid="problem-payments-made-late-twice"`,
		`1</span> payment whose buyer got (or may get) money twice`)
	listed := b.get("/admin/orders?status=refund-paid-twice").body
	assertContains(t, listed, ref)
	if strings.Contains(listed, other) {
		t.Fatal("the paid-twice filter lists an order without such a refund")
	}
	eq(listBadges(t, b), map[string]string{ref: "refund-paid-twice-badge"}, "the list's badges once it is made")
}

// listBadges returns the orders list's made-twice and may-be-made-twice
// badges, by the order's ref (its data-testid; "+" between two).
func listBadges(t *testing.T, b *browserClient) map[string]string {
	t.Helper()
	badges := map[string]string{}
	html(t, b.get("/admin/orders").body).Find(`[data-testid="refund-paid-twice-badge"], [data-testid="refund-maybe-twice-badge"]`).Each(func(_ int, s *goquery.Selection) {
		ref := s.Closest("tr").Find(`[data-testid="order-link"]`).Text()
		id, _ := s.Attr("data-testid")
		if badges[ref] != "" {
			id = badges[ref] + "+" + id
		}
		badges[ref] = id
	})
	return badges
}

// A refund we closed, made good by a new refund, that Antom is then found
// processing: the order page says what the buyer gets twice if Antom
// makes it, and the list badges the order "may be made twice".
func TestAdminRefundFoundProcessingAfterANewRefund(t *testing.T) {
	ta := newAdminApp(t)
	ctx := context.Background()
	ref, failed := ta.closedRefund(t, "foundnew@example.com")
	again := ta.processingRefund(t, failed, ref, "AGAIN", 0)
	if ok, err := ta.DB.SettleRefund(ctx, again, db.RefundProcessing, "", db.RefundSuccess, "SUCCESS", "REFUND-AGAIN", db.SourceAntom, ta.now, ta.now); err != nil || !ok {
		t.Fatalf("new refund made: %v %v", ok, err)
	}
	b := ta.client(t)
	b.staffSignIn()
	if strings.Contains(b.get("/admin/orders/"+ref).body, `data-testid="refund-made-late-twice"`) {
		t.Fatal("a notice before Antom was found processing it")
	}
	if ok, err := ta.DB.FoundProcessing(ctx, failed.ID, "", ta.now); err != nil || !ok {
		t.Fatalf("found processing: %v %v", ok, err)
	}
	assertContains(t, b.get("/admin/orders/"+ref).body, `data-testid="refund-made-late-twice"`,
		`Antom is found processing refund <span class="mono">RF-`+ref+`-100</span>, which we had closed as failed, while other refunds had been counted towards making it good: if Antom makes it, the buyer gets $1.00 more than was meant. Ask Antom, and contact the buyer.`)
	if got := listBadges(t, b); got[ref] != "refund-maybe-twice-badge" {
		t.Fatalf("the list's badges: %v, want %s may be made twice", got, ref)
	}
}

// A payment counted only because Antom is found processing a refund we
// closed, which a new refund made good (nothing made late yet), is not
// said on the dashboard to be one Antom made refunds for.
func TestAdminDashboardFoundOnlyIsNotMadeLate(t *testing.T) {
	ta := newAdminApp(t)
	ctx := context.Background()
	ref, failed := ta.closedRefund(t, "found-only@example.com")
	again := ta.processingRefund(t, failed, ref, "AGAIN", 0)
	if ok, err := ta.DB.SettleRefund(ctx, again, db.RefundProcessing, "", db.RefundSuccess, "SUCCESS", "REFUND-AGAIN", db.SourceAntom, ta.now, ta.now); err != nil || !ok {
		t.Fatalf("new refund made: %v %v", ok, err)
	}
	if ok, err := ta.DB.FoundProcessing(ctx, failed.ID, "", ta.now); err != nil || !ok {
		t.Fatalf("found processing: %v %v", ok, err)
	}
	b := ta.client(t)
	b.staffSignIn()
	s := textOf(t, html(t, b.get("/admin").body), "problem-payments-made-late-twice")
	if strings.Contains(s, "Antom made refunds") || !strings.Contains(s, "or is found processing") {
		t.Errorf("the dashboard: %q; Antom made none, it is found processing one", s)
	}
}
