package handlers

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// The order card of a result page — the receipt a buyer prints — says
// what was charged when that is not the order's total: an authorization
// captured in part says the order's total as such and ends with the total
// charged, with refunds made taken off; the long-poll's redraw says the
// same. An order charged its total still ends with its Total.
func TestReceiptSaysWhatWasCharged(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	summary := func(ref string) map[string]string {
		t.Helper()
		p := b.get("/orders/" + ref)
		assertEqual(t, p.status, http.StatusOK, "result page")
		d := html(t, p.body)
		out := map[string]string{}
		for _, id := range []string{"order-total", "order-charged", "order-refunded", "order-settled", "order-total-charged"} {
			if testid(d, id).Length() > 0 {
				out[id] = textOf(t, d, id)
			}
		}
		out["bold"] = spaces(d.Find(`[data-testid=order-summary] .price`).Text())
		var words []string
		d.Find(`[data-testid=order-summary] dl`).Children().Each(func(_ int, s *goquery.Selection) { words = append(words, spaces(s.Text())) })
		out["words"] = strings.Join(words, " ")
		return out
	}

	part := b.buy("teapot", "1") // ¥5,800
	a := ta.cardAttempt(t, part, antom.CaptureManual, 14*time.Minute)
	ta.authorizeCard(t, part, a)
	ta.capture(t, part, a, 5000)
	got := summary(part)
	assertEqual(t, got["order-total"], "¥5,800", "partly captured: the order's total")
	assertEqual(t, got["order-total-charged"], "¥5,000", "partly captured: total charged")
	assertEqual(t, got["bold"], "¥5,000", "partly captured: the bold amount")
	assertEqual(t, got["words"], "Order total ¥5,800 Total charged ¥5,000 Order "+part, "partly captured: the lines")

	// The long-poll redraws the order card with the result card.
	p := b.get("/orders/" + part + "/status?seen=x")
	var s orderStatus
	if err := json.Unmarshal([]byte(p.body), &s); err != nil {
		t.Fatalf("status: %v: %s", err, p.body)
	}
	assertEqual(t, textOf(t, html(t, s.HTML), "order-total-charged"), "¥5,000", "the redraw's total charged")

	ta.refund(t, part, a, 5000, db.RefundSuccess)
	got = summary(part)
	assertEqual(t, got["words"], "Order total ¥5,800 Charged ¥5,000 Refunded −¥5,000 Total charged ¥0 Order "+part, "captured in part, refunded in full")
	assertEqual(t, got["bold"], "¥0", "captured in part, refunded in full: the bold amount")

	whole := b.buy("teapot", "1")
	a = ta.cardAttempt(t, whole, antom.CaptureManual, 14*time.Minute)
	ta.authorizeCard(t, whole, a)
	ta.capture(t, whole, a, 5800)
	got = summary(whole)
	assertEqual(t, got["words"], "Total ¥5,800 Order "+whole, "captured in full")
	ta.refund(t, whole, a, 800, db.RefundSuccess)
	got = summary(whole)
	assertEqual(t, got["words"], "Order total ¥5,800 Charged ¥5,800 Refunded −¥800 Total charged ¥5,000 Order "+whole, "captured in full, refunded in part")
}
