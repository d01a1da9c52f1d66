package sandbox

import (
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

// getIn loads a URL as a browser asking for languages accept.
func (b *browser) getIn(rawURL, accept string) (page, http.Header) {
	b.t.Helper()
	req, err := http.NewRequest(http.MethodGet, rawURL, nil)
	must(b.t, err)
	req.Header.Set("Accept-Language", accept)
	resp, err := b.c.Do(req)
	must(b.t, err)
	return readPage(b.t, resp), resp.Header
}

// postIn submits a form as a browser asking for languages accept.
func (b *browser) postIn(rawURL, accept string, form url.Values) page {
	b.t.Helper()
	req, err := http.NewRequest(http.MethodPost, rawURL, strings.NewReader(form.Encode()))
	must(b.t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept-Language", accept)
	resp, err := b.c.Do(req)
	must(b.t, err)
	return readPage(b.t, resp)
}

// wordsOf are the card page's words in language code.
func wordsOf(t *testing.T, code string) *cardWords {
	t.Helper()
	for _, l := range cardLanguages {
		if l.code == code {
			return l.words
		}
	}
	t.Fatalf("no card page language %s", code)
	return nil
}

// The hosted card page speaks the browser's language, as Antom's does:
// the best of the merchant app's seven for Accept-Language (Taiwan's and
// Hong Kong's Chinese read Traditional), English for any other — its
// <html lang>, Content-Language, labels, button, cancel link and field
// errors alike, and the sandbox's aids: the test cards' heading and help
// ("Sandbox test cards" was English on the Traditional Chinese page:
// trial) — their list, for testers, stays English and says so.
func TestCardPageSpeaksTheBrowsersLanguage(t *testing.T) {
	l := newLinkSetup(t)
	for _, tc := range []struct{ accept, code string }{
		{"", "en"}, {"fr-FR,fr;q=0.9", "en"}, {"ko-KR,ko;q=0.9", "ko"}, {"zh-TW", "zh-Hant"}, {"zh-HK", "zh-Hant"},
		{"zh-CN", "zh-Hans"}, {"zh", "zh-Hans"}, {"th-TH", "th"}, {"ms-MY", "ms"}, {"id", "id"}, {"de, ms;q=0.5", "ms"},
	} {
		resp := l.startCard(t, cardReq("card-lang-"+tc.code+"-"+tc.accept, "USD", 2000, ""))
		b := newBrowser(t)
		form, h := b.getIn(resp.NormalURL, tc.accept)
		wd := wordsOf(t, tc.code)
		what := fmt.Sprintf("Accept-Language %q", tc.accept)
		equal(t, h.Get("Content-Language"), tc.code, what+": Content-Language")
		form.has(t, what, `<html lang="`+tc.code+`">`, `<label for="number">`+template.HTMLEscapeString(wd.CardNumber)+`</label>`,
			template.HTMLEscapeString(fmt.Sprintf(wd.Pay, cardAmount(tc.code, "USD", 2000))), template.HTMLEscapeString(wd.Cancel),
			template.HTMLEscapeString(wd.Footer), `<summary>`+template.HTMLEscapeString(wd.TestCards)+`</summary>`,
			template.HTMLEscapeString(wd.TestCardsHelp), `<ul class="plain" lang="en" data-testid="card-test-list">`)
		if tc.code != "en" && strings.Contains(form.body, "Sandbox test cards") {
			t.Errorf("%s: the test cards' heading is English", what)
		}

		bad := cardFields(resp.PaymentID, "4242 4242 4242 4241")
		bad.Set("name", "")
		errs := b.postIn(l.url+"/sandbox/card/pay", tc.accept, bad)
		equal(t, errs.status, http.StatusUnprocessableEntity, what+": a bad card")
		errs.has(t, what+": its errors", template.HTMLEscapeString(wd.NumberInvalid), template.HTMLEscapeString(wd.NameEmpty))
	}
}

// The hosted card page speaks the language pay's env.deviceLanguage
// names, whatever the browser asks for: a buyer who chose Thai in the
// shop, on a browser set to English, read the page in English with
// "JPY 2,400" — it now reads Thai, the order's description as pay sent
// it, and the amount as the shop's Thai pages write it (cardAmount, the
// merchant app's lang.Money) — on the form, its field errors, the 3-D
// Secure challenge (its sandbox hint too) and a payment ended. A deviceLanguage it does not
// speak (or none) leaves the browser's.
func TestCardPageSpeaksTheLanguagePaySent(t *testing.T) {
	l := newLinkSetup(t)
	for _, tc := range []struct{ device, accept, code string }{
		{"th", "en-US,en;q=0.9", "th"}, {"zh-Hant", "en", "zh-Hant"}, {"zh_TW", "", "zh-Hant"}, {"zh_CN", "th", "zh-Hans"}, {"th_TH", "en", "th"}, {"ms_MY", "", "ms"}, {"ko-KR", "th", "ko"},
		{"fr", "ko", "ko"}, {"", "id", "id"},
	} {
		what := fmt.Sprintf("deviceLanguage %q, Accept-Language %q", tc.device, tc.accept)
		req := cardReq("card-device-"+tc.code+"-"+tc.device, "JPY", 2400, "")
		req.Order.OrderDescription = "1 × กาน้ำชาโทโคนาเมะ"
		req.Env.DeviceLanguage = tc.device
		resp := l.startCard(t, req)
		b := newBrowser(t)
		form, h := b.getIn(resp.NormalURL, tc.accept)
		wd := wordsOf(t, tc.code)
		amount := cardAmount(tc.code, "JPY", 2400)
		if strings.Contains(amount, "JPY") {
			t.Fatalf("%s: the amount %q is written with the currency's code", what, amount)
		}
		equal(t, h.Get("Content-Language"), tc.code, what+": Content-Language")
		form.has(t, what, `<html lang="`+tc.code+`">`, template.HTMLEscapeString(wd.CardNumber),
			`data-testid="card-amount">`+amount+`<`, template.HTMLEscapeString(fmt.Sprintf(wd.Pay, amount)),
			// The description, its quantity kept on the item's line (.qty), its
			// words kept whole (Thai's "โทโคนาเมะ") boxed (.term), the one
			// beside the quantity in its span.
			`data-testid="card-description"><span class="qty">1 × กาน้ำชา</span><span class="term">โทโคนาเมะ</span></p>`)

		bad := cardFields(resp.PaymentID, "4242 4242 4242 4241")
		errs := b.postIn(l.url+"/sandbox/card/pay", tc.accept, bad)
		equal(t, errs.status, http.StatusUnprocessableEntity, what+": a bad card")
		errs.has(t, what+": its errors", `<html lang="`+tc.code+`">`, template.HTMLEscapeString(wd.NumberInvalid))

		sent := b.postIn(l.url+"/sandbox/card/pay", tc.accept, cardFields(resp.PaymentID, "4000 0000 0000 3220"))
		challenge, _ := b.getIn(l.url+sent.location, tc.accept)
		challenge.has(t, what+": the challenge", `<html lang="`+tc.code+`">`, template.HTMLEscapeString(wd.ChallengeTitle),
			// The sandbox's hint too: English on the Thai page (trial).
			`data-testid="challenge-hint">`+fmt.Sprintf(template.HTMLEscapeString(wd.ChallengeHint), "<code>123456</code>")+`<`)
		if strings.Contains(challenge.body, "the code is") {
			t.Errorf("%s: the challenge's hint is English", what)
		}
		b.postIn(l.url+"/sandbox/card/challenge", tc.accept, url.Values{"paymentId": {resp.PaymentID}, "code": {"123456"}})
		ended, _ := b.getIn(resp.NormalURL, tc.accept)
		ended.has(t, what+": the payment ended", `<html lang="`+tc.code+`">`, template.HTMLEscapeString(wd.FinishedTitle))
	}
}

// Every language has every word of the card page, none empty, each its
// own (not English's: CVC alone is the same everywhere, a card's own
// word), and the formats take what English's take.
func TestCardWordsComplete(t *testing.T) {
	en := reflect.ValueOf(*cardLanguages[0].words)
	for _, l := range cardLanguages[1:] {
		v := reflect.ValueOf(*l.words)
		for i := range v.NumField() {
			name, got, want := v.Type().Field(i).Name, v.Field(i).String(), en.Field(i).String()
			switch {
			case got == "":
				t.Errorf("%s: %s is empty", l.code, name)
			case got == want && name != "CVC":
				t.Errorf("%s: %s is English's words %q", l.code, name, got)
			case strings.Count(got, "%") != strings.Count(want, "%"):
				t.Errorf("%s: %s takes %d values, English's %d", l.code, name, strings.Count(got, "%"), strings.Count(want, "%"))
			}
		}
	}
}
