package views

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"antom-checkout/lang"
)

// A paid order whose whole payment is going back in a refund Antom has
// not confirmed yet, or whose whole payment a failed refund still owes,
// says so in its headline, in every language — not "Thank you for your
// order" above "A refund of ¥2,400 is being confirmed" (trial), nor that
// the money is on its way, which is not certain — and its body says what
// was received, not that the order is paid. A refund of part of it
// leaves the paid order's headline.
func TestWholeRefundConfirmingOrOwedSaysSoInTheHeadline(t *testing.T) {
	confirming := ResultCard{State: StatePaid, Charged: "¥2,400", RefundConfirming: "¥2,400", RefundsConfirming: 1, WholeRefundHead: "result.head_paid_refund_confirming", PaymentID: "P1"}
	owed := ResultCard{State: StatePaid, Charged: "¥2,400", RefundFailed: "¥2,400", RefundFailures: 1, WholeRefundHead: "result.head_paid_refund_owed", PaymentID: "P1"}
	partConfirming, partOwed := confirming, owed
	partConfirming.RefundConfirming, partConfirming.WholeRefundHead = "¥400", ""
	partOwed.RefundFailed, partOwed.WholeRefundHead = "¥400", ""
	for _, l := range lang.Languages {
		ctx := lang.WithLocalizer(context.Background(), lang.For(l))
		say := lang.For(l)
		read := func(r ResultCard, notice string) (head, body string) {
			r.Ref, r.Key = "ORD-1", "k"
			var buf bytes.Buffer
			if err := ResultBody(r).Render(ctx, &buf); err != nil {
				t.Fatal(err)
			}
			d, err := goquery.NewDocumentFromReader(&buf)
			if err != nil {
				t.Fatal(err)
			}
			if d.Find("[data-testid="+notice+"]").Length() != 1 {
				t.Fatalf("%s: no %s notice", l.Code, notice)
			}
			return strings.TrimSpace(d.Find("[data-testid=result-headline-text]").Text()),
				strings.Join(strings.Fields(strings.ReplaceAll(d.Find("[data-testid=result-detail]").Text(), "\u2060", "")), " ") // word joiners (glued)
		}
		received := strings.Join(strings.Fields(say.T("result.detail_paid_refunding", lang.Args{"Charged": "¥2,400"})), " ")
		head, body := read(confirming, "refund-being-confirmed")
		assertText(t, l.Code+" being confirmed: headline", head, say.T("result.head_paid_refund_confirming"))
		assertText(t, l.Code+" being confirmed: body", body, received)
		head, body = read(owed, "refund-failed")
		assertText(t, l.Code+" owed: headline", head, say.T("result.head_paid_refund_owed"))
		assertText(t, l.Code+" owed: body", body, received)
		for _, part := range []struct {
			r      ResultCard
			notice string
		}{{partConfirming, "refund-being-confirmed"}, {partOwed, "refund-failed"}} {
			head, _ := read(part.r, part.notice)
			assertText(t, l.Code+" part "+part.notice+": headline", head, say.T("result.head_paid"))
		}
		if say.T("result.head_paid_refund_confirming") == say.T("result.head_paid_refunding") {
			t.Errorf("%s: being confirmed reads as on its way", l.Code)
		}
	}
}

// A whole payment going back part on its way (or being confirmed) and
// the rest owed by a refund that failed says both in its headline, in
// every language — not "Thank you for your order" above the two notices
// (trial) — over what was received; and each of the two reads apart
// from the headlines of one state, which say the whole is going back,
// or the whole owed.
func TestWholeRefundPartOwedSaysBothInTheHeadline(t *testing.T) {
	onWay := ResultCard{State: StatePaid, Charged: "¥2,400", Refunding: "¥2,000", RefundsOnWay: 1, RefundFailed: "¥400", RefundFailures: 1,
		WholeRefundHead: "result.head_paid_refund_on_way_owed", PaymentID: "P1"}
	confirming := ResultCard{State: StatePaid, Charged: "¥2,400", RefundConfirming: "¥2,000", RefundsConfirming: 1, RefundFailed: "¥400", RefundFailures: 1,
		WholeRefundHead: "result.head_paid_refund_confirming_owed", PaymentID: "P1"}
	for _, l := range lang.Languages {
		ctx := lang.WithLocalizer(context.Background(), lang.For(l))
		say := lang.For(l)
		received := strings.Join(strings.Fields(say.T("result.detail_paid_refunding", lang.Args{"Charged": "¥2,400"})), " ")
		for _, c := range []struct {
			r      ResultCard
			notice string
		}{{onWay, "refund-on-its-way"}, {confirming, "refund-being-confirmed"}} {
			c.r.Ref, c.r.Key = "ORD-1", "k"
			var buf bytes.Buffer
			if err := ResultBody(c.r).Render(ctx, &buf); err != nil {
				t.Fatal(err)
			}
			d, err := goquery.NewDocumentFromReader(&buf)
			if err != nil {
				t.Fatal(err)
			}
			for _, n := range []string{c.notice, "refund-failed"} {
				if d.Find("[data-testid="+n+"]").Length() != 1 {
					t.Fatalf("%s %s: no %s notice", l.Code, c.r.WholeRefundHead, n)
				}
			}
			assertText(t, l.Code+" "+c.notice+": headline", strings.TrimSpace(d.Find("[data-testid=result-headline-text]").Text()), say.T(c.r.WholeRefundHead))
			assertText(t, l.Code+" "+c.notice+": body", strings.Join(strings.Fields(d.Find("[data-testid=result-detail]").Text()), " "), received)
		}
		heads := map[string]string{}
		for _, id := range []string{"result.head_paid", "result.head_paid_refunding", "result.head_paid_refund_confirming", "result.head_paid_refund_owed",
			"result.head_paid_refund_on_way_owed", "result.head_paid_refund_confirming_owed", "result.head_paid_refund_on_way_confirming_owed"} {
			if other, ok := heads[say.T(id)]; ok {
				t.Errorf("%s: %s reads as %s: %q", l.Code, id, other, say.T(id))
			}
			heads[say.T(id)] = id
		}
	}
}
