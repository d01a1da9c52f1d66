package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"antom-checkout/checkout"
	"antom-checkout/lang"
	"antom-checkout/lang/langtest"
)

// words says a message of the buyer pages' catalogs in a language.
func words(t *testing.T, code, id string, args ...lang.Args) string {
	t.Helper()
	l, ok := lang.ByCode(code)
	if !ok {
		t.Fatalf("no language %s", code)
	}
	return lang.For(l).T(id, args...)
}

// inLanguage checks the page now shown is in language code throughout:
// <html lang> and no English word left (names allowed).
func (b *browser) inLanguage(code string, names ...string) {
	b.t.Helper()
	var got string
	b.run(chromedp.AttributeValue("html", "lang", &got, nil, chromedp.ByQuery))
	if got != code {
		b.t.Fatalf("<html lang=%q>, want %q", got, code)
	}
	for _, w := range checkout.WalletBrands() {
		names = append(names, w.Name)
	}
	langtest.Check(b.t, b.html(), code, names...)
}

// switchTo chooses a language with the footer's switcher and waits for
// the page it returns to (a new page, even when the language was already
// the page's).
func (b *browser) switchTo(code string) {
	b.t.Helper()
	b.run(chromedp.Evaluate(`document.body.dataset.before = "1"`, nil))
	b.run(chromedp.ScrollIntoView("[data-testid=lang-"+code+"]", chromedp.ByQuery))
	b.click("[data-testid=lang-"+code+"]", `html[lang="`+code+`"] body:not([data-before]) [data-testid=lang-switch]`)
}

// A buyer whose browser asks for Korean signs up, links Kakao Pay and
// pays in one click: every page on the way is in Korean, the amount and
// the date written as Korean writes them.
func TestPayInKorean(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	b.run(network.Enable(), network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": "ko-KR,ko;q=0.9"}))
	names := []string{"Demo shop", "Kakao Pay", "kakaopay", "korea@example.com"}
	b.visit("/")
	b.inLanguage("ko", names...)
	b.waitText("[data-testid=home-title]", words(t, "ko", "shop.welcome"))
	signUp(b, "korea@example.com")
	b.inLanguage("ko", names...)

	buy(b, "coffee")
	b.inLanguage("ko", names...)
	u := walletUser(t, "KAKAOPAY")
	b.run(chromedp.Click(`[data-testid=link-wallet-form] input[value=KAKAOPAY]`, chromedp.ByQuery))
	b.click("[data-testid=link-another]", "[data-testid=code-value]")
	b.waitText("[data-testid=link-headline]", words(t, "ko", "link.pending_head", lang.Args{"Wallet": "Kakao Pay"}))
	b.inLanguage("ko", names...)
	agreeInWallet(b.tab(), b.text("[data-testid=code-value]"), u)
	b.run(chromedp.WaitVisible("[data-testid^=pay-wallet-]", chromedp.ByQuery))
	b.waitText("[data-testid^=pay-wallet-]", words(t, "ko", "checkout.pay_with", lang.Args{"Method": "Kakao Pay " + u.UserLoginID}))
	b.inLanguage("ko", append(names, u.UserLoginID)...)

	b.click("[data-testid^=pay-wallet-]", "[data-testid=result]")
	b.waitText("[data-testid=result-status]", "결제 완료")
	b.waitText("[data-testid=result-headline]", words(t, "ko", "result.head_paid"))
	b.waitText("[data-testid=paid-amount]", "US$18.50")
	if at := b.text("[data-testid=paid-at]"); !strings.Contains(at, "년") || !strings.Contains(at, "월") || !strings.HasSuffix(at, "UTC") {
		t.Fatalf("paid at %q: not a Korean date", at)
	}
	b.inLanguage("ko", append(names, u.UserLoginID)...)
	b.visit("/orders")
	b.waitText("[data-testid=order-status]", "결제 완료")
	b.waitText("[data-testid=order-amount]", "US$18.50")
	b.inLanguage("ko", names...)
}

// A guest chooses Traditional Chinese with the footer's switcher (the
// browser asks for English) and pays for a teapot by card: the choice
// holds on every page, through Antom's card page and back, and the yen
// amount has no decimals.
func TestPayInTraditionalChinese(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	b.run(network.Enable(), network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": "en-US,en;q=0.9"}))
	names := []string{"Demo shop", "Visa"}
	b.visit("/")
	b.inLanguage("en", names...)
	b.switchTo("zh-Hant")
	b.waitText("[data-testid=home-title]", "歡迎光臨")
	b.inLanguage("zh-Hant", names...)
	b.waitText("[data-testid=price-teapot]", "¥5,800")

	buy(b, "teapot")
	b.inLanguage("zh-Hant", names...)
	b.waitText("[data-testid=order-total]", "¥5,800")
	payOnHostedPage(b, "4242 4242 4242 4242", false)
	b.click("[data-testid=card-pay]", "[data-testid=result]")
	b.waitText("[data-testid=result-status]", "已付款")
	b.waitText("[data-testid=result-headline]", words(t, "zh-Hant", "result.head_paid"))
	b.waitText("[data-testid=paid-amount]", "¥5,800")
	b.waitText("[data-testid=paid-method]", "Visa •••• 4242")
	if at := b.text("[data-testid=paid-at]"); !strings.Contains(at, "年") || !strings.Contains(at, "日") {
		t.Fatalf("paid at %q: not a Chinese date", at)
	}
	b.inLanguage("zh-Hant", names...)
	b.visit("/orders")
	b.waitText("[data-testid=order-status]", "已付款")
	b.inLanguage("zh-Hant", names...)
}

// Every language's words fit a phone: with the longest words (Thai,
// Indonesian, Malay), the buyer pages and the footer's switcher never
// make the page scroll sideways at 390 px.
func TestEveryLanguageFitsAPhone(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	signUp(b, "phone-words@example.com")
	buy(b, "furoshiki")
	var checkout string
	b.run(chromedp.Location(&checkout))
	checkout = strings.TrimPrefix(checkout, srv.URL)
	result := strings.Replace(checkout, "/checkout/", "/orders/", 1)
	b.asPhone()
	for _, l := range lang.Languages {
		b.visit("/")
		b.switchTo(l.Code)
		for _, path := range []string{"/", checkout, result, "/orders", "/wallets", "/no/such/page"} {
			b.visit(path)
			b.noSidewaysScroll()
		}
	}
}
