package handlers

import (
	"context"
	"fmt"
	"net/url"
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/lang"
)

// The result page of an order whose product the shop's file no longer
// sells offers no way to pay that would be refused, and says why, as its
// checkout page does: not yet paid, it offers no Go to checkout; after a
// failed payment, no Pay another way; beside an open card page — started
// while the product was for sale, and payable still — only to continue
// there, and a Pay another way pressed on a page shown before cancels
// nothing and lands back on the result page.
func TestResultOfAProductNoLongerForSaleOffersNoOtherWay(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	unpaid, failed, carded := b.buy("teapot", "1"), b.buy("teapot", "1"), b.buy("teapot", "1")
	ta.failedAttempts(t, failed, 1)
	id := ta.cardAttempt(t, carded, "AUTOMATIC", 14*time.Minute)
	for _, ref := range []string{unpaid, failed} { // while for sale: a way to pay
		d := html(t, b.get("/orders/"+ref).body)
		if testid(d, "go-checkout").Length()+testid(d, "pay-another-way").Length()+testid(d, "pay-again").Length() != 1 {
			t.Fatalf("result of %s while for sale offers no way to pay", ref)
		}
	}
	sellCatalogFile(t, ta)
	en := lang.For(lang.English)
	notForSale := en.T("checkout.not_for_sale")

	d := html(t, b.get("/orders/"+unpaid).body)
	assertEqual(t, testid(d, "result").AttrOr("data-status", ""), "unpaid", "state")
	assertEqual(t, testid(d, "go-checkout").Length(), 0, "go to checkout offered")
	assertEqual(t, testid(d, "continue-shopping").Length(), 1, "back to the shop")
	assertEqual(t, textOf(t, d, "attempts-used-up-words"), notForSale, "why it can no longer be paid")
	assertEqual(t, textOf(t, d, "result-detail"), en.T("result.detail_unpaid_ended"), "what became of it")
	assertEqual(t, textOf(t, d, "result-headline-text"), en.T("result.head_unpaid_ended"), "its headline")

	d = html(t, b.get("/orders/"+failed).body)
	assertEqual(t, testid(d, "result").AttrOr("data-status", ""), "failed", "state")
	assertEqual(t, testid(d, "pay-another-way").Length(), 0, "pay another way offered")
	assertEqual(t, testid(d, "pay-again").Length(), 0, "pay again offered")
	assertEqual(t, textOf(t, d, "attempts-used-up-words"), notForSale, "why it can no longer be paid")

	d = html(t, b.get("/orders/"+carded).body)
	assertEqual(t, testid(d, "result").AttrOr("data-status", ""), "card-page", "state")
	assertEqual(t, testid(d, "leave-card-page").Length(), 0, "pay another way offered")
	assertEqual(t, testid(d, "continue-card-page").AttrOr("href", ""), cardPage, "continue on the card page")
	assertEqual(t, testid(d, "attempts-used-up-words").Length(), 0, "can no longer be paid, beside a card page that can")
	assertEqual(t, textOf(t, d, "result-detail"),
		"If you finished paying on the card page, this page updates by itself in a moment. If you left it, continue there: this order can no longer be paid another way.",
		"the card page is the way left")
	p := b.post("/orders/"+carded+"/pay-another-way", url.Values{})
	assertEqual(t, resultAt(p.location), "/orders/"+carded, "where the press leads")
	ta.Checkout.Wait()
	a, err := ta.DB.AttemptByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	assertEqual(t, fmt.Sprint(a.Status, a.CancelStatus, a.AbandonedAt.IsZero()), fmt.Sprint(db.AttemptProcessing, "", true), "the open payment: status, cancel, left")
}
