package handlers

import (
	"net/url"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"antom-checkout/checkout"
	"antom-checkout/lang"
)

// The sandbox storefront's test payment writes its yen figures with the
// yen symbol the page's prices use in its language — "JP¥…91 至 JP¥…94"
// beside "JP¥5,800" in Simplified Chinese, where "¥" alone reads as
// yuan (trial), "¥…91" beside "¥5,800" in English — never a bare "¥"
// where the prices say "JP¥".
func TestTestPaymentSaysYenAsThePricesDo(t *testing.T) {
	ta := newTestApp(t)
	ta.Checkout = checkout.NewService(checkout.Deps{DB: ta.DB, Log: ta.Log, Options: checkout.Options{TestPayments: true, PasswordCost: bcrypt.MinCost}})
	b := ta.client(t)
	for _, l := range lang.Languages {
		b.post("/lang", url.Values{"lang": {l.Code}, "next": {"/"}})
		d := html(t, b.get("/").body)
		price := textOf(t, d, "price-teapot") // ¥5,800
		yen := strings.TrimRight(price, "0123456789.,")
		if yen == "" || !strings.Contains(yen, "¥") {
			t.Fatalf("%s: the teapot's price %q says no yen", l.Code, price)
		}
		said := spaces(d.Find(`[data-testid=test-payment] p.muted`).First().Text())
		for _, figure := range []string{yen + "…91", yen + "…94"} {
			if !strings.Contains(said, figure) {
				t.Errorf("%s: the test payment says no %q beside the price %q: %q", l.Code, figure, price, said)
			}
		}
		if rest := strings.ReplaceAll(said, yen+"…9", ""); strings.Contains(rest, "¥") {
			t.Errorf("%s: the test payment writes yen otherwise than its prices (%q): %q", l.Code, yen, said)
		}
	}
}
