package handlers

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"antom-checkout/antom"
	"antom-checkout/checkout"
	"antom-checkout/db"
	"antom-checkout/lang"
)

// The order card of a result page — the receipt a buyer prints — says
// what was charged when that is not the order's total: an authorization
// captured in part says the order's total as such and ends with the total
// charged; with refunds made, what was charged, what went back and, last,
// what was paid after refunds; the long-poll's redraw says the same. An
// order charged its total still ends with its Total.
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
	assertEqual(t, got["words"], "Order total ¥5,800 Charged ¥5,000 Refunded −¥5,000 Paid after refunds ¥0 Order "+part, "captured in part, refunded in full")
	assertEqual(t, got["bold"], "¥0", "captured in part, refunded in full: the bold amount")

	whole := b.buy("teapot", "1")
	a = ta.cardAttempt(t, whole, antom.CaptureManual, 14*time.Minute)
	ta.authorizeCard(t, whole, a)
	ta.capture(t, whole, a, 5800)
	got = summary(whole)
	assertEqual(t, got["words"], "Total ¥5,800 Order "+whole, "captured in full")
	ta.refund(t, whole, a, 800, db.RefundSuccess)
	got = summary(whole)
	assertEqual(t, got["words"], "Order total ¥5,800 Charged ¥5,800 Refunded −¥800 Paid after refunds ¥5,000 Order "+whole, "captured in full, refunded in part")
}

// receiptLines are the lines of the order card of ref's result page, as
// b reads it: "Order total ¥5,800 Charged ¥5,800 …".
func receiptLines(t *testing.T, b *browserClient, ref string) string {
	t.Helper()
	p := b.get("/orders/" + ref)
	assertEqual(t, p.status, http.StatusOK, "result page")
	var words []string
	html(t, p.body).Find(`[data-testid=order-summary] dl`).Children().Each(func(_ int, s *goquery.Selection) { words = append(words, spaces(s.Text())) })
	return strings.Join(words, " ")
}

// A receipt after a partial refund reads "Charged $18.50 / Refunded
// −$8.00" and then what the buyer paid after refunds, never a second,
// smaller "Total charged" that contradicts the first (trial) — in every
// language, and true in every state the line shows: a refund being
// confirmed, on its way or failed is not taken off (the receipt still
// says the order's Total), a refund made is, and so is a failed refund
// the shop settled another way; a whole refund leaves nothing paid.
func TestReceiptSaysPaidAfterRefunds(t *testing.T) {
	ta := newAdminApp(t)
	b := ta.client(t)
	ctx := context.Background()
	ref := b.buy("teapot", "1") // ¥5,800
	a := ta.cardAttempt(t, ref, antom.CaptureManual, 14*time.Minute)
	ta.authorizeCard(t, ref, a)
	ta.capture(t, ref, a, 5800)

	ta.refund(t, ref, a, 700, "") // being confirmed: Antom has not answered
	ta.refund(t, ref, a, 500, db.RefundProcessing)
	ta.refund(t, ref, a, 300, db.RefundFail)
	assertEqual(t, receiptLines(t, b, ref), "Total ¥5,800 Order "+ref, "refunds being confirmed, on their way and failed")

	rs, err := ta.DB.OrderRefunds(ctx, ta.order(t, ref).ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if r.Status == db.RefundFail {
			if ok, err := ta.DB.MarkRefundHandled(ctx, r.ID, "staff", "bank transfer", ta.now); err != nil || !ok {
				t.Fatalf("settled another way: %v %v", ok, err)
			}
		}
	}
	assertEqual(t, receiptLines(t, b, ref), "Order total ¥5,800 Charged ¥5,800 Settled another way −¥300 Paid after refunds ¥5,500 Order "+ref, "a failed refund settled another way")

	ta.refund(t, ref, a, 800, db.RefundSuccess)
	assertEqual(t, receiptLines(t, b, ref), "Order total ¥5,800 Charged ¥5,800 Refunded −¥800 Settled another way −¥300 Paid after refunds ¥4,700 Order "+ref, "a refund made, and one settled another way")

	for _, l := range lang.Languages {
		b.post("/lang", url.Values{"lang": {l.Code}, "next": {"/orders/" + ref}})
		say := lang.For(l)
		yen := func(minor int64) string { return say.Money("JPY", minor, checkout.Money{Currency: "JPY"}.Digits()) }
		want := say.T("checkout.order_total") + " " + yen(5800) + " " + say.T("result.fact_charged") + " " + yen(5800) + " " +
			say.T("result.fact_refunded") + " −" + yen(800) + " " + say.T("orders.state_settled") + " −" + yen(300) + " " +
			say.T("checkout.paid_after_refunds") + " " + yen(4700) + " " + say.T("checkout.order") + " " + ref
		assertEqual(t, receiptLines(t, b, ref), spaces(want), l.Code+": the receipt")
		if say.T("checkout.paid_after_refunds") == say.T("checkout.total_charged") || strings.Contains(say.T("checkout.paid_after_refunds"), say.T("result.fact_charged")) {
			t.Errorf("%s: the last line %q reads as a second charge", l.Code, say.T("checkout.paid_after_refunds"))
		}
	}

	whole := b.buy("teapot", "1")
	a = ta.cardAttempt(t, whole, antom.CaptureManual, 14*time.Minute)
	ta.authorizeCard(t, whole, a)
	ta.capture(t, whole, a, 5800)
	b.post("/lang", url.Values{"lang": {"en"}, "next": {"/orders/" + whole}})
	ta.refund(t, whole, a, 5800, db.RefundSuccess)
	assertEqual(t, receiptLines(t, b, whole), "Order total ¥5,800 Charged ¥5,800 Refunded −¥5,800 Paid after refunds ¥0 Order "+whole, "a whole refund")
}
