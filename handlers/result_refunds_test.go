package handlers

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"antom-checkout/db"
)

// Each refund of a payment is listed with its own amount and time, on
// the result page and so on its printed receipt: two refunds 14 minutes
// apart are never told as one, "Refunded on" the later's time. One
// refund keeps its "Refunded on" line.
func TestResultPageListsEachRefund(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	b.signUp("refunds@example.com")
	wallet := ta.insertWallet(t, ta.buyerID(t, "refunds@example.com"), "0917****123")
	ref := b.buy("matcha", "1")
	id := ta.openAttempt(t, ref, wallet)
	ta.settle(t, ref, id, db.AttemptSuccess, "SUCCESS", "PAY-1")
	shown := func(at time.Time) string { return at.UTC().Format("2 Jan 2006, 15:04 UTC") }
	page := func() *goquery.Document {
		t.Helper()
		p := b.get("/orders/" + ref)
		assertEqual(t, p.status, http.StatusOK, "result page")
		return html(t, p.body)
	}

	first := ta.now
	ta.refund(t, ref, id, 1000, db.RefundSuccess)
	d := page()
	assertEqual(t, textOf(t, d, "refunded-amount"), "¥1,000", "one refund")
	assertEqual(t, textOf(t, d, "refunded-at"), shown(first), "one refund's time")
	if n := testid(d, "refund-made").Length(); n != 0 {
		t.Errorf("one refund listed as %d", n)
	}

	ta.now = ta.now.Add(14 * time.Minute)
	ta.refund(t, ref, id, 500, db.RefundSuccess)
	d = page()
	assertEqual(t, textOf(t, d, "refunded-amount"), "¥1,500", "two refunds in all")
	if testid(d, "refunded-at").Length() != 0 {
		t.Errorf("two refunds told as refunded on one time: %q", testid(d, "paid-facts").Text())
	}
	var lines []string
	testid(d, "refund-made").Each(func(_ int, s *goquery.Selection) { lines = append(lines, strings.Join(strings.Fields(s.Text()), " ")) })
	assertEqual(t, strings.Join(lines, " | "), "¥1,000 on "+shown(first)+" | ¥500 on "+shown(ta.now), "each refund")
	if dt := testid(d, "refunds").Closest("dd").Prev().Text(); dt != "Refunds" {
		t.Errorf("the list is headed %q", dt)
	}
}
