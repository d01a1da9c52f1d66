package views

import (
	"context"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"antom-checkout/lang"
)

// In every language a one-click button says the catalog's "Pay with
// {{.Method}}" word for word; the words before the method ("Pay with ",
// "使用 ") come right before its name (.pay-name: a wallet's, a card's
// brand), where they stay on the name's line whenever the two fit there,
// its account (a wallet's, a kept card's "•••• 4444") apart in
// .pay-account; and the words after it ("결제", "支付") sit in .pay-after
// at the method's end — inside the account, or inside the name when there
// is none — where app.css keeps them on the line of the method's last
// word.
func TestPayWordsAroundTheMethodStayWithIt(t *testing.T) {
	methods := []struct{ name, account string }{
		{"Touch 'n Go eWallet", "+60*****6789"},
		{"Mastercard", "•••• 4444"},
		{"Visa", "•••• 4242 · Expires 11/33"},
		{"GCash", ""}, // a method without an account
	}
	for _, l := range lang.Languages {
		ctx := lang.WithLocalizer(context.Background(), lang.For(l))
		before, after, _ := strings.Cut(T(ctx, "checkout.pay_with", lang.Args{"Method": "\x00"}), "\x00")
		for _, m := range methods {
			var buf strings.Builder
			if err := payWith(m.name, m.account).Render(ctx, &buf); err != nil {
				t.Fatal(err)
			}
			doc, err := goquery.NewDocumentFromReader(strings.NewReader(buf.String()))
			if err != nil {
				t.Fatal(err)
			}
			method := strings.TrimSpace(m.name + " " + m.account)
			want := T(ctx, "checkout.pay_with", lang.Args{"Method": method})
			if got := doc.Find(".pay-text").Text(); got != want {
				t.Errorf("%s: button says %q, want %q", l.Code, got, want)
			}
			box := doc.Find(".pay-method")
			if lead := box.Contents().First(); before != "" && (lead.Text() != before || !lead.Next().Is(".pay-name")) {
				t.Errorf("%s: %q not right before the name %q: %s", l.Code, before, m.name, buf.String())
			}
			if got := strings.TrimSpace(box.Find(".pay-name").Contents().First().Text()); got != m.name {
				t.Errorf("%s: .pay-name says %q, want %q: %s", l.Code, got, m.name, buf.String())
			}
			end := box.Find(".pay-name")
			if m.account != "" {
				end = box.Find(".pay-account")
			}
			kept := end.Children().Filter(".pay-after")
			if after == "" {
				if doc.Find(".pay-after").Length() != 0 {
					t.Errorf("%s: .pay-after with no words after the method: %s", l.Code, buf.String())
				}
				continue
			}
			if kept.Length() != 1 || kept.Text() != after || !strings.HasSuffix(end.Text(), after) {
				t.Errorf("%s: %q not kept at the end of %q: %s", l.Code, after, method, buf.String())
			}
		}
	}
}
