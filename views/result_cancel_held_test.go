package views

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"antom-checkout/lang"
)

// A payment whose stored cancel is held for a paymentId conflict
// (CancelHeld) is being confirmed, not cancelled: in every language its
// page says the shop checks it by hand (result.detail_processing_held),
// promises no time even if one were given, and offers no cancel again.
func TestResultCancelHeldSaysTheShopChecks(t *testing.T) {
	for _, l := range lang.Languages {
		ctx := lang.WithLocalizer(context.Background(), lang.For(l))
		c, err := lang.Catalog(l)
		if err != nil {
			t.Fatal(err)
		}
		words := c["result.detail_processing_held"]
		first, _, _ := strings.Cut(words, "{{.Live}}")
		first = strings.TrimSpace(first)
		if first == "" {
			t.Fatalf("%s: no result.detail_processing_held", l.Code)
		}
		r := ResultCard{Ref: "ORD-1", Key: "k", State: StateProcessing, Waiting: true, Live: true, Card: true, CancelHeld: true, DecidedBy: "23:59"}
		var buf bytes.Buffer
		if err := ResultBody(r).Render(ctx, &buf); err != nil {
			t.Fatal(err)
		}
		d, err := goquery.NewDocumentFromReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		detail := d.Find("[data-testid=result-detail]").Text()
		if !strings.Contains(strings.Join(strings.Fields(detail), " "), strings.Join(strings.Fields(first), " ")) {
			t.Errorf("%s: detail %q does not say %q", l.Code, detail, first)
		}
		if strings.Contains(detail, "23:59") {
			t.Errorf("%s: detail promises a time: %q", l.Code, detail)
		}
		if d.Find("[data-testid=retry-cancel], [data-testid=leave-card-page]").Length() != 0 {
			t.Errorf("%s: the page offers to cancel", l.Code)
		}
	}
}
