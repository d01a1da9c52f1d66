package views

import (
	"context"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"antom-checkout/lang"
)

// In every language a one-click button says the catalog's "Pay with
// {{.Method}}" word for word, and the words after the method ("결제",
// "支付") sit in .pay-after at the method's end — inside the wallet's
// account, or after the card's label — where app.css keeps them on the
// line of the method's last word.
func TestPayWordsAfterTheMethodStayAtItsEnd(t *testing.T) {
	methods := []struct{ name, account string }{
		{"Touch 'n Go eWallet", "+60*****6789"},
		{"Mastercard •••• 4444", ""},
	}
	for _, l := range lang.Languages {
		ctx := lang.WithLocalizer(context.Background(), lang.For(l))
		_, after, _ := strings.Cut(T(ctx, "checkout.pay_with", lang.Args{"Method": "\x00"}), "\x00")
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
			end := doc.Find(".pay-method")
			if m.account != "" {
				end = end.Find(".pay-account")
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
