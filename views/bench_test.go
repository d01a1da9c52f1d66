package views

import (
	"context"
	"io"
	"testing"
	"time"

	"antom-checkout/lang"
)

// A paid result page rendered in English and in Korean: what saying every
// word through the catalogs costs a page.
func BenchmarkResultPage(b *testing.B) {
	for _, l := range []lang.Language{lang.Languages[0], lang.Languages[3]} {
		loc := lang.For(l)
		ctx := lang.WithLocalizer(context.Background(), loc)
		at := time.Date(2026, 12, 1, 15, 4, 0, 0, time.UTC)
		page := Result(ResultPage{
			Page:  Page{Title: loc.T("result.title", lang.Args{"Ref": "ORD-1"}), Merchant: "Demo shop", Here: "/orders/ORD-1"},
			Order: OrderSummary{Ref: "ORD-1", Name: loc.T("product.coffee.name"), Icon: "coffee", Quantity: 1, Total: loc.Money("USD", 1850, 2)},
			Result: ResultCard{Ref: "ORD-1", State: StatePaid, Key: "k", PaymentID: "2026120100001", Charged: loc.Money("USD", 1850, 2),
				ChargedAt: at, Method: "GCash 0917****123", MethodWallet: "GCASH"},
		})
		b.Run(l.Code, func(b *testing.B) {
			for b.Loop() {
				if err := page.Render(ctx, io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
