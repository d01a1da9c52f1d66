package e2e

import (
	"context"
	"fmt"
	"net/url"
	"testing"

	"antom-checkout/lang"
)

// A card payment Antom refused (PROCESS_FAIL: "please try again or pay
// another way") has a result page that keeps its language's whole words
// (lang.Language.Whole) on one line at the desktop's width and at every
// phone width from 320 to 390 px: Thai writes no spaces, and "อีกครั้ง"
// (again) broke "อีก|ครั้ง" wherever a line ended there. The headline
// read in en, ko and th is the catalog's. Only Thai's page is sure to
// hold one of its whole words ("อีกครั้ง"); English's and Korean's (the
// storefront's test-payment figures, "e-wallet") are other pages' words,
// looked for here all the same and checked where they are shown.
func TestRefusedResultKeepsWordsWhole(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	b.viewport(desktopWidth, desktopHeight, false)
	buy(b, "teapot")
	ref, cardPage := openCardPage(b)
	u, err := url.Parse(cardPage)
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.App.Sandbox().SettlePayment(context.Background(), u.Query().Get("paymentId"), false); err != nil {
		t.Fatal(err)
	}
	b.visit("/orders/" + ref)
	b.waitText("[data-testid=result-status]", words(t, "en", "orders.state_failed"))
	for _, code := range []string{"en", "ko", "th"} {
		l, _ := lang.ByCode(code)
		whole := l.Whole()
		if code == "th" && !contains(whole, "อีกครั้ง") {
			t.Error(`"อีกครั้ง" is not among Thai's whole words`)
			whole = append(whole, "อีกครั้ง") // looked at all the same
		}
		b.switchTo(code)
		b.waitText("[data-testid=result-headline-text]", words(t, code, "result.head_failed"))
		b.viewport(desktopWidth, desktopHeight, false)
		b.fullScreenshot(code + "-1280")
		if len(whole) > 0 {
			b.wordsOnOneLine(whole)
		}
		for width := int64(320); width <= phoneWidth; width += 2 {
			b.viewport(width, phoneHeight, true)
			if width == 320 || width == phoneWidth {
				b.fullScreenshot(fmt.Sprintf("%s-%d", code, width))
				b.noSidewaysScroll()
			}
			if seen := b.wordsOnOneLine(whole); code == "th" && seen == 0 {
				t.Fatalf("%s at %d px: none of %q on the refused result page", code, width, whole)
			}
		}
	}
	if b.wordsOnOneLine([]string{"อีกครั้ง"}) == 0 {
		t.Fatal(`"อีกครั้ง" is not on the Thai refused page`)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
